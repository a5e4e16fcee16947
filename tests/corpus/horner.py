"""Horner's rule over an array of coefficients, iterated backwards with a step of -1."""
import numpy as np


def f(coeffs, x):
    n = len(coeffs)
    acc = coeffs[n - 1]
    for i in range(n - 2, -1, -1):
        acc = acc * x + coeffs[i]
    return acc


ARGS = (np.array([1.0, -2.0, 0.5, 3.0]), 0.7)
