"""Found by the fuzzer: the Hessian of g, which calls f returning a tuple of arrays of
different shapes (the adjoint of f gets a tuple seed, whose tangent is a list of zeros)."""
import math

import numpy as np

K1 = 0.75


def f(x):
    k1 = 0
    while k1 < 2 and (np.all((np.sum(x) * np.ones(3)) > -0.5)):
        k1 = k1 + 1
        if 0.5 != 2.0:
            continue
        x = np.sin(np.hstack([np.array([np.sum(x)]), np.array([np.sum(x)])]))
    a2 = (np.linalg.solve((2.0 * np.eye(2) + 0.25 * (np.eye(2))), np.zeros((2, 3))))[:, 2]
    a3 = math.atan2((x[-1] * 0.5 + 1.0), (((a2[-1]) ** 2)) + 0.3183)
    a3 /= (1.5 + ((a3 * 0.5 + 1.0)) ** 2)
    for i4 in range(0, 4, 2):
        if -1.5 < np.tanh((a3) ** 2.0) < 1.0:
            break
    return np.arccosh(1.5 + ((a3 * np.ones(3))) ** 2), (x + np.zeros((2, 2)))


def g(x):
    r, s = f(x)
    return np.sum(r) + np.sum(s)


ARGS = (np.array([1.333, 0.157]),)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 584
