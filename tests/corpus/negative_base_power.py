"""A negative number as the base of ``**``: the intermediate form holds ``-1.0`` as one
constant, which generated code must write ``(-1.0) ** k`` (``-1.0 ** k`` is -(1.0 ** k)):
the alternating signs of a Laplace expansion, a negative scalar base squared."""
import numpy as np


def f(x, y):
    signs = (-1.0) ** np.arange(4)
    return np.sum(signs * x) + (-2.0) ** 3 * y + (-0.5) ** 2 * y * y


ARGS = (np.array([0.5, -1.25, 2.0, 0.75]), 1.5)
