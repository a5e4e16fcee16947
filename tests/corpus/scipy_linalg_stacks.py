"""scipy.linalg on stacks of matrices, to second order: solve_triangular, cho_solve, sqrtm,
solve_sylvester and expm broadcast as scipy does (a stack with one vector, one matrix with a
stack of right-hand sides), their adjoints summed back to each operand's shape."""
import numpy as np
import scipy.linalg


def f(a, b):
    w = 3.0 * np.eye(3) + 0.2 * a
    s = a @ np.swapaxes(a, -1, -2) + 2.0 * np.eye(3)
    t = scipy.linalg.solve_triangular(w, b) + scipy.linalg.solve_triangular(s, b, 1, True, True)
    z = scipy.linalg.cho_solve((np.linalg.cholesky(s), True), b * a[0, 0, 1])
    m = scipy.linalg.solve_triangular(w[0], np.swapaxes(a, -1, -2), lower=True)
    r = scipy.linalg.sqrtm(s)
    q = scipy.linalg.solve_sylvester(w, s[1], a)
    e = scipy.linalg.expm(0.3 * a)
    return np.sum(t * z) + np.sum(m * m) + np.sum(r * a) + np.sum(q * q) + np.sum(e * w)


ARGS = (np.array([[[0.8, 0.5, -0.3], [0.1, 1.2, 0.7], [0.4, -0.2, 0.9]],
                  [[0.3, -0.5, 0.2], [0.1, -0.4, 0.7], [0.6, 0.2, 0.1]]]),
        np.array([0.4, -0.9, 1.3]))
