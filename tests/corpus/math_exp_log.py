"""math: exp expm1 log (one and two arguments) log1p log2 log10."""
import math


def f(x, y):
    a = math.exp(x) + math.expm1(x * y)
    b = math.log(y) + math.log(x, 3.0) + math.log(5.0, y) + math.log(x * y, y + 1.0)
    c = math.log1p(x) * math.log2(y) + math.log10(x + y)
    return a * b + c


ARGS = (0.8, 1.9)
