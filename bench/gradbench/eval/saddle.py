"""saddle: [x0, x1, y0, y1] in all four mode pairs (rr, ff, fr, rf), against a reference
computed here without the tool's code: the same descent (PROTOCOL.md), written again as plain
Python on 2-vectors, with the gradients in closed form.  For f(p, q) = |p|^2 - |q|^2 the
inner argmax does not depend on p (grad_q f = -2q), so grad V(p) = 2p exactly, and the
outer descent on V is the descent on |p|^2.  From [1, 1] this lands on PROTOCOL.md's value
(all four about 8.246324826140356e-06)."""
import math

from . import Case

START = [1.0, 1.0]


def _argmin(f, g, x0):
    """PROTOCOL.md's gradient descent, on lists of two numbers."""
    x, fx, gx, eta, i = list(x0), f(x0), g(x0), 1e-5, 0
    while True:
        if math.sqrt(sum(v * v for v in gx)) <= 1e-5:
            return x
        if i == 10:
            eta, i = 2 * eta, 0
            continue
        x_new = [a - eta * b for a, b in zip(x, gx)]
        if math.sqrt(sum((a - b) ** 2 for a, b in zip(x, x_new))) <= 1e-5:
            return x
        f_new = f(x_new)
        if f_new < fx:
            x, fx, gx, i = x_new, f_new, g(x_new), i + 1
        else:
            eta, i = eta / 2, 0


def saddle(start):
    """[x0, x1, y0, y1] by the descents, with closed-form gradients."""
    def f(p, q):
        return (p[0] ** 2 + p[1] ** 2) - (q[0] ** 2 + q[1] ** 2)

    def inner(p):
        return _argmin(lambda q: -f(p, q), lambda q: [2 * q[0], 2 * q[1]], start)

    x = _argmin(lambda p: f(p, inner(p)), lambda p: [2 * p[0], 2 * p[1]], start)
    y = _argmin(lambda q: -f(x, q), lambda q: [2 * q[0], 2 * q[1]], start)
    return x + y


def cases(size="small"):
    return [Case(modes, {"start": START}, f"{modes}, start={START}",
                 lambda: saddle(START))
            for modes in ("rr", "ff", "fr", "rf")]
