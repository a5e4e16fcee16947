"""Limited-memory BFGS with a strong-Wolfe line search, for smooth unconstrained minimisation.

``minimize(fun, x0)`` where ``fun(x) -> (value, gradient)``.  The search direction comes from
the two-loop recursion over the last ``memory`` steps (Nocedal and Wright, Numerical
Optimization, 2nd ed., algorithm 7.4), the step from a bracketing line search with cubic
interpolation that meets the strong Wolfe conditions (algorithms 3.5 and 3.6).  A trial point
where ``fun`` is not finite (an overflow far along the direction) counts as a failed decrease,
so the search backs off instead of stopping.
"""
from collections import deque
from typing import NamedTuple

import numpy as np


class Result(NamedTuple):
    x: np.ndarray
    fun: float
    grad: np.ndarray
    n_iter: int
    converged: bool
    message: str


def minimize(fun, x0, max_iter=100, gtol=1e-5, ftol=1e-13, memory=10, callback=None):
    """Minimise ``fun`` from ``x0``; stop when max |gradient| <= gtol (converged), when a step
    lowers the value by no more than ``ftol`` relative to it (converged: no progress left at this
    precision), or after ``max_iter`` iterations.  ``callback(k, x, value, gradient)`` runs
    after each iteration."""
    x = np.array(x0, dtype=float)
    f, g = _evaluate(fun, x)
    if not np.isfinite(f) or not np.all(np.isfinite(g)):
        raise ValueError("the objective or its gradient is not finite at the starting point")
    steps, changes = deque(maxlen=memory), deque(maxlen=memory)
    for k in range(max_iter + 1):
        if np.max(np.abs(g), initial=0.0) <= gtol:
            return Result(x, f, g, k, True, "gradient below gtol")
        if k == max_iter:
            break
        direction = -_two_loop(g, steps, changes)
        if direction @ g >= 0:                      # not a descent direction: start over
            steps.clear(), changes.clear()
            direction = -g
        first = 1.0 if steps else min(1.0, 1.0 / np.max(np.abs(g)))
        found = _wolfe_search(fun, x, f, g, direction, first)
        if found is None and steps:                 # retry once along the steepest descent
            steps.clear(), changes.clear()
            direction = -g
            found = _wolfe_search(fun, x, f, g, direction, min(1.0, 1.0 / np.max(np.abs(g))))
        if found is None:
            return Result(x, f, g, k, False, "the line search found no lower point")
        step, f_new, g_new = found
        s, y = step * direction, g_new - g
        if s @ y > 1e-10 * np.linalg.norm(s) * np.linalg.norm(y):
            steps.append(s)
            changes.append(y)
        x, f_old, f, g = x + s, f, f_new, g_new
        if callback is not None:
            callback(k + 1, x, f, g)
        if f_old - f <= ftol * max(abs(f_old), abs(f), 1.0):
            return Result(x, f, g, k + 1, True, "relative reduction below ftol")
    return Result(x, f, g, max_iter, False, "max_iter reached")


def _evaluate(fun, x):
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        f, g = fun(x)
    return float(f), np.asarray(g, dtype=float)


def _two_loop(g, steps, changes):
    """H g for the L-BFGS inverse Hessian approximation H built from the stored pairs."""
    q = np.array(g)
    alphas = []
    for s, y in zip(reversed(steps), reversed(changes)):
        a = (s @ q) / (y @ s)
        q -= a * y
        alphas.append(a)
    if steps:
        q *= (steps[-1] @ changes[-1]) / (changes[-1] @ changes[-1])
    for (s, y), a in zip(zip(steps, changes), reversed(alphas)):
        q += (a - (y @ q) / (y @ s)) * s
    return q


class _Point(NamedTuple):
    step: float
    f: float
    slope: float            # directional derivative at the point
    g: np.ndarray


def _wolfe_search(fun, x, f0, g0, direction, step, c1=1e-4, c2=0.9, max_evals=40):
    """(step, value, gradient) meeting the strong Wolfe conditions, or None."""
    slope0 = g0 @ direction
    origin = _Point(0.0, f0, slope0, g0)
    prev = origin
    for evals in range(max_evals):
        point = _probe(fun, x, direction, step)
        if point is None:                           # not finite: back off towards prev
            step = prev.step + 0.25 * (step - prev.step)
            continue
        if point.f > f0 + c1 * step * slope0 or (evals > 0 and point.f >= prev.f):
            return _zoom(fun, x, direction, prev, point, f0, slope0, c1, c2, max_evals)
        if abs(point.slope) <= -c2 * slope0:
            return point.step, point.f, point.g
        if point.slope >= 0:
            return _zoom(fun, x, direction, point, prev, f0, slope0, c1, c2, max_evals)
        prev, step = point, 2.0 * step
    return None


def _zoom(fun, x, direction, lo, hi, f0, slope0, c1, c2, max_evals):
    """Shrink the bracket [lo, hi] (lo: the lower value, meeting the sufficient decrease)."""
    for _ in range(max_evals):
        step = _cubic_minimum(lo, hi)
        point = _probe(fun, x, direction, step)
        if point is None:
            hi = _Point(step, np.inf, np.inf, None)
            continue
        if point.f > f0 + c1 * step * slope0 or point.f >= lo.f:
            hi = point
        else:
            if abs(point.slope) <= -c2 * slope0:
                return point.step, point.f, point.g
            if point.slope * (hi.step - lo.step) >= 0:
                hi = lo
            lo = point
        if abs(hi.step - lo.step) <= 1e-12 * max(abs(lo.step), 1e-12):
            break
    if lo.step > 0 and lo.f < f0:                   # sufficient decrease at least
        return lo.step, lo.f, lo.g
    return None


def _probe(fun, x, direction, step):
    f, g = _evaluate(fun, x + step * direction)
    if not np.isfinite(f) or not np.all(np.isfinite(g)):
        return None
    return _Point(step, f, g @ direction, g)


def _cubic_minimum(a, b):
    """The minimiser of the cubic through a and b (values and slopes), kept inside the middle
    80% of the bracket; the midpoint when the cubic gives none."""
    lo, hi = min(a.step, b.step), max(a.step, b.step)
    mid = 0.5 * (lo + hi)
    if not (np.isfinite(a.f) and np.isfinite(b.f) and np.isfinite(a.slope)
            and np.isfinite(b.slope)):
        return mid
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        d1 = a.slope + b.slope - 3 * (a.f - b.f) / (a.step - b.step)
        radicand = d1 * d1 - a.slope * b.slope
        if not radicand >= 0:
            return mid
        d2 = np.copysign(np.sqrt(radicand), b.step - a.step)
        step = b.step - (b.step - a.step) * (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
    margin = 0.1 * (hi - lo)
    if not np.isfinite(step) or not lo + margin <= step <= hi - margin:
        return mid
    return step
