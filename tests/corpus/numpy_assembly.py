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
    p = np.pad(m, ((1, 1), (2, 0)), constant_values=y * y) + np.pad(m * y, 1, mode="edge") + \
        np.pad(np.sin(m), ((1, 1), (0, 2)), "reflect")
    gy, gx = np.gradient(p * p, 0.5)
    q = np.gradient(x * x, edge_order=2) + np.gradient(m * y, axis=1)[0, :2].sum()
    s1, s2 = np.split(x * y, 2)
    parts = np.array_split(x * x, [1, 4])
    h1, h2 = np.hsplit(m * m, [2])
    v1, v2 = np.vsplit(np.sin(m), 2)
    d1, d2 = np.dsplit(np.reshape(x * y, (1, 2, 3)), [1])
    r = s1 * s2 + parts[1] * parts[1][0] + np.sum(h1 * v2.T[:2]) + h2[0] * v1[0] + \
        np.sum(d1) * np.sum(d2[0, 0] ** 2)
    mx, my = np.meshgrid(x[:3] * y, x[3:] * x[3:])
    ix, iy = np.meshgrid(x[:2], y * x[2:5], indexing="ij")
    k = np.r_[x[:1] * y, y, 1.0] * np.c_[x[3:], x[:3] * y][:, 1]
    return (np.sum(a * a) + np.sum(np.sin(b)) + np.sum(c * np.cos(c)) + np.sum(d ** 3)
            + np.sum(e * e) * y + np.sum(gy * gx) + np.sum(q ** 3) + np.sum(r * r)
            + np.sum(np.sin(mx * my)) + np.sum(ix * iy * iy) + np.sum(k * k))


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58]), 1.3)
