"""np.maximum minimum where clip sign: piecewise selections away from their switches."""
import numpy as np


def f(x, y):
    a = np.maximum(x, y) + np.minimum(x, 0.5)
    b = np.where(x > y, x * y, x - y) + np.where(x > 0.0, x, 0.0)
    c = np.clip(x, -1.0, 1.0) * np.sign(y) + np.maximum(0.0, y)
    return np.sum(a * b + c)


ARGS = (np.array([0.3, -1.6, 2.0, 0.9]), np.array([1.0, -0.5, 1.5, -0.2]))
