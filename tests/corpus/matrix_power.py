"""Repeated squaring in a while loop driven by an integer, and a matrix exponential series."""
import numpy as np


def f(a, n):
    result = np.eye(2)
    base = a
    k = n
    while k > 0:
        if k % 2 == 1:
            result = result @ base
        base = base @ base
        k = k // 2
    term = np.eye(2)
    expm = np.eye(2)
    for i in range(1, 12):
        term = term @ a / i
        expm = expm + term
    return np.sum(result) + np.trace(expm)


ARGS = (np.array([[0.5, 0.2], [-0.3, 0.4]]), 5)
