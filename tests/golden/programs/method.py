import numpy as np

FUNCTIONS = ("Model.loss",)     # the golden harness transforms these (a method by its name)


class Model:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def predict(self, x):
        return np.tanh(self.w @ x + self.b)

    def loss(self, x, y):
        r = self.predict(x) - y
        return np.sum(r * r)
