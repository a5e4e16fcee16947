"""Scalars and arrays mixed: a scalar becomes an array, an array element becomes a scalar."""
import math

import numpy as np


def f(x, v):
    s = x
    s = s * v
    t = v[0] * x
    u = math.sin(t) + np.sum(s)
    w = u if u > 0.0 else -u
    acc = 0.0
    for i in range(len(v)):
        acc = acc + v[i] * w
    acc = acc * np.ones(2)
    return acc + s[:2]


ARGS = (0.6, np.array([0.5, -1.0, 2.0]))
