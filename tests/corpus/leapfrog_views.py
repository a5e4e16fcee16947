"""A leapfrog integrator for a harmonic oscillator written on views of one state array
(q = state[:2], p = state[2:]) with augmented assignments: the updates reach state, as in
numpy (issue 10: 13 % off in value when sct rebound q and p). Reverse mode writes each update
into state and takes q and p again after it."""
import numpy as np


def f(q0, p0, dt):
    state = np.concatenate([q0, p0])
    q = state[:2]
    p = state[2:]
    for i in range(5):
        p -= 0.5 * dt * q
        q += dt * p
        p -= 0.5 * dt * q
    return 0.5 * np.sum(state * state)


ARGS = (np.array([1.0, 0.5]), np.array([0.0, -0.3]), 0.4)
