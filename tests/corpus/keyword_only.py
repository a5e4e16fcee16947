"""Keyword-only parameters, keyword arguments and defaults of every constant kind at calls of
user functions: a string option compared in an if (each option a specialisation), a tuple of
numbers, True/False, None (tests/test_functions_as_values.py differentiates a function that
takes keyword-only parameters itself)."""
import math


def penalty(x, *, kind="l2", weight=1.0):
    if kind == "l2":
        return weight * x * x
    elif kind == "smooth":
        return weight * math.log(1.0 + x * x)
    return weight * abs(x)


def blend(x, coefficients=(0.25, 0.75), *, flip=False, extra=0.0, unused=None):
    value = coefficients[0] * x + coefficients[1] * math.sin(x)
    if flip:
        value = -value
    return value + extra


def f(x, y, scale):
    return (penalty(x, weight=scale) + penalty(y, kind="l1") + penalty(x * y, kind="smooth")
            + blend(x, flip=True) + blend(y, (1.0, 2.0), extra=scale))


ARGS = (0.6, -1.1, 1.5)
