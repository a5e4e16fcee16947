"""Tuple adjoints: unpacked in one callee, indexed in another, accumulated in a loop (their
sum is item by item: `+` once joined the two tuples, a silently wrong gradient)."""
import numpy as np


def step(state, h):
    pos, vel = state
    acc = -pos * h
    return (pos + h * vel, vel + h * acc)


def energy(state):
    a, b = state
    return 0.5 * (np.sum(a ** 2) + np.sum(b ** 2)) + state[0][0] * state[1][1]


def f(p, v):
    state = (p, v)
    e = 0.0
    for i in range(3):
        state = step(state, 0.1)
        e = e + energy(state) + state[1][0] * e
    return e


ARGS = (np.array([0.7, -0.2]), np.array([1.3, 0.4]))
