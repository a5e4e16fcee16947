"""Found by the fuzzer (tests/fuzz.py): v = s[..., 2] is a view of s's last column, and v op=
c updates it in place; sct did not count the dimensions of an index with '...' (nor of
v - c where v is bound twice) and refused it, not knowing v holds an array.  Forward mode
updates s as numpy does; reverse mode refuses the write through a view bound twice."""
import numpy as np


def f(x, c):
    s = np.full((2, 3), 0.5) * x
    v = s[..., 2]
    v /= 1.5 + np.tanh(c) ** 2
    total = np.sum(s * s)
    v = v - 0.1 * np.tanh(c)
    return total + np.sum(v * s[:, 0])


def g(x, c):
    r = f(x, c)
    return r


ARGS = (np.array([[0.3, -1.2, 2.0], [1.1, 0.4, -0.8]]), 0.7)
WRT = (0, 1)
HESSIAN_WRT = 0
SEED = 1
REVERSE_REFUSED = "'v' may share memory with 's'"
