"""numpy.linalg's norms of every order (2, -2, 'nuc' of matrices too), multi_dot, matrix_power,
pinv and lstsq (its solution, residuals and singular values) in one scalar function: both
modes, grad and Hessians (test_higher) against central differences."""
import numpy as np


def f(x, m):
    a = np.reshape(x, (3, 2))
    n = (np.linalg.norm(x, 3) + np.linalg.norm(x, 1.5) + np.linalg.norm(m, axis=0) @ x[:3]
         + np.linalg.norm(m, 'fro') + np.linalg.norm(m * x[0], 1) + np.linalg.norm(x, np.inf))
    p = np.linalg.multi_dot([x[:3], m, a, x[4:]]) + np.sum(np.linalg.matrix_power(m * x[1], 3))
    q = np.sum(np.linalg.matrix_power(m + np.eye(3) * 2.0, -2) * m)
    r = np.sum(np.linalg.pinv(a) ** 2) + np.linalg.lstsq(a * x[2], m[:, 0])[0] @ x[:2]
    fit = np.linalg.lstsq(a, m[:, 1] * x[3])
    spectral = (np.linalg.norm(a, 2) + np.linalg.norm(m * x[4], -2) ** 2
                + np.linalg.norm(a * x[5], 'nuc') + fit[1][0] * x[0] + fit[3] @ x[1:3] ** 2)
    return n + p + q + r + spectral


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58]),
        np.array([[1.0, 0.3, -0.5], [0.2, -1.1, 0.4], [0.7, 0.1, 1.3]]))
