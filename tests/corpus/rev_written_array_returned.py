"""An array written in place after its values were read, returned with the value read: the
adjoint restores the old entries, which must not change the value returned."""
import numpy as np


def f(x, a):
    y = x * a
    s = np.sum(y * y)
    y[0] = s * a
    for i in range(1, 3):
        t = y * y
        y[i] = np.sum(t) * 0.1
        s = s + np.sum(t * x)
    return y, s


ARGS = (np.array([0.5, -1.0, 0.8]), 1.3)
