"""Each peer's own, idiomatic version of the GMM objective and its gradient.

A peer is a function ``make(inst)`` returning ``call``: a function of no arguments that
computes (the two objectives aside) the gradient with respect to (alphas, means, icf) for that instance and returns
something ``to_flat`` turns into ADBench's flat gradient.  A peer that cannot run raises
``CannotRun`` (or any error: the harness reports it as "cannot run: <reason>").
"""
import math
import types

import numpy as np

from . import gmm
from .gmm_data import flat


class CannotRun(Exception):
    """A peer cannot run a case; the message says why."""


def lower_index(d):
    """Index into [0, l_1, ..., l_{d(d-1)/2}] for each entry of a d x d matrix (row-major):
    0 on and above the diagonal, 1 + the position of L[i, j] in icf's column-by-column order."""
    index = np.zeros((d, d), dtype=np.intp)
    cols, rows = np.triu_indices(d, 1)          # column by column: (i, j) with j > i
    index[rows, cols] = 1 + np.arange(rows.size)
    return index.ravel()


def wishart_constant(d, gamma, m):
    from scipy.special import multigammaln
    N = d + m + 1
    return N * d * (math.log(gamma) - 0.5 * math.log(2)) - multigammaln(0.5 * N, d)


# ------------------------------------------------------------------ numpy: objective and floor

def make_objective(inst):
    args = inst.args
    return lambda: gmm.gmm_objective(*args)


class _PathNumpy:
    """numpy, except that ``einsum`` contracts with a path (``optimize=True``)."""

    def __getattr__(self, name):
        return getattr(np, name)

    @staticmethod
    def einsum(*operands, **kwargs):
        return np.einsum(*operands, optimize=True, **kwargs)


def make_objective_path(inst):
    """The same objective with a contraction path for its einsum: what sct's generated code
    does with the einsums it emits, so its own forward sweep is this fast (a reference row,
    not a gradient)."""
    objective = types.FunctionType(gmm.gmm_objective.__code__,
                                   {**vars(gmm), "np": _PathNumpy()})
    args = inst.args
    return lambda: objective(*args)


def gmm_gradient_numpy(alphas, means, icf, x, wishart_gamma, wishart_m):
    """The gradient written by hand: one forward pass, responsibilities, two batched matmuls."""
    n, d = x.shape
    K = alphas.shape[0]
    qs, ls = icf[:, :d], icf[:, d:]
    Qd = np.exp(qs)
    Ls = np.concatenate([np.zeros((K, 1)), ls], axis=1)[:, lower_index(d)].reshape(K, d, d)
    xc = x[None, :, :] - means[:, None, :]                      # (K, n, d)
    y = Qd[:, None, :] * xc + xc @ np.swapaxes(Ls, 1, 2)        # Q_k (x_i - mu_k)
    inner = alphas + np.sum(qs, axis=1) - 0.5 * np.sum(y * y, axis=2).T      # (n, K)
    r = np.exp(inner - np.max(inner, axis=1, keepdims=True))
    r /= np.sum(r, axis=1, keepdims=True)                       # responsibilities
    ry = r.T[:, :, None] * y                                    # (K, n, d)
    G = -(np.swapaxes(ry, 1, 2) @ xc)                           # d f / d Q_k, (K, d, d)
    rsum = np.sum(r, axis=0)
    sa = np.exp(alphas - np.max(alphas))
    g_alphas = rsum - n * sa / np.sum(sa)
    s = np.sum(ry, axis=1)                                      # (K, d)
    g_means = Qd * s + np.einsum("kij,ki->kj", Ls, s)           # Q_k^T s_k
    g_qs = rsum[:, None] + np.diagonal(G, axis1=1, axis2=2) * Qd \
        + wishart_gamma ** 2 * Qd * Qd - wishart_m
    cols, rows = np.triu_indices(d, 1)
    g_ls = G[:, rows, cols] + wishart_gamma ** 2 * ls
    return g_alphas, g_means, np.concatenate([g_qs, g_ls], axis=1)


