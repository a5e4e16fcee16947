"""The max-shifted log-sum-exp with inputs far apart: exp overflows without the shift, and its
gradient (the softmax) must come out finite: the adjoint of np.max reaches the largest entry."""
import numpy as np


def f(z):
    top = np.max(z)
    return top + np.log(np.sum(np.exp(z - top)))


ARGS = (np.array([1000.0, 0.0, -1000.0]),)
