"""Python's sum, max and min over list and tuple displays, several arguments, arrays (their
first axis) and a tuple parameter: rewritten in the frontend as sums, two-argument max/min
(the first of equal items, as Python's) and np.sum/np.max/np.min over axis 0."""
import numpy as np


def total(t):
    return sum(t) + max(t[0], t[1], 0.5)


def f(x, y):
    a = sum([x[0], y, x[1] * y]) + sum((), 1.5)
    b = sum(x) + sum(x, 2.0) + sum([x[2], y], start=y)
    c = max([x[0], y, x[2]]) + min(x[0], y, x[1]) + max(x) - min(x * y)
    m = np.reshape(x, (2, 2))
    return a * b + c + np.sum(sum(m) * max(sum(m))) + total((x[0], y * x[1]))


ARGS = (np.array([0.3, -1.2, 0.7, 2.1]), 0.4)