def make_numpy_hand(inst):
    args = inst.args
    return lambda: gmm_gradient_numpy(*args)


# ------------------------------------------------------------------ sct

def make_sct(inst):
    import sct
    g = sct.grad(gmm.gmm_objective, wrt=(0, 1, 2))
    args = inst.args
    return lambda: g(*args)


# ------------------------------------------------------------------ central differences

def central_differences(f, params, rest, step=6e-6):
    """The gradient of f(*params, *rest) with respect to params, two calls per entry."""
    grads = []
    for k, p in enumerate(params):
        g = np.empty(p.size)
        for j in range(p.size):
            h = step * max(1.0, abs(p.flat[j]))
            plus, minus = [q.copy() for q in params], [q.copy() for q in params]
            plus[k].flat[j] += h
            minus[k].flat[j] -= h
            g[j] = (f(*plus, *rest) - f(*minus, *rest)) / (2 * h)
        grads.append(g.reshape(p.shape))
    return tuple(grads)


def make_central_differences(inst):
    params, rest = inst.args[:3], inst.args[3:]
    return lambda: central_differences(gmm.gmm_objective, params, rest)


# ------------------------------------------------------------------ autograd

def make_autograd(inst):
    import autograd
    import autograd.numpy as anp
    from autograd.scipy.special import logsumexp

    d, K, n = inst.d, inst.K, inst.n
    index = lower_index(d)
    const = -n * d * 0.5 * math.log(2 * math.pi)
    C = wishart_constant(d, inst.wishart_gamma, inst.wishart_m)
    gamma, m, x = inst.wishart_gamma, inst.wishart_m, inst.x

    def objective(alphas, means, icf):
        qs, ls = icf[:, :d], icf[:, d:]
        Qd = anp.exp(qs)
        Ls = anp.reshape(anp.concatenate([anp.zeros((K, 1)), ls], axis=1)[:, index], (K, d, d))
        xc = x[:, None, :] - means[None, :, :]
        y = Qd * xc + anp.einsum("kij,nkj->nki", Ls, xc)
        inner = alphas + anp.sum(qs, axis=1) - 0.5 * anp.sum(y ** 2, axis=2)
        reg = 0.5 * gamma ** 2 * (anp.sum(Qd ** 2) + anp.sum(ls ** 2)) - m * anp.sum(qs)
        return const + anp.sum(logsumexp(inner, axis=1)) - n * logsumexp(alphas) + reg - K * C

    g = autograd.grad(objective, argnum=(0, 1, 2))
    alphas, means, icf = inst.args[:3]
    return lambda: g(alphas, means, icf)


# ------------------------------------------------------------------ JAX

def _jax_objective(inst):
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    from jax.scipy.special import logsumexp, multigammaln

    d, K, n = inst.d, inst.K, inst.n
    index = lower_index(d)
    gamma, m = inst.wishart_gamma, inst.wishart_m

    def objective(alphas, means, icf, x):
        qs, ls = icf[:, :d], icf[:, d:]
        Qd = jnp.exp(qs)
        Ls = jnp.concatenate([jnp.zeros((K, 1)), ls], axis=1)[:, index].reshape(K, d, d)
        xc = x[:, None, :] - means[None, :, :]
        y = Qd * xc + jnp.einsum("kij,nkj->nki", Ls, xc)
        inner = alphas + jnp.sum(qs, axis=1) - 0.5 * jnp.sum(y ** 2, axis=2)
        N = d + m + 1
        C = N * d * (jnp.log(gamma) - 0.5 * jnp.log(2.0)) - multigammaln(0.5 * N, d)
        reg = 0.5 * gamma ** 2 * (jnp.sum(Qd ** 2) + jnp.sum(ls ** 2)) - m * jnp.sum(qs)
        return (-n * d * 0.5 * jnp.log(2 * jnp.pi) + jnp.sum(logsumexp(inner, axis=1))
                - n * logsumexp(alphas) + reg - K * C)

    return jax, jnp, objective


