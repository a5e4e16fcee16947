"""Index assignment in a loop reading an earlier element: y[i] = y[i-1] * x, a 2-d recurrence
and an element overwritten twice (the adjoint restores each old element)."""
import numpy as np


def f(x, a, n):
    y = np.zeros(n)
    y[0] = a[0]
    for i in range(1, n):
        y[i] = y[i - 1] * x + a[i % 3]
    z = np.ones((3, 3))
    for i in range(1, 3):
        for j in range(1, 3):
            z[i, j] = z[i - 1, j] * x + z[i, j - 1] * y[j]
    for i in range(n):
        y[i] = y[i] * y[i] + x
    y[0] = y[1] * y[2]
    return np.sum(y * y) + np.sum(z)


ARGS = (0.8, np.array([0.5, -0.3, 1.2]), 5)
