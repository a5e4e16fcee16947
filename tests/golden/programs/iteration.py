import numpy as np


def weighted_rows(X, w):
    total = 0.0
    for i, row in enumerate(X):
        total = total + (i + 1) * np.dot(row, w)
    return total


def first_above(xs, t):
    for x in xs:
        if x > t:
            break
    else:
        x = t
    return x * x
