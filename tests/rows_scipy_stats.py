"""Intrinsic-table rows for scipy.stats' distributions: run by test_intrinsics.py (see its
docstring for what each row checks).

Domains keep each function smooth: scale > 0, x inside the support, shape parameters where
the density is smooth in x (a, b > 1 for beta and gamma's densities)."""
from rows import P, PS, S, V, row, spd, u

N = "scipy.stats.norm"
Q = u(0.05, 0.95)
QV = u(0.05, 0.95, 3)
DF = u(1.5, 6)
SHAPE = u(1.5, 4)
SHAPES = u(1.5, 4, 3)
INSIDE = u(0.1, 0.9)         # inside (0, 1), beta's support at loc 0 and scale 1
INSIDES = u(0.1, 0.9, 3)
SYM = "c = 0.5 * (cov + cov.T)"


def _normal_rows():
    rows = []
    for f in ("pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"):
        rows += [
            row(f"{N}.{f}", "x, loc, scale", f"{N}.{f}(x, loc, scale)", [S, S, PS]),
            row(f"{N}.{f}-array", "x, loc, scale", f"{N}.{f}(x, loc, scale)", [V, S, P]),
            row(f"{N}.{f}-keywords", "x, scale", f"{N}.{f}(x, scale=scale) * x", [V, PS]),
            row(f"{N}.{f}-default", "x", f"{N}.{f}(x)", [V]),
            row(f"{N}.{f}-loc-array", "x, loc", f"{N}.{f}(x, loc=loc, scale=1.5)", [S, V]),
        ]
    rows += [
        row(f"{N}.ppf", "q, loc, scale", f"{N}.ppf(q, loc, scale)", [Q, S, PS]),
        row(f"{N}.ppf-array", "q, loc, scale", f"{N}.ppf(q, loc, scale)", [QV, S, P]),
        row(f"{N}.ppf-loc-array", "q, loc", f"{N}.ppf(q, loc)", [Q, V]),
        row(f"{N}.ppf-default", "q", f"{N}.ppf(q)", [QV]),
        row(f"{N}.isf", "q, loc, scale", f"{N}.isf(q, loc, scale)", [Q, S, PS]),
        row(f"{N}.isf-array", "q, loc, scale", f"{N}.isf(q, loc, scale)", [QV, S, P]),
        row(f"{N}.isf-loc-array", "q, loc", f"{N}.isf(q, loc)", [Q, V]),
        row(f"{N}.isf-keywords", "q, scale", f"{N}.isf(q, scale=scale) * q", [QV, PS]),
        row(f"{N}.isf-default", "q", f"{N}.isf(q)", [QV]),
        row(f"{N}.isf-tails", "q", f"{N}.isf(q)", [u(0.002, 0.01, 3)]),
        row(f"{N}.isf-upper", "q", f"{N}.isf(q, 1.0, 0.5)", [u(0.99, 0.998, 3)]),
        # far in the tails: the derivatives of logcdf / logsf stay finite and exact
        row(f"{N}.logcdf-lower-tail", "x", f"{N}.logcdf(x)", [u(-40, -30, 3)]),
        row(f"{N}.logsf-upper-tail", "x", f"{N}.logsf(x, 1.0, 2.0)", [u(60, 80, 3)]),
        row(f"{N}.logcdf-upper-tail", "x", f"{N}.logcdf(x) * 1e12", [u(6, 7, 3)]),
    ]
    return rows


def _t_rows():
    t = "scipy.stats.t"
    rows = []
    for f in ("pdf", "logpdf"):
        rows += [
            row(f"{t}.{f}", "x, df, loc, scale", f"{t}.{f}(x, df, loc, scale)", [S, DF, S, PS]),
            row(f"{t}.{f}-array", "x, df, loc, scale", f"{t}.{f}(x, df, loc, scale)",
                [V, DF, S, P]),
            row(f"{t}.{f}-df-array", "x, df", f"{t}.{f}(x, df)", [S, u(1.5, 6, 3)]),
            row(f"{t}.{f}-keywords", "x, df, scale", f"{t}.{f}(x, df=df, scale=scale)",
                [V, DF, PS]),
        ]
    for f in ("cdf", "logcdf"):
        rows += [
            row(f"{t}.{f}", "x, loc, scale", f"{t}.{f}(x, 3.5, loc, scale)", [S, S, PS]),
            row(f"{t}.{f}-array", "x, loc, scale", f"{t}.{f}(x, 2.5, loc, scale)", [V, S, P]),
            row(f"{t}.{f}-keywords", "x", f"{t}.{f}(x, df=4.0, loc=0.5)", [V]),
        ]
    rows.append(row(f"{t}.logcdf-tail", "x", f"{t}.logcdf(x, 3.0)", [u(-400, -200, 3)]))
    return rows


