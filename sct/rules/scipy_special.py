"""The rule table's entries for scipy.special (see the package's docstring).

Each derivative is derived here from the function's definition, with the identities cited
from the DLMF (https://dlmf.nist.gov, chapter.equation); adjoints of elementwise entries follow
from their tangents.  Parameters that are not differentiated (a Bessel or polygamma order, the
shape parameters of the incomplete gamma and beta functions, multigammaln's dimension) are
refused where they carry a derivative (``Rule.moving``), never given a silent zero."""
from .checks import passed
from .table import HELPERS, RULES, alias, helper, nondiff, pointwise, template

SQRT_PI_OVER_2 = "0.886226925452758"            # sqrt(pi) / 2
TWO_OVER_SQRT_PI = "1.1283791670955126"         # 2 / sqrt(pi)
INV_SQRT_2PI = "0.3989422804014327"             # 1 / sqrt(2 pi)
SQRT_2PI = "2.5066282746310002"
SQRT_2_OVER_PI = "0.7978845608028654"           # sqrt(2 / pi)
SQRT_HALF = "0.7071067811865476"
S = "scipy.special."


def _refuse_moving(name, params, why, hint, first=0):
    """A ``Rule.moving`` entry: the parameters ``params`` (one-letter names, "ab": a and b),
    the arguments from position ``first`` on, are not differentiated."""
    positions = {p: i for i, p in enumerate(params, first)}
    RULES[name].moving = (passed(positions), f"sct has no derivative of {name} in its {why}",
                          hint)


# ---------------------------------------------------------------- logistic, log-sum-exp, softmax
# expit(x) = 1 / (1 + e^-x): d = y (1 - y);  logit(p) = log(p / (1 - p)): d = 1 / (p (1 - p))
pointwise("scipy.special.expit", "x", {"x": "y * (1 - y) * dx"})
pointwise("scipy.special.logit", "x", {"x": "dx / (x * (1 - x))"})
# logsumexp(a, axis, b) = log|sum(b e^a)|, its sign s: d = sum(s b e^(a - y) da + s e^(a - y) db)
# (the softmax weights); the sign has derivative zero.  Adjoints: the same weights times g,
# broadcast over the reduced axes and summed back to each operand's shape.  (The tangents of
# a and b are added inside: the result may be a pair.)
template("scipy.special.logsumexp", "a, axis=None, b=None, keepdims=False, return_sign=False",
         {"a": "_logsumexp_result(np.sum(_logsumexp_weights(a, b, axis, True) * da, axis=axis, "
               "keepdims=keepdims), y, return_sign)",
          "b": "_logsumexp_result(np.sum(_logsumexp_weights(a, b, axis, False) * db, axis=axis, "
               "keepdims=keepdims), y, return_sign)"},
         both="_logsumexp_result(np.sum(_logsumexp_weights(a, b, axis, True) * da + "
              "_logsumexp_weights(a, b, axis, False) * db, axis=axis, keepdims=keepdims), y, "
              "return_sign)",
         adjoint={"a": "_logsumexp_adjoint(g, a, b, axis, keepdims, return_sign, True, a)",
                  "b": "_logsumexp_adjoint(g, a, b, axis, keepdims, return_sign, False, b)"})
nondiff("_no_weights")
HELPERS.add("_no_weights")
# softmax y = e^x / sum(e^x): dy = y (dx - sum(y dx)), its adjoint y (g - sum(g y));
# log_softmax y = x - logsumexp(x): dy = dx - sum(e^y dx), adjoint g - e^y sum(g)
template("scipy.special.softmax", "x, axis=None",
         {"x": "y * (dx - np.sum(y * dx, axis=axis, keepdims=True))"},
         adjoint={"x": "y * (g - np.sum(g * y, axis=axis, keepdims=True))"})
template("scipy.special.log_softmax", "x, axis=None",
         {"x": "dx - np.sum(np.exp(y) * dx, axis=axis, keepdims=True)"},
         adjoint={"x": "g - np.exp(y) * np.sum(g, axis=axis, keepdims=True)"})

# ---------------------------------------------------------------- gamma and friends
# d log|Gamma| = psi (DLMF 5.2.2);  d Gamma = Gamma psi;  d (1 / Gamma) = -psi / Gamma, finite
# at the poles of Gamma, where 1 / Gamma is 0 (_rgamma_slope);  d psi^(n) = psi^(n+1)
pointwise("scipy.special.gammaln", "x", {"x": f"{S}digamma(x) * dx"})
pointwise("scipy.special.gamma", "x", {"x": f"y * {S}digamma(x) * dx"})
pointwise("scipy.special.rgamma", "x", {"x": "_rgamma_slope(x) * dx"})
nondiff("scipy.special.gammasgn")
pointwise("scipy.special.digamma", "x", {"x": f"{S}polygamma(1, x) * dx"})
alias(scipy__special__psi="scipy.special.digamma")
pointwise("scipy.special.polygamma", "n, x", {"x": f"{S}polygamma(n + 1, x) * dx"})
_refuse_moving("scipy.special.polygamma", "n", "order n (an integer)",
               "the order must carry no derivative: a constant, a loop index or an argument "
               "outside wrt")
