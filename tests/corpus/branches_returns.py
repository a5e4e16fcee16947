"""Several returns in branches of if/elif/else."""
import math


def f(x, y):
    if x > 2.0:
        return x * y
    elif x > 0.0:
        z = math.sin(x) * y
        if y < 0.0:
            return z - y
        return z + y * y
    else:
        return -x * y ** 3


ARGS = (0.8, 1.5)
