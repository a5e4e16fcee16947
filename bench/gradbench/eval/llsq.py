"""llsq: the polynomial least-squares objective, checked against the closed forms computed
here with plain Python loops (t_i^j by repeated multiplication, math.fsum): the objective
y = 1/2 sum_i r_i^2 and its gradient -sum_i r_i t_i^j.  x is drawn from a seeded normal
distribution (GradBench's eval generates x too); m = 128 at the baseline sizes."""
import math

import numpy as np

from . import Case

SIZES = {"small": ((3, 2), (5, 7), (8, 16), (128, 64)),
         "baselines": tuple((128, n) for n in (16, 64, 256, 1024, 4096))}


def _residuals(x, n):
    result = []
    for i in range(n):
        t = -1.0 + 2.0 * i / (n - 1)
        s = (t > 0) - (t < 0)
        power, fit = 1.0, []
        for xj in x:
            fit.append(xj * power)
            power *= t
        result.append((t, s - math.fsum(fit)))
    return result


def _primal(x, n):
    return 0.5 * math.fsum(r * r for _, r in _residuals(x, n))


def _gradient(x, n):
    grad = [[] for _ in x]
    for t, r in _residuals(x, n):
        power = 1.0
        for j in range(len(x)):
            grad[j].append(-r * power)
            power *= t
    return [math.fsum(g) for g in grad]


def cases(size="small"):
    result = []
    for m, n in SIZES[size]:
        data = {"x": np.random.default_rng(1000 * m + n).normal(size=m).tolist(), "n": n}
        result.append(Case("primal", data, f"n={n},m={m}",
                           lambda d=data: _primal(d["x"], d["n"])))
        result.append(Case("gradient", data, f"n={n},m={m}",
                           lambda d=data: _gradient(d["x"], d["n"])))
    return result
