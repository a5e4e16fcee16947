"""Elementwise numpy functions and broadcasting of arrays against scalars and rows."""
import numpy as np


def f(x, a, m):
    y = np.sin(x) * np.cos(a) + np.tan(0.5 * x) + np.exp(-x * x) + np.log(1.0 + x * x)
    z = np.sqrt(x * x + a) + np.tanh(x) + np.sinh(0.3 * x) + np.cosh(0.2 * x)
    w = np.arctan(x) + np.arcsin(0.3 * x) + np.arccos(0.2 * x) + np.arctan2(x, a)
    v = np.expm1(0.1 * x) + np.log1p(x * x) + np.log2(a + x * x) + np.log10(a + 1.0)
    u = np.abs(x) + np.absolute(x - 1.0) + np.arcsinh(x) + np.arctanh(0.1 * x)
    return np.sum(m * (y + z)) + np.sum(w * v * u) + np.sum(np.hypot(x, a))


ARGS = (np.array([0.3, -1.2, 0.8]), 1.7, np.array([[1.0, 2.0, 0.5], [-0.5, 0.4, 1.5]]))
