"""A tuple holding one name twice, t = (x * y, x, x), passed only one of its two adjoints back
to x (reverse mode; found while minimizing a fuzzer failure)."""
import math

import numpy as np


def f(x, y):
    t = (x * y, x, x)
    return t


def g(x, y):
    a, b, c = f(x, y)
    return a * b + math.sin(c)


ARGS = (0.7, -1.3)
WRT = (0, 1)
HESSIAN_WRT = 0
SEED = 3
