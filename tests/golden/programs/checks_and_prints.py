import warnings

import numpy as np


def f(x, y):
    assert y > 0.0, f"y={y:.3g} must be positive"
    s = 0.0
    for i in range(3):
        if x[i] < -100.0:
            raise ValueError(f"x[{i}]={x[i]} is below -100")
        s = s + x[i] * y
    print("s =", s)
    if s > 1e6:
        warnings.warn(f"s={s:.3g} is large", RuntimeWarning)
    return np.sin(s) * y
