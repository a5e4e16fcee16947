"""Found by the fuzzer (tests/fuzz.py): an np.where guard whose adjoint is zero at this point
only, because it is multiplied by y = 0, not because np.where left the branch out.  The
Hessian's tangent of that adjoint is not zero, and its contribution was dropped (the mixed
second derivative 0 for cos(1) - sin(1), in the array and the number form of the guard)."""
import numpy as np


def f(z):
    x = z[0:2]
    y = z[2]
    s = z[0]
    guarded = np.sum(y * np.where(x != 0, np.sin(x) / x, 1.0))
    number = y * np.where(s != 0, np.sin(s) / s, 1.0)
    return guarded + number


ARGS = (np.array([1.0, -0.5, 0.0]),)
