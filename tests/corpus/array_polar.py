"""Polar to Cartesian coordinates, a map from R^2 to R^2 built with np.array."""
import math

import numpy as np


def f(p):
    r = p[0]
    theta = p[1]
    return np.array([r * math.cos(theta), r * math.sin(theta)])


ARGS = (np.array([1.5, 0.6]),)
