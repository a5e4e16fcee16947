"""lse: log-sum-exp of x (uniform in [0, 1)), checked against the closed forms: the shifted
sum of exponentials for ``primal`` and the softmax for ``gradient``, each computed here with
plain Python loops (math.exp, math.log), not the tool's numpy code."""
import math

import numpy as np

from . import Case

SIZES = {"small": (1, 2, 10, 1000), "baselines": (2500, 10000, 40000, 160000)}


def _input(n, seed):
    return {"x": np.random.default_rng(seed).random(n).tolist()}


def _primal(x):
    a = max(x)
    return a + math.log(math.fsum(math.exp(v - a) for v in x))


def _softmax(x):
    a = max(x)
    e = [math.exp(v - a) for v in x]
    total = math.fsum(e)
    return [v / total for v in e]


def cases(size="small"):
    result = []
    for n in SIZES[size]:
        data = _input(n, seed=n)
        result.append(Case("primal", data, f"n={n}", lambda x=data["x"]: _primal(x)))
        result.append(Case("gradient", data, f"n={n}", lambda x=data["x"]: _softmax(x)))
    if size == "small":     # a tie at the max: np.max shares its derivative, which cancels
        data = {"x": [0.25, 0.75, 0.75, 0.5]}
        result.append(Case("gradient", data, "tie", lambda x=data["x"]: _softmax(x)))
    return result
