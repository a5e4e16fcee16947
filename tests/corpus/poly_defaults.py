"""Defaults and docstrings: a helper called with its defaults, an entry with a default."""


def poly(x, y, c=2.5, scale=1):
    """c x^3 - 4 x y + y^2 / 2 + 7, scaled."""
    return scale * (c * x ** 3 - 4 * x * y + 0.5 * y ** 2 + 7) + 1e-3 * x


def f(x, y, offset=0.25):
    """The entry point: a generated derivative takes every argument, defaults included."""
    return poly(x, y) + poly(y, x, scale=2) + offset * x


ARGS = (1.3, -0.7, 0.25)
WRT = (0, 1)
