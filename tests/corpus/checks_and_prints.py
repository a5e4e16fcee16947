"""Checks and side effects in the primal: assert (with and without a message), raise of a
built-in exception in a branch and inside a loop (not reached at the test point), print of
strings, f-strings and values, and warnings.warn; none of them changes the derivative."""
import warnings

import numpy as np


def scaled(v, s):
    assert s > 0.0, f"the scale s={s:.3g} must be positive"
    print("scaled by", s)
    return v * s


def f(x, y, n):
    assert np.all(np.isfinite(x))
    if y < -10.0:
        raise ValueError(f"y={y} is below -10")
    s = 0.0
    for i in range(n):
        if x[i] == 123.0:
            raise RuntimeError("unlucky entry", i)
        s = s + np.sin(x[i]) * y
        print(f"step {i}: s = {s:.4f}, x[i] = {x[i]!r}")
    if s > 1e9:
        warnings.warn(f"s={s} is large", RuntimeWarning)
    elif s < -1e9:
        raise OverflowError
    z = scaled(x, y * y + 1.0)
    print("sum of z:", np.sum(z), "shape", z.shape, sep=" | ")
    return s + np.sum(z * z)


ARGS = (np.array([0.3, -0.8, 1.2]), 0.7, 3)
