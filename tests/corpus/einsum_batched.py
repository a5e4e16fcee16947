"""The GMM's batched contraction, the same as the golden file contraction.py."""
import numpy as np


def f(L, x):
    y = np.einsum("kij,nkj->nki", L, x)
    return np.sum(y * y)


ARGS = (np.array([[[1.0, 0.0], [0.5, 2.0]], [[0.3, 0.0], [-1.2, 0.8]], [[1.5, 0.0], [0.1, -0.4]]]),
        np.array([[[0.2, -0.3], [1.1, 0.4], [-0.7, 0.9]], [[0.5, 0.6], [-0.1, 0.2], [0.3, -1.4]],
                  [[0.8, 0.1], [0.0, -0.5], [1.2, 0.7]], [[-0.6, 0.3], [0.4, 0.9], [0.2, 0.2]]]))
