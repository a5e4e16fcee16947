"""Nested tuples: packed, indexed, unpacked, returned (including an array built from scalars)."""
import numpy as np


def f(x, a):
    pair = (x, 1.0)
    trip = (a, x * a, pair)
    b = trip[2][0] * trip[1] + pair[1]
    (p, q), r = (x, a), trip[0]
    return (b, (p * q, r)), np.array([x, a])


ARGS = (0.7, 1.3)
