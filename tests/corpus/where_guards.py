"""np.where and np.maximum guarding a branch that is inf or NaN where it is not taken (sin(x) / x
at 0, log and sqrt of negatives, log of abs(0)), at points away from where the branches meet:
the untaken branch's adjoint stays exactly zero back through its operations, as its tangent
does in forward mode."""
import numpy as np


def f(x):
    sinc = np.where(np.abs(x) > 0.1, np.sin(x) / x, 1.0 - x * x / 6.0)
    logs = np.where(x > 0.5, np.log(x), 0.0)
    roots = np.where(x > 0.5, 2.0 * np.sqrt(x), -x)
    floor = np.maximum(np.log(np.abs(x)), -1.0)
    return np.sum(sinc * sinc) + np.sum(logs * x) + np.sum(roots) + np.sum(floor * x)


ARGS = (np.array([0.0, 1.3, -0.7, -1.0, 2.5]),)
