"""Prelude helpers for numpy's reductions, reshapes, stacking and selections (see prelude.py):
exact (no division by an input that may be zero), handling ``axis`` and ``keepdims`` as numpy
does.
"""
import numpy as np

from .prelude_core import _unbroadcast


def _prod_tangent(a, da, axis, keepdims):
    """Tangent of np.prod: the sum over i of da_i times the product of the other entries."""
    a = np.asarray(a, dtype=float)
    da = np.asarray(da) + np.zeros(np.shape(a))
    return np.sum(da * _others_product(a, axis), axis=_reduced_axes(a, axis), keepdims=keepdims)


def _extremum_tangent(a, da, y, axis, keepdims):
    """Tangent of np.max / np.min: da at the extremum, averaged over ties."""
    a = np.asarray(a)
    full = y if keepdims or axis is None else np.expand_dims(y, axis)
    mask = a == full        # da * mask broadcasts a smaller da (a number) to a's shape
    return np.sum(np.asarray(da) * mask, axis=axis, keepdims=keepdims) / \
        np.sum(mask, axis=axis, keepdims=keepdims)


def _var_tangent(a, da, axis, ddof, keepdims):
    """Tangent of np.var: 2 sum((a - mean) da) / (n - ddof)."""
    a = np.asarray(a)
    centred = a - np.mean(a, axis=axis, keepdims=True)
    n = np.size(a) // np.size(np.sum(a, axis=axis))
    return 2 * np.sum(centred * da, axis=axis, keepdims=keepdims) / (n - ddof)


def _sinc_slope(x):
    """d sinc(x) / dx for np.sinc(x) = sin(pi x) / (pi x): pi (t cos t - sin t) / t^2 at
    t = pi x, its series near 0 (0 at x = 0, no cancellation)."""
    t = np.pi * np.asarray(x, dtype=float)
    near = np.abs(t) < 0.5
    s = np.where(near, 1.0, t)
    return np.pi * np.where(near, _sinc_series(t, 1), (s * np.cos(s) - np.sin(s)) / (s * s))


def _sinc_curvature(x):
    """d^2 sinc(x) / dx^2: pi^2 ((2 - t^2) sin t - 2 t cos t) / t^3 at t = pi x, its series
    near 0 (-pi^2 / 3 at x = 0)."""
    t = np.pi * np.asarray(x, dtype=float)
    near = np.abs(t) < 0.5
    s = np.where(near, 1.0, t)
    far = ((2 - s * s) * np.sin(s) - 2 * s * np.cos(s)) / (s * s * s)
    return np.pi ** 2 * np.where(near, _sinc_series(t, 2), far)


def _sinc_series(t, order):
    """The order-th derivative (1 or 2) of sin(t) / t = sum_k (-1)^k t^(2k) / (2k + 1)! by its
    series, to k = 9 (for |t| < 0.5 the first term left out is below 1e-20 of the sum)."""
    total, factorial = np.zeros(np.shape(t)), 1.0
    for k in range(1, 10):
        factorial *= 2 * k * (2 * k + 1)
        falling = 2 * k if order == 1 else 2 * k * (2 * k - 1)
        total = total + (-1) ** k * falling / factorial * t ** (2 * k - order)
    return total


def _expand_reduced(g, a, axis, keepdims):
    """A reduction's adjoint with the reduced axes put back, broadcast to the shape of a."""
    if not keepdims and axis is not None:
        g = np.expand_dims(g, axis)
    return np.broadcast_to(g, np.shape(a))


def _sum_adjoint(g, a, axis, keepdims):
    """Adjoint of np.sum and (scaled) np.mean: a read-only broadcast view of g, no copy (the
    reverse sweep copies it before writing into it)."""
    return _expand_reduced(np.asarray(g, dtype=float), a, axis, keepdims)


