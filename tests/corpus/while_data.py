"""A while loop whose condition depends on differentiated data, with a counter in the test."""
import math


def f(x, y):
    s = x
    n = 0
    while s < 10.0 * y:
        s = s * 1.5 + math.sqrt(y)
        n += 1
    return s / (n + 1) + math.cos(s)


ARGS = (0.7, 1.3)
