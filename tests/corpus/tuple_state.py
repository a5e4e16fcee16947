"""A tuple state passed to and returned from callees in a loop (arrays inside the tuple)."""
import numpy as np


def step(state, h):
    pos, vel = state
    acc = -pos * h
    return (pos + h * vel, vel + h * acc)


def energy(state):
    return 0.5 * (np.sum(state[0] ** 2) + np.sum(state[1] ** 2))


def f(p, v):
    state = (p, v)
    e = 0.0
    for i in range(10):
        state = step(state, 0.1)
        e = e + energy(state)
    return e, state


ARGS = (np.array([0.7, -0.2]), np.array([1.3, 0.4]))
