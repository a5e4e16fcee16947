"""A vector filled by a recurrence in a loop: y[i] = y[i - 1] * x[i] + sin(x[i])."""
import numpy as np


def f(x):
    y = np.zeros(len(x))
    y[0] = x[0]
    for i in range(1, len(x)):
        y[i] = y[i - 1] * x[i] + np.sin(x[i])
    return y


ARGS = (np.array([0.4, 1.1, -0.7, 0.9, 0.3]),)
