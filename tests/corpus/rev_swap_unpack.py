"""Tuple assignments that swap and rebind names, at the top of the function and in a loop."""


def f(x, y):
    a, b = x, y * 2.0
    a, b = b * a, a - b
    for i in range(4):
        a, b = b, a * x + b * 0.1
        if a > b:
            a, b = b * y, a
    b, a = a * b, b
    return a * 3.0 + b


ARGS = (0.7, 0.4)
