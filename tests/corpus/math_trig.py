"""math: sin cos tan asin acos atan atan2."""
import math


def f(x, y):
    a = math.sin(x) * math.cos(y) + math.tan(x * y)
    b = math.asin(x / 2.0) + math.acos(y / 3.0) + math.atan(x - y)
    c = math.atan2(y, x) + math.atan2(x, 2.0) + math.atan2(-1.0, y)
    return a * b + c


ARGS = (0.7, 1.1)
