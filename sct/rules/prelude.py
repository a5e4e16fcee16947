"""Small numpy functions that rule templates call for array reductions and factorizations.

Generated code must run with numpy alone, so the emitter copies the source of each helper a
module uses into that module, below its imports.  Each helper is exact (no division by an input
that may be zero) and handles ``axis`` and ``keepdims`` as numpy does.
"""
import inspect
import sys

import numpy as np


def _prod_tangent(a, da, axis, keepdims):
    """Tangent of np.prod: the sum over i of da_i times the product of the other entries."""
    a = np.asarray(a, dtype=float)
    da = np.asarray(da) + np.zeros(np.shape(a))
    shape = np.shape(a)
    if axis is None:
        axes = list(range(len(shape)))
    else:
        axes = sorted({ax % len(shape) for ax in (axis if isinstance(axis, tuple) else (axis,))})
    kept = [ax for ax in range(len(shape)) if ax not in axes]
    # the reduced axes, moved last and merged into one
    merged = [shape[ax] for ax in kept] + [-1]
    a = np.reshape(np.transpose(a, kept + axes), merged)
    da = np.reshape(np.transpose(da, kept + axes), merged)
    ones = np.ones(np.shape(a)[:-1] + (1,))
    before = np.cumprod(np.concatenate([ones, a[..., :-1]], axis=-1), axis=-1)
    after = np.cumprod(np.concatenate([ones, a[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    result = np.sum(da * before * after, axis=-1)
    if keepdims:
        result = np.reshape(result, [1 if ax in axes else n for ax, n in enumerate(shape)])
    return result


def _extremum_tangent(a, da, y, axis, keepdims):
    """Tangent of np.max / np.min: da at the extremum, averaged over ties."""
    a = np.asarray(a)
    full = y if keepdims or axis is None else np.expand_dims(y, axis)
    mask = a == full
    da = np.asarray(da) + np.zeros(np.shape(a))
    return np.sum(da * mask, axis=axis, keepdims=keepdims) / np.sum(mask, axis=axis,
                                                                   keepdims=keepdims)


def _var_tangent(a, da, axis, ddof, keepdims):
    """Tangent of np.var: 2 sum((a - mean) da) / (n - ddof)."""
    a = np.asarray(a)
    centred = a - np.mean(a, axis=axis, keepdims=True)
    n = np.size(a) // np.size(np.sum(a, axis=axis))
    return 2 * np.sum(centred * da, axis=axis, keepdims=keepdims) / (n - ddof)


def _cholesky_tangent(l, da):
    """Tangent of np.linalg.cholesky: L Phi(L^-1 dA L^-T), Phi halving the diagonal.

    Cholesky reads only the lower triangle of A, so dA is read as the symmetric matrix of its
    lower triangle."""
    da = np.tril(da) + np.swapaxes(np.tril(da, -1), -1, -2)
    half = np.linalg.solve(l, da)
    s = np.linalg.solve(l, np.swapaxes(half, -1, -2))
    phi = np.tril(s) - 0.5 * s * np.eye(np.shape(s)[-1])
    return l @ phi


def _solve_tangent(a, b, x, da, db):
    """Tangent of x = np.linalg.solve(a, b): solve(a, db - da @ x), reading b (and db, x) as
    a vector, or a stack of vectors when a is a stack, exactly when numpy does: b.ndim == 1."""
    if np.ndim(b) == 1:
        rhs = np.asarray(db)[..., None] - da @ np.asarray(x)[..., None]
        return np.linalg.solve(a, rhs)[..., 0]
    return np.linalg.solve(a, db - da @ x)


def source(names):
    module = sys.modules[__name__]
    return "\n\n".join(inspect.getsource(getattr(module, name)) for name in sorted(names))
