"""zeros ones eye arange zeros_like full ones_like as starting values and masks."""
import numpy as np


def f(x, n):
    acc = np.zeros(3)
    for i in range(n):
        acc = acc + x * (i + 1)
    e = np.eye(3)
    r = np.arange(3) + 1.0
    h = np.arange(0.0, 1.5, 0.5)
    z = np.zeros_like(x) + x * x
    o = np.ones((3, 3)) * 0.5 + e
    full = np.full(3, 2.5) * x + np.ones_like(x)
    return np.sum(o @ acc) + np.dot(r, z) + np.sum(full * h)


ARGS = (np.array([0.3, -1.2, 0.8]), 3)
