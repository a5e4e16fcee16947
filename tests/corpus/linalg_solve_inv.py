"""np.linalg.solve and inv, with a symmetric positive definite matrix built from the input."""
import numpy as np


def f(a, b):
    spd = a @ a.T + 3.0 * np.eye(3)
    x = np.linalg.solve(spd, b)
    inv = np.linalg.inv(spd)
    y = np.linalg.solve(a, np.ones(3))
    return np.dot(x, b) + np.trace(inv) + np.sum(y) + np.sum(np.linalg.solve(spd, a))


ARGS = (np.array([[2.0, 0.5, -0.3], [0.1, 1.5, 0.7], [0.4, -0.2, 3.0]]), np.array([0.4, -0.9, 1.3]))
