"""The rule table: one entry per intrinsic, its tangent rule written as a template.

A template is a Python expression over the intrinsic's parameter names, their tangents
(``d`` + parameter name), the result ``y`` and the module ``M`` (``math`` for math
intrinsics and for arithmetic on scalars, ``np`` otherwise).  The tangent of an operation is
the sum of the templates of its active parameters; ``both`` (where given) replaces that sum
when every differentiable parameter is active.  A template of one operand alone (``da``) may
keep that operand's shape; ``broadcast`` marks those, and the transform then broadcasts the
tangent to the result's shape when another operand is an array (``x + b``, ``b`` inactive).
List operands (``np.max([x, y])``) reach templates as arrays.  The kinds of entry:

* ``elementwise`` / ``template``: tangent templates per differentiable parameter;
* ``linear``: the tangent is the same call applied to the tangents (zeros for inactive ones);
* ``multilinear``: a sum over active operands of the call with that operand's tangent;
* ``nondiff``: the result carries no derivative (shapes, comparisons, rounding, constructors).

Adjoint rules sit beside the tangent rules: ``adjoint`` maps each differentiable parameter to
a template over the parameters, the result ``y`` and its adjoint ``g``.  Elementwise entries
(``elementwise=True``: every ``elementwise`` entry, and the arithmetic written ``pointwise``)
need none: their Jacobian is diagonal, so the adjoint is the tangent template with ``g`` for
the tangent, summed back to the operand's shape where the operands broadcast.
"""
import ast

from . import einsum, prelude
from .checks import (arange_moving, astype_dtypes, concatenated, copies, defaults_only, dtyped,
                     folded, keyless, log_quotient, loop_only, lowered, passed, two_arguments,
                     two_norm, unfolded, whole_dtype)
from .rule import Scatter, item_of
from .table import (ALIASES, HELPERS, RULES, alias, elementwise, linear, multilinear, nondiff,
                    pointwise, template)

LN2 = "0.6931471805599453"
LN10 = "2.302585092994046"
TWO_OVER_SQRT_PI = "1.1283791670955126"
DEGREE = "0.017453292519943295"         # pi / 180
RADIAN = "57.29577951308232"            # 180 / pi


# ---------------------------------------------------------------- operators
# Binary operators are keyed by their ast class name; M is math for scalars, np otherwise.
pointwise("Add", "a, b", {"a": "da", "b": "db"}, both="da + db", broadcast=True)
pointwise("Sub", "a, b", {"a": "da", "b": "-db"}, both="da - db", broadcast=True)
pointwise("Mult", "a, b", {"a": "da * b", "b": "a * db"}, both="da * b + a * db")
pointwise("Div", "a, b", {"a": "da / b", "b": "-y * db / b"}, both="(da - y * db) / b")
# a ** b: exactly zero where b is 0 (a ** 0 is 1 everywhere) or the tangent is, 0 ** b with
# respect to b is 0 for b > 0; the plain template where a literal b makes those edges moot
POWER = {"a": "_power_tangent(a, b, da)", "b": "_exponent_tangent(y, a, db)"}
POWER_LITERAL = ("b", lambda b: b >= 1 or b < 0, {"a": "b * a ** (b - 1) * da"})
pointwise("Pow", "a, b", POWER, literal=POWER_LITERAL, steep=("a",))
pointwise("Mod", "a, b", {"a": "da", "b": "-M.floor(a / b) * db"}, broadcast=True)
MATMUL_ADJOINT = {"a": "_matmul_adjoint_a(g, a, b)", "b": "_matmul_adjoint_b(g, a, b)"}
multilinear("MatMult", "a, b", diff=("a", "b"), adjoint=MATMUL_ADJOINT)
pointwise("USub", "a", {"a": "-da"})
pointwise("UAdd", "a", {"a": "da"})
nondiff("FloorDiv BitAnd BitOr BitXor Invert Not LShift RShift compare")

# ---------------------------------------------------------------- math and numpy, elementwise
elementwise("sin", "x", {"x": "M.cos(x) * dx"})
elementwise("cos", "x", {"x": "-M.sin(x) * dx"})
elementwise("tan", "x", {"x": "dx / M.cos(x) ** 2"})
# _over(d, s): d / s, exactly zero where d is (an infinite slope along a direction that does
# not move the operand), +-inf where only s is zero; _ratio(d, s): d / s, zero where s is (the
# subgradient 0 at the kink of a norm, as sign(0) = 0 for abs)
elementwise("asin", "x", {"x": "_over(dx, M.sqrt(1 - x * x))"}, steep=("x",))
elementwise("acos", "x", {"x": "-_over(dx, M.sqrt(1 - x * x))"}, steep=("x",))
elementwise("atan", "x", {"x": "dx / (1 + x * x)"})
elementwise("sinh", "x", {"x": "M.cosh(x) * dx"})
elementwise("cosh", "x", {"x": "M.sinh(x) * dx"})
elementwise("tanh", "x", {"x": "(1 - y * y) * dx"})
elementwise("asinh", "x", {"x": "dx / M.sqrt(x * x + 1)"})
elementwise("acosh", "x", {"x": "_over(dx, M.sqrt(x * x - 1))"}, steep=("x",))
elementwise("atanh", "x", {"x": "dx / (1 - x * x)"})
elementwise("exp", "x", {"x": "y * dx"})
elementwise("expm1", "x", {"x": "(y + 1) * dx"})
elementwise("log1p", "x", {"x": "dx / (1 + x)"})
elementwise("log2", "x", {"x": f"dx / (x * {LN2})"})
elementwise("log10", "x", {"x": f"dx / (x * {LN10})"})
elementwise("sqrt", "x", {"x": ("dx / (2 * y) if y else _over(dx, 0.0)", "_over(dx, 2 * y)")},
            steep=("x",))
