"""While loops whose conditions need statements, which reverse mode rotates (the condition
before the loop and again at the end of the body, so the loop leaves only through its test):
a short-circuit ``and`` over a call, a callee in the condition, a ``break`` in the body, a
rotated loop inside another, and a ``continue`` (a loop that keeps its break flag instead)."""
import math

import numpy as np


def residual(x, a):
    return x * x - a


def root(a):
    x = a
    while abs(residual(x, a)) > 1e-12 * a:
        x = 0.5 * (x + a / x)
    return x


def f(a, v):
    k = 0
    s = np.sum(v)
    while k < 6 and math.sin(s) < 0.99:     # the call runs only when k < 6
        s = s + 0.3 * a
        k = k + 1
        if s > 40.0 * a:
            break
    total = root(a) * s
    j = 0
    while abs(total) > 0.5 and j < 50:
        i = 0
        inner = total
        while abs(inner * 0.5) > 0.1 * a:
            inner = inner * 0.5
            i = i + 1
        total = total * 0.9 - 0.01 * inner
        j = j + 1
    n = 0
    while n * n < 12:
        n = n + 1
        if n % 2 == 0:
            continue
        total = total + np.sum(v ** 2) / n
    return total


ARGS = (2.0, np.array([0.3, -0.2, 0.5]))
