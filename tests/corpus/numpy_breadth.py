"""numpy functions of the breadth issue in one scalar function: both modes, grad and Hessians
(test_higher) against central differences."""
import numpy as np


def f(x, y):
    m = np.reshape(x, (2, 3))
    a = np.logaddexp2(m, np.exp2(0.5 * m)) + np.cbrt(m + 3.0)
    b = np.deg2rad(np.rad2deg(m) * y) + np.fmax(m, -m * 0.5) * np.fmin(m, 2.0)
    c = np.mod(m + 2.5, 1.5) + np.fmod(m - 2.5, 1.25) + np.float_power(m * m + 1.0, y)
    d = np.nan_to_num(np.flipud(m) * np.fliplr(m)) + np.roll(m, 1, axis=1)
    e = np.moveaxis(np.atleast_3d(m), 2, 0)[0] + np.diagonal(np.outer(x, x), 1)[:3]
    return (np.nansum(a * b) + np.nanmean(c, axis=0) @ np.ptp(d, axis=0)
            + np.sum(np.degrees(e) * np.radians(y)))


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58]), 1.3)
