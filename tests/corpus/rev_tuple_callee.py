"""A callee returning a tuple, unpacked at the call in a loop; one part overwrites an argument,
another is discarded, another accumulates."""
import numpy as np


def polar(x, y):
    r = np.sqrt(x * x + y * y)
    t = np.arctan2(y, x)
    return r, t, x * y


def rotate(v, angle):
    c = np.cos(angle)
    s = np.sin(angle)
    return c * v[0] - s * v[1], s * v[0] + c * v[1]


def f(x, y, v):
    total = 0.0
    for i in range(3):
        r, t, unused = polar(x, y)
        x, y = r * 0.9, t + 0.5
        total = total + r * t
    a, b = rotate(v, total)
    return total + a * b + x * y


ARGS = (0.8, 0.6, np.array([1.5, -0.7]))
