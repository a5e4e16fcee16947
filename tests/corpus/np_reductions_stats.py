"""np.max min var std with axis, keepdims and ddof."""
import numpy as np


def f(m):
    a = np.max(m) - np.min(m) + np.var(m) + np.std(m)
    b = np.max(m, axis=0) * np.min(m, axis=1, keepdims=True)
    c = np.var(m, axis=1) + np.std(m, axis=0, keepdims=True).sum()
    d = np.var(m, axis=0, ddof=1)
    return a + np.sum(b) + np.sum(c) + np.sum(d)


ARGS = (np.array([[1.2, -0.7, 0.5], [0.3, 1.1, -1.4]]),)
