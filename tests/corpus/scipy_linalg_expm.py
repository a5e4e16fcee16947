"""scipy.linalg.expm: exact in both modes (the Frechet derivative, Al-Mohy & Higham 2009); its
Hessian would need the second Frechet derivative, which sct does not have: refused by name."""
import numpy as np
import scipy.linalg


def f(a, b):
    e = scipy.linalg.expm(0.5 * a)
    return b @ e @ b + np.sum(e * a)


ARGS = (np.array([[0.3, -0.5, 0.2], [0.1, -0.4, 0.7], [0.6, 0.2, 0.1]]), np.array([0.4, -0.9, 1.3]))
HESSIAN_REFUSED = "_expm_adjoint"
