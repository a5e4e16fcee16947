"""A tuple of a number and an array, bound twice (its adjoint and tangent are lists of zeros
of the items' shapes), and a callee returning such a tuple (found by the fuzzer)."""
import numpy as np


def pair(p, q):
    return q[0] * p, np.sin(p) * q


def f(x, y):
    t = (x, np.ones(2) * x)
    if x > 0.0:
        t = (x * 2.0, y * y)
    a, b = pair(x, y)
    return t[0] * np.sum(t[1]) + np.sum(a * b)


ARGS = (0.3, np.array([0.5, 1.5]))
