"""numpy functions imported by name (from numpy import sin, exp) and under an alias."""
from numpy import array, exp, log, pi, sin, sum as total
from numpy.linalg import det


def f(x, m):
    v = sin(x) * exp(-x) + log(1.0 + x * x)
    return total(v) * pi + det(m)


ARGS = (array([0.3, 1.2, -0.5]), array([[2.0, 0.5], [0.3, 1.5]]))
