"""Prelude helpers for complex numbers and numpy.fft (see prelude.py).

The adjoint of a complex value z is dL/dRe(z) + 1j dL/dIm(z); the adjoint of a linear map A
(over the reals) is then its conjugate transpose: <A x, g> = <x, A^H g> for the real inner
product Re(sum(conj(u) v)).  The DFT matrix F is symmetric, so F^H g = conj(F conj(g)), for
fft and ifft alike (each helper below writes that).  n and s pad with zeros or truncate
before the transform (a matrix P), whose transpose truncates or pads back: ``_fitted``.
"""
import numpy as np

from .prelude_arrays import _expand_reduced, _reduced_axes


def _cratio(d, s):
    """d / s for complex d, zero where s is zero (np.abs and np.angle at 0; _ratio's float
    cast would drop the imaginary part)."""
    if np.ndim(d) == 0 and np.ndim(s) == 0:
        return d / s if s else 0.0 * d
    if np.all(s):
        return d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(s) == 0, 0.0, d / np.where(np.asarray(s) == 0, 1.0, s))


def _complex_sum_adjoint(g, a, axis, keepdims):
    """Adjoint of np.sum of a complex operand: g broadcast back, its dtype kept."""
    return _expand_reduced(np.asarray(g), a, axis, keepdims)


def _complex_mean_adjoint(g, a, axis, keepdims):
    count = np.prod([np.shape(a)[ax] for ax in _reduced_axes(a, axis)])
    return _expand_reduced(np.asarray(g), a, axis, keepdims) / count


def _fitted(x, shape, axes):
    """x truncated or padded with zeros at the end along ``axes`` to the lengths of
    ``shape`` there: the transpose of numpy.fft's own fitting of its input to n or s."""
    for ax in axes:
        have, want = np.shape(x)[ax], shape[ax]
        if have > want:
            x = np.take(x, np.arange(want), axis=ax)
        elif have < want:
            widths = [(0, 0)] * np.ndim(x)
            widths[ax] = (0, want - have)
            x = np.pad(x, widths)
    return x


def _dft_axes(a, s, axes):
    """The axes an n-dimensional transform runs over, as numpy chooses them (all axes, or the
    last len(s) where only s is given), as non-negative numbers."""
    if axes is None:
        axes = range(-len(s), 0) if s is not None else range(np.ndim(a))
    return tuple(int(ax) % np.ndim(a) for ax in axes)


def _swapped(norm):
    """The norm of the opposite direction (numpy's hfft and ihfft run irfft and rfft so)."""
    return {None: "forward", "backward": "forward", "ortho": "ortho", "forward": "backward"}[norm]


def _fft_adjoint(g, a, n, axis, norm):
    """Adjoint of np.fft.fft(a, n, axis, norm): P^T F^H g = P^T conj(fft(conj(g))), F scaled
    by norm's real factor, which its adjoint keeps."""
    axis = int(axis) % np.ndim(a)
    return _fitted(np.conj(np.fft.fft(np.conj(g), axis=axis, norm=norm)), np.shape(a), (axis,))


def _ifft_adjoint(g, a, n, axis, norm):
    """Adjoint of np.fft.ifft(a, n, axis, norm): P^T conj(ifft(conj(g))) (= P^T fft(g) / n by
    default)."""
    axis = int(axis) % np.ndim(a)
    return _fitted(np.conj(np.fft.ifft(np.conj(g), axis=axis, norm=norm)), np.shape(a), (axis,))


def _fftn_adjoint(g, a, s, axes, norm):
    """Adjoint of np.fft.fftn(a, s, axes, norm) (and fft2)."""
    axes = _dft_axes(a, s, axes)
    return _fitted(np.conj(np.fft.fftn(np.conj(g), axes=axes, norm=norm)), np.shape(a), axes)


def _ifftn_adjoint(g, a, s, axes, norm):
    """Adjoint of np.fft.ifftn(a, s, axes, norm) (and ifft2)."""
    axes = _dft_axes(a, s, axes)
    return _fitted(np.conj(np.fft.ifftn(np.conj(g), axes=axes, norm=norm)), np.shape(a), axes)


def _rfftn_adjoint(g, a, s, axes, norm):
    """Adjoint of np.fft.rfftn(a, s, axes, norm) for a real a (rfft: one axis, rfft2: two):
    the half spectrum g padded with zeros to the full length (the selection's transpose), then
    the real part of P^T F^H of that (F scaled as norm says: the full lengths' factor)."""
    axes = _dft_axes(a, s, axes)
    last = axes[-1]
    full = np.shape(a)[last] if s is None else s[-1]
    widths = [(0, 0)] * np.ndim(g)
    widths[last] = (0, full - np.shape(g)[last])
    spectrum = np.pad(g, widths)
    return _fitted(np.real(np.fft.fftn(np.conj(spectrum), axes=axes, norm=norm)), np.shape(a),
                   axes)


