"""Prelude helpers for numpy.linalg (see prelude.py): tangents and adjoints of solves, cholesky,
norms of every order, multi_dot, matrix_power, pinv and lstsq, exact where the operands allow
(eigh, svd, qr: prelude_decompositions.py)."""
import numpy as np

from .prelude_core import _ratio, _unbroadcast
from .prelude_decompositions import _t


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


# ---------------------------------------------------------------- np.linalg.norm, every order


def _norm_kind(x, ord, axis):
    """(the reduced axes as a tuple, the kind of norm): numpy's reading of ord and axis; the
    kinds are 'two' (2-norm of the entries, Frobenius), 'count' (ord 0), 'sum' (1), 'max'
    (inf), 'min' (-inf), 'power' (other p >= 1), 'col'/'row' with 'max'/'min' (matrix 1, -1,
    inf, -inf), 'nuc', 'top' (2), 'bottom' (-2)."""
    ndim = np.ndim(x)
    if axis is None:
        axes = tuple(range(ndim))
    else:
        axes = tuple(a % ndim for a in ((axis,) if np.ndim(axis) == 0 else axis))
    if ord is None or (len(axes) == 2 and ord == "fro") or (len(axes) == 1 and ord == 2):
        return axes, "two"
    if len(axes) == 1:
        if isinstance(ord, str):
            raise ValueError(f"invalid norm order {ord!r} for vectors")
        kinds = {0: "count", 1: "sum", np.inf: "max", -np.inf: "min"}
        if ord in kinds:
            return axes, kinds[ord]
        if ord > 1:
            return axes, "power"
        raise ValueError(f"sct differentiates vector norms of order p >= 1, 0 and -inf, not {ord}")
    kinds = {1: "col max", -1: "col min", np.inf: "row max", -np.inf: "row min", "nuc": "nuc",
             2: "top", -2: "bottom"}
    if len(axes) != 2 or ord not in kinds:
        raise ValueError(f"invalid norm order {ord!r} for matrices")
    return axes, kinds[ord]


def _norm_kept(y, x, axes):
    """The norm (or its adjoint) with the reduced axes kept, as np.sum(keepdims=True) gives."""
    shape = [1 if i in axes else n for i, n in enumerate(np.shape(x))]
    return np.reshape(y, shape)


def _norm_extremum_mask(values, axes, kind):
    """Where values (reduced axes kept) attain their max / min over axes, divided by the number
    of entries that do: ties share the derivative equally, as np.max's does."""
    pick = np.max if kind.endswith("max") else np.min
    mask = values == pick(values, axis=axes, keepdims=True)
    return mask / np.sum(mask, axis=axes, keepdims=True)


def _norm_weights(x, axes, kind):
    """The norm's gradient where it is linear in |x| or the SVD: the array w with
    d norm = sum(w dx) over the reduced axes (for the kinds that are not 'two', 'power')."""
    if kind == "count":
        return np.zeros(np.shape(x))
    if kind == "sum":
        return np.sign(x)
    if kind in ("max", "min"):
        return np.sign(x) * _norm_extremum_mask(np.abs(x), axes, kind)
    if kind.startswith(("col", "row")):
        inner, outer = (axes[0], axes[1]) if kind.startswith("col") else (axes[1], axes[0])
        sums = np.sum(np.abs(x), axis=inner, keepdims=True)
        return np.sign(x) * _norm_extremum_mask(sums, (outer,), kind)
    return _spectral_weights(x, axes, kind)


def _spectral_weight_vector(s, kind):
    """The weights w of the singular values s in the norm ('nuc': 1; 'top' / 'bottom': 1 /
    count at the largest / smallest, ties averaged), 0 at zero singular values (the
    subgradient 0 at the kink)."""
    w = (s > 0).astype(float)
    if kind != "nuc":
        pick = np.max if kind == "top" else np.min
        tied = s == pick(s, axis=-1, keepdims=True)
        w = w * tied / np.sum(tied, axis=-1, keepdims=True)
    return w


