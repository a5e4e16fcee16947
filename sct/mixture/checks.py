"""Checks of ``GaussianMixture``'s parameters at fit time, worded as scikit-learn words them.

``check_parameters(gm, n_features)`` raises ``InvalidParameterError`` for a parameter of the
wrong type or range, and ``ValueError`` for initial values of the wrong shape or that are not
weights or precisions.
"""
import numbers

import numpy as np

from .base import InvalidParameterError
from .gaussian import COVARIANCE_TYPES

INIT_PARAMS = ("kmeans", "k-means++", "random", "random_from_data")
OPTIMIZERS = ("em", "gradient")


def check_parameters(gm, n_features):
    """Check the parameters of ``gm``, a GaussianMixture, for data with ``n_features``."""
    _require(gm, "n_components", _is_int(gm.n_components, 1), "an int in the range [1, inf)")
    _require(gm, "tol", _is_real(gm.tol, 0), "a float in the range [0.0, inf)")
    _require(gm, "reg_covar", _is_real(gm.reg_covar, 0), "a float in the range [0.0, inf)")
    _require(gm, "max_iter", _is_int(gm.max_iter, 0), "an int in the range [0, inf)")
    _require(gm, "n_init", _is_int(gm.n_init, 1), "an int in the range [1, inf)")
    _require(gm, "verbose", isinstance(gm.verbose, numbers.Integral) and gm.verbose >= 0,
             "an int in the range [0, inf) or a bool")
    _require(gm, "verbose_interval", _is_int(gm.verbose_interval, 1),
             "an int in the range [1, inf)")
    _require(gm, "warm_start", isinstance(gm.warm_start, (bool, np.bool_)),
             "an instance of 'bool'")
    for name, allowed in (("covariance_type", COVARIANCE_TYPES),
                          ("init_params", INIT_PARAMS), ("optimizer", OPTIMIZERS)):
        value = getattr(gm, name)
        _require(gm, name, isinstance(value, str) and value in allowed,
                 f"a str among {{{', '.join(repr(a) for a in allowed)}}}")
    K, d = gm.n_components, n_features
    if gm.weights_init is not None:
        weights = _shaped(gm.weights_init, (K,), "weights")
        if weights.min() < 0 or weights.max() > 1:
            raise ValueError(f"The parameter 'weights' should be in the range [0, 1], but "
                             f"got max value {weights.max():.5f}, min value "
                             f"{weights.min():.5f}")
        if not np.allclose(weights.sum(), 1.0):
            raise ValueError(f"The parameter 'weights' should be normalized, but got "
                             f"sum(weights) = {weights.sum():.5f}")
    if gm.means_init is not None:
        _shaped(gm.means_init, (K, d), "means")
    if gm.precisions_init is not None:
        ct = gm.covariance_type
        shape = {"full": (K, d, d), "tied": (d, d), "diag": (K, d), "spherical": (K,)}[ct]
        precisions = _shaped(gm.precisions_init, shape, f"{ct} precision")
        if ct in ("full", "tied"):
            for matrix in precisions.reshape(-1, d, d):
                if not (np.allclose(matrix, matrix.T)
                        and np.all(np.linalg.eigvalsh(matrix) > 0)):
                    raise ValueError(f"'{ct} precision' should be symmetric, "
                                     f"positive-definite")
        elif np.any(precisions <= 0):
            raise ValueError(f"'{ct} precision' should be positive")


def _is_int(value, low):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= low


def _is_real(value, low):
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value >= low


def _require(gm, name, ok, what):
    if not ok:
        raise InvalidParameterError(f"The '{name}' parameter of {type(gm).__name__} must be "
                                    f"{what}. Got {getattr(gm, name)!r} instead.")


def _shaped(value, shape, name):
    array = np.asarray(value, dtype=float)
    if array.shape != shape:
        raise ValueError(f"The parameter '{name}' should have the shape of {shape}, but got "
                         f"{array.shape}")
    return array
