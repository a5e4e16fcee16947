"""np.dot matmul outer inner and the @ operator."""
import numpy as np


def f(a, x, y):
    u = a @ x
    v = np.dot(a, x) + np.matmul(a, y)
    s = np.dot(x, y) + np.inner(x, y) + x @ y
    o = np.outer(u, x)
    m = a.T @ a
    return np.sum(u * v) * s + np.sum(o) + np.trace(m) + np.dot(u, 2.0 * u)


ARGS = (np.array([[1.0, 0.5, -0.3], [0.2, -1.1, 0.8]]), np.array([0.4, -0.9, 1.3]),
        np.array([1.1, 0.3, -0.6]))
