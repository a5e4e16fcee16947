"""The rule table's entries for scipy.stats (see the package's docstring).

Distributions of a location and a scale are functions of z = (x - loc) / scale: for a log
density log f(x) = l(z) - log(scale), with l' its slope in z (the score),
    d/dx = l'(z) / scale,  d/dloc = -l'(z) / scale,  d/dscale = -(1 + z l'(z)) / scale,
and a density's derivative is the density times its log's; a cdf F(z) has d/dx = pdf,
d/dloc = -pdf, d/dscale = -z pdf (the pdf of x, which carries the 1 / scale).  The scores and
the derivatives in shape parameters are differentiated by hand from the densities as scipy
documents them (scipy.stats' reference pages), e.g. gamma: l = (a - 1) log z - z - log Gamma(a),
d/da = log z - psi(a).  Outside a density's support (its value 0, its log -inf) the
derivatives are 0: the function is constant there.  Special functions stay in prelude helpers
(_stats_digamma, _stats_trigamma, _stats_norm_hazard) whose own derivatives are entries below.
"""
from .checks import literal, passed
from .refusal import Refusal
from .table import RULES, helper, pointwise, template

Z = "((x - loc) / scale)"
# z as a numpy number: a score dividing by z gives inf, not Python's ZeroDivisionError, at the
# edge of a support (x == loc), where np.where(inside, ...) then takes 0
ZN = "np.divide(x - loc, scale)"
LOC_SCALE = "loc=0.0, scale=1.0"


def _located(name, shapes, partials, inside=None, times_y=False):
    """A pointwise entry ``name(x, <shapes>, loc, scale)`` from its log density's partial
    derivatives (source text per parameter, without the tangent): a density's are y times
    these; ``inside``: the support, outside which they are 0."""
    tangent = {}
    for param, partial in partials.items():
        if inside:
            partial = f"np.where({inside}, {partial}, 0.0)"
        if times_y:
            partial = f"y * {partial}"
        tangent[param] = f"{partial} * d{param}"
    pointwise(name, f"x, {shapes}{LOC_SCALE}", tangent)


def _cdf(name, shapes, pdf):
    """A cdf's entry in x, loc and scale (its shape parameters refused where they move)."""
    pointwise(name, f"x, {shapes}{LOC_SCALE}",
              {"x": f"{pdf} * dx", "loc": f"-{pdf} * dloc", "scale": f"-{Z} * {pdf} * dscale"})


def _scaled(score, scale_partial):
    return {"x": f"{score} / scale", "loc": f"-{score} / scale", "scale": scale_partial}


# ---------------------------------------------------------------- norm
# l(z) = -z^2 / 2: l' = -z, -(1 + z l') = z^2 - 1
NORM = _scaled(f"(-{Z})", f"({Z} * {Z} - 1.0) / scale")
_located("scipy.stats.norm.logpdf", "", NORM)
_located("scipy.stats.norm.pdf", "", NORM, times_y=True)
_cdf("scipy.stats.norm.cdf", "", "scipy.stats.norm.pdf(x, loc, scale)")
pointwise("scipy.stats.norm.sf", f"x, {LOC_SCALE}",
          {"x": "-scipy.stats.norm.pdf(x, loc, scale) * dx",
           "loc": "scipy.stats.norm.pdf(x, loc, scale) * dloc",
           "scale": f"{Z} * scipy.stats.norm.pdf(x, loc, scale) * dscale"})
# log Phi(z): d/dz = phi(z) / Phi(z), the hazard h(z) computed from erfcx (no 0 / 0 in the
# tails); log sf(z) = log Phi(-z): d/dz = -h(-z)
HAZARD = f"_stats_norm_hazard({Z})"
pointwise("scipy.stats.norm.logcdf", f"x, {LOC_SCALE}",
          {"x": f"{HAZARD} / scale * dx", "loc": f"-{HAZARD} / scale * dloc",
           "scale": f"-{Z} * {HAZARD} / scale * dscale"})
HAZARD_SF = f"_stats_norm_hazard(-{Z})"
pointwise("scipy.stats.norm.logsf", f"x, {LOC_SCALE}",
          {"x": f"-{HAZARD_SF} / scale * dx", "loc": f"{HAZARD_SF} / scale * dloc",
           "scale": f"{Z} * {HAZARD_SF} / scale * dscale"})
