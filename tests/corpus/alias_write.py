"""Writing into an array through another name: a copy of the name, a slice, a reshape."""
import numpy as np


def f(x, a):
    w = np.zeros(3)
    y = w
    y[0] = x
    v = w[1:]
    v[0] = x * x
    m = np.reshape(w, (3, 1))
    m[2, 0] = 3.0 * x
    b = a * 2.0
    c = b + 1.0
    b[0] = x
    d = b * 1.0
    d[1] = 0.0
    return np.sum(w * w) + np.sum(c * b) + np.sum(d)


ARGS = (0.7, np.array([0.5, 1.0, 1.5]))

REVERSE_REFUSED = "may share memory"
