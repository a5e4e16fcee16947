"""Options that steer branches: a plain Enum's member passed in and compared with == and !=
(by class and name in generated code), a string option, and a module-level tuple of numbers read as a
constant (Gauss-Legendre weights)."""
from enum import Enum

import numpy as np

WEIGHTS = (0.5555555555555556, 0.8888888888888888, 0.5555555555555556)
NODES = (-0.7745966692414834, 0.0, 0.7745966692414834)


class Penalty(Enum):
    L2 = 1
    L1 = 2


def integral(g, a, b):
    total = 0.0
    for i in range(3):
        t = 0.5 * (b - a) * NODES[i] + 0.5 * (a + b)
        total = total + WEIGHTS[i] * g * np.sin(g * t)
    return 0.5 * (b - a) * total


def penalised(x, penalty, mode):
    if penalty == Penalty.L2:
        p = np.sum(x ** 2)
    elif penalty != Penalty.L1:
        p = 0.0
    else:
        p = np.sum(np.abs(x))
    if mode == "scaled":
        p = 0.5 * p
    return p


def f(x, a, penalty):
    first = penalised(x, penalty, "scaled")
    if penalty == Penalty.L2:
        first = first + 1.0
    return integral(x[0], 0.0, a) + first * penalised(x, penalty, "plain")


ARGS = (np.array([0.7, -1.3]), 1.5, Penalty.L1)
WRT = (0, 1)
