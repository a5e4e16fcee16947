"""GradBench's ``gmm`` eval: the log-posterior of a Gaussian mixture with a Wishart prior on
the precisions (PROTOCOL.md, gmm), and its gradient in alpha, mu, q and l by ``sct.grad``.

The math is ordinary numpy.  Each component's factor Q_k is lower triangular, exp(q[k]) on
the diagonal and l[k] filling the strictly-lower part column by column (the order of
``np.triu_indices`` read as (column, row)); ``Q_k (x_i - mu_k)`` for all points and
components at once is one matrix product of the points with the K factors stacked,
minus ``Q_k mu_k``.

The Wishart prior enters with the sign of PROTOCOL.md and GradBench's C++ reference
(``+ K·C − Σₖ [...]``), the opposite of ADBench's code, whose conformance values
(tests/test_gradbench_gmm.py) therefore differ from this objective by twice the prior.
"""
import math

import numpy as np

import sct

from .tool import Function


def objective(alpha, mu, q, l, x, m, gamma):
    n, d = x.shape
    k = alpha.shape[0]
    cols, rows = np.triu_indices(d, 1)       # column by column: (c, r) with r > c
    Q = np.zeros((k, d, d))
    Q[:, rows, cols] = l
    diag = np.arange(d)
    qdiag = np.exp(q)
    Q[:, diag, diag] = qdiag
    # z[i, k] = Q_k (x_i - mu_k): the points times every factor at once, minus Q_k mu_k
    Qmu = np.einsum("krc,kc->kr", Q, mu)
    z = np.reshape(x @ np.reshape(Q, (k * d, d)).T, (n, k, d)) - Qmu
    sqnorm = np.einsum("nkr,nkr->nk", z, z)
    sum_q = np.sum(q, axis=1)
    inner = alpha + sum_q - 0.5 * sqnorm
    mx = np.max(inner, axis=1)                  # logsumexp over k, shifted by the maximum
    slse = np.sum(np.log(np.sum(np.exp(inner - mx[:, None]), axis=1)) + mx)
    amax = np.max(alpha)
    lse_alpha = np.log(np.sum(np.exp(alpha - amax))) + amax
    n_dof = d + m + 1
    log_gamma_d = 0.25 * d * (d - 1) * math.log(math.pi) + sum(
        math.lgamma(0.5 * n_dof + 0.5 * (1 - j)) for j in range(1, d + 1))
    prior = (0.5 * gamma * gamma * (np.sum(qdiag * qdiag) + np.sum(l * l))
             - m * np.sum(sum_q))
    return (-0.5 * n * d * math.log(2 * math.pi)
            + slse
            - n * lse_alpha
            + k * (n_dof * d * (math.log(gamma) - 0.5 * math.log(2)) - log_gamma_d)
            - prior)


def arguments(data):
    """(alpha, mu, q, l, x, m, gamma) as arrays and numbers, from GradBench's JSON input."""
    d, k = int(data["d"]), int(data["k"])
    return (np.array(data["alpha"], dtype=float).reshape(k),
            np.array(data["mu"], dtype=float).reshape(k, d),
            np.array(data["q"], dtype=float).reshape(k, d),
            np.array(data["l"], dtype=float).reshape(k, d * (d - 1) // 2),
            np.array(data["x"], dtype=float).reshape(int(data["n"]), d),
            int(data["m"]), float(data["gamma"]))


def jacobian_output(grads):
    return {name: g.tolist() for name, g in zip(("alpha", "mu", "q", "l"), grads)}


def define():
    gradient = sct.grad(objective, wrt=("alpha", "mu", "q", "l"))
    return {"objective": Function(objective, arguments=arguments, output=float),
            "jacobian": Function(gradient, arguments=arguments, output=jacobian_output)}
