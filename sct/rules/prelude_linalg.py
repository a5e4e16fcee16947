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


def _spectral_weights(x, axes, kind):
    """U diag(w) V^T of the reduced axes' matrices (moved back where they were): w = 1 for
    'nuc', 1 / count at the largest ('top') or smallest ('bottom') singular values, ties
    averaged, and 0 at zero singular values (the subgradient 0 at the kink)."""
    m = np.moveaxis(x, axes, (-2, -1))
    u, s, vh = np.linalg.svd(m, full_matrices=False)
    w = (s > 0).astype(float)
    if kind != "nuc":
        pick = np.max if kind == "top" else np.min
        tied = s == pick(s, axis=-1, keepdims=True)
        w = w * tied / np.sum(tied, axis=-1, keepdims=True)
    return np.moveaxis(u @ (w[..., None] * vh), (-2, -1), axes)


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
    (ord 0, 1, inf, -inf, matrix 1, inf); through the SVD (ord 'nuc', 2, -2 of a matrix) sct
    has none and says so."""
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
        raise NotImplementedError(f"sct has no second derivative of np.linalg.norm with "
                                  f"ord={ord!r} (through the SVD)")
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
