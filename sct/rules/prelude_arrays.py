"""Prelude helpers for numpy's reductions, shapes, products and factorizations (see
prelude.py): exact (no division by an input that may be zero), handling ``axis`` and
``keepdims`` as numpy does.
"""
import numpy as np


def _prod_tangent(a, da, axis, keepdims):
    """Tangent of np.prod: the sum over i of da_i times the product of the other entries."""
    a = np.asarray(a, dtype=float)
    da = np.asarray(da) + np.zeros(np.shape(a))
    return np.sum(da * _others_product(a, axis), axis=_reduced_axes(a, axis), keepdims=keepdims)


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


def _over(d, s):
    """d / s, exactly zero where d is zero: an infinite slope (s = 0: sqrt at 0, asin at 1)
    along a direction that does not move the operand contributes nothing; +-inf where only s
    is zero, as numpy divides (never a ZeroDivisionError for numbers)."""
    if np.ndim(d) == 0 and np.ndim(s) == 0:
        if s:
            return d / s
        return 0.0 * s if d == 0 else np.copysign(np.inf, d) * np.copysign(1.0, s)
    if np.all(s):
        return d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(d) == 0, 0.0, np.asarray(d, dtype=float) / s)


def _ratio(d, s):
    """d / s, and zero where s is zero: the subgradient 0 at the kink of a norm, a standard
    deviation or hypot at zero (where d, proportional to the operand, is zero too)."""
    if np.ndim(d) == 0 and np.ndim(s) == 0:
        return d / s if s else 0.0 * d
    if np.all(s):
        return d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(s) == 0, 0.0, np.asarray(d, dtype=float) / s)


def _power_tangent(a, b, d):
    """The tangent of a ** b along d, a's tangent: b a^(b-1) d, exactly zero where b is zero
    (a ** 0 is 1 everywhere, 0 ** 0 too) or d is, and +-inf at a = 0 for 0 < b < 1."""
    if np.ndim(a) == 0 and np.ndim(b) == 0 and np.ndim(d) == 0:
        if b == 0 or d == 0:
            return 0.0 * d
        if a == 0 and b < 1:
            return np.copysign(np.inf, d)
        return b * a ** (b - 1) * d
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = b * np.power(np.asarray(a, dtype=float), np.subtract(b, 1.0)) * d
    return np.where((np.asarray(b) == 0) | (np.asarray(d) == 0), 0.0, full)


