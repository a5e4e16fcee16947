"""Prelude helpers for scipy.special's rules (see prelude.py): generated code imports scipy only
where the user's code calls it.

The logsumexp helpers are written in the subset sct differentiates (they have no entry of their
own in the table), so forward mode over an adjoint that calls them (Hessians) differentiates
them like user functions."""
import numpy as np
import scipy.special

from .prelude_arrays import _sum_adjoint
from .prelude_core import _unbroadcast


def _logsumexp_weights(a, b, axis, with_b):
    """s e^(a - v) (times b if ``with_b`` and b is given), v and s logsumexp's value and sign
    with the reduced axes kept: the derivative of the value in a (with b) and in b (without),
    of the shape a and b broadcast to."""
    value, sign = scipy.special.logsumexp(a, axis=axis, b=b, keepdims=True, return_sign=True)
    weights = sign * np.exp(a - value)
    if _no_weights(b):
        return weights
    if with_b:
        return weights * b
    return weights * np.ones_like(b)        # of the shape a and b broadcast to


def _no_weights(b):
    """Whether logsumexp's b is None (``is`` is outside the subset)."""
    return b is None


def _logsumexp_result(t, y, return_sign):
    """logsumexp's tangent t as its result is: (t, 0) with the sign when ``return_sign``."""
    if return_sign:
        return t, 0.0 * y[1]
    return t


def _logsumexp_adjoint(g, a, b, axis, keepdims, return_sign, in_a, operand):
    """Adjoint of logsumexp in a (``in_a``) or in b: the weights times g spread over the reduced
    axes, summed back to ``operand``'s shape (a and b broadcast together).  With
    ``return_sign`` g is the pair of adjoints of (value, sign); the sign's is ignored."""
    if return_sign:
        g = g[0]
    weights = _logsumexp_weights(a, b, axis, in_a)
    return _unbroadcast(weights * _sum_adjoint(g, weights, axis, keepdims), operand)


def _multipolygamma(n, a, d):
    """The n-th derivative of multigammaln(a, d) less one: sum over j = 1..d of
    polygamma(n, a - (j - 1) / 2)."""
    a = np.asarray(a, dtype=float)
    shifts = np.reshape(np.arange(d) * 0.5, (d,) + (1,) * np.ndim(a))
    total = np.sum(scipy.special.polygamma(n, a - shifts), axis=0)
    return float(total) if np.ndim(total) == 0 else total


def _rgamma_poles(x):
    """(where x is a pole of Gamma (0, -1, -2, ...), n = -x there and 0 elsewhere)."""
    x = np.asarray(x, dtype=float)
    pole = (x <= 0) & (x == np.floor(x))
    return pole, np.where(pole, -x, 0.0)


def _rgamma_slope(x):
    """d/dx 1 / Gamma(x) = -psi(x) / Gamma(x), and (-1)^n n! at the pole x = -n, where
    1 / Gamma(-n + e) = (-1)^n n! e (1 - psi(n + 1) e) + O(e^3)."""
    pole, n = _rgamma_poles(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        plain = -scipy.special.rgamma(x) * scipy.special.digamma(x)
    slope = np.where(pole, (-1.0) ** n * scipy.special.gamma(n + 1), plain)
    return float(slope) if np.ndim(slope) == 0 else slope


def _rgamma_curvature(x):
    """d^2/dx^2 1 / Gamma(x) = (psi(x)^2 - psi'(x)) / Gamma(x), and -2 (-1)^n n! psi(n + 1) at
    the pole x = -n."""
    pole, n = _rgamma_poles(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        psi = scipy.special.digamma(x)
        plain = scipy.special.rgamma(x) * (psi * psi - scipy.special.polygamma(1, x))
    at_pole = -2.0 * (-1.0) ** n * scipy.special.gamma(n + 1) * scipy.special.digamma(n + 1)
    curvature = np.where(pole, at_pole, plain)
    return float(curvature) if np.ndim(curvature) == 0 else curvature
