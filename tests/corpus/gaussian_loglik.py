"""Log-likelihood of points under a multivariate Gaussian (Cholesky, solve, slogdet)."""
import math

import numpy as np


def f(mu, a, data):
    cov = a @ a.T + 0.5 * np.eye(2)
    sign, logdet = np.linalg.slogdet(cov)
    centred = data - mu[None, :]
    sol = np.linalg.solve(cov, centred.T)
    maha = np.sum(centred.T * sol, axis=0)
    n = data.shape[0]
    return -0.5 * np.sum(maha) - 0.5 * n * logdet - n * math.log(2.0 * math.pi)


ARGS = (np.array([0.1, -0.2]), np.array([[1.0, 0.0], [0.4, 0.8]]),
        np.array([[0.5, 0.3], [-1.0, 0.2], [0.8, -0.6], [0.1, 1.1]]))
