"""Holomorphic elementwise functions of complex values inside a real function of real inputs:
sqrt, log2, log10, exp2, the inverse trigonometric and hyperbolic functions, erf, erfc and
powers of a complex base with real exponents (literal or carrying a derivative), and
np.real_if_close with a real and a complex result; both modes,
grad and Hessians (test_higher) against central differences."""
import numpy as np
import scipy.special


def f(x, theta):
    z = (x + 2.0) * np.exp(1j * theta)
    w = 0.4 * z * 1j + 0.3
    roots = np.sqrt(z) + np.sqrt(w * z) * np.log2(z) + np.log10(z * z)
    inverse = np.arcsinh(w) + np.arctanh(w) + np.arccosh(z) + np.arcsin(w) + np.arccos(w)
    inverse = inverse + np.arctan(w) * np.exp2(w)
    errors = scipy.special.erf(w) + scipy.special.erfc(w * w)
    powers = z ** 0.5 + z ** 2.5 + z ** -1.5 + z ** theta + np.power(w, x * x)
    scalar = z[0] ** theta[1] + np.sqrt(z[1]) * np.arccosh(-z[2])
    close = np.real_if_close(z * np.conj(z)) * np.real_if_close(w * w)
    return (np.sum(np.real(roots) * np.imag(inverse)) + np.sum(np.abs(errors + powers))
            + np.sum(np.imag(powers) * x) + np.real(scalar) + np.abs(scalar)
            + np.sum(np.imag(close) + np.real(close)))


ARGS = (np.array([0.31, -0.42, 0.93, 1.27]), np.array([0.7, -0.2, 1.1, 0.4]))
