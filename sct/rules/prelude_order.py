"""Prelude helpers for numpy's order statistics, running products and piecewise functions (see
prelude.py): sort, partition, median/percentile/quantile, cumprod, interp, polyval, select."""
import numpy as np

from .prelude_arrays import _reduced_axes
from .prelude_core import _unbroadcast


def _sort_tangent(a, da, axis):
    """Tangent of np.sort: da in the order of the sorted entries (argsort's, stable)."""
    da = np.asarray(da) + np.zeros(np.shape(a))
    if axis is None:
        return np.ravel(da)[np.argsort(np.ravel(a), kind="stable")]
    return np.take_along_axis(da, np.argsort(a, axis=axis, kind="stable"), axis=axis)


def _sort_adjoint(g, a, axis):
    """Adjoint of np.sort: g put back where each sorted entry came from."""
    result = np.zeros(np.shape(a))
    if axis is None:
        np.ravel(result)[np.argsort(np.ravel(a), kind="stable")] = np.ravel(g)
        return result
    np.put_along_axis(result, np.argsort(a, axis=axis, kind="stable"), g, axis=axis)
    return result


def _along(a, axis):
    """a, flattened where axis is None (np.cumsum's and np.cumprod's convention)."""
    return np.ravel(a) if axis is None else a


def _axis_of(axis):
    """The axis a running product runs along once _along has flattened a for axis None."""
    return 0 if axis is None else axis


def _shifted(v, axis, first):
    """v moved one place on along axis, ``first`` in the place left at its start (with v a
    running product and first 1: each entry the product of the entries before it)."""
    v = np.moveaxis(np.asarray(v, dtype=float), axis, 0)
    if len(v) == 0:
        return np.moveaxis(v, 0, axis)
    head = np.full((1,) + np.shape(v)[1:], first, dtype=float)
    return np.moveaxis(np.concatenate([head, v[:-1]]), 0, axis)


def _shifted_back(v, axis):
    """v moved one place back along axis (entry i is v's entry i + 1), zero in the last place:
    the adjoint of _shifted(., axis, 0.0)."""
    v = np.moveaxis(np.asarray(v, dtype=float), axis, 0)
    if len(v) == 0:
        return np.moveaxis(v, 0, axis)
    return np.moveaxis(np.concatenate([v[1:], np.zeros((1,) + np.shape(v)[1:])]), 0, axis)


def _recurrence(x, a, axis):
    """s with s_0 = x_0 and s_i = x_i + a_i s_(i-1) along axis: the tangent of a running
    product, dy = _recurrence(da * _shifted(y, axis, 1.0), a, axis) (no division: exact with
    zeros)."""
    x = np.moveaxis(np.asarray(x, dtype=float) + np.zeros(np.shape(a)), axis, 0)
    a = np.moveaxis(np.asarray(a, dtype=float), axis, 0)
    s = np.array(x)
    for i in range(1, len(s)):
        s[i] = x[i] + a[i] * s[i - 1]
    return np.moveaxis(s, 0, axis)


def _recurrence_back(g, a, axis):
    """r with r_last = g_last and r_i = g_i + a_(i+1) r_(i+1) along axis: the adjoint of
    _recurrence in x (its matrix is lower triangular, entries prod a_k for j < k <= i)."""
    g = np.moveaxis(np.asarray(g, dtype=float) + np.zeros(np.shape(a)), axis, 0)
    a = np.moveaxis(np.asarray(a, dtype=float), axis, 0)
    r = np.array(g)
    for i in range(len(r) - 2, -1, -1):
        r[i] = g[i] + a[i + 1] * r[i + 1]
    return np.moveaxis(r, 0, axis)


def _quantile_layout(a, axis):
    """(a as floats with the reduced axes (all for axis None) moved last and made one, the
    order of a's axes in it, the shape before the last axis was made one)."""
    a = np.asarray(a, dtype=float)
    axes = _reduced_axes(a, axis)
    order = [i for i in range(np.ndim(a)) if i not in axes] + list(axes)
    moved = np.transpose(a, order)
    kept = np.shape(moved)[:np.ndim(a) - len(axes)]
    return np.reshape(moved, kept + (-1,)), order, np.shape(moved)


def _quantile_weights(n, q):
    """The (size of q, n) matrix taking n sorted entries to np.quantile's 'linear' method at
    each q: h = (n - 1) q, weights 1 - (h - floor h) and h - floor h on the order statistics
    floor h and floor h + 1 (that one clipped to n - 1), as numpy interpolates."""
    h = (n - 1) * np.ravel(np.asarray(q, dtype=float))
    lo = np.clip(np.floor(h), 0, n - 1).astype(int)
    hi = np.minimum(lo + 1, n - 1)
    t = h - lo
    weights, rows = np.zeros((np.size(h), n)), np.arange(np.size(h))
    np.add.at(weights, (rows, lo), 1.0 - t)
    np.add.at(weights, (rows, hi), t)
    return weights


