"""User functions called from loops on names that are overwritten right after the call (the
adjoint calls the callee's adjoint with the values the call saw)."""
import math

import numpy as np


def g(u, w):
    return u * math.exp(-w * w) + w


def h(v, s):
    return np.sin(v) * s + v * v


def f(x, y, v):
    for i in range(5):
        t = g(x, y)
        x = x * 0.5 + t
        y = t - y * 0.3
    for i in range(3):
        w = h(v, x)
        v = w * 0.5
        x = x + np.sum(w) * 0.01
    return x * y + np.sum(v)


ARGS = (0.3, 0.8, np.array([0.2, -0.4, 0.9]))
