"""Complex values and numpy.fft inside a real function of real inputs: exp(1j theta), conj,
real, imag, abs, angle, and every transform of numpy.fft; both modes, grad and Hessians
(test_higher) against central differences."""
import numpy as np


def f(x, theta):
    z = (x[:4] + 2.0) * np.exp(1j * theta)
    w = np.conj(z) * z + np.conjugate(z * 1j) / (z + 3.0)
    phase = np.sum(np.angle(w + 0.5j) * np.imag(z)) + np.mean(np.real(w) * np.abs(z))
    spectrum = np.sum(np.abs(np.fft.fft(x)) ** 2) + np.sum(np.real(np.fft.ifft(z, 6)))
    back = np.fft.irfft(np.fft.rfft(x) * np.exp(-1j * theta[:3]), 5)
    m = np.reshape(x[:4], (2, 2)) * theta[:2]
    f2 = np.fft.fftshift(np.fft.fft2(m)) + np.fft.ifftshift(np.fft.ifft2(m * 1j))
    nd = np.fft.fftn(m, s=(2, 3), axes=(0, 1)) * np.fft.ifftn(m + 1j * m, axes=(1,))[:, :1]
    half = np.fft.irfftn(np.fft.rfftn(m) * (2.0 + 1j), (2, 3), (0, 1))
    sums = np.imag(np.sum(z * z)) + np.real(np.mean(w * 1j, axis=0)) + abs(z[0] * 1j + x[4])
    return (phase + sums + spectrum + np.sum(back * x) + np.sum(np.imag(f2) ** 2)
            + np.sum(np.abs(nd)) + np.sum(half * half))


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11]), np.array([0.7, -0.2, 1.1, 0.4]))
