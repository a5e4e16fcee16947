"""tangent-ad's versions of the scalar cases (module level, as Tangent reads them).

tangent-ad has no adjoint for ``math.sin`` ("Reverse mode for function "sin" is not yet
implemented"), so the seed uses ``np.sin``; the others are the plain functions as they are.
"""
import numpy as np


def seed(x1, x2):
    return x1 * x2 + np.sin(x1)


def heron(a, tol):
    x = a
    while abs(x * x - a) > tol * a:
        x = 0.5 * (x + a / x)
    return x


def horner(coeffs, x):
    result = 0.0
    for i in range(len(coeffs)):
        result = result * x + coeffs[i]
    return result


def rosenbrock(x):
    total = 0.0
    for i in range(len(x) - 1):
        total += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
    return total
