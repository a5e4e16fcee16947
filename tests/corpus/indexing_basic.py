"""x[i], x[i, j], x[:, k], x[1:], x[::-1], x[None], negative indices and row slices."""
import numpy as np


def f(x, m, k):
    a = x[0] * x[-1] + m[1, 2] * m[0, 0]
    col = m[:, k]
    tail = x[1:]
    rev = x[::-1]
    row = m[None]
    b = np.sum(col * col) + np.sum(tail * rev[:-1]) + np.sum(row[0, 1, :2] * x[:2])
    c = np.sum(m[0] * m[1]) + np.sum(m[:, 1:] @ x[1:]) + np.sum(x[None, :] * m)
    d = m[..., 0][k] * x[k]
    return a * b + c + d


ARGS = (np.array([0.3, -1.2, 0.8]), np.array([[1.0, 2.0, 0.5], [-0.5, 0.4, 1.5]]), 1)