SIGN = ("dx if x > 0 else -dx if x < 0 else x * dx", "np.sign(x) * dx")     # sign(0) = 0
elementwise("fabs", "x", {"x": SIGN})
elementwise("atan2", "a, b", {"a": "b * da / (a * a + b * b)", "b": "-a * db / (a * a + b * b)"},
            both="(b * da - a * db) / (a * a + b * b)")
elementwise("hypot", "a, b", {"a": ("a * da / y if y else 0.0", "_ratio(a * da, y)"),
                              "b": ("b * db / y if y else 0.0", "_ratio(b * db, y)")},
            both=("(a * da + b * db) / y if y else 0.0", "_ratio(a * da + b * db, y)"))
elementwise("pow", "a, b", POWER, literal=POWER_LITERAL, steep=("a",))
elementwise("erf", "x", {"x": f"{TWO_OVER_SQRT_PI} * M.exp(-x * x) * dx"}, modules=("math",))
elementwise("erfc", "x", {"x": f"-{TWO_OVER_SQRT_PI} * M.exp(-x * x) * dx"}, modules=("math",))
elementwise("lgamma", "x", {"x": "scipy.special.digamma(x) * dx"}, modules=("math",))
elementwise("copysign", "a, b", {"a": ("(da if a > 0 else -da if a < 0 else a * da) * "
                                         "M.copysign(1.0, b)", "np.sign(a) * np.copysign(1.0, b) * da")})
elementwise("log", "x", {"x": "dx / x"})      # math.log(x, base) is lowered to a quotient
elementwise("square", "x", {"x": "2 * x * dx"}, modules=("np",))
# log(e^a + e^b): the weights e^(a - y) and e^(b - y) sum to 1
elementwise("logaddexp", "a, b", {"a": "np.exp(a - y) * da", "b": "np.exp(b - y) * db"},
            modules=("np",))
elementwise("logaddexp2", "a, b", {"a": "np.exp2(a - y) * da", "b": "np.exp2(b - y) * db"},
            modules=("np",))
elementwise("exp2", "x", {"x": f"y * {LN2} * dx"}, modules=("np",))
elementwise("cbrt", "x", {"x": "_over(dx, 3 * y * y)"}, modules=("np",), steep=("x",))
elementwise("deg2rad radians", "x", {"x": f"{DEGREE} * dx"}, modules=("np",))
elementwise("rad2deg degrees", "x", {"x": f"{RADIAN} * dx"}, modules=("np",))
elementwise("reciprocal", "x", {"x": "-y * y * dx"}, modules=("np",))
elementwise("abs", "x", {"x": SIGN}, modules=("np",))
# sinc(x) = sin(pi x) / (pi x): its slope by a series near 0, where it is 0 (prelude)
elementwise("sinc", "x", {"x": "_sinc_slope(x) * dx"}, modules=("np",))
# selections: the operand not taken gets an exact zero adjoint, which the reverse sweep keeps
# zero back through the elementwise operations that computed it (masks; activity.masked_names)
pointwise("np.maximum", "a, b", {"a": "np.where(a >= b, da, 0.0)", "b": "np.where(a >= b, 0.0, db)"},
          both="np.where(a >= b, da, db)", masks=("a", "b"))
pointwise("np.minimum", "a, b", {"a": "np.where(a <= b, da, 0.0)", "b": "np.where(a <= b, 0.0, db)"},
          both="np.where(a <= b, da, db)", masks=("a", "b"))
# fmax/fmin: NaN-ignoring; the operand taken is the other where one is NaN
pointwise("np.fmax", "a, b", {"a": "np.where((a >= b) | np.isnan(b), da, 0.0)",
                              "b": "np.where((a >= b) | np.isnan(b), 0.0, db)"},
          both="np.where((a >= b) | np.isnan(b), da, db)", masks=("a", "b"))
pointwise("np.fmin", "a, b", {"a": "np.where((a <= b) | np.isnan(b), da, 0.0)",
                              "b": "np.where((a <= b) | np.isnan(b), 0.0, db)"},
          both="np.where((a <= b) | np.isnan(b), da, db)", masks=("a", "b"))
pointwise("np.where", "condition, a, b", {"a": "np.where(condition, da, 0.0)",
                                         "b": "np.where(condition, 0.0, db)"},
          both="np.where(condition, da, db)", broadcast=True, masks=("a", "b"))
