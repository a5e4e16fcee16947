"""Heron's square root: a while loop whose trip count depends on the data."""


def f(a):
    x = a
    if a > 1.0:
        x = a / 2.0
    while abs(x * x - a) > 1e-12 * a:
        x = 0.5 * (x + a / x)
    return x


ARGS = (7.3,)
