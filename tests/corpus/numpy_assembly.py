"""numpy's assembly and splitting functions and scipy.signal's convolutions in one scalar
function: both modes, grad and Hessians (test_higher) against central differences."""
import numpy as np
import scipy.signal


def f(x, y):
    m = np.reshape(x, (2, 3))
    a = np.convolve(x, y * x[:3], mode="same") + np.correlate(x, x[1:4] * y, mode="same")
    b = np.convolve(x[:2], x, "valid") * np.correlate(x[:2] * y, x, "full")[:5]
    c = scipy.signal.convolve(m, m * m, mode="same") * \
        scipy.signal.correlate(m * y, m[:, :2])[:2, :3]
    d = scipy.signal.convolve(m, m[:, 1:] * y, mode="valid", method="fft")
    e = scipy.signal.correlate(m[:1] * y, m, mode="valid", method="direct")
    return np.sum(a * a) + np.sum(np.sin(b)) + np.sum(c * np.cos(c)) + np.sum(d ** 3) + \
        np.sum(e * e) * y


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58]), 1.3)
