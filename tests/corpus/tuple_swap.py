"""Tuple packing and unpacking, nested unpacking and swapping with a, b = b, a."""


def f(x, y, z):
    a, b = x, y
    a, b = b, a
    pair = (a * z, b + z)
    c, d = pair
    (e, g), h = (c, d), a * b
    a, b, c = c, a, b
    for i in range(3):
        a, b = b, a + b
    return a * e + b * g + c * h + d


ARGS = (0.5, 1.2, -0.8)
