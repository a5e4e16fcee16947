"""math: sinh cosh tanh asinh acosh atanh."""
import math


def f(x, y):
    a = math.sinh(x) + math.cosh(y) * math.tanh(x * y)
    b = math.asinh(x - y) + math.acosh(1.0 + y * y) + math.atanh(x / 2.0)
    return a * b


ARGS = (0.6, 1.4)
