"""np.sum mean prod with axis and keepdims."""
import numpy as np


def f(m):
    a = np.sum(m) + np.mean(m) + np.prod(m)
    rows = np.sum(m, axis=1)
    cols = np.mean(m, axis=0, keepdims=True)
    centred = m - np.mean(m, axis=1, keepdims=True)
    p = np.prod(m, axis=0)
    q = np.prod(m, axis=1, keepdims=True)
    return a + np.sum(rows * rows) + np.sum(cols * centred) + np.sum(p) + np.sum(q * m)


ARGS = (np.array([[1.2, -0.7, 0.5], [0.3, 1.1, -1.4]]),)

# np.prod has no second derivative in sct (its adjoint is not differentiated again).
HESSIAN_REFUSED = "no derivative of '_prod_adjoint'"
