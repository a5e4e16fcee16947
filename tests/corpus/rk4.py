"""Classical Runge-Kutta for a damped oscillator: a helper returning a tuple, called in a loop."""


def rhs(x, v, k, c):
    return v, -k * x - c * v


def f(x0, v0, k, c):
    x = x0
    v = v0
    h = 0.05
    for i in range(20):
        k1x, k1v = rhs(x, v, k, c)
        k2x, k2v = rhs(x + 0.5 * h * k1x, v + 0.5 * h * k1v, k, c)
        k3x, k3v = rhs(x + 0.5 * h * k2x, v + 0.5 * h * k2v, k, c)
        k4x, k4v = rhs(x + h * k3x, v + h * k3v, k, c)
        x = x + h / 6.0 * (k1x + 2.0 * k2x + 2.0 * k3x + k4x)
        v = v + h / 6.0 * (k1v + 2.0 * k2v + 2.0 * k3v + k4v)
    return x, v


ARGS = (1.0, 0.2, 2.5, 0.3)
