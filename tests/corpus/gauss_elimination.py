"""Gaussian elimination without pivoting on a copy: row updates by slices, then the determinant."""
import numpy as np


def f(a, x):
    m = a.copy()
    n = m.shape[0]
    for k in range(n):
        m[k, k] = m[k, k] + x
        for j in range(k + 1, n):
            m[j, :] = m[j, :] - m[j, k] / m[k, k] * m[k, :]
    d = 1.0
    for k in range(n):
        d = d * m[k, k]
    return d


ARGS = (np.array([[2.0, 0.5, -0.3], [0.1, 1.5, 0.7], [0.4, -0.2, 3.0]]), 0.3)
