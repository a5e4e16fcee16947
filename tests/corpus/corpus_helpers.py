"""Helper functions that corpus programs import (not a program itself)."""
import math

import numpy as np


def g(x, y):
    return math.exp(-x * x) * y + softplus(y)


def softplus(z):
    return math.log1p(math.exp(z))


def weighted_norm(v, w):
    return np.sqrt(np.sum(w * v * v))
