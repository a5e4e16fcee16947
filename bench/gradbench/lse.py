"""GradBench's ``lse`` eval: log-sum-exp with the max shift, and its gradient by sct.

``primal`` is LSE(x) = a + log sum exp(x - a), a = max x, built from numpy's max, exp, sum
and log (no library logsumexp); ``gradient`` is ``sct.grad`` of it (which at the optimum is
the softmax: the max's share of the derivative cancels).
"""
import numpy as np

import sct

from .tool import Function


def lse(x):
    a = np.max(x)
    return a + np.log(np.sum(np.exp(x - a)))


def _arguments(data):
    return (np.asarray(data["x"], dtype=float),)


def define():
    gradient = sct.grad(lse)
    return {"primal": Function(lse, arguments=_arguments),
            "gradient": Function(gradient, arguments=_arguments)}
