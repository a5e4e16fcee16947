"""Conditions built from conditional expressions, calls and nested and/or/not."""
import math

import numpy as np


def f(x, y):
    s = x
    n = 0
    while (s if y > 0 else -s) < 4.0 and (n < 2 or math.exp(s) < 20.0):
        s = s * 1.4 + y
        n += 1
    t = max(s, y) if not (s < 0 or y < 0) else min(s, y)
    u = abs(n - 3) * s + abs(y - 5)
    v = np.sum(np.where(np.array([x, y]) > 1.0, np.array([x, y]), 0.0))
    return s * t + u + v


ARGS = (0.7, 1.3)
