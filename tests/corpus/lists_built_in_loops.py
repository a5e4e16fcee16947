"""Lists as values: built by appends in loops (a trajectory, rows of a matrix), read by
indexing (``xs[-1]``), ``len``, ``sum``, ``np.array`` and ``np.stack``, and list displays as
operands (``pos - [4.0, 0.0]``)."""
import numpy as np


def trajectory(x0, v, n):
    xs = [x0]
    x = x0
    for i in range(n):
        x = x + 0.1 * v * np.sin(x)
        xs.append(x)
    return xs


def f(x0, v, w):
    xs = trajectory(x0, v, 4)
    path = np.array(xs)
    d = xs[-1] - [4.0, 0.0]
    rows = []
    for i in range(2):
        row = []
        for j in range(2):
            row.append(x0[i] * v[j] + w * i)
        rows.append(row)
    m = np.array(rows)
    weights = [w, 2.0 * w, w * w]
    return (np.sum(path ** 2) + sum(xs)[0] * len(xs) + np.stack(xs)[1, 1] + np.sum(d * d)
            + np.sum(m @ m.T) + rows[1][0] * rows[0][1] + max(weights) * weights[-1])


ARGS = (np.array([0.3, 0.5]), np.array([1.0, -2.0]), 0.7)