# multigammaln(a, d) = d (d - 1) / 4 log pi + sum_j gammaln(a - (j - 1) / 2), j = 1..d
pointwise("scipy.special.multigammaln", "a, d", {"a": "_multipolygamma(0, a, d) * da"})
_refuse_moving("scipy.special.multigammaln", "d", "dimension d (an integer)",
               "the dimension must carry no derivative: a constant or an argument outside wrt",
               first=1)
helper("_multipolygamma", "n, a, d", "template", ("a",),
       {"a": "_multipolygamma(n + 1, a, d) * da"})
# d beta(a, b) = beta (psi(a) - psi(a + b)) da + beta (psi(b) - psi(a + b)) db (DLMF 5.12.1)
pointwise("scipy.special.beta", "a, b",
          {"a": f"y * ({S}digamma(a) - {S}digamma(a + b)) * da",
           "b": f"y * ({S}digamma(b) - {S}digamma(a + b)) * db"})
pointwise("scipy.special.betaln", "a, b",
          {"a": f"({S}digamma(a) - {S}digamma(a + b)) * da",
           "b": f"({S}digamma(b) - {S}digamma(a + b)) * db"})
helper("_rgamma_slope", "x", "template", ("x",), {"x": "_rgamma_curvature(x) * dx"})
helper("_rgamma_curvature", "x", "template", ("x",), {})     # no third derivative

# ---------------------------------------------------------------- error functions
# d erf = 2 / sqrt(pi) e^(-x^2) (DLMF 7.2.1); d erfinv(x) = sqrt(pi) / 2 e^(y^2) (inverse);
# d erfcx(x) = d (e^(x^2) erfc(x)) = 2 x erfcx(x) - 2 / sqrt(pi)
pointwise("scipy.special.erf", "x", {"x": f"{TWO_OVER_SQRT_PI} * np.exp(-x * x) * dx"})
pointwise("scipy.special.erfc", "x", {"x": f"-{TWO_OVER_SQRT_PI} * np.exp(-x * x) * dx"})
pointwise("scipy.special.erfinv", "x", {"x": f"{SQRT_PI_OVER_2} * np.exp(y * y) * dx"})
pointwise("scipy.special.erfcinv", "x", {"x": f"-{SQRT_PI_OVER_2} * np.exp(y * y) * dx"})
pointwise("scipy.special.erfcx", "x", {"x": f"(2 * x * y - {TWO_OVER_SQRT_PI}) * dx"})
# the normal distribution: ndtr = Phi, d = e^(-x^2/2) / sqrt(2 pi); ndtri = Phi^-1,
# d = sqrt(2 pi) e^(y^2/2); log_ndtr: d = phi / Phi, written sqrt(2/pi) / erfcx(-x / sqrt 2)
# (Phi(x) = erfc(-x/sqrt 2) / 2 = erfcx(-x/sqrt 2) e^(-x^2/2) / 2), which neither underflows
# for very negative x nor overflows for large x
pointwise("scipy.special.ndtr", "x", {"x": f"{INV_SQRT_2PI} * np.exp(-0.5 * x * x) * dx"})
pointwise("scipy.special.ndtri", "x", {"x": f"{SQRT_2PI} * np.exp(0.5 * y * y) * dx"})
pointwise("scipy.special.log_ndtr", "x",
          {"x": f"{SQRT_2_OVER_PI} * dx / {S}erfcx(-{SQRT_HALF} * x)"})

# ---------------------------------------------------------------- x log y and entropies
# xlogy(x, t) = x log t, 0 where x = 0: d = log(t) dx + x / t dt.  Where x = 0 the function is
# 0 for every t, so its slope in t is 0 there (_over: exactly zero where x dt is, infinite
# where only t is 0); its slope in x is log t, -inf at t = 0 (one-sided: from x > 0).
# xlog1py(x, t) = x log(1 + t) alike.  _chain(d, s): d s, exactly zero where d is (an infinite
# slope along a direction that does not move the operand).
pointwise("scipy.special.xlogy", "x, t", {"x": "_chain(dx, np.log(t))", "t": "_over(x * dt, t)"})
pointwise("scipy.special.xlog1py", "x, t",
          {"x": "_chain(dx, np.log1p(t))", "t": "_over(x * dt, 1 + t)"})
