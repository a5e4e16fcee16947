"""Found by the fuzzer (tests/fuzz.py): a row written at an index held in a name (s[n] = x)
got a zero adjoint in reverse mode: the adjoint of x was a view of the row of s's adjoint,
which the reverse sweep then set to zero (gradient [0, 0, 0] instead of 2 x)."""
import numpy as np


def f(x, n):
    s = np.zeros((2, 3))
    s[n] = x
    return np.sum(s * s)


def g(x, n):
    r = f(x, n)
    return r


ARGS = (np.array([1.5, -0.5, 1.25]), 1)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 336
