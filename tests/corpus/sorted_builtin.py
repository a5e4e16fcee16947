"""Python's sorted of a tuple (a display) and of a 1-d array, indexed, iterated and zipped: the
derivative follows the permutation sorted applies (found by the same comparisons, so ties keep
their order as Python's stable sort keeps them), reverse=True too."""
import numpy as np


def f(x, y, v):
    t = sorted((x, y * y, 0.5, x * y))
    u = sorted(v)
    s = t[0] * 2.0 + t[1] * t[2] + u[0] * u[-1] * t[3]
    for w in sorted(v * x, reverse=True):
        s = s * 0.5 + w * w
    return s + sum(a * b for a, b in zip(t, u))


ARGS = (0.7, -1.3, np.array([0.2, -0.5, 1.1]))