# ppf(q) = loc + scale Phi^-1(q): d/dq = scale / phi(Phi^-1(q))
pointwise("scipy.stats.norm.ppf", f"q, {LOC_SCALE}",
          {"q": "scale / scipy.stats.norm.pdf(scipy.stats.norm.ppf(q)) * dq", "loc": "dloc",
           "scale": "scipy.stats.norm.ppf(q) * dscale"}, broadcast=True)
# isf(q) = ppf(1 - q) = loc + scale Phi^-1(1 - q): d/dq = -scale / phi(Phi^-1(1 - q)), phi read
# at isf(q) itself (no 1 - q rounding for small q)
pointwise("scipy.stats.norm.isf", f"q, {LOC_SCALE}",
          {"q": "-scale / scipy.stats.norm.pdf(scipy.stats.norm.isf(q)) * dq", "loc": "dloc",
           "scale": "scipy.stats.norm.isf(q) * dscale"}, broadcast=True)

# ---------------------------------------------------------------- t
# l(z) = -(df + 1) / 2 log(1 + z^2 / df) + log Gamma((df + 1) / 2) - log Gamma(df / 2)
# - log(df pi) / 2: l' = -(df + 1) z / (df + z^2), -(1 + z l') = df (z^2 - 1) / (df + z^2),
# d/ddf = (psi((df + 1) / 2) - psi(df / 2) - 1 / df - log1p(z^2 / df)
#          + (df + 1) z^2 / (df (df + z^2))) / 2
T_SCORE = f"(-(df + 1.0) * {Z} / (df + {Z} * {Z}))"
T = {**_scaled(T_SCORE, f"df * ({Z} * {Z} - 1.0) / ((df + {Z} * {Z}) * scale)"),
     "df": f"0.5 * (_stats_digamma(0.5 * (df + 1.0)) - _stats_digamma(0.5 * df) - 1.0 / df "
           f"- np.log1p({Z} * {Z} / df) + (df + 1.0) * {Z} * {Z} / (df * (df + {Z} * {Z})))"}
_located("scipy.stats.t.logpdf", "df, ", T)
_located("scipy.stats.t.pdf", "df, ", T, times_y=True)
_cdf("scipy.stats.t.cdf", "df, ", "scipy.stats.t.pdf(x, df, loc, scale)")
# d log F = pdf / cdf = exp(logpdf - logcdf): the t's tails are polynomial, both finite
T_RATIO = "np.exp(scipy.stats.t.logpdf(x, df, loc, scale) - y)"
pointwise("scipy.stats.t.logcdf", f"x, df, {LOC_SCALE}",
          {"x": f"{T_RATIO} * dx", "loc": f"-{T_RATIO} * dloc",
           "scale": f"-{Z} * {T_RATIO} * dscale"})

# ---------------------------------------------------------------- gamma, chi2, beta
# gamma: l = (a - 1) log z - z - log Gamma(a): l' = (a - 1) / z - 1, -(1 + z l') = z - a,
# d/da = log z - psi(a)
GAMMA = {**_scaled(f"((a - 1.0) / {ZN} - 1.0)", f"({ZN} - a) / scale"),
         "a": f"np.log({ZN}) - _stats_digamma(a)"}
_located("scipy.stats.gamma.logpdf", "a, ", GAMMA, inside="x > loc")
_located("scipy.stats.gamma.pdf", "a, ", GAMMA, inside="x > loc", times_y=True)
_cdf("scipy.stats.gamma.cdf", "a, ", "scipy.stats.gamma.pdf(x, a, loc, scale)")
# chi2(df) is gamma(df / 2) at scale 2: l' = (df / 2 - 1) / z - 1 / 2, -(1 + z l') =
# (z - df) / 2, d/ddf = (log(z / 2) - psi(df / 2)) / 2
CHI2 = {**_scaled(f"((0.5 * df - 1.0) / {ZN} - 0.5)", f"0.5 * ({ZN} - df) / scale"),
        "df": f"0.5 * (np.log(0.5 * {ZN}) - _stats_digamma(0.5 * df))"}
