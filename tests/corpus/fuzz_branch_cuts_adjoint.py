"""Found by the fuzzer (tests/fuzz.py): a name given an inactive value in every branch of an if
(a = z, z not differentiated) kept passing its adjoint to the value it held before: the
gradient with respect to x alone was 1.2 where f does not depend on x."""
import math

import numpy as np


def f(x, z):
    a = np.sum(x) * np.ones(3)
    if x[-1] > 0.5:
        a = z
    else:
        a = z * 2.0
    b = x * 0.5
    if x[0] > 5.0:
        b = np.ones(2)
    return np.sum(a * a) + np.sum(b)


def g(x, z):
    r = f(x, z)
    return np.sum(r * r)


ARGS = (np.array([0.791, 0.735]), np.array([-0.934, 0.771, -0.974]))
WRT = (0,)
HESSIAN_WRT = 0
SEED = 2592
