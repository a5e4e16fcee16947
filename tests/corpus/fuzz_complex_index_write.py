"""Found by the fuzzer (issue 12): an index write into a complex intermediate.  Its adjoint
becomes a complex array of its own before the reverse sweep writes into it; forward mode over
that code (the Hessian) needs a tangent of its own too (it had the read-only, real broadcast
of np.sum's adjoint, and crashed writing into it)."""
import numpy as np


def f(x, c):
    z1 = np.fft.ifft(x)
    z1[0] = z1[0] * c
    return np.sin(np.sum(np.real(z1)))


def g(x, c):
    return np.sin(f(x, c))


ARGS = (np.array([1.283, -0.344, 0.81]), 0.3)
WRT = (0, 1)
HESSIAN_WRT = 0
SEED = 7
