"""GradBench's ``llsq`` eval: linear least squares fit of a polynomial to sign(t).

With t_i = -1 + 2i/(n-1) and s_i = sign(t_i), i = 0..n-1, ``primal`` is
y = 1/2 sum_i (s_i - sum_j x_j t_i^j)^2, j = 0..m-1: x times the matrix of powers t_i^j
(built inside the timed function, as the eval's definition has it), the residual, half its
squared norm. ``gradient`` is ``sct.grad`` of it w.r.t. x.
"""
import numpy as np

import sct

from .tool import Function


def vandermonde(t, m):
    """The m x n matrix of powers t_i^j, j = 0..m-1, by doubling: rows k..2k-1 are rows
    0..k-1 times t^k (log2(m) products instead of m powers, which np.power computes
    slowly: 8 ms against 1.4 ms at m = 128, n = 4096)."""
    powers = np.ones((m, t.shape[0]))
    k = 1
    t_k = t
    while k < m:
        rows = min(k, m - k)
        powers[k:k + rows] = powers[:rows] * t_k
        t_k = t_k * t_k
        k = 2 * k
    return powers


def llsq(x, n):
    m = x.shape[0]
    t = -1.0 + 2.0 * np.arange(n) / (n - 1)
    r = np.sign(t) - x @ vandermonde(t, m)
    return 0.5 * np.sum(r * r)


def _arguments(data):
    return np.asarray(data["x"], dtype=float), int(data["n"])


def define():
    gradient = sct.grad(llsq, wrt=0)
    return {"primal": Function(llsq, arguments=_arguments),
            "gradient": Function(gradient, arguments=_arguments)}
