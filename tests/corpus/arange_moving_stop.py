"""np.arange whose stop carries a derivative: its entries do not move with it (derivative zero
almost everywhere); np.arange(n) scaled by x does. (A start or step carrying one is refused.)"""
import numpy as np


def f(x, n):
    a = np.arange(n) * x + np.arange(1.0, 4.0 + x)
    return np.sum(a * a)


ARGS = (0.3, 4)
WRT = (0,)
