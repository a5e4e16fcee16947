"""Names bound to one another (no copies) whose adjoints the reverse sweep hands on from one to
the next and then updates entry by entry: an adjoint handed on must not be updated in place
while another name still holds it."""
import numpy as np


def f(x, c):
    y = x
    z = y * 1.0
    w = z
    v = z
    a = w[0] * w[1] + v[2]
    b = y[2] * 3.0 + x[0]
    u = np.reshape(v, (3, 1))
    t = u[1, 0] * c
    for i in range(2):
        s = y
        y = s * c
        a = a + y[i] * s[i]
    return a + b + t + np.sum(w * 2.0) + np.sum(v * y)


ARGS = (np.array([0.5, -1.0, 2.0]), 0.7)
