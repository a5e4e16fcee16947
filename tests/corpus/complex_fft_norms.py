"""numpy.fft with norm= "backward", "ortho" and "forward", rfft2 and irfft2 (s, axes), and the
Hermitian transforms hfft and ihfft, inside a real function of real inputs: both modes, grad
and Hessians (test_higher) against central differences."""
import numpy as np


def f(x, theta):
    z = x * np.exp(1j * theta)
    one = np.fft.fft(z, norm="ortho") * np.fft.ifft(z, 4, norm="forward")
    back = np.fft.irfft(np.fft.rfft(x, norm="forward") * z[:3], 5, norm="forward")
    m = np.reshape(x, (2, 2)) * theta[:2]
    two = np.fft.rfft2(m, s=(2, 3), norm="ortho")
    half = np.fft.irfft2(two * two, s=(2, 3), norm="ortho") + np.fft.irfft2(two, (2, 3), (0, 1))
    nd = np.fft.fftn(m * 1j + m, norm="forward") + np.fft.ifft2(m, norm="ortho")
    nd = nd + np.fft.rfftn(m, axes=(0, 1), norm="backward")[:, :1]
    inverse = np.fft.irfftn(nd, (2, 2), norm="ortho")
    hermitian = np.fft.hfft(z[:3] * z[1:], norm="ortho") * np.fft.hfft(z, 4)
    spectrum = np.fft.ihfft(x * theta, norm="forward")
    return (np.sum(np.abs(one) ** 2) + np.sum(back * back) + np.sum(np.imag(two) * m[:, :1])
            + np.sum(half ** 2) + np.sum(np.abs(nd)) + np.sum(inverse * m)
            + np.sum(hermitian * x) + np.sum(np.real(spectrum * spectrum)))


ARGS = (np.array([0.31, -0.42, 0.93, 1.27]), np.array([0.7, -0.2, 1.1, 0.4]))
