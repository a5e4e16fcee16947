"""Bubble sort with swaps through index assignment, the entry held as a number (float), so
that it is no view of y: the derivative permutes the tangents in both modes."""
import numpy as np


def f(x):
    y = np.copy(x)
    n = len(y)
    for i in range(n):
        for j in range(n - 1 - i):
            if y[j] > y[j + 1]:
                t = float(y[j])
                y[j] = y[j + 1]
                y[j + 1] = t
    w = np.arange(n) + 1.0
    return np.sum(w * y * y)


ARGS = (np.array([0.3, -1.2, 2.8, 1.5, -0.4]),)

