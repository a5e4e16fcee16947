"""Augmented assignments on arrays and numbers that reverse mode follows: in place through a
view that is the only name read afterwards (v), on arrays no other name holds (t, rebinding
and updating agree), on numbers (acc), and on index targets (y[i] += ..., repeated indices)."""
import numpy as np


def f(x, a):
    s = np.zeros(4) + x
    v = s[1:3]
    v *= a
    v -= 0.5 * x[:2]
    v /= 1.0 + a * a
    acc = 0.0
    for i in range(2):
        acc += v[i] * x[i]
    t = x * 2.0
    t += a
    y = np.ones(3)
    y[np.array([0, 2, 0])] += x[:3] * a
    return acc + np.sum(v * v) + np.sum(t ** 2) + np.sum(y * y)


ARGS = (np.array([0.3, -1.2, 2.0, 0.7]), 1.3)