def _powered(a, e, d):
    """a ** e * d, exactly zero where d is zero (an infinite power along no direction)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = np.power(np.asarray(a, dtype=float), e) * d
    return np.where(np.asarray(d) == 0, 0.0, full)


def _exponent_tangent(p, a, d):
    """The tangent of p = a ** b along d, b's tangent: p log(a) d, exactly zero where p is
    (0 ** b = 0 for every b > 0) or d is (a negative base has no real logarithm)."""
    if np.ndim(p) == 0 and np.ndim(a) == 0 and np.ndim(d) == 0:
        if p == 0 or d == 0:
            return 0.0 * d
        return p * np.log(a) * d if a > 0 else np.nan
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = p * np.log(a) * d
    return np.where((np.asarray(p) == 0) | (np.asarray(d) == 0), 0.0, full)


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


def _unbroadcast(g, x):
    """Sum an adjoint back to the shape of the operand ``x`` it was broadcast from."""
    shape = np.shape(x)
    if np.shape(g) == shape:
        return g
    if np.ndim(g) < len(shape):     # x[i] = v drops v's leading ones
        g = np.reshape(g, (1,) * (len(shape) - np.ndim(g)) + np.shape(g))
    lead = np.ndim(g) - len(shape)
    if lead > 0:
        g = np.sum(g, axis=tuple(range(lead)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and np.shape(g)[i] != 1)
    if axes:
        g = np.sum(g, axis=axes, keepdims=True)
    return np.reshape(g, shape)


def _unbroadcast_product(a, b, x):
    """``_unbroadcast(a * b, x)``, summing the product as einsum does, without making it first
    (one pass over the operands instead of three, and no temporary of the broadcast shape)."""
    full, shape = np.broadcast_shapes(np.shape(a), np.shape(b)), np.shape(x)
    if full == shape or len(shape) > len(full) or len(full) > 26:
        return _unbroadcast(a * b, x)
    letters = "abcdefghijklmnopqrstuvwxyz"[:len(full)]
    lead = len(full) - len(shape)
    kept = "".join(c for c, n, m in zip(letters[lead:], shape, full[lead:]) if n != 1 or m == 1)
    spec = f"{letters[len(full) - np.ndim(a):]},{letters[len(full) - np.ndim(b):]}->{kept}"
    return np.reshape(np.einsum(spec, a, b), shape)


def _assigned_adjoint(b, index, v):
    """The adjoint of v in x[index] = v from x's adjoint b: b[index] summed back to v's shape,
    counting only the last write where an index repeats (numpy keeps the last); an array of
    its own, never a view of b (whose part the reverse sweep sets to zero next)."""
    part = b[index]
    parts = index if isinstance(index, tuple) else (index,)
    if not any(np.ndim(p) > 0 and np.asarray(p).dtype != bool for p in parts):
        return np.copy(_unbroadcast(part, v))   # numbers, slices, masks repeat no entry
    ids = np.reshape(np.arange(np.size(part)), np.shape(part))
    last = np.full(np.shape(b), -1)
    last[index] = ids
    return _unbroadcast(np.where(last[index] == ids, part, 0.0), v)


def _zeros_like_value(value):
    """Zeros shaped as a value: an array, or a list of them for a tuple (or a list of such
    zeros, in a derivative of sct's own adjoint code)."""
    if isinstance(value, (tuple, list)):
        return [_zeros_like_value(v) for v in value]
    return np.zeros(np.shape(value))


def _add_parts(a, b):
    """The sum of two adjoints of a tuple, item by item (``+`` would join two tuples): a list
    for a tuple, whose items index updates may change."""
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return [_add_parts(x, y) for x, y in zip(a, b)]
    return a + b


def _own_parts(value):
    """A copy of a tuple's adjoint that index updates may change: a list of copies."""
    if isinstance(value, (tuple, list)):
        return [_own_parts(v) for v in value]
    return np.copy(value) if isinstance(value, np.ndarray) else value


def _add_at(b, index, g):
    """b[index] += g counting repeated indices, as np.add.at does; returns b."""
    np.add.at(b, index, g)
    return b


def _detached(value):
    """``value`` with its arrays copied (tuples rebuilt, numbers kept): an adjoint's returned
    value, before its reverse sweep writes old entries back into the arrays it shares."""
    if isinstance(value, tuple):
        return tuple(_detached(v) for v in value)
    return np.copy(value) if isinstance(value, np.ndarray) else value


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
    count = np.sum(mask, axis=axis, keepdims=True)
    return _expand_reduced(g, a, axis, keepdims) * mask / count


def _var_adjoint(g, a, axis, ddof, keepdims):
    """Adjoint of np.var: 2 (a - mean) g / (n - ddof)."""
    a = np.asarray(a, dtype=float)
    n = np.size(a) // np.size(np.sum(a, axis=axis))
    centred = a - np.mean(a, axis=axis, keepdims=True)
    return 2 * centred * _expand_reduced(g, a, axis, keepdims) / (n - ddof)


def _same_array(a, b):
    """Whether a is the numpy array b (numbers are never updated in place)."""
    return a is b and isinstance(b, np.ndarray)


def _kept_array(value, old):
    """``value`` as numpy leaves the array ``old`` it updated in place (``old += v``): an
    array of old's dtype, though of no dimensions; ``value`` itself where old is no array."""
    return np.asarray(value, dtype=old.dtype) if isinstance(old, np.ndarray) else value


def _own_value(value):
    """``value``, an array copied: where a user function that generated code calls may update
    its parameter in place (``x += v``), as sct's derivatives of its callers assume it does
    not (they rebind ``x``, and sct refuses callers that would see the difference)."""
    return np.copy(value) if isinstance(value, np.ndarray) else value


def _taken(g, dg=None):
    """Whether an adjoint g reaches an operand that np.where (or a steep slope) may leave out:
    where it is not zero, or where its tangent dg (a Hessian's forward sweep over the reverse
    one) is not, g being zero only at this point."""
    taken = np.asarray(g) != 0
    return taken if dg is None else taken | (np.asarray(dg) != 0)


def _unless_zero(g, t):
    """t, exactly zero where the adjoint g is: an adjoint that np.where (or np.maximum,
    np.minimum, np.clip) sends nowhere stays zero back through the operations of the branch
    not taken, whatever inf or NaN that branch's own values hold (sin(x) / x at 0)."""
    return np.where(np.asarray(g) == 0, 0.0, t)


def _chain(g, p):
    """g p, the chain rule's product of an adjoint and a slope, with 0 inf = 0: zero where
    either is zero, whatever the other holds. An infinite slope's adjoint (sqrt at 0) meeting a
    zero slope gives 0, as forward mode takes a zero tangent through an infinite slope."""
    if np.ndim(g) == 0 and np.ndim(p) == 0:
        return 0.0 if g == 0 or p == 0 else g * p
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where((np.asarray(g) == 0) | (np.asarray(p) == 0), 0.0, g * p)


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


def _matmul_operands(g, a, b):
    """a, b and g as stacks of matrices, as numpy's matmul reads 1-D operands."""
    a2 = np.expand_dims(a, 0) if np.ndim(a) == 1 else np.asarray(a)
    b2 = np.expand_dims(b, -1) if np.ndim(b) == 1 else np.asarray(b)
    g2 = np.asarray(g)
    if np.ndim(b) == 1:
        g2 = np.expand_dims(g2, -1)
    if np.ndim(a) == 1:
        g2 = np.expand_dims(g2, -2)
    return g2, a2, b2


def _matmul_adjoint_a(g, a, b):
    """Adjoint of a @ b for a: g b^T, with numpy's rules for 1-D operands and stacks."""
    g2, a2, b2 = _matmul_operands(g, a, b)
    result = g2 @ np.swapaxes(b2, -1, -2)
    if np.ndim(a) == 1:
        result = result[..., 0, :]
    return _unbroadcast(result, a)


def _matmul_adjoint_b(g, a, b):
    """Adjoint of a @ b for b: a^T g."""
    g2, a2, b2 = _matmul_operands(g, a, b)
    result = np.swapaxes(a2, -1, -2) @ g2
    if np.ndim(b) == 1:
        result = result[..., 0]
    return _unbroadcast(result, b)


def _dot_adjoint_a(g, a, b):
    """Adjoint of np.dot(a, b) for a: a product with a number, or a sum over the last axis
    of a and the second-to-last of b (the only axis of a 1-D b)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * b, a)
    if np.ndim(b) == 1:
        return np.multiply.outer(g, b)
    free = np.ndim(a) - 1
    return np.tensordot(g, np.moveaxis(b, -2, -1),
                        axes=(list(range(free, np.ndim(g))), list(range(np.ndim(b) - 1))))


def _dot_adjoint_b(g, a, b):
    """Adjoint of np.dot(a, b) for b."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * a, b)
    free = np.ndim(a) - 1
    result = np.tensordot(a, g, axes=(list(range(free)), list(range(free))))
    return result if np.ndim(b) == 1 else np.moveaxis(result, 0, -2)


def _inner_adjoint_a(g, a, b):
    """Adjoint of np.inner (a sum over the last axes) for a."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * b, a)
    na, nb = np.ndim(a) - 1, np.ndim(b) - 1
    return np.tensordot(g, b, axes=(list(range(na, na + nb)), list(range(nb))))


def _inner_adjoint_b(g, a, b):
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * a, b)
    na = np.ndim(a) - 1
    return np.tensordot(g, a, axes=(list(range(na)), list(range(na))))


def _kron_shapes(a, b):
    """The shapes of a and b as np.kron reads them: the one of fewer dimensions padded with
    leading ones."""
    n = max(np.ndim(a), np.ndim(b))
    return (1,) * (n - np.ndim(a)) + np.shape(a), (1,) * (n - np.ndim(b)) + np.shape(b)


def _kron_blocks(g, a, b):
    """g (the shape of kron(a, b)) as an array indexed by a's entries, then b's."""
    sa, sb = _kron_shapes(a, b)
    n = len(sa)
    blocks = np.reshape(g, [d for pair in zip(sa, sb) for d in pair])
    return np.transpose(blocks, list(range(0, 2 * n, 2)) + list(range(1, 2 * n, 2)))


def _kron_adjoint_a(g, a, b):
    sa, sb = _kron_shapes(a, b)
    blocks = _kron_blocks(g, a, b)
    return np.reshape(np.tensordot(blocks, np.reshape(b, sb), axes=len(sb)), np.shape(a))


def _kron_adjoint_b(g, a, b):
    sa, sb = _kron_shapes(a, b)
    blocks = _kron_blocks(g, a, b)
    return np.reshape(np.tensordot(np.reshape(a, sa), blocks, axes=len(sa)), np.shape(b))


def _split_adjoint(g, arrays, axis):
    """Adjoint of np.concatenate: g cut into the pieces the arrays came from."""
    if axis is None:
        sizes = [np.size(x) for x in arrays]
        return [np.reshape(p, np.shape(x)) for p, x in
                zip(np.split(np.ravel(g), np.cumsum(sizes)[:-1]), arrays)]
    sizes = [np.shape(x)[axis] for x in arrays]
    return np.split(g, np.cumsum(sizes)[:-1], axis=axis)


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


def _tensordot_axes(a, b, axes):
    """The contracted axes of np.tensordot(a, b, axes) as two lists (of a's, of b's)."""
    if np.ndim(axes) == 0:
        k = int(axes)
        return list(range(np.ndim(a) - k, np.ndim(a))), list(range(k))
    first, second = axes
    first = [int(i) % np.ndim(a) for i in np.atleast_1d(first)]
    second = [int(i) % np.ndim(b) for i in np.atleast_1d(second)]
    return first, second


def _tensordot_adjoint_a(g, a, b, axes):
    """Adjoint of np.tensordot in a: g contracted with b over b's free axes, a's axes put back
    in their places."""
    ca, cb = _tensordot_axes(a, b, axes)
    free_a = [i for i in range(np.ndim(a)) if i not in ca]
    free_b = [i for i in range(np.ndim(b)) if i not in cb]
    n = len(free_a)
    part = np.tensordot(g, b, axes=(list(range(n, np.ndim(g))), free_b))
    order = free_a + [ca[cb.index(j)] for j in sorted(cb)]          # a's axes of part
    return np.transpose(part, np.argsort(order))


def _tensordot_adjoint_b(g, a, b, axes):
    ca, cb = _tensordot_axes(a, b, axes)
    free_a = [i for i in range(np.ndim(a)) if i not in ca]
    free_b = [i for i in range(np.ndim(b)) if i not in cb]
    n = len(free_a)
    part = np.tensordot(a, g, axes=(free_a, list(range(n))))
    order = [cb[ca.index(i)] for i in sorted(ca)] + free_b          # b's axes of part
    return np.transpose(part, np.argsort(order))


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


def _einsum_adjoint(spec, k, g, *operands):
    """Adjoint of np.einsum(spec, *operands) for operand k: g contracted with the others.

    Ellipses are spelled out with letters of their own and an implicit output is made
    explicit.  Letters that only operand k carries are restored with a vector of ones, a
    letter repeated in operand k (a diagonal) with an identity matrix, and the axes along
    which operand k was broadcast are summed back.
    """
    spec = spec.replace(" ", "")
    inputs, arrow, output = spec.partition("->")
    inputs = inputs.split(",")
    free = iter(c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in spec)
    widths = [np.ndim(x) - len(s) + 3 if "..." in s else 0 for s, x in zip(inputs, operands)]
    ellipsis = "".join(next(free) for _ in range(max(widths)))
    inputs = [s.replace("...", ellipsis[len(ellipsis) - w:]) for s, w in zip(inputs, widths)]
    if arrow:
        output = output.replace("...", ellipsis)
    else:
        letters = "".join(inputs)
        output = ellipsis + "".join(sorted(c for c in set(letters) - set(ellipsis)
                                           if letters.count(c) == 1))
    target = inputs[k]
    terms = [output] + [s for i, s in enumerate(inputs) if i != k]
    arrays = [g] + [x for i, x in enumerate(operands) if i != k]
    sizes = dict(zip(target, np.shape(operands[k])))
    result, seen = "", set()
    for c in target:
        if c in seen:
            new = next(free)
            terms.append(c + new)
            arrays.append(np.eye(sizes[c]))
            c = new
        elif not any(c in t for t in terms):
            terms.append(c)
            arrays.append(np.ones(sizes[c]))
        seen.add(c)
        result += c
    return _unbroadcast(np.einsum(",".join(terms) + "->" + result, *arrays), operands[k])
