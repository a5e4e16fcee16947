"""Found by the fuzzer (tests/fuzz.py): reverse mode read t[1] of t = (a, x) as x itself, also
after x was assigned again in a loop (the reverse value was 1.4e-05 where f gives 1.2e-03)."""
import math

import numpy as np


def f(x):
    t6 = (np.broadcast_to(x, (2, 2)), x)
    for i8 in range(4):
        x = x - 0.1 * np.tanh(((x * 0.5 + 1.0)) ** 2.0)
        x = x * math.cos(t6[1])
    a7 = np.full(3, 2.0)
    a7[np.sin(((a7) / (1.5 + (x) ** 2))) > -1.0] = np.sin(x)
    return np.tanh(np.sum(a7) * np.sum(t6[0]) * x)


def g(x):
    r = f(x)
    return np.sum(r * r)


ARGS = (0.348,)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 41502
