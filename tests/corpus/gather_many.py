"""A row of a matrix gathered by a large integer array with repeated and negative entries
(det's expansion by minors reads A[d][columns] so): the adjoint adds the repeated entries'
parts up (np.bincount beyond 4096 entries, np.add.at below)."""
import numpy as np


def f(a, index, weights):
    total = 0.0
    for d in range(a.shape[0]):
        row = a[d]
        total = total + np.sum(np.sin(row[index]) * weights) * (d + 1.0)
    return total


ARGS = (np.array([[0.3, -0.8, 1.2, 0.5], [0.1, 0.9, -0.4, 2.0]]),
        np.array([(7 * i) % 8 - 4 for i in range(5000)]).reshape(1000, 5),
        np.linspace(-1.0, 1.0, 5000).reshape(1000, 5))
WRT = (0,)
