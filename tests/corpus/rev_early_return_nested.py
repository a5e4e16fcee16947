"""A return from inside a loop nested in another loop, from an if inside both, and after the
loops; the values overwritten before the return are read by the adjoint."""
import math


def search(x, y, n):
    acc = x
    for i in range(n):
        for j in range(n):
            acc = acc * 0.9 + math.sin(y * j + x)
            if acc > 2.0 + i:
                return acc * y
            if acc < -1.0:
                return acc - x
        acc = acc + y * i
    return acc * acc


def f(x, y):
    a = search(x * 0.1, y * 0.3, 4)         # returns from the inner loop, second pass
    b = search(x * -0.5, y * 0.2, 4)        # the other return, second pass
    c = search(x * -0.3, y * 0.8, 4)        # the first return, third pass
    d = search(x * 0.1, y * 0.2, 4)         # no early return
    return a + b * c + d


ARGS = (0.9, 1.1)
