"""A write through a row taken by an index of numbers (row = N[0]) from an array whose number
of dimensions sct cannot know: forward mode follows it; reverse mode refuses it (it used to
give a zero derivative with respect to v)."""
import numpy as np


def f(m, v):
    n = m.copy()
    row = n[0]
    row[1] = v
    return np.sum(n ** 2)


ARGS = (np.array([[1.0, 2.0], [3.0, 4.0]]), 2.5)

REVERSE_REFUSED = "'row' is taken from 'n' by an index of numbers"
