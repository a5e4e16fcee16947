"""transpose/.T reshape concatenate stack (and method forms)."""
import numpy as np


def f(x, m):
    r = np.reshape(x, (2, 3))
    s = r.T * m.transpose()
    c = np.concatenate([x, 2.0 * x, np.ones(2)])
    k = np.concatenate((m, r), axis=0)
    st = np.stack([x, x * x], axis=1)
    st0 = np.stack((x, np.zeros(6)))
    v = m.reshape(6) + x.reshape(3, 2).reshape(-1)
    return np.sum(s * s) + np.sum(c * c) + np.sum(k) * np.sum(st) + np.sum(st0 * v) \
        + np.sum(np.transpose(k) @ k)


ARGS = (np.array([0.3, -1.2, 0.8, 1.5, -0.4, 0.9]), np.array([[1.0, 2.0, 0.5], [-0.5, 0.4, 1.5]]))
