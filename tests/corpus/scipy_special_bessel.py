"""scipy.special's Bessel functions and incomplete gamma and beta functions, in x (orders and
shape parameters constants): both modes, grad and Hessians (test_higher) against central
differences."""
import numpy as np
import scipy.special


def f(x):
    a = scipy.special.j0(x) * scipy.special.j1(x) + scipy.special.jv(1.5, x) + scipy.special.jn(2, x)
    b = scipy.special.y0(x) + scipy.special.y1(x) * scipy.special.yn(2, x) + scipy.special.yv(0.5, x)
    c = scipy.special.i0(x) * scipy.special.i1(x) + scipy.special.iv(2.5, x) + scipy.special.ive(1, x)
    d = scipy.special.i0e(x) + scipy.special.i1e(x) * x
    e = scipy.special.gammainc(1.5, x) * scipy.special.gammaincc(np.array([0.7, 2.0, 3.5]), x)
    g = scipy.special.betainc(2.0, 1.5, x / 4.0) + scipy.special.gammasgn(x - 4.0) * x
    return np.sum(a * b + c * d + e + g)


ARGS = (np.array([0.8, 1.7, 2.9]),)
