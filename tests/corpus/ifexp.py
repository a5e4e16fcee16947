"""Conditional expressions, nested and used inside larger expressions."""


def f(x, y):
    a = x * x if x > y else y * y
    b = (x - y if x > 0.0 else y - x) * 2.0
    c = x if y < 0.0 else (y if x < 0.0 else x * y)
    return a + b + (c if a > b else -c) + (1.0 if x > 100.0 else 0.0)


ARGS = (0.9, 1.4)
