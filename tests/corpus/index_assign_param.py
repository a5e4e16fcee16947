"""Index assignment into a copy of a parameter and into an array built from parameters."""
import numpy as np


def f(x, b):
    y = np.copy(x)
    y[0] = b * y[1]
    y[2] += y[0] * x[2]
    z = x * 1.0
    z[1] = 3.0
    w = np.zeros(3)
    w[0] = 5.0
    return np.sum(y * z) + np.dot(w, x)


ARGS = (np.array([0.5, -0.8, 1.3]), 0.6)
