"""A list's item replaced by an array that carries no derivative, ys[-1] = np.zeros(3): forward
mode gave the item the tangent 0.0, a number among arrays, and np.array(dys) raised
("inhomogeneous shape"; found by the fuzzer's issue 13 forms)."""
import numpy as np


def f(x, y):
    ys = [np.sqrt(1.0 + x ** 2), np.tanh(np.broadcast_to(y, (3,)) + y)]
    ys[-1] = np.zeros(3)
    a1 = np.array(ys)
    return np.sum(np.tanh(a1 - y), axis=1, keepdims=True) * x[0]


def g(x, y):
    r = f(x, y)
    return np.sum(r)


ARGS = (np.array([-0.529, -0.371, 0.422]), 0.179)
WRT = (0, 1)
HESSIAN_WRT = 0
SEED = 1415
