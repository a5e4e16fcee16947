"""Classes whose methods tests/test_methods.py differentiates (sct reads their source)."""
from dataclasses import dataclass

import numpy as np


class Model:
    """A plain object: its attributes are arrays, numbers and an option (a string)."""

    def __init__(self, w, b, act="tanh"):
        self.w, self.b, self.act = w, b, act

    def predict(self, x):
        z = self.w @ x + self.b
        if self.act == "tanh":
            return np.tanh(z)
        return np.sin(z)

    def loss(self, x, y):
        r = self.predict(x) - y
        return np.sum(r * r) + 0.1 * self.scale(self.b)

    def energy(self, x):
        return np.sum(self.w * self.w) * np.sum(x ** 3)

    @staticmethod
    def scale(v):
        return np.sum(v * v)

    @classmethod
    def weighted(cls, x):
        return cls.FACTOR * np.sum(np.sin(x))

    FACTOR = 2.5


class Wider(Model):
    """Overrides predict: loss (inherited) calls this one for a Wider."""

    def predict(self, x):
        return np.exp(0.5 * (self.w @ x)) + self.b


@dataclass
class Layer:
    w: np.ndarray
    b: float


@dataclass
class Net:
    first: Layer
    scale: float

    def out(self, x):
        return self.scale * np.sum(np.tanh(self.first.w @ x + self.first.b))
