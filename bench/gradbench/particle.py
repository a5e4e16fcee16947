"""GradBench's ``particle`` eval (nested AD): a charged particle falls through the field of
two charges, one of them moved by the control w; the outer descent finds the w whose particle
lands at x = 0.

The acceleration is the inner derivative, -grad_x phi(x, w), by sct in reverse mode
(``sct.grad``) or forward mode (two ``sct.forward`` sweeps); the objective runs the Euler
steps until the particle crosses y = 0 (a loop whose trip count depends on w); the outer
derivative d objective / dw is sct's again, through the whole simulation and the inner
derivatives (``sct.grad`` or ``sct.forward`` of the objective).  The descent is
``descent.argmin``, run as plain Python here.

The plane's points are pairs of numbers (x, y), not 2-vectors: on Python floats the generated
code runs about ten times faster than on numpy arrays of two entries.
"""
import math

import sct

from .descent import argmin
from .tool import Function


def potential(x, y, w):
    """phi(x) = sum over the charges at (10, 10 - w) and (10, 0) of 1 / |x - charge|."""
    return 1.0 / math.hypot(x - 10.0, y - (10.0 - w)) + 1.0 / math.hypot(x - 10.0, y)


grad_potential = sct.grad(potential, wrt=(0, 1))          # the inner derivative, reverse mode
tangent_potential = sct.forward(potential, wrt=(0, 1))    # and forward mode


def acceleration_r(x, y, w):
    gx, gy = grad_potential(x, y, w)
    return -gx, -gy


def acceleration_f(x, y, w):
    _, gx = tangent_potential(x, y, w, 1.0, 0.0)
    _, gy = tangent_potential(x, y, w, 0.0, 1.0)
    return -gx, -gy


def landing(w, acceleration):
    """(x of the landing point)^2 after Euler steps of dt = 0.1 from (0, 8) at (0.75, 0)."""
    x, y = 0.0, 8.0
    vx, vy = 0.75, 0.0
    dt = 0.1
    while True:
        ax, ay = acceleration(x, y, w)
        x_new, y_new = x + dt * vx, y + dt * vy
        if y_new > 0.0:
            x, y = x_new, y_new
            vx, vy = vx + dt * ax, vy + dt * ay
        else:
            break
    t_f = -y / vy
    x_f = x + t_f * vx
    return x_f * x_f


def objective_r(w):
    return landing(w, acceleration_r)


def objective_f(w):
    return landing(w, acceleration_f)


def define():
    functions = {}
    for inner, objective in (("r", objective_r), ("f", objective_f)):
        reverse = sct.grad(objective)
        tangent = sct.forward(objective)

        def forward(w, tangent=tangent):
            return tangent(w, 1.0)[1]
        for outer, gradient in (("r", reverse), ("f", forward)):
            def compute(w, objective=objective, gradient=gradient):
                return argmin(objective, gradient, w)
            functions[outer + inner] = Function(compute,
                                                arguments=lambda data: (float(data["w"]),))
    return functions
