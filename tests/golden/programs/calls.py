import math


def square_norm(a, b):
    return a * a + b * b


def polar(x, y):
    r = math.sqrt(square_norm(x, y))
    return r, math.atan2(y, x)


def f(x, y):
    r, theta = polar(x, y)
    return r * math.cos(theta) + square_norm(r, 2.0)
