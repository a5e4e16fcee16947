"""Comparisons (chained too), and/or/not in if and while conditions."""


def f(x, y):
    s = 0.0
    if x > 0.0 and y > 0.0:
        s = s + x * y
    if x < 0.0 or y > 1.0:
        s = s + x / y
    if not x > 5.0:
        s = s + x * x
    if 0.0 < x < 2.0 and not (y == 3.0 or y != y):
        s = s * y
    if x >= 3.0 or (y <= 0.0 and x != 1.0):
        s = s - 100.0 * x
    n = 0
    while n < 3 and s < 100.0 or n == 0:
        s = s * 1.5 + x
        n = n + 1
    return s


ARGS = (1.1, 1.7)
