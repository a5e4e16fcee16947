"""Module-level constant arrays read as constants (golden)."""
import numpy as np

NODES = np.array([-0.7745966692414834, 0.0, 0.7745966692414834])
WEIGHTS = np.array([0.5555555555555556, 0.8888888888888888, 0.5555555555555556])
GRID = np.asarray([[1.0, 2.0], [3.0, -4.0]])
SCALE = 0.5


def quad(a, b, k):
    x = SCALE * (b - a) * NODES + SCALE * (a + b)
    return SCALE * (b - a) * np.sum(WEIGHTS * np.sin(k * x))


def f(a, b, k):
    v = GRID @ np.array([a, b * k])
    return quad(a, b, k) + np.sum(v * v) * 0.1


