"""GradBench's ``ode`` eval: classic fourth-order Runge-Kutta on the linear chain
y0' = x0, yi' = xi * y(i-1), y(0) = 0, to t = 2 in s steps of h = 2/s.

``primal`` returns y(2); ``gradient`` is ``sct.grad`` (reverse mode) of its last component
with respect to x: the exact derivative of the RK4 result (not of the ODE's solution, which
GradBench's reference uses: see the eval).
"""
import numpy as np

import sct

from .tool import Function


def chain(x, y):
    """The right-hand side F(y): x0 for y0, xi * y(i-1) for yi."""
    return x * np.concatenate((np.ones(1), y[:-1]))


def rk4(x, s):
    h = 2.0 / s
    y = np.zeros(x.shape[0])
    for _ in range(s):
        k1 = chain(x, y)
        k2 = chain(x, y + h / 2 * k1)
        k3 = chain(x, y + h / 2 * k2)
        k4 = chain(x, y + h * k3)
        y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return y


def last(x, s):
    return rk4(x, s)[-1]


def _arguments(data):
    return np.asarray(data["x"], dtype=float), int(data["s"])


def define():
    gradient = sct.grad(last, wrt=0)
    return {"primal": Function(rk4, arguments=_arguments),
            "gradient": Function(gradient, arguments=_arguments)}
