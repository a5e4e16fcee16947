"""ADBench's GMM objective as ordinary numpy, in the subset sct accepts.

This module is what ``sct.grad`` reads: keep it to sct's subset.  It is also the "function's
own time" of the GMM tables: the plain numpy objective, called as it is.

Two places differ from the most natural numpy (both reported in bench/RESULTS.md). Both were
written when sct refused the natural form; sct now accepts both (``np.triu_indices`` and
``math.lgamma`` have rules, and GradBench's gmm eval, ``bench/gradbench/gmm.py``, uses them),
and they are kept so that the benchmark's figures stay comparable from run to run:
- the lower-triangular factors are filled through a boolean mask of the upper triangle and a
  swap of the last two axes, not with ``np.triu_indices``;
- log Γ_d (``scipy.special.multigammaln``, or ``math.lgamma`` in a loop), which only depends
  on d, γ and m, is computed by ``log_mvgamma`` with numpy: the recurrence
  Γ(z) = Γ(z + 8) / (z (z + 1) ... (z + 7)) and Stirling's series at z + 8 ≥ 8.5 (relative
  error below 1e-11).
"""
import math

import numpy as np


def log_mvgamma(a, p):
    """log Γ_p(a), the log of the multivariate gamma function, for a > (p - 1) / 2."""
    z = a - 0.5 * np.arange(p)
    w = z + 8.0
    shift = np.sum(np.log(z[:, None] + np.arange(8.0)[None, :]), axis=1)
    stirling = ((w - 0.5) * np.log(w) - w + 0.5 * math.log(2 * math.pi) + 1.0 / (12.0 * w)
                - 1.0 / (360.0 * w ** 3) + 1.0 / (1260.0 * w ** 5) - 1.0 / (1680.0 * w ** 7))
    return 0.25 * p * (p - 1) * math.log(math.pi) + np.sum(stirling - shift)


def logsumexp(v):
    mx = np.max(v)
    return np.log(np.sum(np.exp(v - mx))) + mx


def logsumexp_rows(m):
    mx = np.max(m, axis=1, keepdims=True)
    return np.log(np.sum(np.exp(m - mx), axis=1)) + mx[:, 0]


def gmm_objective(alphas, means, icf, x, wishart_gamma, wishart_m):
    """ADBench's GMM objective: log-likelihood terms and a Wishart prior (bench/README.md).

    alphas (K,), means (K, d), icf (K, d(d+1)/2): each row d log-diagonal entries, then the
    strictly-lower entries of Q column by column; x (n, d); wishart_gamma, wishart_m numbers.
    """
    n, d = x.shape
    K = alphas.shape[0]
    qs = icf[:, :d]
    ls = icf[:, d:]
    # the strictly-upper triangle in row order is the strictly-lower one in column order
    upper = np.triu(np.ones((d, d)), 1) > 0
    Lt = np.zeros((K, d, d))
    Lt[:, upper] = ls
    Ls = np.swapaxes(Lt, 1, 2)
    Qdiags = np.exp(qs)
    sum_qs = np.sum(qs, axis=1)
    xcentered = x[:, None, :] - means[None, :, :]
    Lxcentered = Qdiags[None, :, :] * xcentered + np.einsum("kij,nkj->nki", Ls, xcentered)
    sqsum = np.sum(Lxcentered ** 2, axis=2)
    inner = alphas[None, :] + sum_qs[None, :] - 0.5 * sqsum
    slse = np.sum(logsumexp_rows(inner))
    const = -n * d * 0.5 * math.log(2 * math.pi)
    lse_alphas = logsumexp(alphas)
    N = d + wishart_m + 1
    C = N * d * (math.log(wishart_gamma) - 0.5 * math.log(2)) - log_mvgamma(0.5 * N, d)
    reg = (0.5 * wishart_gamma ** 2 * (np.sum(Qdiags ** 2) + np.sum(ls ** 2))
           - wishart_m * np.sum(sum_qs))
    return const + slse - n * lse_alphas + reg - K * C