def _positive_rows(name, shape):
    """gamma and chi2: x above loc."""
    d = f"scipy.stats.{name}"
    rows = []
    for f in ("pdf", "logpdf"):
        rows += [
            row(f"{d}.{f}", f"x, {shape}, loc, scale", f"{d}.{f}(x + loc, {shape}, loc, scale)",
                [u(0.3, 3), u(2.5, 5), S, PS]),
            row(f"{d}.{f}-array", f"x, {shape}", f"{d}.{f}(x, {shape})", [u(0.3, 3, 3), SHAPES]),
            row(f"{d}.{f}-keywords", f"x, {shape}, scale",
                f"{d}.{f}(x, {shape}={shape}, scale=scale)", [u(0.3, 3, 3), SHAPE, PS]),
        ]
    rows.append(row(f"{d}.pdf-outside", f"x, {shape}", f"{d}.pdf(x - 4.0, {shape})",
                    [u(0.3, 3, 3), SHAPE]))
    rows += [
        row(f"{d}.cdf", "x, loc, scale", f"{d}.cdf(x + loc, 2.5, loc, scale)", [u(0.3, 3), S, PS]),
        row(f"{d}.cdf-array", "x, scale", f"{d}.cdf(x, {shape}=3.0, scale=scale)",
            [u(0.3, 3, 3), PS]),
    ]
    return rows


def _beta_rows():
    b = "scipy.stats.beta"
    rows = []
    for f in ("pdf", "logpdf"):
        rows += [
            row(f"{b}.{f}", "x, a, b, loc, scale", f"{b}.{f}(loc + scale * x, a, b, loc, scale)",
                [INSIDE, SHAPE, SHAPE, S, PS]),
            row(f"{b}.{f}-array", "x, a, b", f"{b}.{f}(x, a, b)", [INSIDES, SHAPES, SHAPE]),
            row(f"{b}.{f}-keywords", "x, a, b", f"{b}.{f}(x, a=a, b=b, scale=1.0)",
                [INSIDES, SHAPE, SHAPE]),
        ]
    rows.append(row(f"{b}.pdf-outside", "x, a, b", f"{b}.pdf(x + 1.5, a, b)",
                    [INSIDES, SHAPE, SHAPE]))
    rows += [
        row(f"{b}.cdf", "x, loc, scale", f"{b}.cdf(loc + scale * x, 2.0, 3.0, loc, scale)",
            [INSIDE, S, PS]),
        row(f"{b}.cdf-array", "x", f"{b}.cdf(x, a=2.0, b=1.5)", [INSIDES]),
    ]
    return rows


def _poisson_rows():
    p = "scipy.stats.poisson"
    k = "np.array([0.0, 2.0, 5.0])"
    rows = []
    for f in ("pmf", "logpmf", "cdf"):
        rows += [
            row(f"{p}.{f}", "mu", f"{p}.{f}(3, mu)", [u(0.5, 6)]),
            row(f"{p}.{f}-array", "mu", f"{p}.{f}({k}, mu)", [u(0.5, 6, 3)]),
            row(f"{p}.{f}-loc", "mu", f"{p}.{f}(np.array([1.0, 3.0, 6.0]), mu, loc=1)",
                [u(0.5, 6)]),
            row(f"{p}.{f}-keywords", "mu", f"{p}.{f}(k=4, mu=mu)", [u(0.5, 6)]),
        ]
    rows += [row(f"{p}.cdf-between", "mu", f"{p}.cdf(2.5, mu)", [u(0.5, 6)]),
             row(f"{p}.pmf-fraction", "mu", f"{p}.pmf(2.5, mu) + mu", [u(0.5, 6)])]
    return rows


