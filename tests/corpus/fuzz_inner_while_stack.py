"""Found by the fuzzer (tests/fuzz.py): a while loop nested in a for loop whose reverse sweep
writes no code kept its trip count on the stack (a counter made in an earlier round of the
reverse pass's fixed point), and the value restored after it was the count: sct.grad gave
sin(1.25) + 0.25 cos(0) instead of sin(1.25) + 0.25 cos(1.25). There before this issue."""
import numpy as np


def f(x):
    a = 1.0 + 0.5 * x
    b = np.sin(a) * x
    for i in range(1):
        a = a * 0.9
        while a < -10.0:
            a = 0.5 * a
    return b


def g(x):
    r = f(x)
    return r


ARGS = (0.5,)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 67
