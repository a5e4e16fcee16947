"""The rules that guard their edges (variable exponents, sqrt, asin, acosh, hypot, norm, std,
abs, copysign), at ordinary points: first and second derivatives through their helpers."""
import math

import numpy as np


def f(x, y, p):
    a = x ** p + np.sum(y ** p) + math.pow(x, p) + np.sum(np.power(y, x))
    b = np.sum(np.sqrt(y)) + math.sqrt(x) + np.sum(np.arcsin(0.5 * y)) + math.acos(0.2 * x)
    c = np.sum(np.arccosh(1.0 + y)) + math.hypot(x, p) + np.sum(np.hypot(y, x))
    d = np.linalg.norm(y) * np.std(y) + np.sum(np.linalg.norm(np.outer(y, y), axis=0))
    e = np.sum(np.abs(y - 1.0)) * abs(x - p) + math.copysign(x, -1.0) * math.fabs(p)
    return a * 0.1 + b + c * d + e + np.sum(np.copysign(y, x - 2.0) * y)


ARGS = (1.3, np.array([0.4, 1.7, 0.9]), 2.5)
