"""and/or whose later operands need statements (calls, math): evaluated only when needed."""
import math


def g(x):
    return x * x - 1.0


def f(x, y):
    s = 0.0
    if x * x > 1.0 and math.sin(y) > 0.0:
        s = s + x
    if g(x) < 0.0 or math.cos(x * y) > 2.0:
        s = s + y * x
    k = 0
    while g(s + k) < 5.0 and k < 100:
        s = s + 0.3 * y
        k += 1
    return s


ARGS = (1.2, 0.8)
