"""Augmented assignment through a view updates the array in place, as numpy does: s sees the
update made through v (issue 10: sct used to rebind v, giving 14 instead of 118 at x = [1, 2,
3]). Both modes follow it: reverse mode writes the update into s and takes v again."""
import numpy as np


def f(x):
    s = x.copy()
    v = s[1:]
    v += 2.0 * x[1:]
    return np.sum(s ** 2)


ARGS = (np.array([1.0, 2.0, 3.0]),)
