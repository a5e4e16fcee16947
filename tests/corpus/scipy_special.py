"""scipy.special's log-sum-exp, softmax, gamma, error and entropy functions in one scalar
function: both modes, grad and Hessians (test_higher) against central differences."""
import numpy as np
import scipy.special


def f(x, w):
    p = scipy.special.expit(x)
    a = (scipy.special.logit(p * 0.8 + 0.1)
         + scipy.special.gammaln(x + 2.5) * scipy.special.gamma(x + 3.1))
    b = scipy.special.rgamma(x - 0.5) + scipy.special.digamma(x + 3.0) * scipy.special.psi(w)
    c = scipy.special.polygamma(1, x + 2.0) + scipy.special.multigammaln(x + 2.0, 3)
    d = scipy.special.beta(x + 2.0, w) + scipy.special.betaln(w, x * x + 1.0)
    e = scipy.special.erf(x) * scipy.special.erfc(x * w) + scipy.special.erfinv(p * 0.9 - 0.45)
    g = scipy.special.erfcinv(p + 0.2) + scipy.special.erfcx(x) + scipy.special.ndtr(x * w)
    h = scipy.special.ndtri(p) + scipy.special.log_ndtr(x * 3.0 - 5.0)
    k = scipy.special.xlogy(x, p) + scipy.special.xlog1py(w, x * x) + scipy.special.entr(p)
    m = (scipy.special.rel_entr(p, 1.0 - p)
         + scipy.special.softmax(x * w) * scipy.special.log_softmax(x))
    s = np.reshape(a + b + c + d + e + g + h + k + m, (2, 2))
    v, sign = scipy.special.logsumexp(s, axis=1, b=np.array([[1.0, -0.5], [2.0, 0.3]]) * w,
                                      return_sign=True)
    return scipy.special.logsumexp(s * x[:2]) + np.sum(v * sign) + scipy.special.logsumexp(x, b=w)


ARGS = (np.array([0.31, -0.42, 0.93, 0.57]), 1.3)
