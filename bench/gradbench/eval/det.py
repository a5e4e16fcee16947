"""det: the determinant of an ell x ell matrix (seeded normal entries, so that values are
large enough for GradBench's rule to check them relatively), checked against LAPACK: the
primal is numpy.linalg.det (an LU factorisation, not expansion by minors), the gradient the
cofactor matrix (-1)^(i+j) det(minor(i, j)), each minor's determinant by numpy.linalg.det."""
import numpy as np

from . import Case

SIZES = {"small": (1, 2, 3, 4, 6), "baselines": (5, 6, 7, 8, 9)}


def _primal(A):
    return float(np.linalg.det(np.array(A)))


def _cofactors(A):
    A = np.array(A)
    ell = A.shape[0]
    if ell == 1:
        return [1.0]
    result = np.empty((ell, ell))
    for i in range(ell):
        for j in range(ell):
            minor = np.delete(np.delete(A, i, axis=0), j, axis=1)
            result[i, j] = (-1) ** (i + j) * np.linalg.det(minor)
    return result.ravel().tolist()


def cases(size="small"):
    result = []
    for ell in SIZES[size]:
        A = np.random.default_rng(ell).normal(size=(ell, ell))
        data = {"A": A.ravel().tolist(), "ell": ell}
        result.append(Case("primal", data, str(ell), lambda A=A: _primal(A)))
        result.append(Case("gradient", data, str(ell), lambda A=A: _cofactors(A)))
    return result
