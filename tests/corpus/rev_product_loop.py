"""Names overwritten in a loop whose old values the adjoint reads backwards: ``x = x * y``,
``y = y * x``, an array scaled in place by a name (``v = v * s``) and a running product."""
import math

import numpy as np


def f(x, y, v, n):
    p = 1.0
    for i in range(n):
        x = x * y + math.sin(x)
        y = y * x * 0.5
        p = p * (1.0 + 0.1 * x)
        v = v * math.cos(y) + x
    s = 0.0
    for i in range(n):
        s = s * x * 0.3 + np.sum(v * v) * 0.1
        v = np.tanh(v * 0.2) * s
    return x * y + p + s + np.sum(v)


ARGS = (0.4, 0.9, np.array([0.3, -0.5, 0.8]), 4)
