"""A matrix built from an outer product and then edited by rows, columns and blocks."""
import numpy as np


def f(x):
    m = np.outer(x, x) + np.eye(3)
    m[0, :] = m[0, :] * 2.0
    m[:, 1] += x
    m[1:, 2] -= x[1:] * x[0]
    m[2] = x
    return np.linalg.det(m) + np.sum(np.linalg.inv(m @ m.T + np.eye(3)))


ARGS = (np.array([0.3, -1.2, 0.8]),)
