"""scipy.linalg.expm in one scalar, to second order: its adjoint L(A^T, G) is the upper right
block of the exponential of [[A^T, G], [0, A^T]] (Higham 2008, Thm 3.6), written in sct's
subset, so that a Hessian differentiates it through expm's own rule (the Frechet derivative,
Al-Mohy & Higham 2009) of the block matrix."""
import numpy as np
import scipy.linalg


def f(a, b):
    e = scipy.linalg.expm(0.5 * a)
    return b @ e @ b + np.sum(e * a)


ARGS = (np.array([[0.3, -0.5, 0.2], [0.1, -0.4, 0.7], [0.6, 0.2, 0.1]]), np.array([0.4, -0.9, 1.3]))