pointwise("np.clip", "a, a_min, a_max", {"a": "np.where(y == a, da, 0.0)",
                                         "a_min": "np.where((y == a_min) & (y != a), da_min, 0.0)",
                                         "a_max": "np.where((y == a_max) & (y != a), da_max, 0.0)"},
          masks=("a", "a_min", "a_max"))
pointwise("np.mod", "a, b", {"a": "da", "b": "-np.floor(a / b) * db"}, broadcast=True)
pointwise("np.fmod", "a, b", {"a": "da", "b": "-np.trunc(a / b) * db"}, broadcast=True)
pointwise("np.float_power", "a, b", POWER, literal=POWER_LITERAL, steep=("a",))
# entries that are NaN or infinite become constants
pointwise("np.nan_to_num", "x, copy=True, nan=0.0, posinf=None, neginf=None",
          {"x": "np.where(np.isfinite(x), dx, 0.0)"}, masks=("x",))
pointwise("np.multiply", "a, b", {"a": "da * b", "b": "a * db"}, both="da * b + a * db")
pointwise("np.divide", "a, b", {"a": "da / b", "b": "-y * db / b"}, both="(da - y * db) / b")
pointwise("np.add", "a, b", {"a": "da", "b": "db"}, both="da + db", broadcast=True)
pointwise("np.subtract", "a, b", {"a": "da", "b": "-db"}, both="da - db", broadcast=True)
linear("np.negative", adjoint={"a": "-g"})
linear("np.positive", adjoint={"a": "g"})
nondiff("math.floor math.ceil math.trunc math.isnan math.isinf math.isfinite "
        "np.floor np.ceil np.trunc np.round np.rint np.fix np.sign np.isnan np.isinf "
        "np.isfinite np.floor_divide np.logical_and np.logical_or np.logical_not np.argmax "
        "np.argmin np.argsort np.any np.all np.count_nonzero np.nonzero np.greater np.less "
        "np.equal np.greater_equal np.less_equal np.not_equal np.heaviside np.searchsorted "
        "np.triu_indices np.tril_indices np.diag_indices np.argwhere np.flatnonzero np.isclose "
        "np.allclose np.array_equal np.signbit np.digitize")

# builtins
pointwise("abs", "x", {"x": SIGN})
pointwise("max", "a, b", {"a": "da if a >= b else 0.0", "b": "0.0 if a >= b else db"},
          both="da if a >= b else db")
pointwise("min", "a, b", {"a": "da if a <= b else 0.0", "b": "0.0 if a <= b else db"},
          both="da if a <= b else db")
linear("float", adjoint={"a": "g"})
nondiff("sum")          # Python's sum: rewritten in the frontend (rules/checks.py: folded)
linear("np.float64", adjoint={"a": "g"})       # numpy's scalar types called: float(x), int(x)
RULES["np.float64"].view = True                 # of an array of floats: that array itself
nondiff("np.int64 np.int32")
nondiff("int len range bool round")
BUILTINS = {"abs", "min", "max", "sum", "len", "range", "float", "int", "bool", "round",
            "sorted", "list", "dict"}
# sorted(x) of a tuple or a 1-d array (a list): the derivative follows the permutation sorted
# applies, found by the same comparisons (ties and NaN as Python orders them)
template("sorted", "x, reverse=False", {"x": "_sorted_tangent(x, dx, reverse)"},
         adjoint={"x": "_sorted_adjoint(g, x, reverse)"})
RULES["sorted"].tuple_result, RULES["sorted"].pairs = True, ("x",)
RULES["sorted"].rewrite = keyless("sorted")
nondiff("_empty_argument")      # max()/min() of an empty generator (reductions.py): ValueError
nondiff("_range_length")        # len(range(a, b, c)) for a computed c (iteration.py)
HELPERS.update(("_empty_argument", "_range_length"))
MODULES = ("np", "math", "scipy")        # the modules whose functions are intrinsics

# ---------------------------------------------------------------- numpy, arrays
linear("np.sum", "a, axis=None, keepdims=False",
       adjoint={"a": "_sum_adjoint(g, a, axis, keepdims)"})
linear("np.mean", "a, axis=None, keepdims=False",
       adjoint={"a": "_mean_adjoint(g, a, axis, keepdims)"})
template("np.prod", "a, axis=None, keepdims=False",
         {"a": "_prod_tangent(a, da, axis, keepdims)"},
         adjoint={"a": "_prod_adjoint(g, a, axis, keepdims)"})
template("np.max", "a, axis=None, keepdims=False",
         {"a": "_extremum_tangent(a, da, y, axis, keepdims)"},
         adjoint={"a": "_extremum_adjoint(g, a, y, axis, keepdims)"})
template("np.min", "a, axis=None, keepdims=False",
         {"a": "_extremum_tangent(a, da, y, axis, keepdims)"},
         adjoint={"a": "_extremum_adjoint(g, a, y, axis, keepdims)"})
# NaN entries are left out (their derivative is zero); nanmean divides by the count of others
template("np.nansum", "a, axis=None, keepdims=False",
         {"a": "np.sum(np.where(np.isnan(a), 0.0, da), axis=axis, keepdims=keepdims)"},
         adjoint={"a": "np.where(np.isnan(a), 0.0, _sum_adjoint(g, a, axis, keepdims))"},
         masks=("a",))
