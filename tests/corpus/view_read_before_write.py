"""Views of an array read before a write into it, and a view taken after the write: reverse
mode restores the entries before the sweep reads them."""
import numpy as np


def f(x, y):
    a = np.ones((2, 2)) * x
    t = a[1]
    u = t * np.tanh(y[-1] + x)
    a[1] = u
    v = a[:, 0]
    return np.sum(a * y[0]) + np.sum(v * v)


ARGS = (0.3, np.array([0.2, -0.4]))
