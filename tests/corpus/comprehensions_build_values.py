"""List and dict comprehensions that build values (lowered to loops of appends and item
assignments), nested and filtered, loops over a dict's keys, items and values, dict(a=...),
and del of a name."""
import numpy as np


def f(x, ws):
    ys = [w * x for w in ws if w > 0]
    grid = np.array([[a * b for b in ws] for a in ws])
    squares = {k: v ** 2 for k, v in {"a": x, "b": 2.0 * x}.items()}
    params = dict(scale=x, shift=np.sum(ws))
    total = 0.0
    for k in params:
        total = total + params[k] * len(k)
    for k, v in squares.items():
        total = total + v
    for v in params.values():
        total = total * 0.5 + v
    tmp = total * 2.0
    del tmp
    return sum(ys) * np.sum(np.stack([np.sin(y) for y in ys])) + np.sum(grid) * x + total


ARGS = (0.7, np.array([0.5, -1.0, 2.0]))
