"""numpy's sinc, cumprod, median, percentile, quantile, partition, interp (in x and fp),
polyval (in p and x), select, cross and x.astype in one scalar function of one vector, so that
the Hessian has the mixed terms (interp's x with its fp, polyval's p with x): both modes, grad
and Hessians (test_higher) against central differences.  The test point keeps the order
statistics distinct, select's conditions and interp's x away from their switches."""
import numpy as np

def f(v):
    s = np.sinc(v[:4]) * np.cumprod(v[4:8] + 0.5)
    m = np.median(v[:7] * 1.5 + v[5:]) * np.percentile(v[2:9] * v[0], 40.0)
    q = np.quantile(np.reshape(v * v, (3, 4)), [0.3, 0.8], axis=1)
    p = np.partition(v * v[::-1] + v, 4)
    i = np.interp(v[:3], np.array([-1.0, -0.2, 0.5, 1.3, 2.0]), v[3:8] * v[9])
    c = np.polyval(v[8:], v[0] * 0.5) * np.polyval(v[:3], v[10:])
    e = np.select([v[:4] > 0.0, v[:4] < -0.5], [v[:4] * v[4:8], v[8:]], v[4:8] * v[4:8])
    x = np.cross(v[:3], v[3:6] * v[0]) @ v[6:9] + np.cross(v[:2], v[2:4] * v[5])
    return (np.sum(s) + m + np.sum(q[0] * q[1]) + p[4] * p[2] + np.sum(i * i) + np.sum(c)
            + np.sum(e * v[8:]) + x * np.sum(v.astype(float) * v[::-1]))


ARGS = (np.array([0.31, -0.72, 1.07, -0.18, -0.44, 0.86, 1.52, -1.33, 0.63, 0.95, -0.27, 1.21]),)