template("np.nanmean", "a, axis=None, keepdims=False",
         {"a": "np.sum(np.where(np.isnan(a), 0.0, da), axis=axis, keepdims=keepdims) / "
               "np.sum(np.logical_not(np.isnan(a)), axis=axis, keepdims=keepdims)"},
         adjoint={"a": "np.where(np.isnan(a), 0.0, _sum_adjoint(g / np.sum(np.logical_not("
                       "np.isnan(a)), axis=axis, keepdims=keepdims), a, axis, keepdims))"},
         masks=("a",))
# nanmax/nanmin: max/min of the entries that are not NaN (averaged over ties)
for _name, _fill in (("np.nanmax", "-np.inf"), ("np.nanmin", "np.inf")):
    template(_name, "a, axis=None, keepdims=False",
             {"a": f"_extremum_tangent(np.where(np.isnan(a), {_fill}, a), "
                   f"np.where(np.isnan(a), 0.0, da), y, axis, keepdims)"},
             adjoint={"a": f"_extremum_adjoint(g, np.where(np.isnan(a), {_fill}, a), y, axis, "
                           f"keepdims)"}, masks=("a",))
# average: sum(w a) / sum(w); d/dw = sum(dw (a - y)) / sum(w)
template("np.average", "a, axis=None, weights=None",
         {"a": "np.average(da, axis, weights)",
          "weights": "_average_weights_tangent(a, weights, dweights, y, axis)"},
         adjoint={"a": "_average_adjoint_a(g, a, weights, axis)",
                  "weights": "_average_adjoint_w(g, a, weights, y, axis)"})
# ptp = max - min, each averaged over ties
template("np.ptp", "a, axis=None, keepdims=False",
         {"a": "_extremum_tangent(a, da, np.max(a, axis=axis, keepdims=keepdims), axis, keepdims)"
               " - _extremum_tangent(a, da, np.min(a, axis=axis, keepdims=keepdims), axis, "
               "keepdims)"},
         adjoint={"a": "_extremum_adjoint(g, a, np.max(a, axis=axis, keepdims=keepdims), axis, "
                       "keepdims) - _extremum_adjoint(g, a, np.min(a, axis=axis, "
                       "keepdims=keepdims), axis, keepdims)"})
template("np.var", "a, axis=None, ddof=0, keepdims=False",
         {"a": "_var_tangent(a, da, axis, ddof, keepdims)"},
         adjoint={"a": "_var_adjoint(g, a, axis, ddof, keepdims)"})
template("np.std", "a, axis=None, ddof=0, keepdims=False",     # zero where the variance is
         {"a": "_ratio(_var_tangent(a, da, axis, ddof, keepdims), 2 * y)"},
         adjoint={"a": "_var_adjoint(_ratio(g, 2 * y), a, axis, ddof, keepdims)"})
multilinear("np.matmul", "a, b", diff=("a", "b"), adjoint=MATMUL_ADJOINT)
multilinear("np.dot", "a, b", diff=("a", "b"),
            adjoint={"a": "_dot_adjoint_a(g, a, b)", "b": "_dot_adjoint_b(g, a, b)"})
multilinear("np.outer", "a, b", diff=("a", "b"),
            adjoint={"a": "np.reshape(g @ np.ravel(b), np.shape(a))",
                     "b": "np.reshape(np.ravel(a) @ g, np.shape(b))"})
multilinear("np.inner", "a, b", diff=("a", "b"),
            adjoint={"a": "_inner_adjoint_a(g, a, b)", "b": "_inner_adjoint_b(g, a, b)"})
multilinear("np.kron", "a, b", diff=("a", "b"),
            adjoint={"a": "_kron_adjoint_a(g, a, b)", "b": "_kron_adjoint_b(g, a, b)"})
linear("np.transpose", "a, axes=None", adjoint={"a": "_transpose_adjoint(g, axes)"})
linear("np.reshape", "a, shape, order='C'", adjoint={"a": "np.reshape(g, np.shape(a))"})
linear("np.concatenate", "arrays, axis=0", adjoint={"arrays": "_split_adjoint(g, arrays, axis)"})
linear("np.stack", "arrays, axis=0", adjoint={"arrays": "_unstack_adjoint(g, arrays, axis)"})
linear("np.hstack", "arrays", adjoint={"arrays": "_hstack_adjoint(g, arrays)"})
linear("np.vstack", "arrays", adjoint={"arrays": "_vstack_adjoint(g, arrays)"})
linear("np.array np.asarray", "arrays, dtype=None", adjoint={"arrays": "g"})
linear("np.diag", "v, k=0", adjoint={"v": "_diag_adjoint(g, v, k)"})
linear("np.trace", "a, offset=0, axis1=0, axis2=1",
       adjoint={"a": "_trace_adjoint(g, a, offset, axis1, axis2)"})
