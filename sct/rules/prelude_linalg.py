"""Prelude helpers for numpy.linalg (see prelude.py): tangents and adjoints of solves and
factorizations, exact where the operands allow."""
import numpy as np

from .prelude_arrays import _expand_reduced, _ratio, _unbroadcast


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

# ---------------------------------------------------------------- adjoints


def _norm_adjoint(g, x, y, axis, keepdims):
    """Adjoint of the 2-norm / Frobenius norm: x g / y (zero for a zero vector)."""
    return np.asarray(x) * _expand_reduced(_ratio(g, y), x, axis, keepdims)


def _solve_adjoint_b(g, a, b):
    """Adjoint of x = solve(A, b) for b: solve(A^T, g), b read as numpy reads it."""
    at = np.swapaxes(a, -1, -2)
    if np.ndim(b) == 1:
        return _unbroadcast(np.linalg.solve(at, np.expand_dims(g, -1))[..., 0], b)
    return _unbroadcast(np.linalg.solve(at, g), b)


def _solve_adjoint_a(g, a, b, x):
    """Adjoint of x = solve(A, b) for A: -solve(A^T, g) x^T, summed over the stack axes
    that A was broadcast along."""
    at = np.swapaxes(a, -1, -2)
    if np.ndim(b) == 1:
        bb = np.linalg.solve(at, np.expand_dims(g, -1))
        return _unbroadcast(-bb * np.expand_dims(x, -2), a)
    return _unbroadcast(-np.linalg.solve(at, g) @ np.swapaxes(x, -1, -2), a)


def _scale_matrices(s, m):
    """s[..., None, None] * m: a (stack of) scalar(s) times a (stack of) matrices."""
    return np.expand_dims(np.expand_dims(np.asarray(s), -1), -1) * m


def _cholesky_adjoint(g, l):
    """Adjoint of L = cholesky(A) (Murray 2016): S = L^-T Phi(L^T g) L^-1, b_A = Phi(S + S^T).

    Cholesky reads only the lower triangle of A (as its tangent does), so b_A is lower
    triangular: an entry below the diagonal stands for itself and its mirror image."""
    lt = np.swapaxes(l, -1, -2)
    eye = np.eye(np.shape(l)[-1])
    p = lt @ g
    p = np.tril(p) - 0.5 * p * eye
    s = np.linalg.solve(lt, np.swapaxes(np.linalg.solve(lt, np.swapaxes(p, -1, -2)), -1, -2))
    s = s + np.swapaxes(s, -1, -2)
    return np.tril(s) - 0.5 * s * eye
