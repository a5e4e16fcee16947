"""Found by the fuzzer (issue 12's run): an einsum whose output has no subscripts returns a new
number, not a view of its operand; x op= v on it rebinds.  sct took it for an array that may
share the operand's memory: forward mode updated it in place (a TypeError on a numpy scalar),
reverse mode refused the update."""
import numpy as np


def f(z):
    a = np.einsum(z, [0, 1], [])
    a *= 2.0
    t = np.einsum('ii', z)
    t += np.sum(z * z)
    return a + t * np.sum(z)


def g(z):
    return np.sin(f(z))


ARGS = (np.array([[0.523, 0.707], [-1.202, 1.056]]),)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 7