linear("np.tril", "m, k=0", adjoint={"m": "np.tril(g, k)"})
linear("np.triu", "m, k=0", adjoint={"m": "np.triu(g, k)"})
linear("np.squeeze", "a, axis=None", adjoint={"a": "np.reshape(g, np.shape(a))"})
linear("np.ravel", "a, order='C'", adjoint={"a": "_ravel_adjoint(g, a, order)"})
linear("np.copy", "a, order='K'", adjoint={"a": "g"})
linear("np.expand_dims", "a, axis", adjoint={"a": "np.reshape(g, np.shape(a))"})
linear("np.cumsum", "a, axis=None", adjoint={"a": "_cumsum_adjoint(g, a, axis)"})
# cumprod: y_i = a_i y_(i-1), so dy_i = a_i dy_(i-1) + y_(i-1) da_i (a linear recurrence) and
# the adjoint runs it back, r_i = g_i + a_(i+1) r_(i+1), b_a_i = r_i y_(i-1): no division, exact
# with zeros (derived here; the recurrences' own derivatives are helper entries below)
template("np.cumprod", "a, axis=None",
         {"a": "_recurrence(_along(da, axis) * _shifted(y, _axis_of(axis), 1.0), _along(a, axis), "
               "_axis_of(axis))"},
         adjoint={"a": "np.reshape(_recurrence_back(g, _along(a, axis), _axis_of(axis)) * "
                       "_shifted(y, _axis_of(axis), 1.0), np.shape(a))"})
linear("np.swapaxes", "a, axis1, axis2", adjoint={"a": "np.swapaxes(g, axis1, axis2)"})
linear("np.flip", "m, axis=None", adjoint={"m": "np.flip(g, axis)"})
linear("np.flipud", "m", adjoint={"m": "np.flipud(g)"})
linear("np.fliplr", "m", adjoint={"m": "np.fliplr(g)"})
linear("np.atleast_1d np.atleast_2d np.atleast_3d", "arys",
       adjoint={"arys": "np.reshape(g, np.shape(arys))"})
linear("np.moveaxis", "a, source, destination", adjoint={"a": "np.moveaxis(g, destination, source)"})
linear("np.rot90", "m, k=1, axes=(0, 1)", adjoint={"m": "np.rot90(g, np.negative(k), axes)"})
linear("np.rollaxis", "a, axis, start=0", adjoint={"a": "_rollaxis_adjoint(g, a, axis, start)"})
linear("np.roll", "a, shift, axis=None", adjoint={"a": "np.roll(g, np.negative(shift), axis)"})
linear("np.column_stack", "arrays", adjoint={"arrays": "_column_stack_adjoint(g, arrays)"})
linear("np.dstack", "arrays", adjoint={"arrays": "_dstack_adjoint(g, arrays)"})
linear("np.diff", "a, n=1, axis=-1", adjoint={"a": "_diff_adjoint(g, a, n, axis)"})
linear("np.repeat", "a, repeats, axis=None", adjoint={"a": "_repeat_adjoint(g, a, repeats, axis)"})
linear("np.tile", "A, reps", adjoint={"A": "_tile_adjoint(g, A, reps)"})
linear("np.append", "arr, values, axis=None", diff=("arr", "values"),
       adjoint={"arr": "_append_adjoint(g, arr, values, axis)[0]",
                "values": "_append_adjoint(g, arr, values, axis)[1]"})
linear("np.take", "a, indices, axis=None", adjoint={"a": "_take_adjoint(g, a, indices, axis)"})
linear("np.take_along_axis", "arr, indices, axis",
       adjoint={"arr": "_take_along_axis_adjoint(g, arr, indices, axis)"})
# sort: the derivative follows the (stable) permutation that sorts a
template("np.sort", "a, axis=-1", {"a": "_sort_tangent(a, da, axis)"},
         adjoint={"a": "_sort_adjoint(g, a, axis)"})
# partition: the derivative follows the permutation the result y applies to a, read off y
# itself (its entries matched to a's by value), so it is numpy's whatever order it chose
template("np.partition", "a, kth, axis=-1", {"a": "_partition_tangent(a, da, y, axis)"},
         adjoint={"a": "_partition_adjoint(g, a, y, axis)"})
# quantiles (method 'linear'): (1 - t) s_lo + t s_hi of the sorted entries s, h = (n - 1) q,
# lo = floor(h), t = h - lo: linear in the order statistics, which follow np.sort's stable
# permutation on ties; q carries no derivative (refused below); median is q = 0.5
QUANTILE = "a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False"
template("np.quantile", QUANTILE, {"a": "_quantile_tangent(a, da, q, axis, keepdims)"},
         adjoint={"a": "_quantile_adjoint(g, a, q, axis, keepdims)"})
template("np.percentile", QUANTILE,
         {"a": "_quantile_tangent(a, da, np.divide(q, 100), axis, keepdims)"},
         adjoint={"a": "_quantile_adjoint(g, a, np.divide(q, 100), axis, keepdims)"})
template("np.median", "a, axis=None, out=None, overwrite_input=False, keepdims=False",
         {"a": "_quantile_tangent(a, da, 0.5, axis, keepdims)"},
         adjoint={"a": "_quantile_adjoint(g, a, 0.5, axis, keepdims)"})
