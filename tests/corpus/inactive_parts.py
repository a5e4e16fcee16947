"""Values that carry no derivative mixed in: integer arithmetic, comparisons, constants."""
import math

import numpy as np


def f(x, n, v):
    k = n * 2 + 1
    c = float(k) / 3.0
    flag = x > 0.5
    z = np.zeros(3)
    z = z + c
    base = 2.0 if flag else 1.0
    m = math.floor(x * 3.0)
    return x * c + base * x + m + np.sum(z * v) + np.sum(np.ones(3))


ARGS = (0.7, 3, np.array([0.5, -1.0, 2.0]))
