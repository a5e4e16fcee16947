"""Found by the fuzzer (tests/fuzz.py), shrunk by hypothesis to the first loop: a loop whose
passes give a name a constant (x = math.sin(0.5)) left its adjoint uncut, so reverse mode
passed b_out on to the parameter (<J^T u, v> = -0.0166 where <u, J v> = 0)."""
import math

import numpy as np


def f(x, y, w, n):
    a1 = np.ones(3)
    for i2 in range(1):
        x = math.sin(0.5)
    k = 0
    while k < n:
        y = 2.0
        k = k + 1
    z = w * y * 1.5
    for i in range(n - 2):          # runs no pass: z keeps its adjoint
        z = 0.25
    return x * y + x + z * np.sum(a1)


def g(x, y, w, n):
    r = f(x, y, w, n)
    return np.sum(r * r)


ARGS = (0.411, -0.7, 1.3, 2)
WRT = (0, 1, 2)
HESSIAN_WRT = 2
SEED = 0
