"""Power iteration in a while loop on arrays: v = A @ v / ||A @ v|| until the Rayleigh quotient
settles; the eigenvalue is differentiated through the iterations."""
import numpy as np


def f(a, v0):
    m = a + a.T
    v = v0 / np.linalg.norm(v0)
    lam = 0.0
    change = 1.0
    k = 0
    while change > 1e-13 and k < 200:
        w = m @ v
        v = w / np.linalg.norm(w)
        new = v @ (m @ v)
        change = abs(new - lam)
        lam = new
        k = k + 1
    return lam


ARGS = (np.array([[2.0, 0.3, 0.1], [0.2, 1.0, 0.4], [0.0, 0.5, 0.5]]),
        np.array([1.0, 0.2, -0.3]))
