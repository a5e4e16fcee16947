import numpy as np


def f(x):
    y = np.zeros(3)
    y[0] = x[0] * x[1]
    y[1:] += x[1:] ** 2
    return np.sum(y * x)
