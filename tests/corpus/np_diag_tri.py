"""diag trace tril triu."""
import numpy as np


def f(m, v):
    d = np.diag(m)
    dm = np.diag(v)
    low = np.tril(m)
    up = np.triu(m, 1)
    return np.trace(m) * np.sum(d * v) + np.sum(low @ dm) + np.sum(up * up) + np.trace(m @ dm, 1)


ARGS = (np.array([[2.0, 0.5, -0.3], [0.1, 1.5, 0.7], [0.4, -0.2, 3.0]]), np.array([0.4, -0.9, 1.3]))
