"""Index assignment through integer arrays and boolean masks."""
import numpy as np


def f(x):
    y = np.zeros(4)
    idx = np.array([0, 2])
    y[idx] = x[:2] * 3.0
    mask = x > 0.5
    z = x * 1.0
    z[mask] = 0.0
    z[idx] += x[1:3]
    return np.sum(y * y) + np.sum(z * z)


ARGS = (np.array([0.7, 0.3, 0.9, -0.2]),)
