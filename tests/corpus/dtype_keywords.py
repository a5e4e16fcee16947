"""dtype spellings: np.asarray / np.array with dtype=float, x.astype(float), float(x) of a
number, dtype= on constructors (np.zeros, np.ones, np.full, np.eye, np.arange, np.linspace,
np.zeros_like, np.empty), and integer dtypes, whose values carry no derivative."""
import numpy as np


def f(x, a):
    v = np.asarray(x, dtype=float)
    w = np.array(x, dtype=np.float64) * a
    acc = np.zeros(3, dtype=float)
    ones = np.ones(3, dtype=float)
    grid = np.linspace(0.0, a, 3, dtype=float)
    steps = np.arange(3, dtype=float)
    out = np.empty(3, dtype=float)
    for i in range(3):
        out[i] = v[i] * grid[i] + steps[i]
        acc[i] = acc[i] + float(a) * w[i]
    counts = np.full(3, 2.7, dtype=int)          # [2, 2, 2]
    whole = np.asarray(x * 3.0, dtype=int)       # no derivative
    rows = np.eye(3, dtype=float) @ (acc + ones)
    like = np.zeros_like(x, dtype=float) + x.astype(float)
    return np.sum(out * rows) + np.sum(counts * like) + np.sum(whole * like) + a


ARGS = (np.array([0.3, -0.8, 1.2]), 0.7)
