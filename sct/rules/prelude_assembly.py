"""Prelude helpers for numpy's assembly and splitting functions and scipy.signal (see
prelude.py)."""
import numpy as np
import scipy.signal

from .prelude_arrays import _unbroadcast


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
