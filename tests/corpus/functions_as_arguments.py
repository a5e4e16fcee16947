"""Functions as arguments: a fourth-order Runge-Kutta integrator given a module function, a
lambda and a closure over the enclosing function's parameters (each a specialisation of
rk4 with its own derivative), bisection on a function given to it, a function argument
passed on through two levels (rk4 to step), and a minimiser's descent steps."""
import math


def pendulum(t, y):
    return -math.sin(y) + 0.1 * t


def step(f, t, y, h):
    k1 = f(t, y)
    k2 = f(t + h / 2, y + h / 2 * k1)
    k3 = f(t + h / 2, y + h / 2 * k2)
    k4 = f(t + h, y + h * k3)
    return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def rk4(f, y0, h, n):
    y = y0
    t = 0.0
    for i in range(n):
        y = step(f, t, y, h)
        t = t + h
    return y


def bisect(g, a, b):
    for i in range(30):
        m = 0.5 * (a + b)
        if g(a) * g(m) <= 0.0:
            b = m
        else:
            a = m
    return 0.5 * (a + b)


def minimize(loss, x0, rate):
    x = x0
    for i in range(5):
        h = 1e-3
        slope = (loss(x + h) - loss(x - h)) / (2 * h)
        x = x - rate * slope
    return loss(x)


def f(y0, k):
    a = rk4(pendulum, y0, 0.1, 4)
    b = rk4(lambda t, y: -k * y * y, y0, 0.1, 4)

    def forced(t, y):
        return -k * y + math.cos(y0 * t)        # a closure over both parameters

    c = rk4(forced, y0, 0.05, 3)
    root = bisect(lambda z: z * z * z - k, 0.0, 3.0)    # the cube root of k, by bisection
    for i in range(2):                 # Newton steps carry its derivatives (the second one's too)
        root = root - (root ** 3 - k) / (3.0 * root * root)
    best = minimize(lambda z: (z - k) ** 2 + y0 * z, 0.5, 0.3)
    return a + b * c + root + best


ARGS = (0.6, 1.7)
