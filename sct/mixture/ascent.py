"""Fitting by gradient ascent on the mean log-likelihood, with the gradient sct generated.

The parameters move in an unconstrained space (``loglik.objective_<type>``): ``alpha``, with
weights softmax(alpha); the means; and ``t``, the precision Cholesky factors with their
diagonal as logarithms (only the upper triangle of a full or tied factor is free).  L-BFGS
minimises the negative mean log-likelihood; value and gradient come from one call to
``loglik_grad.b_objective_<type>``, the adjoint sct generated from ``loglik.py``.

The fit runs on standardized data, z = (x - center) / scale, which makes the problem
better conditioned and ``tol`` independent of the data's units; the likelihood is the same up
to the constant log |det diag(scale)|, and the parameters map back exactly (a spherical
covariance stays spherical only under one scale for all features, so it gets one).
"""
from typing import NamedTuple

import numpy as np

from . import chunked, gaussian, lbfgs, loglik_grad

ADJOINTS = {"full": loglik_grad.b_objective_full, "tied": loglik_grad.b_objective_tied,
            "diag": loglik_grad.b_objective_diag,
            "spherical": loglik_grad.b_objective_spherical}


class Ascent(NamedTuple):
    weights: np.ndarray
    means: np.ndarray
    prec_chol: np.ndarray
    log_likelihood: float       # mean log-likelihood at the parameters returned
    n_iter: int
    converged: bool


def ascend(X, weights, means, prec_chol, covariance_type, max_iter=100, tol=1e-3,
           callback=None):
    """Maximise the mean log-likelihood from the given parameters.

    Converged when the largest entry of the gradient (with respect to the unconstrained
    parameters) is at most ``tol``, or when a step no longer raises the value at double
    precision.  ``callback(iteration, mean log-likelihood)`` runs after each iteration.  X is
    an array, or ``chunked.Chunks`` (each value and gradient then a pass over the chunks).
    """
    layout = Layout(len(weights), X.shape[1], covariance_type)
    adjoint = ADJOINTS[covariance_type]
    if isinstance(X, chunked.Chunks):
        center, scale = standardization(*X.moments(), covariance_type)
        evaluate = chunked.objective(X, adjoint, center, scale)
    else:
        center, scale = standardization(np.mean(X, axis=0), np.std(X, axis=0),
                                        covariance_type)
        Z = (X - center) / scale

        def evaluate(*parts):
            return adjoint(Z, *parts)
    log_jacobian = np.sum(np.log(scale))        # log-likelihood of X = that of Z - this

    def negative(x):
        value, grads = evaluate(*layout.unpack(x))
        return -value, -layout.pack(*grads)

    def report(k, x, f, g):
        callback(k, -f - log_jacobian)

    alpha = np.log(np.maximum(weights, np.finfo(float).tiny))
    prec_chol_z = _scale_factor(prec_chol, scale, covariance_type)
    x0 = layout.pack(alpha, (means - center) / scale,
                     gaussian.unconstrained(prec_chol_z, covariance_type))
    result = lbfgs.minimize(negative, x0, max_iter=max_iter, gtol=tol,
                            callback=report if callback else None)
    alpha, means_z, t = layout.unpack(result.x)
    weights = np.exp(alpha - np.max(alpha))
    prec_chol = _scale_factor(gaussian.constrained(t, covariance_type), 1 / scale,
                              covariance_type)
    return Ascent(weights / weights.sum(), center + scale * means_z, prec_chol,
                  -result.fun - log_jacobian, result.n_iter, result.converged)


def standardization(mean, std, covariance_type):
    """(center, scale) per feature from the features' means and standard deviations; one
    scale for all features when 'spherical'."""
    scale = std
    if covariance_type == "spherical":
        scale = np.full(len(std), np.sqrt(np.mean(std ** 2)))
    return mean, np.where(scale > 0, scale, 1.0)


def _scale_factor(prec_chol, scale, covariance_type):
    """The precision factor for data divided by ``scale``: diag(scale) P."""
    if covariance_type in ("full", "tied"):
        return scale[:, None] * prec_chol
    return prec_chol * (scale if covariance_type == "diag" else scale[0])


class Layout:
    """(alpha, means, t) <-> one flat vector of the free entries."""

    def __init__(self, n_components, n_features, covariance_type):
        K, d = n_components, n_features
        self.means_shape = (K, d)
        upper = np.triu(np.ones((d, d), dtype=bool))
        self.t_free = {"full": np.broadcast_to(upper, (K, d, d)), "tied": upper,
                       "diag": np.ones((K, d), dtype=bool),
                       "spherical": np.ones(K, dtype=bool)}[covariance_type]
        self.sizes = np.cumsum([K, K * d])

    def pack(self, alpha, means, t):
        return np.concatenate([alpha, np.ravel(means), t[self.t_free]])

    def unpack(self, x):
        alpha, means, free = np.split(x, self.sizes)
        t = np.zeros(self.t_free.shape)
        t[self.t_free] = free
        return alpha, means.reshape(self.means_shape), t
