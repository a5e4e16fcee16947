"""sum, max, min, any and all of generator expressions and list comprehensions, with if
filters and several for clauses, lowered to accumulator loops: sum from start (0 by default),
max/min the first of equal items, any/all steering an if; any/all over a tuple and an array."""
import numpy as np


def f(xs, ws, m):
    a = sum(x * x for x in xs)
    b = sum([w * x for w, x in zip(ws, xs)])
    c = max(x * w for x, w in zip(xs, ws) if x > 0)
    d = min(np.sin(x) for x in xs)
    e = sum((x * w for x in xs for w in ws if w > x), 1.5)
    rows = sum(row * row for row in m)              # an array: the rows added
    biggest = max(np.sum(row) for row in m)
    s = a + b * c + d + e + np.sum(rows) + biggest
    if any(x > 2.0 for x in xs):
        s = s * 2.0
    if all(w > 0.0 for w in ws):
        s = s * 3.0
    if any((a > 1.0, b > 100.0)):
        s = s + a
    if all(xs > -5.0):
        s = s + b
    if not any(x * w > 100.0 for x in xs for w in ws):
        s = s + 1.0
    return s + max((x for x in xs if x > 100.0), default=0.5) * min(xs[0], max(ws))


ARGS = (np.array([0.3, -1.2, 1.7, 2.1]), np.array([0.5, 1.5, -0.4, 0.8]),
        np.array([[0.5, -0.4], [1.1, 0.2], [-0.7, 0.9]]))
