"""Found by the fuzzer (tests/fuzz.py): x ** 0 at x = 0 at second order: the tangent of the
adjoint was 0 * _power_tangent(x, -1, ...), 0 * inf, and sct.hessian gave NaN (expected 0)."""
import numpy as np


def f(x):
    return x ** 0


def g(x):
    r = f(x)
    return np.sum(r * r)


ARGS = (0.0,)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 1
