"""Index assignment y[i] = v, y[i, j] = v, y[:, k] += v, y[1:] *= v into fresh arrays."""
import numpy as np


def f(x, a):
    y = np.zeros(4)
    for i in range(3):
        y[i] = x[i] * a
    y[3] = a * a
    m = np.ones((2, 3))
    m[0, 1] = x[2]
    m[:, 0] += x[:2]
    m[1, :] *= a
    m[:, 2] -= y[:2]
    y[1:] *= 2.0
    return np.sum(y * y) + np.sum(m @ x) + y[0] * m[1, 1]


ARGS = (np.array([0.3, -1.2, 0.8]), 1.4)
