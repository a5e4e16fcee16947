"""The breadth issue's shape and assembly functions in one scalar function: both modes, grad and
Hessians (test_higher) against central differences."""
import numpy as np


def f(x, y):
    m = np.reshape(x, (2, 3))
    a = np.diff(np.sort(x), n=2) * np.take(x, np.array([1, 1, 4, 0]))
    b = np.repeat(m, np.array([2, 1]), axis=0) * np.tile(y * m[0], (3, 1))
    c = np.append(m, y * m[:1], axis=0)
    d = np.tensordot(c, np.column_stack([x[:3], x[3:]]), axes=1)
    e = np.dstack([m, m * m])
    r = np.sum(np.rot90(m) ** 2) * np.nanmax(x) + np.sum(np.rollaxis(e, 2) ** 3) - np.nanmin(x * y)
    r = r + np.sum(np.take_along_axis(m, np.array([[2, 0, 0], [1, 1, 2]]), axis=1) ** 3)
    return np.sum(a * a) + np.sum(b * np.sin(b)) + np.sum(d ** 2) * y + np.sum(np.cos(e)) + r


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58]), 1.3)
