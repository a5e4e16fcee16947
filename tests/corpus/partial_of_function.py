"""functools.partial of a module function, of a nested def (a closure), of a partial, with
positional and keyword arguments, given to an integrator or called; the arguments are
evaluated when the partial is made, as functools.partial does."""
import functools
from functools import partial


def decay(t, y, rate, offset=0.0):
    return -rate * y + offset * t


def euler(f, y0, h, n):
    y = y0
    t = 0.0
    for i in range(n):
        y = y + h * f(t, y)
        t = t + h
    return y


def f(y0, rate):
    slow = functools.partial(decay, rate=rate)
    a = euler(slow, y0, 0.1, 5)
    r = rate * 2.0
    fast = partial(decay, rate=r, offset=y0)
    r = 100.0                                  # fast keeps the rate it was made with
    b = euler(fast, y0, 0.1, 5)

    def shifted(t, y, s):
        return -y * y * rate + s               # a closure over rate

    c = euler(partial(shifted, s=0.5), y0, 0.05, 4)
    at_zero = partial(decay, 0.0)              # t = 0.0 bound by position
    d = at_zero(y0, rate) + partial(at_zero, rate=rate)(y0 * y0)
    return a + b + c + d


ARGS = (0.9, 0.7)
