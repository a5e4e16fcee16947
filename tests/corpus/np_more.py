"""More numpy: hstack vstack cumsum squeeze expand_dims swapaxes broadcast_to kron argmax
argsort identity full_like linspace asarray array copy flatten positive."""
import numpy as np


def f(x, m):
    a = np.hstack([x, x * x]) + np.ravel(np.vstack([x, 2.0 * x]))
    b = np.cumsum(x) * np.squeeze(np.expand_dims(x, 0))
    c = np.swapaxes(m, 0, 1) @ np.broadcast_to(x[:2], (2, 2))
    k = np.kron(x[:2], m[0])
    i = np.argmax(x)
    s = np.argsort(x)
    e = np.identity(3) * np.full_like(x, 2.0) + np.linspace(0.0, 1.0, 3)
    g = np.asarray(x) * np.array(x) + np.copy(x).flatten()
    return np.sum(a * a) + np.sum(b) + np.sum(c) + np.sum(k) + x[i] + np.sum(x[s] * np.arange(3)) \
        + np.sum(e @ x) + np.sum(g) + np.sum(x.squeeze()) + np.sum(np.positive(x))


ARGS = (np.array([0.3, -1.2, 0.8]), np.array([[1.0, 2.0], [-0.5, 0.4]]))
