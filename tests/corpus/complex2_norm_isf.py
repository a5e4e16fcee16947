"""scipy.stats.norm.isf(q, loc, scale), the normal's inverse survival function, in q, loc and
scale: both modes, grad and Hessians (test_higher) against central differences.  (Kept apart
from corpus/scipy_stats.py, which another family owns; it may move there.)"""
import numpy as np
import scipy.stats


def f(q, loc, scale):
    levels = scipy.stats.norm.isf(q, loc, scale)
    upper = scipy.stats.norm.isf(1.0 - q * q, scale=scale)
    return np.sum(levels * q) + np.sum(upper) * loc + scipy.stats.norm.isf(0.3 * scale, loc)


ARGS = (np.array([0.05, 0.3, 0.62, 0.9]), 0.4, 1.3)
