"""*args at a fixed arity per call site: the parameter is a tuple (summed, indexed, its length
a loop bound), called with three, two and one arguments, after positional parameters."""
import math


def total(*xs):
    return sum(xs)


def weighted(scale, *terms):
    s = 0.0
    for i in range(len(terms)):
        s = s + (i + 1) * terms[i]
    return scale * s


def f(x, y):
    return total(x, y, x * y) + total(math.sin(x), y) * weighted(2.0, x, y) + \
        weighted(x, y * y) + total(x)


ARGS = (0.4, 1.3)
