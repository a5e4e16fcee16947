"""if/elif/else chains inside loops, each branch overwriting the same names differently, some
branches leaving a value untouched (its adjoint must pass through unchanged)."""
import math

import numpy as np


def f(x, c):
    s = x
    m = 1.0
    for i in range(8):
        r = math.sin(s * 3.0 + i)
        if r > 0.5:
            s = s * c
            m = m * r
        elif r > 0.0:
            s = s + r * c
        elif r > -0.5:
            m = m + s * s
        else:
            s = s - m * 0.1
            m = m * 0.5
    w = np.array([s, m, s * m])
    for k in range(3):
        if w[k] > 1.0:
            w = w * 0.5 - 0.6
        elif w[k] < 0.0:
            w = w * w
    return np.sum(w) + s * m


ARGS = (0.7, 1.2)
