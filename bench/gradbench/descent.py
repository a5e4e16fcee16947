"""The gradient descent both nested evals use (PROTOCOL.md, particle): argmin of f from x0,
given f's gradient g.  Ordinary Python in sct's subset: saddle differentiates through it."""
import math

import numpy as np


def norm(v):
    """The Euclidean norm of a vector, or |v| of a number."""
    return np.sqrt(np.sum(v * v))


def argmin(f, g, x0):
    x = x0
    fx = f(x)
    gx = g(x)
    eta = 1e-5
    i = 0
    while True:
        if norm(gx) <= 1e-5:
            return x
        if i == 10:
            eta = 2.0 * eta
            i = 0
        else:
            x_new = x - eta * gx
            if norm(x - x_new) <= 1e-5:
                return x
            f_new = f(x_new)
            if f_new < fx:
                x = x_new
                fx = f_new
                gx = g(x_new)
                i = i + 1
            else:
                eta = eta / 2.0
                i = 0


def argmin_plane(f, g, x0, y0):
    """``argmin`` for a point of the plane given as two numbers (x, y), f(x, y) a number and
    g(x, y) the pair of its partial derivatives; returns the pair.  The same steps, the same
    arithmetic (the norm's sum of squares in the same order), on Python floats: about ten times
    faster than 2-vectors of numpy, for the generated code as for this one."""
    x, y = x0, y0
    fx = f(x, y)
    gx, gy = g(x, y)
    eta = 1e-5
    i = 0
    while True:
        if math.sqrt(gx * gx + gy * gy) <= 1e-5:
            return x, y
        if i == 10:
            eta = 2.0 * eta
            i = 0
        else:
            x_new = x - eta * gx
            y_new = y - eta * gy
            dx = x - x_new
            dy = y - y_new
            if math.sqrt(dx * dx + dy * dy) <= 1e-5:
                return x, y
            f_new = f(x_new, y_new)
            if f_new < fx:
                x, y = x_new, y_new
                fx = f_new
                gx, gy = g(x_new, y_new)
                i = i + 1
            else:
                eta = eta / 2.0
                i = 0