def _rfft_adjoint(g, a, n, axis, norm):
    return _rfftn_adjoint(g, a, None if n is None else (n,), (axis,), norm)


def _half_spectrum_adjoint(g, axis, n, norm):
    """Adjoint of the real inverse transform along ``axis`` to length n (numpy's c2r, which
    reads the half spectrum h[:n // 2 + 1] and drops the imaginary parts of h[0] and, n even,
    of h[n / 2]): y_j = c sum_k w_k Re(h_k e^(2 pi i jk/n)), w_k = 1 at k = 0 and n / 2,
    2 elsewhere, c norm's factor (1 / n by default), so b_h = c w rfft(g) (the sines vanish
    where the imaginary parts drop): rfft with the opposite direction's norm scales by c."""
    b = np.fft.rfft(g, axis=axis, norm=_swapped(norm))
    weights = np.full(n // 2 + 1, 2.0)
    weights[0] = 1.0
    if n % 2 == 0:
        weights[-1] = 1.0
    shape = [1] * np.ndim(b)
    shape[axis] = n // 2 + 1
    return b * np.reshape(weights, shape)


def _irfftn_adjoint(g, a, s, axes, norm):
    """Adjoint of np.fft.irfftn(a, s, axes, norm) (irfft: one axis, irfft2: two): numpy runs
    ifft along the other axes, then the real inverse along the last; the adjoints in the
    opposite order."""
    axes = _dft_axes(a, s, axes)
    last = axes[-1]
    n = np.shape(g)[last]
    b = _half_spectrum_adjoint(g, last, n, norm)
    if len(axes) > 1:
        b = np.conj(np.fft.ifftn(np.conj(b), axes=axes[:-1], norm=norm))
    return _fitted(b, np.shape(a), axes)


def _irfft_adjoint(g, a, n, axis, norm):
    return _irfftn_adjoint(g, a, None if n is None else (n,), (axis,), norm)


def _hfft_adjoint(g, a, n, axis, norm):
    """Adjoint of np.fft.hfft(a, n, axis, norm) = irfft(conj(a), n, axis, the opposite norm):
    conj is its own adjoint (over the reals), so conj of irfft's adjoint."""
    return np.conj(_irfft_adjoint(g, a, n, axis, _swapped(norm)))


def _ihfft_adjoint(g, a, n, axis, norm):
    """Adjoint of np.fft.ihfft(a, n, axis, norm) = conj(rfft(a, n, axis, the opposite norm))
    for a real a: rfft's adjoint of conj(g)."""
    return _rfft_adjoint(np.conj(g), a, n, axis, _swapped(norm))


def _if_real(v, result):
    """v's real part where np.real_if_close's result is real (it was np.real there), else v
    (it was the identity)."""
    return np.real(v) if np.isrealobj(result) else v


# ---------------------------------------------------------------- holomorphic functions
# The templates of sqrt, arcsin, arccos, arccosh and powers on a complex operand: the zero-safe
# quotients and powers of prelude_arrays cast to float, which would drop imaginary parts.

def _cover(d, s):
    """d / s for complex d and s, exactly zero where d is zero (as _over: a steep slope along no
    direction); where only s is zero (a branch point, sqrt at 0: no derivative there) numpy's
    non-finite quotient."""
    if np.ndim(d) == 0 and np.ndim(s) == 0:
        if d == 0:
            return 0.0 * d
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.divide(d, s)
    if np.all(s):
        return d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(d) == 0, 0.0, np.divide(d, s))


def _cpower_tangent(a, b, d):
    """The tangent of a ** b (complex a, real b) along d, a's tangent: b a^(b-1) d, exactly
    zero where b is zero (a ** 0 is 1 everywhere) or d is; non-finite at a = 0 for b < 1."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = b * np.power(a, np.subtract(b, 1.0)) * d
    if np.ndim(full) == 0:
        return 0.0 * full if b == 0 or d == 0 else full
    return np.where((np.asarray(b) == 0) | (np.asarray(d) == 0), 0.0, full)


def _cpowered(a, e, d):
    """a ** e * d for complex a, exactly zero where d is zero."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = np.power(a, e) * d
    if np.ndim(full) == 0:
        return 0.0 * full if d == 0 else full
    return np.where(np.asarray(d) == 0, 0.0, full)


def _cexponent_tangent(p, a, d):
    """The tangent of p = a ** b (complex a, real b) along d, b's tangent: p log(a) d (the
    principal logarithm, numpy's for the power), exactly zero where p is (0 ** b = 0 for
    b > 0) or d is."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = p * np.log(a) * d
    if np.ndim(full) == 0:
        return 0.0 * full if p == 0 or d == 0 else full
    return np.where((np.asarray(p) == 0) | (np.asarray(d) == 0), 0.0, full)


def _own_complex(value):
    """A complex array of its own holding value (the reverse sweep writes complex parts of an
    adjoint into it; its tangent, for Hessians, is one too)."""
    return np.array(value, dtype=complex)
