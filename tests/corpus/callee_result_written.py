"""Callees whose results the caller writes into: fresh results, and a result that is the
argument itself (writing into it writes into the caller's array, as in Python)."""
import numpy as np


def shifted(v, c):
    return v + c


def copied(v):
    return v * 1.0


def same(v):
    return v


def total_after_clear(v):
    v[0] = 0.0
    return np.sum(v)


def f(a):
    x = a * 2.0
    y = shifted(x, 1.0)
    y[0] = 0.0
    z = copied(x)
    z[1] = 0.0
    s = np.sum(y) + np.sum(z) + np.sum(x * x)
    u = x * 3.0
    t = same(u)
    t[1] = 5.0
    s2 = total_after_clear(u)
    return s + s2 + np.sum(u * x)


ARGS = (np.array([0.5, 1.0, 1.5]),)

REVERSE_REFUSED = "may share memory"
