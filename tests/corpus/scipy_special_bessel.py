"""scipy.special's Bessel functions and incomplete gamma and beta functions (imported as sc), in
x (orders and shape parameters constants): both modes, grad and Hessians (test_higher) against
central differences."""
import numpy as np
import scipy.special as sc


def f(x):
    a = sc.j0(x) * sc.j1(x) + sc.jv(1.5, x) + sc.jn(2, x)
    b = sc.y0(x) + sc.y1(x) * sc.yn(2, x) + sc.yv(0.5, x)
    c = sc.i0(x) * sc.i1(x) + sc.iv(2.5, x) + sc.ive(1, x)
    d = sc.i0e(x) + sc.i1e(x) * x
    e = sc.gammainc(1.5, x) * sc.gammaincc(np.array([0.7, 2.0, 3.5]), x)
    g = sc.betainc(2.0, 1.5, x / 4.0) + sc.gammasgn(x - 4.0) * x
    return np.sum(a * b + c * d + e + g)


ARGS = (np.array([0.8, 1.7, 2.9]),)
