"""Prelude helpers for scipy.stats (see prelude.py).

The special functions the distributions' derivatives need (digamma and trigamma for the
derivatives in shape parameters, the normal distribution's hazard for log-cdf tails) are
computed here, so that the rule templates stay elementary numpy and scipy.stats calls; each
has its own entry in rules/scipy_stats.py giving its derivative (for Hessians).  The
multivariate helpers are written in the subset, so that sct differentiates them like user
functions when it takes a Hessian."""
import numpy as np
import scipy.special


def _stats_digamma(x):
    """psi(x), the derivative of log Gamma."""
    return scipy.special.digamma(x)


def _stats_trigamma(x):
    """psi'(x), the derivative of digamma."""
    return scipy.special.polygamma(1, x)


def _stats_norm_hazard(z):
    """phi(z) / Phi(z), computed without underflow far in either tail: with t = -z / sqrt(2),
    Phi(z) = erfc(t) / 2 and phi(z) = exp(-t^2) / sqrt(2 pi), so the ratio is
    sqrt(2 / pi) / erfcx(t) (erfcx(t) = exp(t^2) erfc(t)); about -z for z -> -inf, and 0 where
    erfcx overflows (z above about 38, where phi(z) is below the smallest float)."""
    return 0.7978845608028654 / scipy.special.erfcx(-0.7071067811865476 * np.asarray(z))


def _mvn_cov(mean, cov):
    """The covariance as the (d, d) matrix scipy.stats.multivariate_normal makes of it (d the
    mean's size): a number is that times the identity, a vector the diagonal."""
    if np.ndim(cov) == 2:
        return cov
    if np.ndim(cov) == 1:
        return np.diag(cov)
    return cov * np.eye(np.size(mean))


def _mvn_cov_adjoint(adjoint, cov):
    """An adjoint of the (d, d) matrix _mvn_cov makes, as the adjoint of cov itself."""
    if np.ndim(cov) == 2:
        return adjoint
    if np.ndim(cov) == 1:
        return np.diagonal(adjoint)
    return np.trace(adjoint)


def _mvn_rows(x, mean):
    """x - mean as a matrix of rows (n, d), as scipy.stats.multivariate_normal reads x (d the
    mean's size): a number or a vector of length d is one point, a vector n points of
    dimension 1 where d is 1."""
    d = np.size(mean)
    return np.reshape(x, (-1, d)) - np.reshape(mean, (1, d))


def _mvn_solved(x, mean, cov):
    """cov^-1 (x - mean) for each point, rows (n, d)."""
    return np.transpose(np.linalg.solve(_mvn_cov(mean, cov), np.transpose(_mvn_rows(x, mean))))


def _mvn_tangent_x(x, mean, cov, dx, y):
    """Tangent of multivariate_normal.logpdf along dx (of x's shape): -sum(cov^-1 r dx), of the
    result's shape (``y``'s)."""
    s = _mvn_solved(x, mean, cov)
    dr = np.reshape(dx + np.zeros(np.shape(x)), np.shape(s))
    return np.reshape(-np.sum(s * dr, axis=1), np.shape(y))


def _mvn_tangent_mean(x, mean, cov, dmean, y):
    """Tangent along dmean (of mean's shape): sum(cov^-1 r dmean)."""
    s = _mvn_solved(x, mean, cov)
    return np.reshape(np.sum(s * np.reshape(dmean, (1, np.size(mean))), axis=1), np.shape(y))


def _mvn_tangent_cov(x, mean, cov, dcov, y):
    """Tangent along dcov: (s^T dcov s - tr(cov^-1 dcov)) / 2, s = cov^-1 r; for an
    unsymmetric dcov this is the derivative along its symmetric part (dcov + dcov^T) / 2."""
    s = _mvn_solved(x, mean, cov)
    dc = _mvn_cov(mean, dcov + np.zeros(np.shape(cov)))
    quad = np.sum((s @ dc) * s, axis=1)
    trace = np.trace(np.linalg.solve(_mvn_cov(mean, cov), dc))
    return np.reshape(0.5 * (quad - trace), np.shape(y))


