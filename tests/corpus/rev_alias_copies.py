"""Names bound to other names (no copy, as in Python) read through indices and slices in
loops, so that several adjoints would share one array if the adjoint code aliased them."""
import numpy as np


def f(x, y):
    a = x
    b = a
    s = 0.0
    for i in range(3):
        s = s + a[i] * b[i] + x[i]
        b = b * 0.5 + y
        a = b
    c = y
    s = s + np.sum(c[1:] * y[:2]) + np.sum(a * b)
    d = c
    return s * d[0] + np.sum(d)


ARGS = (np.array([0.5, -1.0, 0.8]), np.array([1.2, 0.3, -0.6]))