_located("scipy.stats.chi2.logpdf", "df, ", CHI2, inside="x > loc")
_located("scipy.stats.chi2.pdf", "df, ", CHI2, inside="x > loc", times_y=True)
_cdf("scipy.stats.chi2.cdf", "df, ", "scipy.stats.chi2.pdf(x, df, loc, scale)")
# beta: l = (a - 1) log z + (b - 1) log(1 - z) - log B(a, b): l' = (a - 1) / z - (b - 1) /
# (1 - z), -(1 + z l') = (b - 1) z / (1 - z) - a, d/da = log z - psi(a) + psi(a + b),
# d/db = log(1 - z) - psi(b) + psi(a + b)
BETA = {**_scaled(f"((a - 1.0) / {ZN} - (b - 1.0) / (1.0 - {ZN}))",
                  f"((b - 1.0) * {ZN} / (1.0 - {ZN}) - a) / scale"),
        "a": f"np.log({ZN}) - _stats_digamma(a) + _stats_digamma(a + b)",
        "b": f"np.log1p(-{ZN}) - _stats_digamma(b) + _stats_digamma(a + b)"}
BETA_SUPPORT = "(x > loc) & (x < loc + scale)"
_located("scipy.stats.beta.logpdf", "a, b, ", BETA, inside=BETA_SUPPORT)
_located("scipy.stats.beta.pdf", "a, b, ", BETA, inside=BETA_SUPPORT, times_y=True)
_cdf("scipy.stats.beta.cdf", "a, b, ", "scipy.stats.beta.pdf(x, a, b, loc, scale)")

# ---------------------------------------------------------------- poisson
# log pmf = k log mu - mu - log k! (k = k - loc, an integer count: not differentiated; the
# pmf is 0 at other k): d/dmu = k / mu - 1; d/dmu cdf(k) = -pmf(floor(k)) (the derivative of
# the sum of the pmf up to k, a telescoping sum)
pointwise("scipy.stats.poisson.pmf", "k, mu, loc=0",
          {"mu": "y * ((k - loc) / mu - 1.0) * dmu"})
pointwise("scipy.stats.poisson.logpmf", "k, mu, loc=0",
          {"mu": "np.where(y > -np.inf, (k - loc) / mu - 1.0, 0.0) * dmu"})
pointwise("scipy.stats.poisson.cdf", "k, mu, loc=0",
          {"mu": "-scipy.stats.poisson.pmf(np.floor(k - loc), mu) * dmu"})

# ---------------------------------------------------------------- multivariate_normal
# logpdf = -(d log 2 pi + log det C + r^T C^-1 r) / 2, r = x - mean (Giles 2008: d log det C =
# tr(C^-1 dC), d C^-1 = -C^-1 dC C^-1): d = -s^T dx + s^T dmean + (s^T dC s - tr(C^-1 dC)) / 2,
# s = C^-1 r; the adjoint in C is the symmetric (s s^T - C^-1) / 2, as autograd's
MVN = "x, mean=None, cov=1, allow_singular=False"
for _name, _factor in (("logpdf", ""), ("pdf", "y * ")):
    _g = "g" if not _factor else "g * y"
    template(f"scipy.stats.multivariate_normal.{_name}", MVN,
             {"x": f"{_factor}_mvn_tangent_x(x, mean, cov, dx, y)",
              "mean": f"{_factor}_mvn_tangent_mean(x, mean, cov, dmean, y)",
              "cov": f"{_factor}_mvn_tangent_cov(x, mean, cov, dcov, y)"},
             adjoint={"x": f"_mvn_adjoint_x({_g}, x, mean, cov)",
                      "mean": f"_mvn_adjoint_mean({_g}, x, mean, cov)",
                      "cov": f"_mvn_adjoint_cov({_g}, x, mean, cov)"})
# entropy = (d log(2 pi e) + log det C) / 2: d = tr(C^-1 dC) / 2, adjoint C^-1 / 2
template("scipy.stats.multivariate_normal.entropy", "mean=None, cov=1",
         {"cov": "_mvn_entropy_tangent(mean, cov, dcov)"},
         adjoint={"cov": "_mvn_entropy_adjoint(g, mean, cov)"})