def _spectral_weights(x, axes, kind):
    """U diag(w) V^T of the reduced axes' matrices (moved back where they were), w the
    singular values' weights (_spectral_weight_vector)."""
    m = np.moveaxis(x, axes, (-2, -1))
    u, s, vh = np.linalg.svd(m, full_matrices=False)
    w = _spectral_weight_vector(s, kind)
    return np.moveaxis(u @ (w[..., None] * vh), (-2, -1), axes)


def _weighted_svd_tangent(u, s, vh, w, da, constant):
    """The derivative of U diag(w) V^T along dA, the weights w fixed, from svd's tangent
    (Townsend 2016; derived): with P = U^T dA V, U X V^T + (I - U U^T) dA V diag(w / s) V^T
    + U diag(w / s) U^T dA (I - V V^T), X_ij = (P_ij (w_j s_j - w_i s_i) + P_ji (w_j s_i -
    w_i s_j)) / (s_j^2 - s_i^2) off the diagonal, 0 on it; +-inf or NaN where s_i = s_j.
    ``constant``: the weights are constant near dA's base point (a norm, linear in s there);
    then where w_i = w_j, X_ij = w_i (P_ij - P_ji) / (s_i + s_j), also at s_i = s_j (there
    U diag(w) V^T does not depend on the tied vectors' basis: the nuclear norm's polar factor, a
    tie's average).  Where the weights vary with s (an adjoint g_s), a tie has no such limit."""
    ut, v = _t(u), _t(vh)
    p = ut @ da @ v
    pt = _t(p)
    si, sj = s[..., :, None], s[..., None, :]
    wi, wj = w[..., :, None], w[..., None, :]
    off = ~np.eye(np.shape(s)[-1], dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        inner = (p * (wj * sj - wi * si) + pt * (wj * si - wi * sj)) / (sj * sj - si * si)
        if constant:
            inner = np.where(wi == wj, _ratio(wi * (p - pt), si + sj), inner)
        inner = np.where(off, inner, 0.0)
        over = _ratio(w, s)
    side = (da @ v - u @ p) @ (over[..., :, None] * vh) + \
        (u * over[..., None, :]) @ (ut @ da - p @ vh)
    return u @ inner @ vh + side


def _norm_tangent(x, dx, y, ord, axis, keepdims):
    """Tangent of np.linalg.norm(x, ord, axis, keepdims) along dx, for every order numpy has
    (p >= 1 for vectors): the derivative where it exists, at kinks the subgradient that sct's
    np.max (ties averaged) and abs (sign(0) = 0) take, zero at a zero vector."""
    x = np.asarray(x, dtype=float)
    dx = np.asarray(dx) + np.zeros(np.shape(x))
    axes, kind = _norm_kind(x, ord, axis)
    if kind == "two":
        return _ratio(np.sum(x * dx, axis=axes, keepdims=keepdims), y)
    if kind == "power":
        part = np.abs(x) ** (ord - 1) * np.sign(x) * dx
        return _ratio(np.sum(part, axis=axes, keepdims=keepdims), y ** (ord - 1))
    return np.sum(_norm_weights(x, axes, kind) * dx, axis=axes, keepdims=keepdims)


def _norm_adjoint(g, x, y, ord, axis, keepdims):
    """Adjoint of np.linalg.norm(x, ord, axis, keepdims): the transpose of _norm_tangent."""
    x = np.asarray(x, dtype=float)
    axes, kind = _norm_kind(x, ord, axis)
    g = _norm_kept(g, x, axes)
    if kind == "two":
        return x * _ratio(g, _norm_kept(y, x, axes))
    if kind == "power":
        return np.abs(x) ** (ord - 1) * np.sign(x) * _ratio(g, _norm_kept(y, x, axes) ** (ord - 1))
    return _norm_weights(x, axes, kind) * g


def _norm_curvature(g, x, y, dx, dy, ord, axis, keepdims):
    """The tangent of _norm_adjoint(g, x, y, ...) along dx and dy (the norm's tangent), g
    fixed: the second derivative of the norm.  Zero where the norm is piecewise linear in x
    (ord 0, 1, inf, -inf, matrix 1, inf); through the SVD (ord 'nuc', 2, -2 of a matrix) the
    derivative of g U diag(w) V^T (_weighted_svd_tangent; the norm's value is not read)."""
    x = np.asarray(x, dtype=float)
    axes, kind = _norm_kind(x, ord, axis)
    g, y = _norm_kept(g, x, axes), _norm_kept(y, x, axes)
    dx = np.asarray(dx) + np.zeros(np.shape(x))
    dy = _norm_kept(np.asarray(dy) + np.zeros(np.shape(np.sum(x, axis=axes, keepdims=keepdims))),
                    x, axes)
    if kind == "two":
        return _ratio(g * dx, y) - x * _ratio(g * dy, y * y)
    if kind == "power":
        bent = (ord - 1) * np.abs(x) ** (ord - 2) * dx
        return _ratio(g * bent, y ** (ord - 1)) - \
            (ord - 1) * np.abs(x) ** (ord - 1) * np.sign(x) * _ratio(g * dy, y ** ord)
    if kind in ("nuc", "top", "bottom"):
        m, dm = np.moveaxis(x, axes, (-2, -1)), np.moveaxis(dx, axes, (-2, -1))
        u, s, vh = np.linalg.svd(m, full_matrices=False)
        bent = _weighted_svd_tangent(u, s, vh, _spectral_weight_vector(s, kind), dm, True)
        return g * np.moveaxis(bent, (-2, -1), axes)
    return np.zeros(np.shape(x))


# ---------------------------------------------------------------- multi_dot, matrix_power


def _multi_dot(*arrays):
    """np.linalg.multi_dot(arrays), its operands spelled out (sct differentiates each)."""
    return np.linalg.multi_dot(list(arrays))


def _multi_dot_adjoint(k, g, *arrays):
    """Adjoint of _multi_dot(*arrays) for operand k: L^T g R^T, L and R the products before and
    after it (a 1-D first operand read as a row, a 1-D last one as a column, as numpy does)."""
    mats = [np.asarray(a, dtype=float) for a in arrays]
    if mats[0].ndim == 1:
        mats[0] = mats[0][None, :]
    if mats[-1].ndim == 1:
        mats[-1] = mats[-1][:, None]
    g = np.reshape(g, (np.shape(mats[0])[0], np.shape(mats[-1])[1]))
    if k > 0:
        g = (mats[0] if k == 1 else np.linalg.multi_dot(mats[:k])).T @ g
    if k < len(mats) - 1:
        g = g @ (mats[-1] if k == len(mats) - 2 else np.linalg.multi_dot(mats[k + 1:])).T
    return np.reshape(g, np.shape(arrays[k]))


def _matrix_power_tangent(a, d, n):
    """The derivative of a^n along d, sum_k a^k d a^(n-1-k) (for n < 0 through inv(a)): the
    upper right block of [[a, d], [0, a]]^n (d scaled to a's size for the rounding)."""
    a = np.asarray(a, dtype=float)
    d = np.asarray(d) + np.zeros(np.shape(a))
    scale = np.max(np.abs(d), axis=(-2, -1), keepdims=True)
    size = np.max(np.abs(a), axis=(-2, -1), keepdims=True)
    factor = np.where(scale == 0, 1.0, np.where(size == 0, 1.0, size) / np.where(scale == 0, 1.0,
                                                                                 scale))
    m = np.shape(a)[-1]
    block = np.zeros(np.shape(a)[:-2] + (2 * m, 2 * m))
    block[..., :m, :m] = a
    block[..., m:, m:] = a
    block[..., :m, m:] = d * factor
    return np.linalg.matrix_power(block, n)[..., :m, m:] / factor


def _matrix_power_curvature(a, da, d, n):
    """The derivative of _matrix_power_tangent(a, d, n) in a along da: the sum of the words of
    a^n's expansion with da and d in place of two of the factors, the upper right block of
    [[a, da, 0], [0, a, d], [0, 0, a]]^n plus that of the same with da and d exchanged."""
    a = np.asarray(a, dtype=float)
    m = np.shape(a)[-1]
    total = 0.0
    for first, second in ((da, d), (d, da)):
        block = np.zeros(np.shape(a)[:-2] + (3 * m, 3 * m))
        for i in range(3):
            block[..., i * m:(i + 1) * m, i * m:(i + 1) * m] = a
        block[..., :m, m:2 * m] = first
        block[..., m:2 * m, 2 * m:] = second
        total = total + np.linalg.matrix_power(block, n)[..., :m, 2 * m:]
    return total


# ---------------------------------------------------------------- pinv, lstsq


def _full_rank(a):
    """Refuses (at run time) a matrix of deficient rank: the pseudo-inverse jumps there, and
    has no derivative."""
    if np.any(np.linalg.matrix_rank(a) < min(np.shape(a)[-2:])):
        raise ValueError("sct differentiates np.linalg.pinv and np.linalg.lstsq at matrices of "
                         "full rank only (the pseudo-inverse has no derivative where the rank "
                         "drops)")


def _pinv_tangent(a, da, y):
    """Tangent of Y = pinv(A) at full rank (Golub & Pereyra 1973):
    -Y dA Y + Y Y^T dA^T (I - A Y) + (I - Y A) dA^T Y^T Y."""
    _full_rank(a)
    dat, yt = np.swapaxes(da, -1, -2), np.swapaxes(y, -1, -2)
    return -y @ da @ y + y @ yt @ (dat - dat @ a @ y) + (dat - y @ a @ dat) @ yt @ y


def _pinv_adjoint(g, a, y):
    """Adjoint of Y = pinv(A), the transpose of _pinv_tangent:
    -Y^T g Y^T + (I - A Y) g^T Y Y^T + Y^T Y g^T (I - Y A)."""
    _full_rank(a)
    gt, yt = np.swapaxes(g, -1, -2), np.swapaxes(y, -1, -2)
    return -yt @ g @ yt + (gt - a @ y @ gt) @ y @ yt + yt @ y @ (gt - gt @ y @ a)


def _pinv_adjoint_tangent(g, a, y, da, dy):
    """The tangent of _pinv_adjoint(g, a, y) along da and dy, g fixed (the product rule)."""
    gt, yt = np.swapaxes(g, -1, -2), np.swapaxes(y, -1, -2)
    da = np.asarray(da) + np.zeros(np.shape(a))
    dy = np.asarray(dy) + np.zeros(np.shape(y))
    dyt = np.swapaxes(dy, -1, -2)
    left, right = gt - a @ y @ gt, gt - gt @ y @ a
    d_left = -(da @ y + a @ dy) @ gt
    d_right = -gt @ (dy @ a + y @ da)
    return (-dyt @ g @ yt - yt @ g @ dyt + d_left @ y @ yt + left @ (dy @ yt + y @ dyt)
            + (dyt @ y + yt @ dy) @ right + yt @ y @ d_right)


def _lstsq_columns(a, b, x):
    """(b, x and the residual b - a x as matrices of columns, whether b is a vector)."""
    vector = np.ndim(b) == 1
    b2 = np.asarray(b, dtype=float)[:, None] if vector else np.asarray(b, dtype=float)
    x2 = np.asarray(x)[:, None] if vector else np.asarray(x)
    return b2, x2, b2 - a @ x2, vector


def _lstsq_tangent(a, b, result, da, db):
    """Tangent of np.linalg.lstsq(a, b) = (x, residuals, rank, s) at full column rank:
    dx = A+ (db - dA x) + (A^T A)^-1 dA^T r (r = b - A x, the pinv's derivative applied to b);
    d residuals = 2 sum(r (db - dA x)) per column (A^T r = 0); d s_i = u_i^T dA v_i."""
    x, residuals, rank, s = result
    a = np.asarray(a, dtype=float)
    _full_rank(a)
    da = np.asarray(da) + np.zeros(np.shape(a))
    b2, x2, r, vector = _lstsq_columns(a, b, x)
    db2 = np.reshape(np.asarray(db) + np.zeros(np.shape(b)), np.shape(b2))
    p = np.linalg.pinv(a)
    moved = db2 - da @ x2
    dx = p @ moved + p @ p.T @ da.T @ r
    dres = 2 * np.sum(r * moved, axis=0) if np.size(residuals) else np.zeros(0)
    u, _, vh = np.linalg.svd(a, full_matrices=False)
    ds = np.einsum("ji,jk,ik->i", u, da, vh)
    return (dx[:, 0] if vector else dx, dres, 0.0 * rank, ds)


def _lstsq_adjoint(g, a, b, result):
    """Adjoint of np.linalg.lstsq(a, b) for (a, b), the transpose of _lstsq_tangent, g the
    adjoints of (x, residuals, rank, s)."""
    x, residuals, rank, s = result
    a = np.asarray(a, dtype=float)
    _full_rank(a)
    b2, x2, r, vector = _lstsq_columns(a, b, x)
    gx = np.reshape(g[0], np.shape(x2))
    p = np.linalg.pinv(a)
    moved = p.T @ gx            # the adjoint of db - dA x
    if np.size(residuals):
        moved = moved + 2 * r * np.asarray(g[1])
    u, _, vh = np.linalg.svd(a, full_matrices=False)
    ga = -moved @ x2.T + r @ (p @ p.T @ gx).T + (u * _alike_on_ties(g[3], s)) @ vh
    return ga, np.reshape(moved, np.shape(b))


def _alike_on_ties(w, s):
    """The weights w of U diag(w) V^T, NaN where two equal singular values get different
    weights: U diag(w) V^T then depends on the basis numpy picked for the tied vectors (a
    Hessian through s at a tie, whose weights are the tangent H ds, has no value there)."""
    w = np.asarray(w, dtype=float) + np.zeros(np.shape(s))
    differ = (s[..., :, None] == s[..., None, :]) & (w[..., :, None] != w[..., None, :])
    return np.where(np.any(differ, axis=-1), np.nan, w)


def _lstsq_adjoint_tangent(g, a, b, result, da, db, dresult):
    """The tangent of _lstsq_adjoint's adjoints of (a, b), g fixed, along da, db and the
    result's tangent (x's part: dx), the product rule over _lstsq_adjoint: with
    M = A+^T g_x + 2 r g_res, dM = dA+^T g_x + 2 dr g_res, dr = db - dA x - A dx,
    d A' = -dM x^T - M dx^T + dr (C g_x)^T + r (dC g_x)^T + d(U diag(g_s) V^T), C = A+ A+^T;
    the last, at g_s fixed, is +-inf or NaN at a repeated singular value (a Hessian through s
    has no limit there that g_s alone gives)."""
    x, residuals, rank, s = result
    a = np.asarray(a, dtype=float)
    b2, x2, r, vector = _lstsq_columns(a, b, x)
    da = np.asarray(da) + np.zeros(np.shape(a))
    dx2 = np.reshape(np.asarray(dresult[0]) + np.zeros(np.shape(x)), np.shape(x2))
    db2 = np.reshape(np.asarray(db) + np.zeros(np.shape(b)), np.shape(b2))
    gx = np.reshape(g[0], np.shape(x2))
    p = np.linalg.pinv(a)
    dp = _pinv_tangent(a, da, p)
    c, dc = p @ p.T, dp @ p.T + p @ dp.T
    dr = db2 - da @ x2 - a @ dx2
    moved, dmoved = p.T @ gx, dp.T @ gx
    if np.size(residuals):
        moved = moved + 2 * r * np.asarray(g[1])
        dmoved = dmoved + 2 * dr * np.asarray(g[1])
    dga = -dmoved @ x2.T - moved @ dx2.T + dr @ (c @ gx).T + r @ (dc @ gx).T
    if np.any(np.asarray(g[3]) != 0):       # linear in g_s: nothing where it is zero (s unused)
        u, sv, vh = np.linalg.svd(a, full_matrices=False)
        gs = np.asarray(g[3]) + np.zeros(np.shape(sv))
        dga = dga + _weighted_svd_tangent(u, sv, vh, gs, da, False)
    return dga, np.reshape(dmoved, np.shape(b))


def _lstsq_adjoint_a(g, a, b, result):
    return _lstsq_adjoint(g, a, b, result)[0]


def _lstsq_adjoint_b(g, a, b, result):
    return _lstsq_adjoint(g, a, b, result)[1]


def _lstsq_curvature_a(g, a, b, result, da, db, dresult):
    return _lstsq_adjoint_tangent(g, a, b, result, da, db, dresult)[0]


def _lstsq_curvature_b(g, a, b, result, da, db, dresult):
    return _lstsq_adjoint_tangent(g, a, b, result, da, db, dresult)[1]