# interp: piecewise linear, (1 - t) fp_j + t fp_(j+1) on [xp_j, xp_(j+1)); in x its slope
# there, the right derivative at a knot (0 left of xp[0] and from xp[-1] on); linear in fp (the
# tangent is interp of dfp); xp, left and right carry no derivative (refused below)
template("np.interp", "x, xp, fp, left=None, right=None, period=None",
         {"x": "_interp_slope(x, xp, fp) * dx",
          "fp": "np.interp(x, xp, dfp, _interp_edge(left), _interp_edge(right))"},
         adjoint={"x": "g * _interp_slope(x, xp, fp)",
                  "fp": "_interp_adjoint_fp(g, x, xp, fp, left, right)"})
# polyval: linear in p; in x the derivative polynomial's value (Horner's rule differentiated)
template("np.polyval", "p, x", {"p": "np.polyval(dp, x)", "x": "np.polyval(_polyder(p), x) * dx"},
         adjoint={"p": "_polyval_adjoint_p(g, p, x)", "x": "g * np.polyval(_polyder(p), x)"})
# select: linear in the choices and the default, each taken where np.select takes it
linear("np.select", "condlist, choicelist, default=0", diff=("choicelist", "default"),
       adjoint={"choicelist": "_select_adjoint_choices(g, condlist, choicelist)",
                "default": "_select_adjoint_default(g, condlist, default)"})
# cross: bilinear; <g, a x b> = <a, b x g> = <b, g x a> (2-vectors: the z-component)
multilinear("np.cross", "a, b, axisa=-1, axisb=-1, axisc=-1, axis=None", diff=("a", "b"),
            adjoint={"a": "_cross_adjoint_a(g, a, b, axis)",
                     "b": "_cross_adjoint_b(g, a, b, axis)"})
# x.astype(dtype): a copy, linear for a floating dtype; zero for integers and booleans.  Generated
# code calls the prelude's _astype (np.astype is numpy 2.1's; the method form works everywhere)
template("_astype", "x, dtype, copy=True", {"x": "_astype_tangent(x, dx, dtype)"},
         adjoint={"x": "_astype_adjoint(g, x, dtype)"})
multilinear("np.tensordot", "a, b, axes=2", diff=("a", "b"),
            adjoint={"a": "_tensordot_adjoint_a(g, a, b, axes)",
                     "b": "_tensordot_adjoint_b(g, a, b, axes)"})
linear("np.diagonal", "a, offset=0, axis1=0, axis2=1",
       adjoint={"a": "_diagonal_adjoint(g, a, offset, axis1, axis2)"})
linear("np.broadcast_to", "array, shape", adjoint={"array": "_unbroadcast(g, array)"})
# x[i] (and its index assignment, a statement form): the adjoint adds g into x's at i
linear("subscript", "value, index", adjoint={"value": lambda value, g, slot: Scatter(g)})
RULES["subscript"].entrywise = True
linear("tuple", "*items", adjoint={"*items": lambda value, g, slot: item_of(g, slot)})
nondiff("np.zeros np.ones np.eye np.identity np.arange np.zeros_like np.ones_like "
        "np.empty np.empty_like np.shape np.ndim np.size")
# constructors whose values are their arguments' values: linear in those
linear("np.full", "shape, fill_value, dtype=None", diff=("fill_value",),
       adjoint={"fill_value": "_unbroadcast(g, fill_value)"})
linear("np.full_like", "a, fill_value, dtype=None", diff=("fill_value",),
       adjoint={"fill_value": "_unbroadcast(g, fill_value)"})
linear("np.linspace", "start, stop, num=50, endpoint=True, retstep=False, dtype=None",
       diff=("start", "stop"),
       adjoint={"start": "np.sum(g * (1.0 - np.linspace(0.0, 1.0, num, endpoint)))",
                "stop": "np.sum(g * np.linspace(0.0, 1.0, num, endpoint))"})
nondiff("attribute")   # x.shape, x.ndim, x.size

# einsum: the subscripts string first, then the operands (rules/einsum.py)
multilinear("np.einsum", "subscripts, *operands, optimize=False", diff=("*operands",),
            adjoint={"*operands": einsum.adjoint})

# ---------------------------------------------------------------- the other families
# each module adds its family's entries to RULES when it is imported (numpy_helpers: those of
# the prelude helpers that the templates above call, for Hessians)
from . import (containers, numpy_assembly, numpy_fft, numpy_helpers,  # noqa: E402
               numpy_linalg, scipy_linalg, scipy_signal, scipy_special, scipy_stats)
FAMILIES = (containers, numpy_assembly, numpy_fft, numpy_helpers, numpy_linalg, scipy_linalg, scipy_signal,
            scipy_special, scipy_stats)

alias(np__absolute="np.abs", np__asin="np.arcsin", np__acos="np.arccos", np__atan="np.arctan",
      np__atan2="np.arctan2", np__asinh="np.arcsinh", np__acosh="np.arccosh",
      np__atanh="np.arctanh", np__pow="np.power", np__amax="np.max", np__amin="np.min",
      np__concat="np.concatenate", np__permute_dims="np.transpose", np__true_divide="np.divide",
      np__remainder="np.mod", np__row_stack="np.vstack", np__astype="_astype")

