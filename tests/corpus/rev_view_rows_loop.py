"""Rows of a matrix taken as views in a loop, read by the adjoint (row ** 3) after entries of the
matrix under them are overwritten in the same and later passes."""
import numpy as np


def f(x):
    m = np.outer(x, x) + 1.0
    s = 0.0
    for i in range(3):
        row = m[i]
        s = s + np.sum(row ** 3) * 0.1
        m[i, i] = s * x[i]
        m[(i + 1) % 3] = m[i] * 0.5
    return s + np.sum(m * m)


ARGS = (np.array([0.6, -0.4, 0.9]),)
