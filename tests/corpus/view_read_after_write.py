"""A view taken before a write into its array and read after it sees the written entries
(found by the fuzzer: reverse mode, following adjoints per name, got it silently wrong, then
refused it; now it takes the view again after the write)."""
import numpy as np


def f(x, y):
    a = np.ones((2, 2)) * x
    t = a[1]
    a[1] = np.tanh(y[-1] + x)
    return t * y[0]


ARGS = (0.3, np.array([0.2, -0.4]))
