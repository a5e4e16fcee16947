"""A callee with loops and branches of its own (a while loop, a for loop with break, an
if/else), called twice with different arguments and its results combined."""
import math


def damped(x, k):
    y = x
    n = 0
    while y * y < 4.0 and n < 20:
        y = y * 1.4 + k
        n = n + 1
    for i in range(10):
        if y > 3.0:
            y = math.sqrt(y) + k * i * 3.0
        else:
            y = y * y * 0.8
        if y > 7.0:
            break
    return y * x


def f(x, k):
    a = damped(x, k)
    b = damped(k * 0.5, a * 0.1)
    return a + b * x


ARGS = (0.5, 0.3)