SCALAR_CONSTANTS = {"math.pi", "math.e", "math.inf", "math.tau", "np.pi", "np.e", "np.inf",
                    "np.nan", "math.nan"}
SCALAR_CONSTANTS |= {"-" + name for name in SCALAR_CONSTANTS}      # -np.inf
OTHER_CONSTANTS = {"np.newaxis", "np.s_", "np.float64", "np.float32", "np.int64", "np.int32",
                   "np.bool_"}    # dtypes: x.astype(np.float64)
# builtin names a call takes as values (calls.py), as the strings that mean the same to numpy 2
NAMES_AS_VALUES = {name: {"float": "float64", "int": "int64", "bool": "bool"} for name in (
    "_astype np.array np.asarray np.zeros np.ones np.empty np.full np.eye np.identity "
    "np.arange np.linspace np.zeros_like np.ones_like np.empty_like np.full_like").split()}

# Method forms x.name(...) that mean np.name(x, ...).
METHODS = {"sum", "mean", "prod", "max", "min", "var", "std", "dot", "transpose", "reshape",
           "copy", "ravel", "squeeze", "cumsum", "trace", "clip", "swapaxes", "flatten",
           "astype"}
ATTRIBUTES = {"shape", "ndim", "size"}
CONTAINER_METHODS = containers.METHODS      # d.items() means _items(d)


for _name in ("subscript", "tuple", "np.reshape", "np.transpose", "np.ravel", "np.squeeze",
              "np.expand_dims", "np.swapaxes", "np.broadcast_to", "np.asarray", "np.diag",
              "np.einsum", "np.flip", "np.flipud", "np.fliplr", "np.atleast_1d", "np.atleast_2d",
              "np.atleast_3d", "np.moveaxis", "np.diagonal", "np.rot90",
              "np.rollaxis"):   # einsum("ii->i", m) views m
    RULES[_name].view = True
# what the memory analyses know of results' dimensions (memory.ranks) and kinds (memory.arrays)
for _names, _rank, _array in [
        ("np.zeros np.ones np.empty np.full np.reshape", "shape", True),
        ("np.arange np.linspace np.ravel", 1, True), ("np.eye np.identity np.outer", 2, True),
        ("np.zeros_like np.ones_like np.empty_like np.full_like np.copy np.asarray "
         "np.transpose", "like", True),
        ("np.sum np.mean np.prod np.max np.min np.var np.std np.linalg.norm", "reduce", False),
        ("np.array", "elements", True), ("np.concatenate", "pieces", True)]:
    for _name in _names.split():
        RULES[_name].rank, RULES[_name].array = _rank, _array
for _name in ("float", "int", "len", "_range_length"):
    RULES[_name].rank, RULES[_name].scalar = 0, True
for _name, _position in (("np.shape", 0), ("_unbroadcast", 1), ("_unbroadcast_product", 2)):
    RULES[_name].shapes = (_position,)
for _rule in RULES.values():
    _rule.rebinds = _rule.kind == "linear" and not _rule.entrywise
for _name in ("Add", "Sub", "USub", "UAdd", "np.add", "np.subtract"):
    RULES[_name].rebinds = True
# what the reverse sweep may update in place: results that are arrays of their own (einsum of
# one operand may return a view of it), and _unbroadcast(g, x), which is g where shapes agree
for _name in ("np.outer np.dot np.matmul np.kron np.zeros np.ones _mean_adjoint "
              "_unbroadcast_product _matmul_adjoint_a _matmul_adjoint_b _dot_adjoint_a "
              "_dot_adjoint_b").split():
    RULES[_name].fresh = True
RULES["np.einsum"].fresh = lambda call, fresh: len(call.args) >= 3
RULES["_unbroadcast"].fresh = lambda call, fresh: fresh(call.args[0])
RULES["_unbroadcast"].returns = (0,)
RULES["_unbroadcast_product"].symmetric = (0, 1)


# ---------------------------------------------------------------- checks of calls (frontend)
RULES["min"].prepare, RULES["max"].prepare = two_arguments("min"), two_arguments("max")
RULES["min"].rewrite = folded("min", "np.min")
RULES["max"].rewrite = folded("max", "np.max")
RULES["sum"].rewrite, RULES["sum"].prepare = folded("sum", "np.sum", ast.Add), unfolded
RULES["range"].prepare = loop_only
RULES["sum"].generator = ("total", "start")        # sum(f(x) for x in xs): a loop
RULES["max"].generator, RULES["min"].generator = ("largest", "default"), ("smallest", "default")
RULES["np.heaviside"].moving = (passed({"x2": 1}), "np.heaviside(x1, x2) is x2 where x1 is 0, and "
                                "x2 carries a derivative here; sct does not differentiate "
                                "np.heaviside", "write np.where(x1 == 0, x2, np.where(x1 > 0, "
                                "1.0, 0.0))")
