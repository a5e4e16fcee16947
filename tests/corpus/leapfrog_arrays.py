"""A leapfrog integrator for a harmonic oscillator on arrays of their own: augmented
assignments that no other name can see, in both modes."""
import numpy as np


def f(q0, p0, dt):
    q = q0.copy()
    p = p0.copy()
    for i in range(5):
        p -= 0.5 * dt * q
        q += dt * p
        p -= 0.5 * dt * q
    return 0.5 * np.sum(q * q + p * p)


ARGS = (np.array([1.0, 0.5]), np.array([0.0, -0.3]), 0.4)