def _quantile_shape(a, q, axis, keepdims):
    """The shape of np.quantile(a, q, axis, keepdims=keepdims): q's, then the reduced a's."""
    reduced = np.shape(np.sum(np.zeros(np.shape(a)), axis=axis, keepdims=keepdims))
    return np.shape(q) + reduced


def _quantile_tangent(a, da, q, axis, keepdims):
    """Tangent of np.quantile (method 'linear'; np.median is q = 0.5): da at the one or two
    order statistics each q interpolates, in the stable permutation that sorts a (ties)."""
    flat, _, _ = _quantile_layout(a, axis)
    dflat, _, _ = _quantile_layout(np.asarray(da) + np.zeros(np.shape(a)), axis)
    order = np.argsort(flat, axis=-1, kind="stable")
    picked = np.take_along_axis(dflat, order, axis=-1) @ _quantile_weights(np.shape(flat)[-1],
                                                                           q).T
    return np.reshape(np.moveaxis(picked, -1, 0), _quantile_shape(a, q, axis, keepdims))


def _quantile_adjoint(g, a, q, axis, keepdims):
    """Adjoint of np.quantile (method 'linear'): g put back on the order statistics each q
    interpolates, with their weights (the transpose of _quantile_tangent)."""
    flat, order_axes, moved_shape = _quantile_layout(a, axis)
    g = np.reshape(g, (np.size(q),) + np.shape(flat)[:-1])
    spread = np.moveaxis(g, 0, -1) @ _quantile_weights(np.shape(flat)[-1], q)
    result = np.zeros(np.shape(flat))
    np.put_along_axis(result, np.argsort(flat, axis=-1, kind="stable"), spread, axis=-1)
    return np.transpose(np.reshape(result, moved_shape), np.argsort(order_axes))


def _partition_permutation(a, y, axis):
    """For each entry of y = np.partition(a, kth, axis), the index along axis of the entry of
    a it holds: y's and a's entries matched in the order of their values (stable sorts of
    both), so that a taken there is y itself whatever order numpy left the other entries in
    (tied entries are matched in their order)."""
    from_a = np.argsort(a, axis=axis, kind="stable")
    from_y = np.argsort(y, axis=axis, kind="stable")
    permutation = np.empty_like(from_a)
    np.put_along_axis(permutation, from_y, from_a, axis=axis)
    return permutation


def _partition_tangent(a, da, y, axis):
    """Tangent of np.partition: da in the order of a's entries in the result y."""
    da = _along(np.asarray(da) + np.zeros(np.shape(a)), axis)
    a = _along(a, axis)
    return np.take_along_axis(da, _partition_permutation(a, y, _axis_of(axis)), _axis_of(axis))


def _partition_adjoint(g, a, y, axis):
    """Adjoint of np.partition: g put back where each entry of the result came from."""
    flat = _along(a, axis)
    result = np.zeros(np.shape(flat))
    np.put_along_axis(result, _partition_permutation(flat, y, _axis_of(axis)), g,
                      axis=_axis_of(axis))
    return np.reshape(result, np.shape(a))


def _interp_interval(x, xp):
    """(j, inside): x in [xp[j], xp[j + 1]) where inside (each knot starts the interval to
    its right: the right derivative), j clipped to the intervals elsewhere."""
    xp = np.asarray(xp, dtype=float)
    j = np.searchsorted(xp, x, side="right") - 1
    inside = (j >= 0) & (j < len(xp) - 1)
    return np.clip(j, 0, max(len(xp) - 2, 0)), inside


def _interp_slope(x, xp, fp):
    """d np.interp(x, xp, fp) / dx: the slope of the interval [xp[j], xp[j + 1]) holding x,
    zero left of xp[0] and from xp[-1] on (where the value is constant on the right)."""
    xp, fp = np.asarray(xp, dtype=float), np.asarray(fp, dtype=float)
    j, inside = _interp_interval(x, xp)
    after = np.minimum(j + 1, len(xp) - 1)
    width = np.where(inside, xp[after] - xp[j], 1.0)
    return np.where(inside, (fp[after] - fp[j]) / width, 0.0)


def _interp_slope_adjoint(h, x, xp, fp):
    """Adjoint of _interp_slope in fp: h / width added at the interval's right knot and taken
    at its left one."""
    xp = np.asarray(xp, dtype=float)
    j, inside = _interp_interval(x, xp)
    j, inside = np.ravel(j), np.ravel(inside)
    after = np.minimum(j + 1, len(xp) - 1)
    width = np.where(inside, xp[after] - xp[j], 1.0)
    share = np.where(inside, np.ravel(np.asarray(h) + np.zeros(np.shape(x))) / width, 0.0)
    result = np.zeros(len(xp))
    np.add.at(result, after, share)
    np.add.at(result, j, -share)
    return result