# ---------------------------------------------------------------- dirichlet
# logpdf = sum((alpha - 1) log x) - log B(alpha): d/dx = (alpha - 1) / x,
# d/dalpha = log x - psi(alpha) + psi(sum(alpha)) (points along x's first axis)
for _name, _factor in (("logpdf", ""), ("pdf", "y * ")):
    _g = "g" if not _factor else "g * y"
    template(f"scipy.stats.dirichlet.{_name}", "x, alpha",
             {"x": f"{_factor}_dirichlet_tangent_x(x, alpha, dx, y)",
              "alpha": f"{_factor}_dirichlet_tangent_alpha(x, alpha, dalpha, y)"},
             adjoint={"x": f"_dirichlet_adjoint_x({_g}, x, alpha)",
                      "alpha": f"_dirichlet_adjoint_alpha({_g}, x, alpha)"})

# ---------------------------------------------------------------- the helpers' derivatives
# psi' and psi'' (the last is not available: a third derivative through it is refused)
helper("_stats_digamma", "x", "template", ("x",), {"x": "_stats_trigamma(x) * dx"})
helper("_stats_trigamma", "x", "template", ("x",), {})
# h = phi / Phi: h' = (phi' Phi - phi^2) / Phi^2 = -z h - h^2
helper("_stats_norm_hazard", "z", "template", ("z",), {"z": "-(z + y) * y * dz"})


# ---------------------------------------------------------------- checks of calls
def _shape_moving(function, param, position):
    return (passed({param: position}),
            f"{function} is not differentiated in its shape parameter '{param}', which "
            f"carries a derivative here: the cdf's derivative in it has no closed form",
            f"pass '{param}' a value that carries no derivative (a constant, or a parameter "
            f"left out of wrt)")


for _function, _params in (("t.cdf", ("df",)), ("t.logcdf", ("df",)), ("chi2.cdf", ("df",)),
                           ("gamma.cdf", ("a",)), ("beta.cdf", ("a", "b"))):
    _full = f"scipy.stats.{_function}"
    if len(_params) == 1:
        RULES[_full].moving = _shape_moving(_full, _params[0], 1)
RULES["scipy.stats.beta.cdf"].moving = (
    passed({"a": 1, "b": 2}),
    "scipy.stats.beta.cdf is not differentiated in its shape parameters 'a' and 'b', which "
    "carry a derivative here: the cdf's derivative in them has no closed form",
    "pass 'a' and 'b' values that carry no derivative (constants, or parameters left out of "
    "wrt)")


def _mvn_prepare(name, takes_x=True):
    def prepare(args, keywords):
        params = ("x", "mean", "cov", "allow_singular") if takes_x else ("mean", "cov")
        given = dict(zip(params, args), **keywords)
        if "allow_singular" in given and literal(given["allow_singular"]) is not False:
            raise Refusal(given["allow_singular"], f"{name} is supported with allow_singular="
                          f"False only: a singular covariance has no derivative",
                          "pass a positive definite covariance")
        for param in ("mean", "cov"):
            if param not in given or literal(given[param]) is None:
                raise Refusal(None, f"{name} is supported with its '{param}' given (an array)",
                              f"pass {param}= explicitly: np.zeros(d) for the mean, "
                              f"np.eye(d) for the covariance")
        return args
    return prepare


for _name in ("logpdf", "pdf"):
    _full = f"scipy.stats.multivariate_normal.{_name}"
    RULES[_full].prepare = _mvn_prepare(_full)
RULES["scipy.stats.multivariate_normal.entropy"].prepare = _mvn_prepare(
    "scipy.stats.multivariate_normal.entropy", takes_x=False)


for _name in ("pmf", "logpmf", "cdf"):
    _full = f"scipy.stats.poisson.{_name}"
    RULES[_full].moving = (
        passed({"k": 0, "loc": 2}), f"{_full} is differentiated in its rate mu only: its count k and shift loc "
                 f"are integers, which carry a derivative here", "pass k and loc values that "
                 "carry no derivative (integer data, or np.floor(...) of a value)")
