"""The arithmetic operators + - * / ** and unary - and +."""


def f(a, b, c):
    p = a + b - c
    q = a * b / c
    r = -a + (+b) - (-c)
    s = a ** 3 + b ** 0.5 + 2.0 ** c + a ** b
    t = 1 / (a * a + 1) - 3 / b
    return p * q + r / s - t


ARGS = (1.7, 2.3, 0.9)
