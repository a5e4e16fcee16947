"""Intrinsic-table rows for complex numbers and numpy.fft: run by test_intrinsics.py (see its
docstring for what each row checks).  Inputs and results are real; the complex values live
inside each row."""
from rows import M, M34, P, S, T3, V, V4, row, u

V5 = u(-2, 2, 5)
V3 = u(-2, 2, 3)
PS = u(0.5, 2)

ROWS = [
    # real, imag, conj: linear over the reals
    row("np.real-exp", "x", "np.real(np.exp(1j * x) * x)", [V]),
    row("np.real-scalar", "x", "np.real(np.exp(1j * x) * x)", [S]),
    row("np.real-of-real", "x", "np.real(x * x)", [V]),
    row("np.imag-product", "x, y", "np.imag((x + 1j * y) * (y - 2j * x))", [V, V]),
    row("np.imag-scalar", "x", "np.imag(np.exp(-1j * x) / (x + 3j))", [S]),
    row("np.imag-of-real", "x", "np.imag(x) + x", [V]),
    row("np.conj-arith", "x", "np.imag(np.conj(x * np.exp(1j * x)) * (2.0 + 1j))", [V]),
    row("np.conjugate-arith", "x, y",
        "np.real(np.conjugate(x + 1j * y) * np.exp(1j * y) * (1.0 - 1j))", [V, V]),
    # angle and abs of complex values: real results of complex operands
    row("np.angle-vector", "a, b", "np.angle(a + 1j * b)", [P, V]),
    row("np.angle-scalar", "a, b", "np.angle(a + 1j * b)", [PS, S]),
    row("np.angle-exp", "t", "np.angle(np.exp(1j * t) * (1.0 + 1j))", [u(-1, 1, 3)]),
    row("np.abs-complex", "a, b", "np.abs(a + 1j * b)", [V, V]),
    row("np.abs-complex-exp", "t", "np.abs(np.exp(1j * t) + 0.5 * t)", [V]),
    row("abs-complex", "a, b", "abs(a + 1j * b)", [S, S]),
    # sums and means of complex arrays
    row("np.sum-complex", "x", "np.imag(np.sum(np.exp(1j * x) * x))", [V]),
    row("np.sum-complex-axis", "m", "np.real(np.sum(np.exp(1j * m), axis=0))", [M]),
    row("np.mean-complex", "m", "np.imag(np.mean(np.exp(1j * m) * m, axis=1, keepdims=True))",
        [M]),
    # numpy.fft
    row("np.fft.fft-real", "x", "np.real(np.fft.fft(x))", [V4]),
    row("np.fft.fft-imag", "x", "np.imag(np.fft.fft(x))", [V5]),
    row("np.fft.fft-abs", "x", "np.abs(np.fft.fft(x))", [V4]),
    row("np.fft.fft-power", "x", "np.sum(np.abs(np.fft.fft(x)) ** 2)", [V4]),
    row("np.fft.fft-pad", "x", "np.imag(np.fft.fft(x, 7))", [V4]),
    row("np.fft.fft-truncate", "x", "np.real(np.fft.fft(x * np.exp(1j * x), 3))", [V5]),
    row("np.fft.fft-axis", "m", "np.imag(np.fft.fft(m, axis=0))", [M]),
    row("np.fft.fft-complex", "x, y", "np.real(np.fft.fft(x + 1j * y) * (2.0 - 1j))", [V4, V4]),
    row("np.fft.ifft-real", "x", "np.real(np.fft.ifft(x))", [V5]),
    row("np.fft.ifft-complex", "x, y", "np.imag(np.fft.ifft(x * np.exp(1j * y), 6))", [V4, V4]),
    row("np.fft.ifft-axis", "m", "np.real(np.fft.ifft(m * 1j + m * m, 2, 0))", [M]),
    row("np.fft.rfft-even", "x", "np.imag(np.fft.rfft(x))", [V4]),
    row("np.fft.rfft-odd", "x", "np.real(np.fft.rfft(x))", [V5]),
    row("np.fft.rfft-n", "x", "np.abs(np.fft.rfft(x, 7))", [V4]),
    row("np.fft.rfft-axis", "m", "np.imag(np.fft.rfft(m, axis=0) * np.exp(1j * m[:2, :]))", [M]),
    row("np.fft.irfft-even", "a, b", "np.fft.irfft(a + 1j * b)", [V3, V3]),
    row("np.fft.irfft-odd", "a, b", "np.fft.irfft(a + 1j * b, 5)", [V3, V3]),
    row("np.fft.irfft-truncate", "a, b", "np.fft.irfft(a + 1j * b, 2)", [V4, V4]),
    row("np.fft.irfft-pad", "a", "np.fft.irfft(a * np.exp(1j * a), 9)", [V3]),
    row("np.fft.irfft-roundtrip", "x", "np.fft.irfft(np.fft.rfft(x) * np.exp(-1j * x[:3]), 5)",
        [V5]),
    row("np.fft.irfft-axis", "m", "np.fft.irfft(m * 1j + m, axis=0)", [M34]),
    row("np.fft.fft2-real", "m", "np.real(np.fft.fft2(m))", [M34]),
    row("np.fft.fft2-s", "m", "np.imag(np.fft.fft2(m * np.exp(1j * m), s=(2, 5)))", [M34]),
    row("np.fft.ifft2-complex", "m", "np.imag(np.fft.ifft2(m + 1j * m * m))", [M34]),
    row("np.fft.ifft2-axes", "t", "np.real(np.fft.ifft2(t * 1j + t, axes=(0, 2)))", [T3]),
    row("np.fft.fftn-all", "t", "np.abs(np.fft.fftn(t))", [T3]),
    row("np.fft.fftn-axes", "t", "np.imag(np.fft.fftn(t, s=(3, 2), axes=(2, 0)))", [T3]),
    row("np.fft.fftn-s", "m", "np.real(np.fft.fftn(m, s=(4, 3)) * (1.0 + 1j))", [M34]),
    row("np.fft.ifftn-all", "t", "np.imag(np.fft.ifftn(t * np.exp(1j * t)))", [T3]),
    row("np.fft.ifftn-axes", "t", "np.real(np.fft.ifftn(t * 1j, axes=(1,)))", [T3]),
    row("np.fft.rfftn-all", "t", "np.imag(np.fft.rfftn(t))", [T3]),
    row("np.fft.rfftn-s", "t", "np.real(np.fft.rfftn(t, s=(3, 5), axes=(0, 1)))", [T3]),
    row("np.fft.rfftn-matrix", "m", "np.abs(np.fft.rfftn(m))", [M]),
    row("np.fft.irfftn-all", "t", "np.fft.irfftn(t * np.exp(1j * t))", [T3]),
    row("np.fft.irfftn-s", "t", "np.fft.irfftn(t + 1j * t * t, s=(2, 5), axes=(2, 1))", [T3]),
    row("np.fft.irfftn-roundtrip", "m",
        "np.fft.irfftn(np.fft.rfftn(m) * (2.0 + 1j), m.shape, (0, 1))", [M34]),
    row("np.fft.fftshift-real", "x", "np.fft.fftshift(x)", [V5]),
    row("np.fft.fftshift-complex", "m",
        "np.imag(np.fft.fftshift(np.fft.fft2(m), axes=(1,)) * np.exp(1j * m))", [M34]),
    row("np.fft.ifftshift-real", "x", "np.fft.ifftshift(x * x)", [V4]),
    row("np.fft.ifftshift-complex", "t", "np.real(np.fft.ifftshift(np.fft.fftn(t)) * 1j)", [T3]),
]
