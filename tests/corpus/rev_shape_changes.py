"""Names that start as numbers and become arrays in a loop (s = s + v * i): the adjoint sums
each pass's adjoint back to the shape the name had before it."""
import numpy as np


def f(v, n):
    s = 0.0
    for i in range(n):
        s = s + v * i
    t = 1.0
    for i in range(n):
        t = t * (v + i)
    u = 2.0
    u = u * v
    return np.sum(s * t) + np.sum(u)


ARGS = (np.array([0.3, -0.5, 0.8]), 3)
