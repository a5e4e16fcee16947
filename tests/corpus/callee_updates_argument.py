"""A helper that updates its parameter with ``x op= v`` (numpy updates an array in place):
``f`` steps a state by calls whose results are bound back (``q = drift(q, p)``), and passes
``scaled`` an array it updates and does not read again.  The derivatives follow sct's
rebinding, and generated code calls a copy of the helper that leaves its caller's array as it
was: the reverse sweep reads the argument again after the call, and read the updated array
before (a wrong gradient in reverse mode and a wrong Hessian)."""
import numpy as np


def drift(q, p):
    q += 0.1 * p
    return q


def kick(p, q):
    p -= 0.1 * np.sin(q)
    return p


def scaled(x):
    x *= np.sin(x)
    return x


def f(x, v):
    q = x * 1.0
    p = v * 1.0
    for i in range(3):
        p = kick(p, q)
        q = drift(q, p)
    r = scaled(2.0 * x)
    return np.sum(q * q) + np.sum(p * q) + np.sum(r)


ARGS = (np.array([0.3, -1.2, 2.0]), np.array([1.0, 0.5, -0.7]))
