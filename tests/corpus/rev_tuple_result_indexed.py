"""A callee's tuple of results kept whole and indexed (r[0], r[1]) rather than unpacked: its
adjoint is a list of the parts' adjoints."""
import numpy as np


def moments(x):
    return np.sum(x) / 3.0, x * x, 2.0


def f(x, s):
    r = moments(x * s)
    return r[1] * r[0] + r[2] * s


ARGS = (np.array([0.5, -1.2, 2.0]), 0.7)
