"""enumerate (with start), zip (the shortest length, as Python), reversed, nested: for i,
(a, b) in enumerate(zip(xs, ys)), zip over rows, enumerate of a reversed sequence, zip of a
range and an array."""
import numpy as np


def f(xs, ys, m):
    s = 0.0
    for i, (a, b) in enumerate(zip(xs, ys)):
        s = s + (i + 1) * a * b
    for k, x in enumerate(xs, start=2):
        s = s + k * x * x
    for k, x in enumerate(reversed(xs)):
        s = s * 0.5 + k * x
    for x in reversed(ys):
        s = s * 0.8 + x
    for row, y in zip(m, ys):
        s = s + np.sum(row) * y
    for i, x in zip(range(10, 0, -3), xs):
        s = s + i * x
    for a, b, c in zip(xs, ys, reversed(xs)):
        s = s + a * b * c
    return s


ARGS = (np.array([0.3, -1.2, 1.7, 2.1]), np.array([0.5, 1.5, -0.4]),
        np.array([[0.5, -0.4], [1.1, 0.2], [-0.7, 0.9]]))
