"""Found by the fuzzer (issue 12): a real array written through a view, then a complex value
computed from it and written into by index.  Both old values were saved on one stack, so forward
mode over the generated adjoint (the Hessian) took the real array, restored from that stack, to
be complex and refused sct's own adjoint code; complex values are now saved on a stack of their
own."""
import numpy as np


def f(x):
    s = np.full(2, 0.1)
    v = s[:]
    v *= x
    z = np.exp(1j * s)
    z[0] = z[0] * x
    w = np.fft.ifft(np.sum(s) * np.ones(3))
    w[0] = w[0] * x
    return np.sum(np.real(z) ** 2) + np.sum(np.real(w) ** 2)


def g(x):
    return np.sin(f(x))


ARGS = (0.7,)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 7
