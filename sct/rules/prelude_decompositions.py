"""Prelude helpers for numpy.linalg's eigh, eigvalsh, svd and qr (see prelude.py): their
tangents, and adjoints written in sct's subset, so that Hessians differentiate them through
the decompositions' own tangents."""
import numpy as np

from .prelude_core import _over


def _t(x):
    return np.swapaxes(x, -1, -2)


def _gaps(w):
    """F[..., i, j] = 1 / (w_j - w_i) off the diagonal, 0 on it: infinite where two values are
    equal (the vectors' derivative does not exist there; JAX's convention)."""
    diff = w[..., None, :] - w[..., :, None]
    off = ~np.eye(np.shape(w)[-1], dtype=bool)
    with np.errstate(divide="ignore"):
        return np.where(off, 1.0 / np.where(off, diff, 1.0), 0.0)


def _triangle(x, uplo):
    """The symmetric matrix numpy's eigh reads from x: its lower (UPLO 'L') or upper triangle."""
    if uplo == "L":
        return np.tril(x) + _t(np.tril(x, -1))
    return np.triu(x) + _t(np.triu(x, 1))


def _triangle_adjoint(s, uplo):
    """The transpose of _triangle: the adjoint of a matrix read through one triangle."""
    if uplo == "L":
        return np.tril(s) + np.tril(np.swapaxes(s, -1, -2), -1)
    return np.triu(s) + np.triu(np.swapaxes(s, -1, -2), 1)


def _eigh_tangent(da, result, uplo, vectors=True):
    """Tangent of (w, V) = eigh(A) (Seeger et al. 2017, sec. 3.3): with P = V^T dS V, dS the
    tangent of the triangle numpy reads, dw = diag(P), dV = V (F o P), F = 1 / (w_j - w_i)."""
    w, v = result
    p = _t(v) @ _triangle(np.asarray(da) + np.zeros(np.shape(v)), uplo) @ v
    dw = np.diagonal(p, axis1=-2, axis2=-1)
    if not vectors:
        return dw
    return dw, v @ (_gaps(w) * p)


def _gap_product(w, x, gv):
    """F o x, F[..., i, j] = 1 / (w_j - w_i) off the diagonal and 0 on it, x = V^T gv, gv the
    vectors' adjoint.  Where w_i = w_j (i != j) the vectors' derivative does not exist: the
    entry is +-inf if vector i or j is used (its column of gv is not zero), and 0 if neither is
    (the values' derivative, and that of the other vectors, stay exact).  In the subset sct
    differentiates, evaluating no division by zero: a Hessian differentiates it like user
    code."""
    diff = w[..., None, :] - w[..., :, None]
    same = diff == 0
    f = np.where(same, 0.0, 1.0 / np.where(same, 1.0, diff))
    used = np.any(gv != 0, axis=-2)
    blocked = same & (np.eye(np.shape(w)[-1]) == 0) & (used[..., :, None] | used[..., None, :])
    return f * x + np.where(blocked & (x < 0), -np.inf, np.where(blocked, np.inf, 0.0))


def _eigh_adjoint(g, result):
    """Adjoint of (w, V) = eigh(A) for the symmetric matrix S eigh reads (the template reads it
    back through numpy's triangle): V (diag(g_w) + F o (V^T g_V)) V^T, F o as _gap_product
    (the values' derivative stays exact at repeated eigenvalues, the vectors' is +-inf).  In
    the subset: a Hessian differentiates it like user code, eigh's tangent giving dw, dV."""
    w, v = result
    vt = np.swapaxes(v, -1, -2)
    gw = g[0] + np.zeros(np.shape(w))
    gv = g[1] + np.zeros(np.shape(v))
    inner = gw[..., None] * np.eye(np.shape(w)[-1]) + _gap_product(w, vt @ gv, gv)
    return v @ inner @ vt


def _eigvalsh_tangent(a, da, uplo):
    return _eigh_tangent(da, np.linalg.eigh(a, uplo), uplo, vectors=False)


def _eigvalsh_adjoint(g, s):
    """Adjoint of w = eigvalsh(S), S symmetric (the triangle numpy reads): V diag(g) V^T (in
    the subset: a Hessian differentiates it through eigh's tangent)."""
    w, v = np.linalg.eigh(s)
    return v @ (g[..., None] * np.swapaxes(v, -1, -2))


def _svd_parts(a, full_matrices, compute_uv):
    """(u, s, v) of a's thin SVD; refuses full_matrices=True on a matrix that is not square (U
    or V^T would have columns the SVD does not determine)."""
    a = np.asarray(a, dtype=float)
    if full_matrices and compute_uv and np.shape(a)[-1] != np.shape(a)[-2]:
        raise ValueError("sct differentiates np.linalg.svd with full_matrices=False (or of a "
                         "square matrix)")
    u, s, vh = np.linalg.svd(a, full_matrices=False)
    return u, s, _t(vh)


