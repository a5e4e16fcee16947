"""for x in t over tuples: a parameter holding a tuple, a tuple display, a list display (read
as a tuple), a name bound to a tuple, tuple targets unpacked (for a, b in pairs) and a tuple of
arrays."""
import numpy as np


def weighted(t, w):
    s = 0.0
    for item in t:
        s = s + w * item
    return s


def f(x, y, v):
    s = weighted((x, y, x * y), 0.5)
    for w in (x, 2.0 * y, 3.0):
        s = s + w * w
    for w in [x, y]:
        s = s * w
    pairs = ((x, y), (y, x * y), (1.5, x))
    for a, b in pairs:
        s = s + a * b
    arrays = (v, v * x, np.sin(v))
    for a in arrays:
        s = s + np.sum(a * a)
    return s


ARGS = (0.7, -1.3, np.array([0.2, 0.5]))
