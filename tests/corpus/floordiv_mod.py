"""Floor division (piecewise constant) and modulo (d(a % b) = da - floor(a / b) db)."""


def f(x, period):
    k = x // period
    phase = x % period
    wrapped = (3.0 * x) % 2.0
    return phase * phase + k * x + wrapped + x % (period + 1.0)


ARGS = (7.3, 2.2)
