"""math: sqrt pow hypot fabs erf erfc."""
import math


def f(x, y):
    a = math.sqrt(x * y) + math.pow(x, y) + math.pow(y, 2.0) + math.pow(3.0, x)
    b = math.hypot(x, y) + math.hypot(2.0, y) + math.fabs(x - y)
    c = math.erf(x) * math.erfc(y)
    return a * b + c


ARGS = (1.3, 0.8)