# entr(x) = -x log x: d = -(log x + 1);  rel_entr(x, t) = x log(x / t), 0 where x = 0 (t >= 0):
# d = (log(x / t) + 1) dx - x / t dt
pointwise("scipy.special.entr", "x", {"x": "-_chain(dx, np.log(x) + 1)"})
pointwise("scipy.special.rel_entr", "x, t",
          {"x": "_chain(dx, np.log(x / t) + 1)", "t": "-_over(x * dt, t)"})

# ---------------------------------------------------------------- Bessel functions, in x
# DLMF 10.6.1 / 10.29.1: J_v' = (J_(v-1) - J_(v+1)) / 2 (Y alike), I_v' = (I_(v-1) + I_(v+1)) / 2;
# J_0' = -J_1, Y_0' = -Y_1, I_0' = I_1.  ive = I_v e^-|x|: ive' = (ive_(v-1) + ive_(v+1)) / 2
# - sign(x) ive (sign(0) = 0).  The orders are not differentiated (refused where they move).
pointwise("scipy.special.j0", "x", {"x": f"-{S}j1(x) * dx"})
pointwise("scipy.special.j1", "x", {"x": f"0.5 * ({S}j0(x) - {S}jv(2, x)) * dx"})
pointwise("scipy.special.y0", "x", {"x": f"-{S}y1(x) * dx"})
pointwise("scipy.special.y1", "x", {"x": f"0.5 * ({S}y0(x) - {S}yn(2, x)) * dx"})
pointwise("scipy.special.i0", "x", {"x": f"{S}i1(x) * dx"})
pointwise("scipy.special.i1", "x", {"x": f"0.5 * ({S}i0(x) + {S}iv(2, x)) * dx"})
pointwise("scipy.special.i0e", "x", {"x": f"({S}i1e(x) - np.sign(x) * y) * dx"})
pointwise("scipy.special.i1e", "x",
          {"x": f"(0.5 * ({S}i0e(x) + {S}ive(2, x)) - np.sign(x) * y) * dx"})
for _name, _order, _sign in (("jv", "v", "-"), ("jn", "n", "-"), ("yn", "n", "-"),
                             ("yv", "v", "-"), ("iv", "v", "+")):
    pointwise(f"scipy.special.{_name}", f"{_order}, x",
              {"x": f"0.5 * ({S}{_name}({_order} - 1, x) {_sign} {S}{_name}({_order} + 1, x)) "
                    f"* dx"})
pointwise("scipy.special.ive", "v, x",
          {"x": f"(0.5 * ({S}ive(v - 1, x) + {S}ive(v + 1, x)) - np.sign(x) * y) * dx"})
for _name in ("jv", "jn", "yn", "yv", "iv", "ive"):
    _order = "n" if _name in ("jn", "yn") else "v"
    _refuse_moving(f"scipy.special.{_name}", _order, f"order {_order}",
                   "the order must carry no derivative: a constant, a loop index or an argument "
                   "outside wrt")

# ---------------------------------------------------------------- incomplete gamma and beta, in x
# gammainc(a, x) = P(a, x) = int_0^x t^(a-1) e^-t dt / Gamma(a): d/dx = x^(a-1) e^-x / Gamma(a)
# (DLMF 8.2.4, 8.8.13), written exp(xlogy(a - 1, x) - x - gammaln(a)), right at x = 0 too;
# gammaincc = 1 - gammainc.  betainc(a, b, x) = I_x(a, b): d/dx = x^(a-1) (1-x)^(b-1) / B(a, b)
# (DLMF 8.17.2).  Their derivatives in the shape parameters have no closed form: refused.
GAMMA_DENSITY = f"np.exp({S}xlogy(a - 1.0, x) - x - {S}gammaln(a))"
pointwise("scipy.special.gammainc", "a, x", {"x": f"_chain(dx, {GAMMA_DENSITY})"})
pointwise("scipy.special.gammaincc", "a, x", {"x": f"-_chain(dx, {GAMMA_DENSITY})"})
pointwise("scipy.special.betainc", "a, b, x",
          {"x": f"_chain(dx, np.exp({S}xlogy(a - 1.0, x) + {S}xlog1py(b - 1.0, -x) "
                f"- {S}betaln(a, b)))"})
for _name, _params, _which in (("gammainc", "a", "parameter a"),
                               ("gammaincc", "a", "parameter a"),
                               ("betainc", "ab", "parameters a and b")):
    _refuse_moving(f"scipy.special.{_name}", _params, f"shape {_which} (no closed form)",
                   f"differentiate in x only: {_which[-1]} must carry no derivative (a "
                   f"constant or an argument outside wrt)")
