import numpy as np


def trajectory(x0, v, n):
    xs = [x0]
    x = x0
    for i in range(n):
        x = x + 0.1 * v * np.sin(x)
        xs.append(x)
    return xs


def loss(params, x0, target):
    xs = trajectory(x0, params["v"], 3)
    d = xs[-1] - target
    return np.sum(d * d) + params["reg"] * np.sum(np.array(xs) ** 2)
