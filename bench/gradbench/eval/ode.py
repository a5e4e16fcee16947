"""ode: RK4 on the linear chain y0' = x0, yi' = xi y(i-1) to t = 2 in s steps.

``primal`` is checked against an RK4 integration written here with plain Python loops over
the components.  ``gradient`` (of the last component y(n-1)(2) w.r.t. x) is checked, as
GradBench checks it, against the closed form of the exact ODE solution, not against the
derivative of RK4: y(n-1)(2) = x0 x1 ... x(n-1) 2^n / n!, whose gradient is y(n-1)(2) / xj.
The two agree within GradBench's 1e-4 where RK4 is accurate (s >= 10) or the values are
tiny (n >= 12); the small sizes are chosen so, and tests/test_gradbench_small.py checks sct's
gradient against central differences of the RK4 below, where they do not agree too.  At the
baseline sizes (n >= 1000, x uniform in [0, 1)) the gradient is ~0, as in GradBench.
"""
import math

import numpy as np

from . import Case

SIZES = {"small": ((2, 1), (4, 10), (7, 20), (12, 1), (16, 10)),
         "baselines": ((1000, 1), (1000, 10), (10000, 1), (10000, 10))}


def rk4(x, s):
    """y(2) by RK4, component by component (plain floats)."""
    n, h = len(x), 2.0 / s

    def chain(y):
        return [x[0]] + [x[i] * y[i - 1] for i in range(1, n)]

    y = [0.0] * n
    for _ in range(s):
        k1 = chain(y)
        k2 = chain([a + h / 2 * k for a, k in zip(y, k1)])
        k3 = chain([a + h / 2 * k for a, k in zip(y, k2)])
        k4 = chain([a + h * k for a, k in zip(y, k3)])
        y = [a + h / 6 * (p + 2 * q + 2 * r + t) for a, p, q, r, t in zip(y, k1, k2, k3, k4)]
    return y


def _exact_gradient(x):
    """d y(n-1)(2) / dxj = (product of the other xi) 2^n / n!, in logarithms (n! and the
    product leave floating point at the baseline sizes; the result underflows to 0 there)."""
    n = len(x)
    scale = n * math.log(2.0) - math.lgamma(n + 1)
    result = []
    for j in range(n):
        others = [v for i, v in enumerate(x) if i != j]
        if any(v == 0.0 for v in others):
            result.append(0.0)
            continue
        sign = (-1) ** sum(v < 0 for v in others)
        result.append(sign * math.exp(math.fsum(math.log(abs(v)) for v in others) + scale))
    return result


def _input(n, s, size):
    rng = np.random.default_rng(100 * n + s)
    x = rng.random(n) if size == "baselines" else rng.uniform(0.5, 1.5, n)
    return {"x": x.tolist(), "s": s}


def cases(size="small"):
    result = []
    for n, s in SIZES[size]:
        data = _input(n, s, size)
        result.append(Case("primal", data, f"n={n},s={s}",
                           lambda d=data: rk4(d["x"], d["s"])))
        result.append(Case("gradient", data, f"n={n},s={s}",
                           lambda d=data: _exact_gradient(d["x"])))
    return result
