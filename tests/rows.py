"""Input domains and the row builder of the per-intrinsic tables: test_intrinsics.py and the
family files ``rows_*.py`` beside it, whose ``ROWS`` test_intrinsics.py runs with its own."""
import numpy as np
import pytest


# ---------------------------------------------------------------- input domains
# A domain is a function of a random generator; an empty shape gives a Python float.
def u(lo, hi, *shape):
    """Uniform in (lo, hi)."""
    return lambda rng: _value(rng.uniform(lo, hi, shape))


def away(lo, hi, *shape):
    """|value| in (lo, hi), random sign: away from zero."""
    return lambda rng: _value(rng.uniform(lo, hi, shape) * rng.choice([-1.0, 1.0], shape))


def distinct(*shape):
    """Entries at least 0.3 apart, in random order: no ties for max, min, sort."""
    n = int(np.prod(shape))
    return lambda rng: np.reshape(rng.permutation(n) * 0.3 - 0.15 * n
                                  + rng.uniform(0.0, 0.05, n), shape)


def spd(n, *batch):
    """Symmetric positive definite, eigenvalues in about (1, 3)."""
    def draw(rng):
        q, _ = np.linalg.qr(rng.standard_normal(batch + (n, n)))
        return q @ (rng.uniform(1.0, 3.0, batch + (n,))[..., None] * np.swapaxes(q, -1, -2))
    return draw


def wc(n, *batch):
    """Well conditioned: the identity times 2 plus a perturbation of norm below 1."""
    return lambda rng: 2 * np.eye(n) + rng.uniform(-0.3, 0.3, batch + (n, n))


def const(value):
    return lambda rng: value if np.ndim(value) == 0 else np.array(value, dtype=float)


def _value(x):
    return float(x) if np.ndim(x) == 0 else x


S = u(-2, 2)             # a scalar
V = u(-2, 2, 3)          # a vector
V4 = u(-2, 2, 4)
P = u(0.5, 2, 3)         # a positive vector
P4 = u(0.5, 2, 4)
P2x3 = u(0.5, 2, 2, 3)
PS = u(0.5, 2)           # a positive scalar
M = u(-2, 2, 2, 3)       # a matrix
M3 = u(-2, 2, 3, 3)
T3 = u(-2, 2, 2, 3, 4)   # a 3-d array
M34 = u(-2, 2, 3, 4)
COL = u(-2, 2, 3, 1)     # broadcasts with ROW to (3, 4)
ROW = u(-2, 2, 1, 4)


def row(id, params, body, domains, wrt=None):
    """``body``: statements separated by newlines; a last line without ``return`` is returned."""
    return pytest.param(params, body, tuple(domains), wrt, id=id)
