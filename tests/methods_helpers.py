"""Classes whose methods tests/test_methods.py differentiates (sct reads their source)."""
from dataclasses import dataclass

import numpy as np

import sct


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

    def through_class(self, x):
        return Model.scale(x) * np.sum(self.b)

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


class Decorated:
    """sct's decorators on methods: the gradient with respect to the explicit parameters, or
    (wrt="self") with respect to the instance."""

    def __init__(self, a):
        self.a = a

    def value(self, x):
        return self.a * np.sum(np.sin(x))

    @sct.grad
    def grad_value(self, x):
        return self.value(x)

    @sct.grad(wrt="self")
    def grad_self(self, x):
        return self.value(x)

    @sct.value_and_grad
    def both(self, x):
        return self.value(x) * self.a


class Refused:
    """Methods sct refuses, each at its line."""

    def __init__(self, a):
        self.a = a

    @property
    def doubled(self):
        return 2.0 * self.a

    def sets(self, x):
        self.a = x
        return x * x

    @classmethod
    def constructs(cls, x):
        return cls(x).a

    @classmethod
    def calls_plain(cls, x):
        return cls.sets(x)

    def reads_property(self, x):
        return self.doubled * x

    def calls_super(self, x):
        return super().sets(x)

    def calls_missing(self, x):
        return self.nowhere(x)

    def method_value(self, x):
        h = self.sets
        return h(x)


class Child(Refused):
    def calls_super(self, x):
        return super().calls_super(x)


def calls_method_of_parameter(p, x):
    return p.energy(x)


class Stack:
    """A list of records as an attribute, a loop over it, a closure over self."""

    def __init__(self, layers, power):
        self.layers, self.power = layers, power

    def out(self, x):
        for layer in self.layers:
            x = np.tanh(layer.w @ x + layer.b)
        norm = lambda v: np.sum(v ** self.power)
        return norm(x)


class Scaled:
    """A class attribute read through self: a constant, not a field of the instance."""
    C = 3.0
    KIND = "cube"
    TABLE = np.array([1.0, 2.0])

    def __init__(self, a):
        self.a = a

    def f(self, x):
        if self.KIND == "cube":
            return self.C * self.a * x ** 3
        return self.C * self.a * x

    def table(self, x):
        return np.sum(self.TABLE * x)
