"""User names that look like generated ones (dx, d_x, w1, dw1): tangents get other names."""


def f(x, dx, w1, d_x):
    w2 = x * dx
    dw1 = w1 * d_x
    ddx = dw1 + w2
    w3 = ddx * x
    return w3 + w1


ARGS = (1.2, 0.8, 0.5, 1.5)
