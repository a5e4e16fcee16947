"""Augmented assignment of every kind and a name reassigned many times."""


def f(x, y):
    z = x
    z += y
    z *= x
    z -= 1.0
    z /= y
    z **= 2
    z = z + x
    z = z * z
    z = z - y
    t = z
    z = t / (1.0 + x * x)
    z = 3.0
    z = z * t
    return z


ARGS = (0.7, 1.3)
