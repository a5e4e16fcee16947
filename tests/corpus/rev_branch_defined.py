"""Names first bound inside branches and loops and read after them, some overwritten on only
one path, so the forward sweep saves names that may not be bound yet."""
import math


def f(x, y):
    if x > 0.0:
        a = x * y
    else:
        a = y
    for i in range(3):
        b = a * i + x
        if b > 1.0:
            c = b * b
            a = a + c * 0.1
        else:
            c = math.exp(b)
    for i in range(2):
        d = c * y
        c = d + b
    return a + b + c + d


ARGS = (0.9, 0.7)
