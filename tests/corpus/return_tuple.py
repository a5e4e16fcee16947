"""A tuple returned: the tangent is a tuple of tangents (one output constant)."""
import math


def f(r, theta):
    x = r * math.cos(theta)
    y = r * math.sin(theta)
    return x, y, r * r, 1.0


ARGS = (1.5, 0.4)
