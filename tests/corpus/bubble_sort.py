"""Bubble sort with swaps through index assignment: the derivative permutes the tangents.
Reverse mode refuses it (bubble_sort_numbers.py holds the number it swaps in a float)."""
import numpy as np


def f(x):
    y = np.copy(x)
    n = len(y)
    for i in range(n):
        for j in range(n - 1 - i):
            if y[j] > y[j + 1]:
                t = y[j]
                y[j] = y[j + 1]
                y[j + 1] = t
    w = np.arange(n) + 1.0
    return np.sum(w * y * y)


ARGS = (np.array([0.3, -1.2, 2.8, 1.5, -0.4]),)

# t = y[j] is a view of a row of y if x has two dimensions, which sct cannot rule out
REVERSE_REFUSED = "'t' is taken from 'y' by an index of numbers"
