"""Gaussian components for each covariance type: the M step's estimates, the precision Cholesky
factors, the log-densities of the E step, and the unconstrained parameters of gradient ascent.

Shapes by covariance type (K components, d features):

| type        | covariances | prec_chol | t (unconstrained)                            |
| ----------- | ----------- | --------- | -------------------------------------------- |
| 'full'      | (K, d, d)   | (K, d, d) | upper triangles of prec_chol, log-diagonal   |
| 'tied'      | (d, d)      | (d, d)    | same, one matrix                             |
| 'diag'      | (K, d)      | (K, d)    | log(prec_chol)                               |
| 'spherical' | (K,)        | (K,)      | log(prec_chol)                               |
"""
import numpy as np

from . import loglik

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")

ILL_DEFINED = ("Fitting the mixture model failed because some components have ill-defined "
               "empirical covariance (for instance caused by singleton or collapsed samples). "
               "Try to decrease the number of components, increase reg_covar, or scale the "
               "input data.")



def estimate(X, resp, reg_covar, covariance_type):
    """The M step: (nk, means, covariances) from responsibilities (n, K).

    ``nk`` are the soft counts (plus a few ulps, so that an empty component divides by a
    positive number and keeps finite parameters); ``reg_covar`` is added to the variances.
    """
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
    means = resp.T @ X / nk[:, None]
    if covariance_type == "full":
        covariances = np.empty((len(nk), X.shape[1], X.shape[1]))
        for k in range(len(nk)):
            diff = X - means[k]
            covariances[k] = (resp[:, k] * diff.T) @ diff / nk[k]
            covariances[k].flat[::X.shape[1] + 1] += reg_covar
    elif covariance_type == "tied":
        covariances = (X.T @ X - (nk * means.T) @ means) / nk.sum()
        covariances.flat[::X.shape[1] + 1] += reg_covar
    else:
        variances = resp.T @ (X * X) / nk[:, None] - means ** 2 + reg_covar
        covariances = variances if covariance_type == "diag" else variances.mean(axis=1)
    return nk, means, covariances


def precision_cholesky(covariances, covariance_type):
    """The Cholesky factors of the precisions; ValueError (raise reg_covar) if not positive."""
    if covariance_type in ("full", "tied"):
        stack = covariances if covariance_type == "full" else covariances[None]
        factors = np.empty_like(stack)
        for k, cov in enumerate(stack):
            try:
                cov_chol = np.linalg.cholesky(cov)
            except np.linalg.LinAlgError:
                raise ValueError(ILL_DEFINED) from None
            # Sigma = C C^T, so Sigma^-1 = C^-T C^-1 = P P^T with P = C^-T (upper triangular).
            factors[k] = np.triu(np.linalg.solve(cov_chol, np.eye(len(cov))).T)
        if not np.all(np.isfinite(factors)):
            raise ValueError(ILL_DEFINED)
        return factors if covariance_type == "full" else factors[0]
    if np.any(covariances <= 0) or not np.all(np.isfinite(covariances)):
        raise ValueError(ILL_DEFINED)
    return 1.0 / np.sqrt(covariances)


def precisions(prec_chol, covariance_type):
    """P P^T (full, tied) or P^2 (diag, spherical)."""
    if covariance_type in ("full", "tied"):
        return prec_chol @ np.swapaxes(prec_chol, -1, -2)
    return prec_chol ** 2


def covariances(prec_chol, covariance_type):
    """The covariances whose precisions have the Cholesky factors ``prec_chol``."""
    if covariance_type in ("full", "tied"):
        inverse = np.linalg.inv(prec_chol)          # Sigma = P^-T P^-1
        return np.swapaxes(inverse, -1, -2) @ inverse
    return 1.0 / prec_chol ** 2


def cholesky_of_precisions(precisions, covariance_type):
    """Cholesky factors of given precisions (as ``precisions_init``)."""
    if covariance_type in ("full", "tied"):
        return np.linalg.cholesky(precisions)
    return np.sqrt(precisions)


def log_prob(X, means, prec_chol, covariance_type, out=None, scratch=None):
    """log N(x_i | mu_k, Sigma_k): (n, K), ``loglik.log_prob_<type>``'s values computed one
    component at a time, so that no temporary is larger than X (those build (n, K, d) arrays,
    K times X, which the gradient's adjoint reads).  ``out`` (n, K) and ``scratch`` (n, d),
    when given, receive the result and the per-component work: nothing of n rows is
    allocated (the chunked EM reuses them from part to part)."""
    n, d = X.shape
    quad = np.empty((n, len(means))) if out is None else out
    y = np.empty((n, d)) if scratch is None else scratch
    for k in range(len(means)):
        if covariance_type in ("full", "tied"):
            factor = prec_chol[k] if covariance_type == "full" else prec_chol
            np.matmul(X, factor, out=y)
            y -= means[k] @ factor
        else:
            np.subtract(X, means[k], out=y)
            y *= prec_chol[k]
        np.einsum("ij,ij->i", y, y, out=quad[:, k])
    if covariance_type in ("full", "tied"):
        log_det = np.sum(np.log(np.diagonal(prec_chol, axis1=-2, axis2=-1)), axis=-1)
    elif covariance_type == "diag":
        log_det = np.sum(np.log(prec_chol), axis=1)
    else:
        log_det = d * np.log(prec_chol)
    quad += d * loglik.LOG_2PI          # -0.5 (d log 2 pi + quad) + log_det, in place
    quad *= -0.5
    quad += log_det
    return quad


def n_parameters(n_components, n_features, covariance_type):
    """Free parameters: weights (K - 1), means, and covariances."""
    matrix = n_features * (n_features + 1) // 2
    per_type = {"full": n_components * matrix, "tied": matrix,
                "diag": n_components * n_features, "spherical": n_components}
    return per_type[covariance_type] + n_components * n_features + n_components - 1


def unconstrained(prec_chol, covariance_type):
    """``t`` of ``loglik.objective_<type>``: the log of the factors' diagonals.

    A full or tied factor that is not upper triangular (the Cholesky factor of a given
    ``precisions_init`` is lower triangular) is first replaced by the upper triangular P with
    the same P P^T."""
    if covariance_type in ("diag", "spherical"):
        return np.log(prec_chol)
    if np.any(np.tril(prec_chol, -1) != 0):
        prec_chol = _upper_factor(prec_chol @ np.swapaxes(prec_chol, -1, -2))
    eye = np.eye(prec_chol.shape[-1])
    return np.triu(prec_chol, 1) + np.log(np.sum(prec_chol * eye, axis=-1))[..., None] * eye


def _upper_factor(precision):
    """Upper triangular U with U U^T = precision: J chol(J A J) J, J reversing the order."""
    flipped = np.linalg.cholesky(precision[..., ::-1, ::-1])
    return flipped[..., ::-1, ::-1]


def constrained(t, covariance_type):
    """Inverse of ``unconstrained``."""
    if covariance_type in ("diag", "spherical"):
        return np.exp(t)
    return loglik.factor_from_t(t)
