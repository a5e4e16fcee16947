import math


def piecewise(x, y):
    if x > y:
        z = x * math.exp(-y)
    elif x < -y:
        return -x
    else:
        z = y if x > 0 else x * y
    return z ** 2
