"""Integer-array and boolean-mask indexing."""
import numpy as np


def f(x, m):
    idx = np.array([2, 0, 0, 3])
    picked = x[idx]
    mask = x > 0.0
    pos = x[mask]
    rows = m[np.array([1, 0]), :]
    big = m[m > 0.5]
    return np.sum(picked * picked) + np.sum(pos ** 3) + np.sum(rows @ x[:3]) + np.sum(big)


ARGS = (np.array([0.3, -1.2, 0.8, 1.5]), np.array([[1.0, 2.0, 0.2], [-0.5, 0.4, 1.5]]))
