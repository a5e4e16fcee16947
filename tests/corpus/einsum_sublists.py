"""np.einsum in the operand/sublist form (lowered to the subscripts string), beside the string
form: a matrix product, a transpose, an implicit output and an ellipsis."""
import numpy as np


def f(a, b):
    p = np.einsum(a, [0, 1], b, [1, 2], [0, 2])
    t = np.einsum(a, (0, 1), (1, 0))
    q = np.einsum(p, [0, 1], p, [0, 1])
    r = np.einsum(t, [..., 1], a[:, 0], [1], [...])
    return np.sum(p * p) + q * np.sum(t * np.einsum("ij->ji", a)) + np.sum(r ** 3)


ARGS = (np.arange(6).reshape(2, 3) / 7, np.arange(12).reshape(3, 4) / 5)
