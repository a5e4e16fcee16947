"""abs and two-argument min and max of scalars."""


def f(x, y):
    a = abs(x - y)
    b = max(x, y) * min(x, 2.0)
    c = max(a, 0.1) + min(-x, y * y)
    return a * b + c + abs(-3.0 * y)


ARGS = (1.2, 2.7)
