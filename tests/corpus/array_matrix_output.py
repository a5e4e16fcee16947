"""A matrix-valued function: the outer product scaled by a norm, then a triangular part."""
import numpy as np


def f(u, v):
    m = np.outer(u, v) / np.linalg.norm(u)
    return np.tril(m) + m.T * 0.5


ARGS = (np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.8, -1.1]))