def _mvn_adjoint_x(g, x, mean, cov):
    """Adjoint of multivariate_normal.logpdf in x: -g cov^-1 r, of x's shape."""
    s = _mvn_solved(x, mean, cov)
    return np.reshape(-np.reshape(g, (-1, 1)) * s, np.shape(x))


def _mvn_adjoint_mean(g, x, mean, cov):
    """Adjoint in the mean: sum over the points of g cov^-1 r, of mean's shape."""
    s = _mvn_solved(x, mean, cov)
    return np.reshape(np.sum(np.reshape(g, (-1, 1)) * s, axis=0), np.shape(mean))


def _mvn_adjoint_cov(g, x, mean, cov):
    """Adjoint in cov: sum over the points of g (s s^T - cov^-1) / 2, a symmetric matrix (the
    gradient autograd gives; Giles 2008 for d log det and d of the quadratic form)."""
    s = _mvn_solved(x, mean, cov)
    gs = np.reshape(g, (-1, 1)) * s
    inverse = np.linalg.inv(_mvn_cov(mean, cov))
    return _mvn_cov_adjoint(0.5 * (np.transpose(gs) @ s - np.sum(g) * inverse), cov)


def _mvn_entropy_tangent(mean, cov, dcov):
    """Tangent of multivariate_normal.entropy: tr(cov^-1 dcov) / 2."""
    dc = _mvn_cov(mean, dcov + np.zeros(np.shape(cov)))
    return 0.5 * np.trace(np.linalg.solve(_mvn_cov(mean, cov), dc))


def _mvn_entropy_adjoint(g, mean, cov):
    """Adjoint of the entropy in cov: g cov^-1 / 2 (symmetric)."""
    return _mvn_cov_adjoint(0.5 * g * np.linalg.inv(_mvn_cov(mean, cov)), cov)


def _dirichlet_parts(x, alpha):
    """(x with its last coordinate 1 - sum(x) appended where scipy implies it, alpha shaped to
    broadcast against x's points, which lie along x's first axis)."""
    k = np.shape(alpha)[0]
    full = x
    if np.shape(x)[0] + 1 == k:
        full = np.concatenate([x, 1.0 - np.sum(x, axis=0, keepdims=True)], axis=0)
    a = alpha
    if np.ndim(x) == 2:
        a = np.reshape(alpha, (k, 1))
    return full, a


def _dirichlet_slope_x(x, alpha):
    """d dirichlet.logpdf / dx, of x's shape: (alpha - 1) / x, less the implied last
    coordinate's slope where x leaves that coordinate out (autograd's convention for a full x:
    the formula's gradient, not projected onto the simplex)."""
    full, a = _dirichlet_parts(x, alpha)
    slope = (a - 1.0) / full
    k = np.shape(alpha)[0]
    if np.shape(x)[0] + 1 == k:
        slope = slope[:k - 1] - slope[k - 1:]
    return slope


def _dirichlet_slope_alpha(x, alpha):
    """d dirichlet.logpdf / dalpha for each point: log x - psi(alpha) + psi(sum(alpha))."""
    full, a = _dirichlet_parts(x, alpha)
    return np.log(full) - _stats_digamma(a) + _stats_digamma(np.sum(alpha))


def _dirichlet_tangent_x(x, alpha, dx, y):
    return np.reshape(np.sum(_dirichlet_slope_x(x, alpha) * dx, axis=0), np.shape(y))


def _dirichlet_tangent_alpha(x, alpha, dalpha, y):
    full, da = _dirichlet_parts(x, dalpha + np.zeros(np.shape(alpha)))
    return np.reshape(np.sum(_dirichlet_slope_alpha(x, alpha) * da, axis=0), np.shape(y))


def _dirichlet_adjoint_x(g, x, alpha):
    return np.reshape(g, (-1,)) * _dirichlet_slope_x(x, alpha) if np.ndim(x) == 2 else \
        g * _dirichlet_slope_x(x, alpha)


def _dirichlet_adjoint_alpha(g, x, alpha):
    slope = _dirichlet_slope_alpha(x, alpha)
    if np.ndim(x) == 2:
        return np.sum(np.reshape(g, (-1,)) * slope, axis=1)
    return g * slope
