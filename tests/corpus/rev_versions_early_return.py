"""Names rebound by the function's own statements (parameters included) before and after an
early return, and then inside a loop: each rebinding outside loops is a version of its own."""
import math


def f(x, y):
    z = x * y
    x = x + math.sin(z)
    if z > 2.0:
        return z * x
    z = z * x
    y = y * z
    w = z + y
    z = w * w
    for i in range(3):
        z = z * 0.5 + x * y
        y = y * 0.9
    x = x * z
    return z + x * y


ARGS = (0.7, 1.3)
