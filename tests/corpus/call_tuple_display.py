"""A tuple display passed straight to a user function, h((x, y * x)): the call carried no
derivative in either mode (a silent zero: the modes looked for names among its arguments);
the tuple is now bound to a name first, as a named tuple argument always was."""
import numpy as np


def h(t):
    return np.sum(np.array(t), axis=0) * t[0] + t[1] * t[2]


def f(x, y):
    return np.sum(np.sin(h((x, y * x, x * x))))


ARGS = (np.array([0.3, -1.2, 0.7]), 0.4)
