"""np.power square reciprocal negative, and the arithmetic ufuncs."""
import numpy as np


def f(x, p):
    a = np.power(x, 3) + np.power(x * x + 1.0, p) + np.power(2.0, x)
    b = np.square(x - p) + np.reciprocal(x * x + 1.0) + np.negative(x) * p
    c = np.add(x, p) * np.subtract(p, x) + np.multiply(x, x) + np.divide(p, x * x + 2.0)
    return np.sum(a * b) + np.sum(c)


ARGS = (np.array([0.4, 1.1, 0.7]), 1.6)
