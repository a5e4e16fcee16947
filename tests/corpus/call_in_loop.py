"""A function called from a loop: explicit Euler steps of a pendulum."""
import math


def accel(theta, length):
    return -9.81 / length * math.sin(theta)


def f(theta0, omega0, length, steps):
    theta = theta0
    omega = omega0
    dt = 0.01
    for i in range(steps):
        a = accel(theta, length)
        theta = theta + dt * omega
        omega = omega + dt * a
    return theta * omega


ARGS = (0.4, 0.1, 1.3, 20)
