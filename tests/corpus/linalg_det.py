"""np.linalg.det and slogdet (sign and log of |det|)."""
import numpy as np


def f(a):
    d = np.linalg.det(a)
    sign, logdet = np.linalg.slogdet(a @ a.T + np.eye(3))
    both = np.linalg.slogdet(a)
    return d * d + logdet * sign + both[1] * both[0]


ARGS = (np.array([[2.0, 0.5, -0.3], [0.1, 1.5, 0.7], [0.4, -0.2, 3.0]]),)
