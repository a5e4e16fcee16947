"""Prelude helpers for numpy's assembly and splitting functions and scipy.signal (see
prelude.py)."""
import numpy as np
import scipy.signal

from .prelude_core import _unbroadcast


# ---------------------------------------------------------------- convolutions
# Each convolution-like call is y = crop(full(a, w)): the full convolution of a with w (v for
# a convolution, v reversed for a correlation) cut to a window starting at ``start`` on each
# axis.  Its adjoint pads g back into the full result's shape (zeros outside the window) and
# correlates that with the other operand over the valid range: b_a[i] = sum_k b_full[k]
# w[k - i], b_w[j] = sum_k b_full[k] a[k - j].


def _np_convolve_start(n, m, mode):
    """Where np.convolve's window starts in the full convolution of lengths n and m (numpy
    swaps the operands so that the first is the longer)."""
    short = min(n, m)
    return {"full": 0, "same": (short - 1) // 2, "valid": short - 1}[mode]


def _np_correlate_start(n, m, mode):
    """Where np.correlate's window starts in the full correlation of lengths n and m (numpy
    correlates the longer with the shorter and reverses the result where n < m)."""
    if mode == "same":
        return (m - 1) // 2 if n >= m else n - 1 - (n - 1) // 2
    return {"full": 0, "valid": min(n, m) - 1}[mode]


def _padded_window(g, shape, start):
    """Zeros of ``shape`` with g written at ``start`` (one offset per axis)."""
    g = np.asarray(g)
    full = np.zeros(shape, dtype=np.result_type(g.dtype, float))
    full[tuple(slice(s, s + k) for s, k in zip(start, g.shape))] = g
    return full


def _full_adjoint_1d(g, a, v, start):
    """The adjoint of g over the full 1-d convolution of a and v, from its window."""
    return _padded_window(g, (np.size(a) + np.size(v) - 1,), (start,))


def _convolve_adjoint(g, a, v, mode):
    """Adjoint of np.convolve(a, v, mode) for a (for v: swap a and v; numpy's convolution is
    symmetric in its operands in every mode)."""
    n, m = np.size(a), np.size(v)
    full = _full_adjoint_1d(g, a, v, _np_convolve_start(n, m, mode))
    return np.reshape(np.correlate(full, np.ravel(v), "valid"), np.shape(a))


def _correlate_adjoint_a(g, a, v, mode):
    """Adjoint of np.correlate(a, v, mode) for a: the full result is convolve(a, v[::-1])."""
    n, m = np.size(a), np.size(v)
    full = _full_adjoint_1d(g, a, v, _np_correlate_start(n, m, mode))
    return np.reshape(np.correlate(full, np.ravel(v)[::-1], "valid"), np.shape(a))


def _correlate_adjoint_v(g, a, v, mode):
    """Adjoint of np.correlate(a, v, mode) for v: the adjoint for v[::-1], reversed."""
    n, m = np.size(a), np.size(v)
    full = _full_adjoint_1d(g, a, v, _np_correlate_start(n, m, mode))
    return np.reshape(np.correlate(full, np.ravel(a), "valid")[::-1], np.shape(v))


def _signal_start(shape1, shape2, mode):
    """Where scipy.signal's window starts on each axis of the full convolution (its 'same'
    result has in1's shape, centred; 'valid' is where the operands overlap fully)."""
    if mode == "full":
        return (0,) * len(shape1)
    if mode == "same":
        return tuple((m - 1) // 2 for m in shape2)
    return tuple(min(n, m) - 1 for n, m in zip(shape1, shape2))


def _signal_full_adjoint(g, in1, in2, mode):
    """g written into zeros of the full convolution's shape, at its window."""
    shape1, shape2 = np.shape(in1), np.shape(in2)
    shape = tuple(n + m - 1 for n, m in zip(shape1, shape2))
    return _padded_window(g, shape, _signal_start(shape1, shape2, mode))


def _signal_convolve_adjoint_1(g, in1, in2, mode):
    """Adjoint of scipy.signal.convolve(in1, in2, mode) for in1."""
    full = _signal_full_adjoint(g, in1, in2, mode)
    return scipy.signal.correlate(full, np.asarray(in2, dtype=float), "valid", method="direct")


def _signal_convolve_adjoint_2(g, in1, in2, mode):
    """Adjoint of scipy.signal.convolve(in1, in2, mode) for in2."""
    full = _signal_full_adjoint(g, in1, in2, mode)
    return scipy.signal.correlate(full, np.asarray(in1, dtype=float), "valid", method="direct")


def _signal_correlate_adjoint_1(g, in1, in2, mode):
    """Adjoint of scipy.signal.correlate(in1, in2, mode) for in1: its full result is the full
    convolution of in1 with in2 reversed on every axis, cut as a convolution's is."""
    full = _signal_full_adjoint(g, in1, in2, mode)
    return scipy.signal.correlate(full, np.flip(np.asarray(in2, dtype=float)), "valid",
                                  method="direct")


def _signal_correlate_adjoint_2(g, in1, in2, mode):
    """Adjoint of scipy.signal.correlate(in1, in2, mode) for in2: the adjoint for in2
    reversed, reversed."""
    full = _signal_full_adjoint(g, in1, in2, mode)
    return np.flip(scipy.signal.correlate(full, np.asarray(in1, dtype=float), "valid",
                                          method="direct"))


# ---------------------------------------------------------------- padding
def _pad_sources(shape, pad_width, mode):
    """For each entry of np.pad(a, pad_width, mode) on an a of ``shape``: the flat index of
    the entry of a it copies, -1 for a constant one (np.pad of a's indices)."""
    size = int(np.prod(shape))
    indices = np.reshape(np.arange(size), shape)
    if mode == "constant":
        return np.pad(indices, pad_width, mode, constant_values=-1)
    return np.pad(indices, pad_width, mode)


def _pad_adjoint(g, array, pad_width, mode):
    """Adjoint of np.pad(array, pad_width, mode) for array: each entry of g added to the entry
    of array it copies (edge and reflect copy some entries several times)."""
    shape = np.shape(array)
    sources = np.ravel(_pad_sources(shape, pad_width, mode))
    taken = sources >= 0
    sums = np.bincount(sources[taken], weights=np.ravel(g)[taken],
                       minlength=int(np.prod(shape)))
    return np.reshape(sums, shape)


def _pad_constant_adjoint(g, array, pad_width, constant_values):
    """Adjoint of np.pad(array, pad_width, constant_values=c) for c: the sum of g over the
    entries each constant fills.  numpy reads c as (before, after) pairs per axis (one number
    for all, or one pair for every axis) and fills axis by axis; padding zeros with the labels
    1, 2, ... as constants finds each entry's constant."""
    ndim = np.ndim(array)
    labels = np.reshape(np.arange(1, 2 * ndim + 1), (ndim, 2))
    filled = np.ravel(np.pad(np.zeros(np.shape(array), dtype=int), pad_width, "constant",
                             constant_values=labels))
    sums = np.bincount(filled, weights=np.ravel(g), minlength=2 * ndim + 1)[1:]
    sums = np.reshape(sums, (ndim, 2))
    c = np.asarray(constant_values)
    if c.ndim < 3 and c.size == 1:
        return np.reshape(np.sum(sums), np.shape(c))
    if c.ndim < 3 and c.size == 2 and c.shape != (2, 1):
        return np.reshape(np.sum(sums, axis=0), np.shape(c))
    return _unbroadcast(sums, c)


# ---------------------------------------------------------------- gradient
def _gradient_axes(f, axis):
    """The axes np.gradient differentiates along, as numpy reads ``axis``."""
    ndim = np.ndim(f)
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if np.ndim(axis) == 0 else tuple(axis)
    return tuple(int(a) % ndim for a in axes)


def _gradient_matrix(n, spacing, edge_order):
    """The matrix D of np.gradient along an axis of length n: y = D f (np.gradient of the
    identity's columns, so its entries are numpy's own stencil)."""
    return np.gradient(np.eye(n), spacing, axis=0, edge_order=edge_order)


def _gradient_adjoint(g, f, varargs, axis, edge_order):
    """Adjoint of np.gradient(f, varargs, axis=axis, edge_order=edge_order) for f: D^T g
    along each axis, summed over the axes (g is a list of one adjoint per axis where numpy
    returns several arrays)."""
    axes = _gradient_axes(f, axis)
    parts = [g] if len(axes) == 1 else list(g)
    total = np.zeros(np.shape(f))
    for ax, part in zip(axes, parts):
        d = _gradient_matrix(np.shape(f)[ax], varargs, edge_order)
        moved = np.tensordot(d.T, np.moveaxis(np.asarray(part, dtype=float), ax, 0), axes=1)
        total = total + np.moveaxis(moved, 0, ax)
    return total


# ---------------------------------------------------------------- splitting and grids
def _pieces_adjoint(g, ary, axis):
    """Adjoint of np.split(ary, ..., axis) (and of array_split, hsplit, vsplit, dsplit): the
    pieces' adjoints joined back along the axis (g is the list of them)."""
    if axis == "h":                    # np.hsplit splits along axis 1, or 0 for a vector
        axis = 1 if np.ndim(ary) > 1 else 0
    joined = np.concatenate([np.asarray(part, dtype=float) for part in g], axis=axis)
    return np.reshape(joined, np.shape(ary))


def _meshgrid_adjoint(g, x, k, count, indexing):
    """Adjoint of np.meshgrid(x_0, ..., x_{count - 1}, indexing=indexing) for x_k: its grid's
    adjoint g[k] summed over every axis but x_k's ('xy' swaps the first two axes)."""
    axis = 1 - k if indexing == "xy" and count > 1 and k < 2 else k
    part = np.asarray(g[k], dtype=float)
    others = tuple(i for i in range(np.ndim(part)) if i != axis)
    return np.reshape(np.sum(part, axis=others), np.shape(x))

