"""np.linalg.norm: vector 2-norm, Frobenius norm, norms along an axis with keepdims."""
import numpy as np


def f(x, m):
    a = np.linalg.norm(x)
    b = np.linalg.norm(m)
    rows = np.linalg.norm(m, axis=1)
    cols = np.linalg.norm(m, axis=0, keepdims=True)
    return a * b + np.sum(rows * rows * rows) + np.sum(m / cols)


ARGS = (np.array([0.3, -1.2, 0.8]), np.array([[1.0, 2.0, 0.5], [-0.5, 0.4, 1.5]]))
