"""Entries of a fresh array set one by one from products of the input, then read back:
y = np.zeros(3); y[0] = x[0] * x[1]; ..."""
import numpy as np


def f(x):
    y = np.zeros(3)
    y[0] = x[0] * x[1]
    y[1] = x[1] * x[2]
    y[2] = y[0] * x[2] + y[1]
    y[0] = y[2] * y[0]
    return np.sum(y * x) + y[1]


ARGS = (np.array([0.5, -1.2, 2.0]),)
