"""A callee returning a tuple, unpacked by the caller; a callee with an inactive argument."""
import math


def polar(x, y):
    r = math.hypot(x, y)
    return r, math.atan2(y, x)


def rotate(x, y, angle):
    c = math.cos(angle)
    s = math.sin(angle)
    return c * x - s * y, s * x + c * y


def f(x, y):
    r, t = polar(x, y)
    u, v = rotate(x, y, 0.3)
    pair = rotate(u, v, t)
    return r * t + u * v + pair[0] - pair[1]


ARGS = (1.2, 0.7)