def _interp_edge(value):
    """The left or right value of np.interp's tangent in fp: fp's where the call uses fp's
    ends (None), zero where it gives its own."""
    return None if value is None else 0.0


def _interp_adjoint_fp(g, x, xp, fp, left, right):
    """Adjoint of np.interp in fp: g (1 - t) at the interval's left knot and g t at its right
    one (t = (x - xp[j]) / width), g at fp[0] left of xp[0] (left None), at fp[-1] where x is
    xp[-1] or right of it (right None)."""
    xp = np.asarray(xp, dtype=float)
    x = np.asarray(x, dtype=float)
    g = np.ravel(np.asarray(g, dtype=float) + np.zeros(np.shape(x)))
    j, inside = _interp_interval(x, xp)
    j, inside, x = np.ravel(j), np.ravel(inside), np.ravel(x)
    after = np.minimum(j + 1, len(xp) - 1)
    width = np.where(inside, xp[after] - xp[j], 1.0)
    t = np.where(inside, (x - xp[j]) / width, 0.0)
    result = np.zeros(len(xp))
    np.add.at(result, j, np.where(inside, g * (1.0 - t), 0.0))
    np.add.at(result, after, np.where(inside, g * t, 0.0))
    if left is None:
        result[0] += np.sum(np.where(x < xp[0], g, 0.0))
    result[-1] += np.sum(np.where((x == xp[-1]) | ((x > xp[-1]) & (right is None)), g, 0.0))
    return result


def _polyder(p):
    """The coefficients of p's derivative, highest power first ([0.0] for a constant)."""
    p = np.asarray(p, dtype=float)
    if len(p) < 2:
        return np.zeros(1)
    return p[:-1] * np.arange(len(p) - 1, 0, -1)


def _polyder_adjoint(h, p):
    """Adjoint of _polyder: h times the powers, zero for the constant coefficient."""
    if len(p) < 2:
        return np.zeros(len(p))
    return np.concatenate([np.asarray(h, dtype=float) * np.arange(len(p) - 1, 0, -1), [0.0]])


def _polyval_adjoint_p(g, p, x):
    """Adjoint of np.polyval in p: entry k the sum of g x^(n-1-k) (powers by repeated
    products: exact at x = 0, 0^0 = 1)."""
    g = np.asarray(g, dtype=float) + np.zeros(np.shape(x))
    x = np.broadcast_to(x, np.shape(g))
    power, result = np.ones(np.shape(g)), np.zeros(len(p))
    for k in range(len(p) - 1, -1, -1):
        result[k] = np.sum(g * power)
        power = power * x
    return result


def _select_masks(condlist, shape):
    """Where np.select(condlist, ...) takes each choice (its condition true and none before
    it), and where it takes the default, broadcast to the result's shape."""
    taken, masks = np.zeros(shape, dtype=bool), []
    for condition in condlist:
        condition = np.broadcast_to(condition, shape)
        masks.append(condition & ~taken)
        taken = taken | condition
    return masks, ~taken


def _select_adjoint_choices(g, condlist, choicelist):
    """Adjoint of np.select in its choices: g where each is taken, summed to its shape."""
    masks, _ = _select_masks(condlist, np.shape(g))
    return [_unbroadcast(np.where(m, g, 0.0), c) for m, c in zip(masks, choicelist)]


def _select_adjoint_default(g, condlist, default):
    """Adjoint of np.select in its default: g where no condition holds, summed to its shape."""
    _, rest = _select_masks(condlist, np.shape(g))
    return _unbroadcast(np.where(rest, g, 0.0), default)


def _sorted_order(x, reverse):
    """The positions of Python's sorted(x, reverse=reverse), in order: the same comparisons as
    sorted(x) makes, so the same (stable) permutation, ties and NaN included."""
    return sorted(range(len(x)), key=lambda i: x[i], reverse=reverse)


def _sorted_tangent(x, dx, reverse):
    """Tangent of sorted(x, reverse=reverse): dx's items in the order sorted puts x's."""
    return [dx[i] for i in _sorted_order(x, reverse)]


def _sorted_adjoint(g, x, reverse):
    """Adjoint of sorted(x, reverse=reverse): each item's adjoint put back where the item came
    from (a list of parts for a tuple x, an array for an array)."""
    order = _sorted_order(x, reverse)
    if isinstance(x, (tuple, list)):
        back = [None] * len(x)
        for k, i in enumerate(order):
            back[i] = g[k]
        return back
    back = np.zeros(np.shape(x))
    for k, i in enumerate(order):
        back[i] = g[k]
    return back
