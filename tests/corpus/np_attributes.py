"""x.shape, x.ndim, len(x), x.size and method forms (x.sum(axis=1), x.mean(), x.max())."""
import numpy as np


def f(m):
    rows, cols = m.shape
    n = len(m)
    s = 0.0
    for i in range(n):
        for j in range(cols):
            s = s + m[i, j] * (i + j + 1)
    t = m.sum(axis=1) * m.ndim + m.mean() * m.size
    u = m.prod(axis=0).sum() + m.max() + m.min(axis=1).sum() + m.var() + m.std(axis=0).sum()
    return s + t.sum() / rows + u + m.dot(m.T).trace() + m.ravel().cumsum().sum()


ARGS = (np.array([[1.2, -0.7, 0.5], [0.3, 1.1, -1.4]]),)

# np.prod has no second derivative in sct (its adjoint is not differentiated again).
HESSIAN_REFUSED = "no derivative of '_prod_adjoint'"
