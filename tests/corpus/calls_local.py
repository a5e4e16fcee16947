"""Calls to functions of the same module: called twice, with keywords and defaults."""
import math


def g(x, y, scale=2.0):
    return scale * x * y + math.sin(x)


def h(x):
    return g(x, x * x) + g(1.0, x, scale=0.5)


def f(a, b):
    u = g(a, b)
    v = g(b, a, 3.0)
    w = g(y=a, x=b, scale=a)
    return u * v + w + h(a)


ARGS = (0.7, 1.3)
