"""Found by the fuzzer (tests/fuzz.py): y[i] *= v in reverse mode read the old y[i] through a
view of y after the new value was written into it (forward and reverse disagreed: <u, J v> =
-0.390, <J^T u, v> = -0.270)."""
import math

import numpy as np


def f(x, y):
    a1 = np.ones((2, 2))
    a1[1] *= np.tanh((y[-1] + x))
    a1[:, 0] /= 1.5 + x ** 2
    return a1


def g(x, y):
    r = f(x, y)
    return np.sum(r * r)


ARGS = (0.334, np.array([-0.622, 0.516]))
WRT = (0, 1)
HESSIAN_WRT = 0
SEED = 4343
