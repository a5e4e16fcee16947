"""Parameters rebound inside branches and loops (swapped, scaled), with some of them not
reaching the value at all: their zero adjoints take the shapes the parameters were passed
with, not the shapes their names hold at the end."""
import numpy as np


def f(x, y, c, z):
    if c > 0.0:
        x, y = y, x
        z = np.ones(4) * c
    for i in range(2):
        if c > 1.0:
            y = y * 2.0
    s = np.sum(x) * c
    if c < 0.0:
        s = s + np.sum(y)
    return s


ARGS = (np.array([0.5, -1.0, 2.0]), np.array([[0.3], [-0.7]]), 0.8, np.array([1.0, 2.0]))
