"""Views (a slice, a reshape) read by the adjoint after entries of the array under them are
overwritten: the overwritten entries must be restored, also when the array itself is never read
by name (or is not differentiated at all)."""
import numpy as np


def f(x):
    y = x * 1.0
    v = y[1:]
    s = np.sum(v ** 3)
    y[1] = 5.0
    c = np.ones(3)
    m = np.reshape(c, (3, 1))
    t = np.sum(m[:, 0] * x * x)
    c[0] = 2.0
    c[2] = 3.0
    return s + t + np.sum(y)


ARGS = (np.array([0.5, 1.5, -0.7]),)