def make_jax_jit(inst):
    jax, jnp, objective = _jax_objective(inst)
    g = jax.jit(jax.grad(objective, argnums=(0, 1, 2)))
    args = [jnp.asarray(a) for a in inst.args[:4]]
    return lambda: jax.block_until_ready(g(*args))


def make_jax(inst):
    jax, jnp, objective = _jax_objective(inst)
    g = jax.grad(objective, argnums=(0, 1, 2))
    args = [jnp.asarray(a) for a in inst.args[:4]]
    return lambda: jax.block_until_ready(g(*args))


# ------------------------------------------------------------------ PyTorch

def make_torch(inst):
    import torch

    d, K, n = inst.d, inst.K, inst.n
    index = torch.from_numpy(lower_index(d))
    gamma, m = inst.wishart_gamma, inst.wishart_m
    C = (d + m + 1) * d * (math.log(gamma) - 0.5 * math.log(2)) \
        - torch.special.multigammaln(torch.tensor(0.5 * (d + m + 1), dtype=torch.float64), d)
    x = torch.from_numpy(inst.x)

    def objective(alphas, means, icf):
        qs, ls = icf[:, :d], icf[:, d:]
        Qd = torch.exp(qs)
        Ls = torch.cat([torch.zeros((K, 1), dtype=icf.dtype), ls], dim=1)[:, index]
        Ls = Ls.reshape(K, d, d)
        xc = x[:, None, :] - means[None, :, :]
        y = Qd * xc + torch.einsum("kij,nkj->nki", Ls, xc)
        inner = alphas + torch.sum(qs, dim=1) - 0.5 * torch.sum(y ** 2, dim=2)
        reg = 0.5 * gamma ** 2 * (torch.sum(Qd ** 2) + torch.sum(ls ** 2)) - m * torch.sum(qs)
        return (-n * d * 0.5 * math.log(2 * math.pi) + torch.sum(torch.logsumexp(inner, dim=1))
                - n * torch.logsumexp(alphas, dim=0) + reg - K * C)

    params = [torch.from_numpy(a.copy()).requires_grad_() for a in inst.args[:3]]

    def call():
        return torch.autograd.grad(objective(*params), params)

    return call


# ------------------------------------------------------------------ tangent-ad

def make_tangent(inst):
    import tangent

    from . import gmm_tangent
    g = tangent.grad(gmm_tangent.gmm_objective, wrt=(0, 1, 2), verbose=0)
    args = inst.args + (inst.n, inst.d, inst.K, np.zeros((inst.K, 1)), lower_index(inst.d),
                        wishart_constant(inst.d, inst.wishart_gamma, inst.wishart_m))
    return lambda: g(*args)


PEERS = [
    # key, label, make
    ("objective", "numpy objective (the function)", make_objective),
    ("objective_path", "numpy objective, einsum with optimize=True (not a gradient)",
     make_objective_path),
    ("sct", "sct.grad", make_sct),
    ("numpy_hand", "numpy, hand-written gradient", make_numpy_hand),
    ("jax_jit", "JAX jax.jit(jax.grad)", make_jax_jit),
    ("jax", "JAX jax.grad", make_jax),
    ("torch", "PyTorch autograd", make_torch),
    ("autograd", "autograd", make_autograd),
    ("tangent", "tangent-ad", make_tangent),
    ("central_differences", "central differences", make_central_differences),
]


def numpy_of(value):
    """A numpy array of a numpy, JAX or PyTorch value (without importing PyTorch)."""
    if type(value).__module__.startswith("torch"):
        value = value.detach().numpy()
    return np.asarray(value, dtype=float)


def to_flat(result):
    return flat([numpy_of(r) for r in result])