def _svd_tangent(a, da, full_matrices, compute_uv):
    """Tangent of np.linalg.svd (Townsend 2016): P = U^T dA V, ds = diag(P),
    dU = U (F o (P S + S P^T)) + (I - U U^T) dA V S^-1,
    dV = V (F o (S P + P^T S)) + (I - V V^T) dA^T U S^-1, F = 1 / (s_j^2 - s_i^2)."""
    u, s, v = _svd_parts(a, full_matrices, compute_uv)
    da = np.asarray(da) + np.zeros(np.shape(a))
    p = _t(u) @ da @ v
    ds = np.diagonal(p, axis1=-2, axis2=-1)
    if not compute_uv:
        return ds
    f = _gaps(s * s)
    ps, sp = p * s[..., None, :], s[..., :, None] * p
    with np.errstate(divide="ignore", invalid="ignore"):
        du = u @ (f * (ps + _t(ps))) + (da @ v - u @ (_t(u) @ da @ v)) / s[..., None, :]
        dv = v @ (f * (sp + _t(sp))) + (_t(da) @ u - v @ (_t(v) @ _t(da) @ u)) / s[..., None, :]
    return du, ds, _t(dv)


def _svd_operand(a, full_matrices, compute_uv):
    """a itself; refuses (at run time) full_matrices=True on a matrix that is not square (U or
    V^T would have columns the SVD does not determine)."""
    if full_matrices and compute_uv and np.ndim(a) >= 2 and np.shape(a)[-1] != np.shape(a)[-2]:
        raise ValueError("sct differentiates np.linalg.svd with full_matrices=False (or of a "
                         "square matrix)")
    return a


def _svd_adjoint(g, a, full_matrices, compute_uv):
    """Adjoint of np.linalg.svd (Townsend 2016), the transpose of _svd_tangent: with
    J = F o (U^T g_U), K = F o (V^T g_V) (F o as _gap_product, at the squares of s),
    A' = U (diag(g_s) + (J + J^T) S + S (K + K^T)) V^T + (I - U U^T) g_U S^-1 V^T
         + U S^-1 g_V^T (I - V V^T) (_over: zero where the projected adjoint is, at s = 0).
    In the subset: a Hessian differentiates it like user code, svd's tangent giving dU, ds, dV."""
    u, s, vh = np.linalg.svd(_svd_operand(a, full_matrices, compute_uv), full_matrices=False)
    if not compute_uv:
        return u @ (g[..., None] * vh)
    ut, v = np.swapaxes(u, -1, -2), np.swapaxes(vh, -1, -2)
    gu = g[0] + np.zeros(np.shape(u))
    gs = g[1] + np.zeros(np.shape(s))
    gv = np.swapaxes(g[2] + np.zeros(np.shape(vh)), -1, -2)
    j = _gap_product(s * s, ut @ gu, gu)
    k = _gap_product(s * s, vh @ gv, gv)
    inner = gs[..., None] * np.eye(np.shape(s)[-1]) + (j + np.swapaxes(j, -1, -2)) * \
        s[..., None, :] + s[..., :, None] * (k + np.swapaxes(k, -1, -2))
    side_u = _over(gu - u @ (ut @ gu), s[..., None, :]) @ vh
    side_v = u @ np.swapaxes(_over(gv - v @ (vh @ gv), s[..., None, :]), -1, -2)
    return u @ inner @ vh + side_u + side_v


def _qr_reduced(result):
    q, r = result
    if np.shape(q)[-2] < np.shape(r)[-1]:
        raise ValueError("sct differentiates np.linalg.qr of matrices with at least as many rows "
                         "as columns (m >= n) only")
    return q, r


def _qr_tangent(a, da, result):
    """Tangent of (Q, R) = qr(A), reduced, m >= n (Walter & Lehmann 2010; Seeger et al. 2017):
    C = Q^T dA R^-1, Omega = tril(C, -1) - tril(C, -1)^T, dR = (C - Omega) R,
    dQ = dA R^-1 - Q (C - Omega)."""
    q, r = _qr_reduced(result)
    da = np.asarray(da) + np.zeros(np.shape(a))
    dar = _t(np.linalg.solve(_t(r), _t(da)))           # dA R^-1
    c = _t(q) @ dar
    low = np.tril(c, -1)
    upper = c - low + _t(low)                          # C - Omega
    return dar - q @ upper, upper @ r


def _qr_operand(q, r):
    """q itself; refuses (at run time) a QR of fewer rows than columns."""
    if np.shape(q)[-2] < np.shape(r)[-1]:
        raise ValueError("sct differentiates np.linalg.qr of matrices with at least as many rows "
                         "as columns (m >= n) only")
    return q


def _qr_adjoint(g, result):
    """Adjoint of (Q, R) = qr(A) (Seeger et al. 2017, sec. 3.4): M = R g_R^T - g_Q^T Q,
    A' = (g_Q + Q copyltu(M)) R^-T, copyltu(M) = tril(M) + tril(M, -1)^T.  In the subset: a
    Hessian differentiates it like user code, qr's tangent giving dQ, dR."""
    q, r = result
    q = _qr_operand(q, r)
    gq = g[0] + np.zeros(np.shape(q))
    gr = g[1] + np.zeros(np.shape(r))
    m = r @ np.swapaxes(gr, -1, -2) - np.swapaxes(gq, -1, -2) @ q
    b = gq + q @ (np.tril(m) + np.swapaxes(np.tril(m, -1), -1, -2))
    return np.swapaxes(np.linalg.solve(r, np.swapaxes(b, -1, -2)), -1, -2)