def _multivariate_rows():
    """scipy reads only the lower triangle of a covariance, sct takes the derivative along the
    symmetric part of a direction (test_scipy_stats.py): rows whose covariance is a parameter
    symmetrize it first, so that every direction of the difference quotient is a real one."""
    m = "scipy.stats.multivariate_normal"
    rows = []
    for f in ("pdf", "logpdf"):
        rows += [
            row(f"{m}.{f}", "x, mean, cov", f"{SYM}\n{m}.{f}(x, mean, c)",
                [V, u(-1, 1, 3), spd(3)]),
            row(f"{m}.{f}-points", "x, mean, cov", f"{SYM}\n{m}.{f}(x, mean, c)",
                [u(-2, 2, 4, 3), u(-1, 1, 3), spd(3)]),
            row(f"{m}.{f}-keywords", "x, mean, cov", f"{SYM}\n{m}.{f}(x, mean=mean, cov=c)",
                [u(-2, 2, 2, 2), u(-1, 1, 2), spd(2)]),
            # a covariance built symmetric from a free matrix: every direction is a real one
            row(f"{m}.{f}-factor", "x, a", f"{m}.{f}(x, np.zeros(2), a @ a.T + np.eye(2))",
                [u(-2, 2, 3, 2), u(-1, 1, 2, 2)]),
            row(f"{m}.{f}-one-dimensional", "x, mean, var",
                f"{m}.{f}(x, mean, np.reshape(var, (1, 1)))", [V, u(-1, 1, 1), PS]),
            row(f"{m}.{f}-number-cov", "x, mean, var", f"{m}.{f}(x, mean, var)",
                [u(-2, 2, 2, 3), u(-1, 1, 3), PS]),
            row(f"{m}.{f}-diagonal-cov", "x, mean, var", f"{m}.{f}(x, mean, var)",
                [V, u(-1, 1, 3), P]),
            row(f"{m}.{f}-number-mean", "x, mean, var", f"{m}.{f}(x, mean, var)",
                [V, S, PS]),
        ]
    rows += [
        row(f"{m}.entropy", "cov", f"{SYM}\n{m}.entropy(np.zeros(3), c)", [spd(3)]),
        row(f"{m}.entropy-factor", "a", f"{m}.entropy(mean=np.zeros(2), cov=a @ a.T + np.eye(2))",
            [u(-1, 1, 2, 2)]),
        row(f"{m}.entropy-number", "var", f"{m}.entropy(np.zeros(3), var)", [PS]),
        row(f"{m}.entropy-diagonal", "var", f"{m}.entropy(np.zeros(3), cov=var)", [P]),
    ]
    return rows


def _dirichlet_rows():
    d = "scipy.stats.dirichlet"
    soft = "w = np.exp(u)\nx = w / np.sum(w, axis=0)"
    rows = []
    for f in ("pdf", "logpdf"):
        rows += [
            row(f"{d}.{f}", "u, alpha", f"{soft}\n{d}.{f}(x, alpha)", [V, u(0.5, 3, 3)]),
            row(f"{d}.{f}-points", "u, alpha", f"{soft}\n{d}.{f}(x, alpha)",
                [u(-1, 1, 3, 4), u(0.5, 3, 3)]),
            row(f"{d}.{f}-implied", "x, alpha", f"{d}.{f}(x, alpha)",
                [u(0.1, 0.3, 3), u(0.5, 3, 4)]),
            row(f"{d}.{f}-implied-points", "x, alpha", f"{d}.{f}(x, alpha)",
                [u(0.1, 0.3, 2, 4), u(0.5, 3, 3)]),
            row(f"{d}.{f}-alpha", "alpha", f"{d}.{f}(np.array([0.2, 0.3, 0.5]), alpha)",
                [u(0.5, 3, 3)]),
        ]
    return rows


ROWS = (_normal_rows() + _t_rows() + _positive_rows("gamma", "a") + _positive_rows("chi2", "df")
        + _beta_rows() + _poisson_rows() + _multivariate_rows() + _dirichlet_rows())
