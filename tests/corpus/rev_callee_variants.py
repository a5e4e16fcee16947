"""A callee called with the same name twice, with constants, and with only some arguments
differentiated (different adjoint variants); a callee that reassigns its own parameters and
returns early."""
import math


def mix(a, b):
    if a > 2.0:
        return a * b
    a = a * a + b
    b = math.sin(b) * a
    for i in range(3):
        a = a * 0.5 + b
        if a > 1.5:
            return a + b
    return a - b


def f(x, y):
    p = mix(x, x)
    q = mix(y, 0.3)
    r = mix(2.5, x * y)
    s = mix(q, p)
    t = mix(x * 0.5, y * 2.5)      # returns from inside the loop, second pass
    return p + q * r + s + t * x


ARGS = (0.6, 0.4)
