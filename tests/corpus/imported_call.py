"""Functions imported from another module of the corpus (read next to this file)."""
import numpy as np

from corpus_helpers import g, weighted_norm
from corpus_helpers import softplus as sp


def f(x, y, v):
    return g(x, y) * sp(x) + weighted_norm(v, np.array([1.0, 2.0, 3.0])) * y


ARGS = (0.4, 1.1, np.array([0.5, -1.0, 2.0]))
