"""scipy.linalg's solvers and factorizations in one scalar, for Hessians (forward mode over the
adjoint): solve (general and 'pos'), inv, det, cholesky (upper and lower), solve_triangular,
cho_factor / cho_solve, lu_factor / lu_solve, sqrtm and solve_sylvester on matrices built from
the input."""
import numpy as np
import scipy.linalg


def f(a, b):
    s = a @ a.T + 2.0 * np.eye(3)
    w = 3.0 * np.eye(3) + 0.2 * a
    x = scipy.linalg.solve(w, b) + scipy.linalg.solve(s, b, assume_a="pos", lower=True)
    total = np.dot(x, x) + np.sum(scipy.linalg.inv(w) * a) + scipy.linalg.det(w)
    total = total + np.sum(scipy.linalg.cholesky(s) * a) + np.sum(scipy.linalg.cholesky(s, True))
    t = scipy.linalg.solve_triangular(w, b) + scipy.linalg.solve_triangular(s, b, 1, True, True)
    c, low = scipy.linalg.cho_factor(s)
    z = scipy.linalg.cho_solve((c, low), b * a[0, 1])
    lu, piv = scipy.linalg.lu_factor(w[::-1])
    v = scipy.linalg.lu_solve((lu, piv), b) + scipy.linalg.lu_solve((lu, piv), b, 1)
    r = scipy.linalg.sqrtm(s)
    q = scipy.linalg.solve_sylvester(w, s, a)
    return total + np.dot(t, z) + np.dot(v, v) + np.sum(r * a) + np.sum(q * q)


ARGS = (np.array([[0.8, 0.5, -0.3], [0.1, 1.2, 0.7], [0.4, -0.2, 0.9]]), np.array([0.4, -0.9, 1.3]))
