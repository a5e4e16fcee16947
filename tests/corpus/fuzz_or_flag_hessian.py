"""Found by the fuzzer (tests/fuzz.py): the Hessian of a function whose branch assigns a name
its condition reads failed: reverse mode stores the condition in a flag (w = a <= b or c > d)
and the forward pass over that code refused 'and'/'or' outside conditions."""
import math

import numpy as np


def f(x, z):
    if z > 0.0:
        if (z <= 0.3) or (z > 1.0):
            z += z * x
    return z * x * x


def g(x, z):
    r = f(x, z)
    return np.sum(np.sin(r))


ARGS = (0.5, 0.2)
WRT = (0, 1)
HESSIAN_WRT = 1
SEED = 49691