def _mean_adjoint(g, a, axis, keepdims):
    """Adjoint of np.mean: g shared equally among the entries averaged."""
    count = np.prod([np.shape(a)[ax] for ax in _reduced_axes(a, axis)])
    return _sum_adjoint(g, a, axis, keepdims) / count


def _reduced_axes(a, axis):
    if axis is None:
        return tuple(range(np.ndim(a)))
    return tuple(int(ax) % np.ndim(a) for ax in np.atleast_1d(axis))


def _prod_adjoint(g, a, axis, keepdims):
    """Adjoint of np.prod: g times the product of the other entries, exact with zeros."""
    a = np.asarray(a, dtype=float)
    return _expand_reduced(g, a, axis, keepdims) * _others_product(a, axis)


def _others_product(a, axis):
    """Each entry of a replaced by the product of the other entries along the reduced axes
    (cumulative products from both sides: exact where entries are zero, no division)."""
    axes = _reduced_axes(a, axis)
    rest = [i for i in range(np.ndim(a)) if i not in axes]
    order = rest + list(axes)
    moved = np.transpose(a, order)
    flat = np.reshape(moved, np.shape(moved)[:len(rest)] + (-1,))
    ones = np.ones(np.shape(flat)[:-1] + (1,))
    before = np.cumprod(np.concatenate([ones, flat[..., :-1]], axis=-1), axis=-1)
    after = np.cumprod(np.concatenate([ones, flat[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
    return np.transpose(np.reshape(before * after, np.shape(moved)), np.argsort(order))


def _extremum_adjoint(g, a, y, axis, keepdims):
    """Adjoint of np.max / np.min: g shared equally among the entries that attain it."""
    a = np.asarray(a)
    mask = a == _expand_reduced(y, a, axis, keepdims)
    count = np.count_nonzero(mask) if axis is None else \
        np.sum(mask, axis=axis, keepdims=True)          # count_nonzero: 8x faster than sum
    share = (g if keepdims or axis is None else np.expand_dims(g, axis)) / count
    return mask * share     # one pass over a's shape: the share is divided before it spreads


def _var_adjoint(g, a, axis, ddof, keepdims):
    """Adjoint of np.var: 2 (a - mean) g / (n - ddof)."""
    a = np.asarray(a, dtype=float)
    n = np.size(a) // np.size(np.sum(a, axis=axis))
    centred = a - np.mean(a, axis=axis, keepdims=True)
    return 2 * centred * _expand_reduced(g, a, axis, keepdims) / (n - ddof)


def _transpose_adjoint(g, axes):
    if axes is None:
        return np.transpose(g)
    return np.transpose(g, np.argsort([ax % np.ndim(g) for ax in axes]))


def _ravel_adjoint(g, a, order):
    """Adjoint of np.ravel(a, order): g put back where ravel read each entry ('K' reads a in
    its memory order, 'A' in Fortran order when a is Fortran-contiguous)."""
    if order in ("C", "F"):
        return np.reshape(g, np.shape(a), order=order)
    index = np.empty_like(a, dtype=int)        # laid out in memory as a is
    index[...] = np.reshape(np.arange(np.size(a)), np.shape(a))
    result = np.zeros(np.size(a))
    result[np.ravel(index, order=order)] = g
    return np.reshape(result, np.shape(a))


def _split_adjoint(g, arrays, axis):
    """Adjoint of np.concatenate: g cut into the pieces the arrays came from."""
    if axis is None:
        sizes = [np.size(x) for x in arrays]
        return [np.reshape(p, np.shape(x)) for p, x in
                zip(np.split(np.ravel(g), np.cumsum(sizes)[:-1]), arrays)]
    axis = axis % np.ndim(g)
    pieces, start = [], 0
    for x in arrays:        # slices, as np.split makes them (at a fifth of its cost)
        stop = start + (x.shape[axis] if x.__class__ is np.ndarray else np.shape(x)[axis])
        pieces.append(g[(slice(None),) * axis + (slice(start, stop),)])
        start = stop
    return pieces


def _unstack_adjoint(g, arrays, axis):
    """Adjoint of np.stack: the slices of g along the new axis."""
    return [np.take(g, i, axis=axis) for i in range(len(arrays))]


def _stacked_pieces(g, arrays, promoted, axis):
    """Adjoint of a concatenation of ``promoted`` (the arrays made 1-, 2- or 3-d) along
    ``axis``: g cut into pieces, each of its array's own shape."""
    pieces = _split_adjoint(g, promoted, axis)
    return [np.reshape(p, np.shape(x)) for p, x in zip(pieces, arrays)]


def _hstack_adjoint(g, arrays):
    axis = 0 if np.ndim(arrays[0]) <= 1 else 1
    return _stacked_pieces(g, arrays, [np.atleast_1d(x) for x in arrays], axis)


def _vstack_adjoint(g, arrays):
    return _stacked_pieces(g, arrays, [np.atleast_2d(x) for x in arrays], 0)


def _column_stack_adjoint(g, arrays):
    """Adjoint of np.column_stack: vectors became columns, matrices kept their columns."""
    return _stacked_pieces(g, arrays, [np.reshape(x, (-1, 1)) if np.ndim(x) < 2 else x
                                       for x in arrays], 1)


def _dstack_adjoint(g, arrays):
    return _stacked_pieces(g, arrays, [np.atleast_3d(x) for x in arrays], 2)


def _diff_adjoint(g, a, n, axis):
    """Adjoint of np.diff: the transposed difference, n times (-diff of g padded with zeros)."""
    g = np.asarray(g, dtype=float)
    pad = [(0, 0)] * np.ndim(g)
    pad[axis] = (1, 1)
    for _ in range(n):
        g = -np.diff(np.pad(g, pad), axis=axis)
    return np.reshape(g, np.shape(a))


def _repeat_adjoint(g, a, repeats, axis):
    """Adjoint of np.repeat: each entry's repeats summed back onto it."""
    g = np.asarray(g, dtype=float)
    if axis is None:
        flat = np.ravel(a)
        starts = np.concatenate([[0], np.cumsum(np.broadcast_to(repeats, np.shape(flat)))[:-1]])
        kept = np.broadcast_to(repeats, np.shape(flat)) > 0
        summed = np.zeros(np.shape(flat))
        summed[kept] = np.add.reduceat(g, starts[kept]) if np.size(g) else 0.0
        return np.reshape(summed, np.shape(a))
    counts = np.broadcast_to(repeats, (np.shape(a)[axis],))
    owner = np.repeat(np.arange(np.shape(a)[axis]), counts)
    result = np.zeros(np.shape(a))
    np.add.at(np.moveaxis(result, axis, 0), owner, np.moveaxis(g, axis, 0))
    return result


def _tile_adjoint(g, a, reps):
    """Adjoint of np.tile: the copies of a summed back onto it."""
    reps = tuple(np.atleast_1d(reps))
    shape = np.shape(a)
    ndim = max(len(shape), len(reps))
    shape = (1,) * (ndim - len(shape)) + tuple(shape)
    reps = (1,) * (ndim - len(reps)) + reps
    split = np.reshape(g, [n for pair in zip(reps, shape) for n in pair])
    return np.reshape(np.sum(split, axis=tuple(range(0, 2 * ndim, 2))), np.shape(a))


def _append_adjoint(g, arr, values, axis):
    """Adjoint of np.append: (the part of g that came from arr, the part from values)."""
    if axis is None:
        flat = np.ravel(g)
        cut = np.size(arr)
        return np.reshape(flat[:cut], np.shape(arr)), np.reshape(flat[cut:], np.shape(values))
    first, second = np.split(g, [np.shape(arr)[axis]], axis=axis)
    return first, np.reshape(second, np.shape(values))


def _take_adjoint(g, a, indices, axis):
    """Adjoint of np.take: g added at the indices taken (repeated ones counted)."""
    result = np.zeros(np.shape(a))
    if axis is None:
        np.add.at(np.ravel(result), np.ravel(indices), np.ravel(g))   # a view of result
        return result
    moved = np.moveaxis(result, axis, 0)
    g = np.moveaxis(np.asarray(g, dtype=float), list(range(axis, axis + np.ndim(indices))),
                    list(range(np.ndim(indices))))
    np.add.at(moved, indices, g)
    return result


def _take_along_axis_adjoint(g, arr, indices, axis):
    """Adjoint of np.take_along_axis: g added back where each entry was taken from."""
    result = np.zeros(np.shape(arr))
    g = np.asarray(g, dtype=float)
    if axis is None:
        np.add.at(np.ravel(result), np.ravel(indices), np.ravel(g))   # a view of result
        return result
    axis %= np.ndim(arr)
    index = []
    for d in range(np.ndim(arr)):
        if d == axis:
            index.append(np.broadcast_to(indices, np.shape(g)))
        else:
            shape = [1] * np.ndim(arr)
            shape[d] = np.shape(g)[d]
            index.append(np.reshape(np.arange(np.shape(g)[d]), shape))
    np.add.at(result, tuple(index), g)
    return result


def _average_parts(a, w, axis):
    """(a as floats, w broadcast to a's shape, the sum of w over axis with the axis kept):
    np.average's weights, 1-D along ``axis`` or of a's shape."""
    a = np.asarray(a, dtype=float)
    w = np.asarray(w, dtype=float)
    if axis is not None and np.ndim(w) == 1 and np.ndim(a) > 1:
        shape = [1] * np.ndim(a)
        shape[axis] = np.size(w)
        w = np.reshape(w, shape)
    w = np.broadcast_to(w, np.shape(a))
    return a, w, np.sum(w, axis=axis, keepdims=True)


def _average_weights_tangent(a, w, dw, y, axis):
    """The tangent of np.average(a, axis, weights=w) along dw: sum(dw (a - y)) / sum(w)."""
    a, full, total = _average_parts(a, w, axis)
    _, dfull, _ = _average_parts(a, dw, axis)
    y = np.reshape(y, np.shape(total))
    return np.reshape(np.sum(dfull * (a - y), axis=axis, keepdims=True) / total,
                      np.shape(np.sum(a, axis=axis)))


def _average_adjoint_a(g, a, w, axis):
    """Adjoint of np.average in a: g w / sum(w) (w None: the mean's)."""
    if w is None:
        return _mean_adjoint(g, a, axis, False)
    a, full, total = _average_parts(a, w, axis)
    return np.reshape(g, np.shape(total)) * full / total


def _average_adjoint_w(g, a, w, y, axis):
    """Adjoint of np.average in the weights: g (a - y) / sum(w), summed to w's shape."""
    a, full, total = _average_parts(a, w, axis)
    part = np.reshape(g, np.shape(total)) * (a - np.reshape(y, np.shape(total))) / total
    if np.ndim(w) == 1 and np.ndim(a) > 1 and axis is not None:
        return np.sum(part, axis=tuple(i for i in range(np.ndim(a)) if i != axis % np.ndim(a)))
    return _unbroadcast(part, w)


def _rollaxis_adjoint(g, a, axis, start):
    """Adjoint of np.rollaxis: the axis moved back from where rollaxis put it."""
    n = np.ndim(a)
    axis, start = axis % n, start + n if start < 0 else start
    return np.moveaxis(g, start if start <= axis else start - 1, axis)


def _diag_adjoint(g, v, k):
    if np.ndim(v) == 1:
        return np.diagonal(g, k).copy()
    result = np.zeros(np.shape(v))
    n = np.shape(g)[0]
    rows = np.arange(n) + max(-k, 0)
    cols = np.arange(n) + max(k, 0)
    result[rows, cols] = g
    return result


def _diagonal_adjoint(g, a, offset, axis1, axis2):
    """Adjoint of np.diagonal: g (the diagonal along its last axis) put back on the diagonal
    of zeros of a's shape."""
    result = np.zeros(np.shape(a))
    moved = np.moveaxis(result, (axis1, axis2), (-2, -1))     # a view of result
    n = np.shape(g)[-1] if np.ndim(g) else 0
    rows, cols = np.arange(n) + max(-offset, 0), np.arange(n) + max(offset, 0)
    moved[..., rows, cols] = g
    return result


def _trace_adjoint(g, a, offset, axis1, axis2):
    eye = np.eye(np.shape(a)[axis1], np.shape(a)[axis2], k=offset)
    g = np.expand_dims(np.expand_dims(np.asarray(g), -1), -1)
    return np.moveaxis(g * eye, (-2, -1), (axis1, axis2)) * np.ones(np.shape(a))


def _cumsum_adjoint(g, a, axis):
    if axis is None:
        return np.reshape(np.cumsum(np.ravel(g)[::-1])[::-1], np.shape(a))
    return np.flip(np.cumsum(np.flip(g, axis), axis=axis), axis)


def _cross_operands(g, a, b, axis):
    """(a and b with their vectors last, both as 3-vectors (a 2-vector's third component 0),
    g as 3-vectors: the z-component alone where a and b are both 2-vectors)."""
    axis = -1 if axis is None else axis
    a, b = (np.moveaxis(np.asarray(v, dtype=float), axis, -1) for v in (a, b))
    a3, b3 = (np.concatenate([v, np.zeros(np.shape(v)[:-1] + (1,))], axis=-1)
              if np.shape(v)[-1] == 2 else v for v in (a, b))
    g = np.asarray(g, dtype=float)
    if np.shape(a)[-1] == 2 and np.shape(b)[-1] == 2:
        zero = np.zeros(np.shape(g))
        return a, b, a3, b3, np.stack([zero, zero, g], axis=-1)
    return a, b, a3, b3, np.moveaxis(g, axis, -1)


def _cross_adjoint_a(g, a, b, axis):
    """Adjoint of np.cross in a: b x g (<g, a x b> = <a, b x g>), vectors along axis, summed
    back to a's shape (a 2-vector's third component dropped)."""
    moved, _, _, b3, g3 = _cross_operands(g, a, b, axis)
    part = np.cross(b3, g3)[..., :np.shape(moved)[-1]]
    return np.moveaxis(_unbroadcast(part, moved), -1, -1 if axis is None else axis)


def _cross_adjoint_b(g, a, b, axis):
    """Adjoint of np.cross in b: g x a (<g, a x b> = <b, g x a>)."""
    _, moved, a3, _, g3 = _cross_operands(g, a, b, axis)
    part = np.cross(g3, a3)[..., :np.shape(moved)[-1]]
    return np.moveaxis(_unbroadcast(part, moved), -1, -1 if axis is None else axis)


def _astype(x, dtype, copy=True):
    """x.astype(dtype), for numbers and arrays (np.astype is numpy 2.1's)."""
    return np.asarray(x).astype(dtype, copy=copy)


def _astype_tangent(x, dx, dtype):
    """Tangent of x.astype(dtype): dx as that dtype for a floating one (a copy); zero for
    integers and booleans (rounding: derivative zero)."""
    if np.issubdtype(np.dtype(dtype), np.floating):
        return (np.asarray(dx, dtype=float) + np.zeros(np.shape(x))).astype(dtype)
    return np.zeros(np.shape(x))


def _astype_adjoint(g, x, dtype):
    """Adjoint of x.astype(dtype): g for a floating dtype, zero for integers and booleans."""
    if np.issubdtype(np.dtype(dtype), np.floating):
        return np.asarray(g, dtype=float) + np.zeros(np.shape(x))
    return np.zeros(np.shape(x))