RULES["np.nan_to_num"].moving = (passed({"nan": 2, "posinf": 3, "neginf": 4}),
                                 "the values np.nan_to_num puts in place of NaN and infinities "
                                 "carry a derivative here; sct differentiates np.nan_to_num in x "
                                 "only", "write np.where(np.isnan(x), v, x) for a replacement v "
                                 "with a derivative")
RULES["np.nan_to_num"].prepare = copies
RULES["np.linalg.norm"].prepare = two_norm
RULES["np.einsum"].prepare, RULES["np.einsum"].path = einsum.prepare, einsum.path
RULES["np.einsum"].view = einsum.may_view
for _name in ("np.any np.all np.allclose np.array_equal np.isclose math.isnan math.isinf "
              "math.isfinite").split():
    RULES[_name].truth = True
RULES["math.log"].lower = log_quotient
RULES["np.arange"].moving = (arange_moving,
                             "the entries of np.arange(start, stop, step) move with start and "
                             "step, which carry a derivative here; sct does not differentiate "
                             "np.arange", "write start + step * np.arange(n) with a count n "
                             "that carries no derivative")


QUANTILE_DEFAULTS = {"out": (3, (None,)), "overwrite_input": (4, (False,)),
                     "method": (5, ("linear",))}
QUANTILE_HINT = "leave out=, overwrite_input= and method= to their defaults"
for _name in ("np.quantile", "np.percentile"):
    RULES[_name].prepare = defaults_only(_name, QUANTILE_DEFAULTS, QUANTILE_HINT)
    RULES[_name].moving = (passed({"q": 1}), f"the value of {_name}(a, q) moves with q, which carries a derivative "
                           f"here; sct does not differentiate {_name} in q",
                           "compute q from values that carry no derivative")
RULES["np.median"].prepare = defaults_only("np.median", {"out": (2, (None,)), "overwrite_input":
                                                         (3, (False,))}, QUANTILE_HINT)
RULES["np.interp"].prepare = defaults_only("np.interp", {"period": (5, (None,))},
                                           "map x into one period yourself (np.mod)")
RULES["np.interp"].moving = (passed({"xp": 1, "left": 3, "right": 4}),
                             "np.interp(x, xp, fp, left, right) is differentiated in x and fp "
                             "only; here xp, left or right carries a derivative",
                             "compute the knots xp (and left, right) from values that carry no "
                             "derivative")
RULES["np.cross"].prepare = defaults_only("np.cross", {"axisa": (2, (-1,)), "axisb": (3, (-1,)),
                                                       "axisc": (4, (-1,))},
                                          "use axis= (one axis for a, b and the result), or "
                                          "np.moveaxis the operands")
RULES["_astype"].prepare = astype_dtypes
# constructors whose values are their operands': dtype= a float (linear) or an integer or
# boolean dtype (derivative zero, as x.astype(int))
for _name, _position in (("np.array", 1), ("np.asarray", 1), ("np.full", 2),
                         ("np.full_like", 2), ("np.linspace", 5)):
    RULES[_name].prepare = dtyped(_name, _position, RULES[_name].prepare)
    RULES[_name].skips = whole_dtype(_position)
RULES["np.linspace"].prepare = dtyped("np.linspace", 5, defaults_only(
    "np.linspace", {"retstep": (4, (False,))}, "compute the step as (stop - start) / (num - 1)"))
HELPERS.add("_astype")
# index expressions that mean calls: np.r_[a, b, 1.0] joins the items as 1-d pieces, np.c_[a, b]
# as columns (np.column_stack of one item is the item as np.c_ reads it), along the last axis
INDEXED = {"np.r_": concatenated("np.r_", lambda item: lowered("np.atleast_1d", [item])),
           "np.c_": concatenated("np.c_", lambda item: lowered(
               "np.column_stack", [ast.List([item], ast.Load())]), axis=-1)}
# names sct has no rule for, with what to write instead
MISSING = {"np.erf": "numpy has no erf; use math.erf on scalars",
           "np.erfc": "numpy has no erfc; use math.erfc on scalars"}
for _name in ("_zeros_like_value", "_add_parts", "_own_parts"):
    RULES[_name].parts = True
for _rule in RULES.values():
    if _rule.name.split(".")[0] == "math":
        _rule.rank, _rule.numbers = 0, True

numpy_fft.mark_complex_kinds()


def is_view(name, value=None):
    """Whether the result of intrinsic ``name`` (of the operation ``value``, where given) may be
    a view of one of its operands."""
    rule = lookup(name) if name else None
    if rule is None or not rule.view:
        return False
    return rule.view(value) if callable(rule.view) and value is not None else True


def lookup(name):
    """The rule of a canonical intrinsic name, or None."""
    return RULES.get(ALIASES.get(name, name))


def canonical(name):
    return ALIASES.get(name, name)


def is_helper(name):
    """Whether ``name`` is one of the prelude functions generated code may call."""
    return name.startswith("_") and callable(getattr(prelude, name, None)) and name != "source"


def helper_source(names):
    """Source text of the prelude helpers ``names``, for a generated module."""
    return prelude.source(names)
