"""Found by the fuzzer (issue 12): np.linalg.norm(v, ord=-np.inf) taken to second order.  The
decomposition bound the literal order -np.inf to a temporary, and forward mode over the
generated adjoint then refused the norm's order as not a literal; -np.inf is now a constant."""
import numpy as np


def f(x):
    return np.linalg.norm(x + 2.0, ord=-np.inf) * np.sum(x ** 2) + np.linalg.norm(x, -np.inf)


def g(x):
    return np.sin(f(x))


ARGS = (np.array([0.3, -0.2, 0.9]),)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 7
