"""np.einsum: matrix product, trace, bilinear form, outer product."""
import numpy as np


def f(a, x):
    b = np.einsum("ij,jk->ik", a, a.T)
    t = np.einsum("ii", b)
    q = np.einsum("i,ij,j->", x, b, x)
    o = np.einsum("i,j->ij", x, x)
    return t * q + np.einsum("ij,ij->", o, b)


ARGS = (np.array([[1.0, 0.5], [0.2, -1.1]]), np.array([0.4, -0.9]))
