"""GradBench's ``saddle`` eval (nested AD): the saddle point of f(p, q) = |p|^2 - |q|^2 by
two nested gradient descents.

The inner value V(p) = f(p, argmax_q f(p, q)) runs the descent on -f(p, .) from the start
with the inner derivative grad_q f (``sct.grad``, or two ``sct.forward`` sweeps); the outer
descent minimises V with grad V by the outer mode: sct's derivative through the whole inner
descent (its data-dependent loop, its branches, the inner derivative inside).  Then y =
argmax_q f(x, q) with grad_q f by the outer mode.  The descents the outer derivative does not
go through run as plain Python.

Points of the plane are pairs of numbers, not 2-vectors (``descent.argmin_plane``): on Python
floats the generated code runs about ten times faster than on numpy arrays of two entries.
"""
import numpy as np

import sct

from .descent import argmin_plane
from .tool import Function


def f(p0, p1, q0, q1):
    return (p0 * p0 + p1 * p1) - (q0 * q0 + q1 * q1)


grad_q = sct.grad(f, wrt=(2, 3))             # the inner derivative, reverse mode
tangent_q = sct.forward(f, wrt=(2, 3))       # and forward mode


def grad_q_f(p0, p1, q0, q1):
    return tangent_q(p0, p1, q0, q1, 1.0, 0.0)[1], tangent_q(p0, p1, q0, q1, 0.0, 1.0)[1]


def negated(g):
    return -g[0], -g[1]


def value_r(p0, p1, s0, s1):
    """V(p) = f(p, argmax_q f(p, q)), the argmax from (s0, s1) with grad_q by reverse mode."""
    q0, q1 = argmin_plane(lambda a, b: -f(p0, p1, a, b),
                          lambda a, b: negated(grad_q(p0, p1, a, b)), s0, s1)
    return f(p0, p1, q0, q1)


def value_f(p0, p1, s0, s1):
    """V(p) with grad_q by forward mode."""
    q0, q1 = argmin_plane(lambda a, b: -f(p0, p1, a, b),
                          lambda a, b: negated(grad_q_f(p0, p1, a, b)), s0, s1)
    return f(p0, p1, q0, q1)


def _forward_pair(tangent):
    """The gradient in the first two arguments by two forward sweeps."""
    def gradient(a, b, *rest):
        return tangent(a, b, *rest, 1.0, 0.0)[1], tangent(a, b, *rest, 0.0, 1.0)[1]
    return gradient


def define():
    functions = {}
    # the last descent's gradient in q by the outer mode
    outer_q = {"r": sct.grad(f, wrt=(2, 3)), "f": None}
    tangent = sct.forward(f, wrt=(2, 3))
    outer_q["f"] = lambda p0, p1, q0, q1: (tangent(p0, p1, q0, q1, 1.0, 0.0)[1],
                                           tangent(p0, p1, q0, q1, 0.0, 1.0)[1])
    for inner, value in (("r", value_r), ("f", value_f)):
        outer_v = {"r": sct.grad(value, wrt=(0, 1)),
                   "f": _forward_pair(sct.forward(value, wrt=(0, 1)))}
        for outer in "rf":
            def compute(start, value=value, grad_v=outer_v[outer], grad_q=outer_q[outer]):
                s0, s1 = start
                x0, x1 = argmin_plane(lambda a, b: value(a, b, s0, s1),
                                      lambda a, b: grad_v(a, b, s0, s1), s0, s1)
                y0, y1 = argmin_plane(lambda a, b: -f(x0, x1, a, b),
                                      lambda a, b: negated(grad_q(x0, x1, a, b)), s0, s1)
                return np.array([x0, x1, y0, y1])
            functions[outer + inner] = Function(
                compute, arguments=lambda data: (tuple(float(v) for v in data["start"]),))
    return functions
