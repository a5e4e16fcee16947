"""Found by the fuzzer (issue 12's run): a while condition `k < 2 and (np.any(x > -1.0) and
flag)`.  The decomposition binds np.any's value to a temporary and the `and` to a value, which
the subset accepted only over comparisons and flags: forward mode over the generated adjoint
(the Hessian) refused sct's own code.  np.any, np.all (and the like) give truth values too."""
import numpy as np


def f(x, y):
    k = 0
    ok = np.all(x < 5.0) and y > 0
    while k < 2 and (np.any(x > -1.0) and ok):
        x = x * y
        k = k + 1
    return np.sum(x ** 3)


def g(x, y):
    return np.sin(f(x, y))


ARGS = (np.array([-0.25, 0.5, 0.3]), 0.8)
WRT = (0, 1)
HESSIAN_WRT = 0
SEED = 7
