"""An output that does not depend on the input at all, next to one that does."""
import numpy as np


def f(x, y):
    a = np.zeros(3)
    b = 2.0
    if x > 100.0:
        b = x
    return a, b, np.floor(y) + x * 0.0, y * y


ARGS = (1.5, np.array([0.3, 1.7]))
