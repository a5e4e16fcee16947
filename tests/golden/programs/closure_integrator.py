import math


def rk4_step(f, y, h):
    k1 = f(y)
    k2 = f(y + h / 2 * k1)
    k3 = f(y + h / 2 * k2)
    k4 = f(y + h * k3)
    return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def pendulum(y0, k, n):
    def field(y):
        return -k * math.sin(y)
    y = y0
    for i in range(n):
        y = rk4_step(field, y, 0.1)
    return y
