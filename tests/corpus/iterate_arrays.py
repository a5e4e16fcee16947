"""for x in xs over arrays: a vector's entries, a matrix's rows (the first axis, as Python
iterates), nested loops over rows and their entries, a break inside the loop, a loop over an
expression (m.T) and over a name the body rebinds; lowered to range(len(xs)) with xs[i]."""
import numpy as np


def f(v, m):
    s = 0.0
    for x in v:
        s = s + x * x
    for row in m:
        s = s + np.dot(row, v[:2]) * s
    for row in m:
        for entry in row:
            s = s + 0.1 * entry * entry
    for column in m.T:
        s = s + np.sum(np.sin(column))
    total = np.zeros(2)
    for row in m:
        total = total + row * row
    for x in v:
        if x > 1.0:
            s = s + x
            break
        s = s * 0.9
    for v in v:                 # the name iterated over is rebound by the loop
        s = s + v
    return s + np.sum(total)


ARGS = (np.array([0.3, -1.2, 1.7, 2.1]), np.array([[0.5, -0.4], [1.1, 0.2], [-0.7, 0.9]]))
