"""Found by the fuzzer (tests/fuzz.py): parameters of different shapes swapped in a branch
(x, z = z, x) got zero adjoints of each other's shape (adjoint of x of shape (2, 2), expected
())."""
import math

import numpy as np


def f(x, y, z):
    if x != 2.0:
        if not ((x * 0.5 + 1.0) != 2.0):
            a1 = y * np.ones(2)
        else:
            x /= (1.5 + (x) ** 2)
            x, z = z, x
    else:
        z = ((z) ** 3)
    return y * np.sum(np.sin(y * z))


def g(x, y, z):
    r = f(x, y, z)
    return np.sum(r)


ARGS = (0.553, -0.095, np.array([[1.024, -0.479], [-0.319, -1.031]]))
WRT = (0, 1, 2)
HESSIAN_WRT = 2
SEED = 57
