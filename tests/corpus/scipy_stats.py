"""scipy.stats' distributions in one scalar function, every function with a derivative and
every differentiable parameter: both modes, grad and Hessians (test_higher) against central
differences.  The covariance is built symmetric (a a^T + I) and the point on the simplex by a
softmax, so that every direction of a difference quotient is a real one."""
import numpy as np
import scipy.stats
from scipy.stats import norm


def f(x, p, a):
    loc, scale, shape = p[0], p[1], p[2]
    n = (norm.pdf(x, loc, scale) + norm.logpdf(x, loc=loc, scale=scale)
         + norm.cdf(x, loc, scale) + norm.logcdf(x - 3.0, loc, scale)
         + norm.sf(x, loc, scale) + norm.logsf(x + 2.0, loc, scale)
         + norm.ppf(0.2 + 0.1 * scale * scale, loc, scale))
    t = (scipy.stats.t.pdf(x, shape, loc, scale) + scipy.stats.t.logpdf(x, shape, loc, scale)
         + scipy.stats.t.cdf(x, 3.0, loc, scale) + scipy.stats.t.logcdf(x, 2.5, loc, scale))
    y = x * x + 0.5
    g = (scipy.stats.gamma.pdf(y, shape, 0.1 * loc, scale)
         + scipy.stats.gamma.logpdf(y, shape, 0.1 * loc, scale)
         + scipy.stats.gamma.cdf(y, 2.0, 0.1 * loc, scale)
         + scipy.stats.chi2.pdf(y, shape + 1.0, 0.1 * loc, scale)
         + scipy.stats.chi2.logpdf(y, df=shape + 1.0, scale=scale)
         + scipy.stats.chi2.cdf(y, 3.0, 0.1 * loc, scale))
    u = 1.0 / (1.0 + np.exp(-x))
    b = (scipy.stats.beta.pdf(u, shape, shape + 0.5) + scipy.stats.beta.logpdf(u, 1.5, shape)
         + scipy.stats.beta.cdf(u, 2.0, 3.0) + scipy.stats.beta.logpdf(0.5 * u + loc, shape,
                                                                      2.0, loc, 1.0 + scale))
    mu = scale * scale + 1.0
    k = np.array([0.0, 1.0, 3.0])
    po = (np.sum(scipy.stats.poisson.pmf(k, mu)) + np.sum(scipy.stats.poisson.logpmf(k, mu))
          + np.sum(scipy.stats.poisson.cdf(k, mu)))
    cov = a @ a.T + np.eye(2)
    points = np.stack([x * np.ones(2) - p[:2], p[1:]])
    m = (np.sum(scipy.stats.multivariate_normal.logpdf(points, p[:2], cov))
         + scipy.stats.multivariate_normal.pdf(p[1:], np.zeros(2), cov)
         + scipy.stats.multivariate_normal.entropy(p[:2], cov)
         + scipy.stats.multivariate_normal.logpdf(p, 0.1 * p, 1.0 + p * p)
         + scipy.stats.multivariate_normal.entropy(np.zeros(3), cov=1.0 + scale * scale))
    w = np.exp(np.array([x, loc, scale]))
    simplex = w / np.sum(w)
    alpha = np.array([shape, 1.5, scale + 1.0])
    d = (scipy.stats.dirichlet.logpdf(simplex, alpha)
         + scipy.stats.dirichlet.pdf(simplex[:2], alpha))
    return n + t + g + b + po + m + d


ARGS = (0.4, np.array([0.2, 1.3, 2.4]), np.array([[0.5, -0.2], [0.3, 0.8]]))
