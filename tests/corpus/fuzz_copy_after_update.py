"""Found by the fuzzer (tests/fuzz.py): y -= ... on a name that may be an array or a number,
in a loop that binds a copy c = y after it: the check whether c holds y's array read c before
its first binding (UnboundLocalError in both modes)."""
import numpy as np


def f(x, y):
    for i in range(2):
        y -= 0.1 * x
        c = y
    return y * c


def g(x, y):
    r = f(x, y)
    return r


ARGS = (0.5, -1.377)
WRT = (0, 1)
HESSIAN_WRT = 1
SEED = 1
