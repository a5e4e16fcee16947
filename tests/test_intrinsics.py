"""Per-intrinsic derivative cases: one row per (intrinsic, call form, input domain).

Each row is a function body over named parameters, a domain per parameter where the function is
smooth, and ``wrt``.  The row's source (``import math`` / ``import numpy as np`` prepended) goes
through sct in mode "both".  In forward mode the generated ``d_f`` is checked against central
differences of the source's own ``f`` by ``checker.check_forward``, and each tangent must have
its value's shape (a tangent left unbroadcast would give wrong sums later).  In reverse mode
(compiled as a Jacobian row, ``scalar_output=False``) ``b_f`` is checked by
``checker.check_reverse`` (<u, J v> = <J^T u, v>, and each adjoint has its argument's shape);
a row whose value is a number runs again compiled as a gradient (``scalar_output=True``).
Rows that use a no-derivative intrinsic in arithmetic check that it contributes a zero
derivative.

Reverse mode's activity analysis infers which names hold numbers, and skips summing adjoints
back to operand shapes for them; wherever numbers and arrays mix, the test runs the program's
intermediate form and checks that every name inferred to be a number holds one.
``SCALAR_OUTPUT_ROWS`` are scalar-valued functions written to tempt that inference;
``TIE_ROWS`` are points without a derivative (max/min ties, clip at its bounds, abs at 0),
where forward and reverse mode must follow the same convention.

``test_every_rule_is_exercised`` fails when a rule of ``sct.rules.RULES`` has no row here, in
either mode; ``test_every_rule_has_an_adjoint`` when a rule with a derivative has no adjoint.
"""
import ast
import sys

import numpy as np
import pytest

import sct
import sct.api
from sct import rules
from sct.activity import analyze
from sct.api import resolve_wrt
from sct.controlflow import normalize
from sct.compilation import Compilation
from sct.frontend import parse_program

from checker import check_forward, check_reverse, leaves
import rows_assembly
import rows_containers
import rows_fft
import rows_linalg
import rows_numpy
import rows_scipy_linalg
import rows_scipy_special
import rows_scipy_stats
from rows import COL, M, M3, M34, P, P2x3, P4, PS, ROW, S, T3, V, V4, _value, away, const, distinct, \
    row, spd, u, wc

HEADER = ("import math\nimport numpy as np\nimport scipy.linalg\nimport scipy.signal\n"
          "import scipy.special\nimport scipy.stats\n\n\n")


def source(params, body):
    lines = body.split("\n")
    if not lines[-1].startswith(("return", " ")):
        lines[-1] = "return " + lines[-1]
    return HEADER + f"def f({params}):\n" + "".join(f"    {line}\n" for line in lines)


# ---------------------------------------------------------------- elementwise math and numpy
# (name, numpy name or None for math only, domain)
UNARY = [
    ("sin", "sin", u(-3, 3)), ("cos", "cos", u(-3, 3)), ("tan", "tan", u(-1.2, 1.2)),
    ("asin", "arcsin", u(-0.9, 0.9)), ("acos", "arccos", u(-0.9, 0.9)),
    ("atan", "arctan", u(-3, 3)), ("sinh", "sinh", u(-2, 2)), ("cosh", "cosh", u(-2, 2)),
    ("tanh", "tanh", u(-2, 2)), ("asinh", "arcsinh", u(-3, 3)),
    ("acosh", "arccosh", u(1.1, 3)), ("atanh", "arctanh", u(-0.9, 0.9)),
    ("exp", "exp", u(-2, 2)), ("expm1", "expm1", u(-2, 2)), ("log1p", "log1p", u(-0.5, 3)),
    ("log", "log", u(0.1, 3)), ("log2", "log2", u(0.1, 3)), ("log10", "log10", u(0.1, 3)),
    ("sqrt", "sqrt", u(0.1, 3)), ("fabs", "fabs", away(0.2, 2)), ("erf", None, u(-2, 2)),
    ("erfc", None, u(-2, 2)), ("lgamma", None, u(0.3, 4)),
]
NUMPY_ONLY = [("square", u(-2, 2)), ("reciprocal", away(0.2, 2)), ("abs", away(0.2, 2)),
              ("absolute", away(0.2, 2)), ("negative", u(-2, 2)), ("positive", u(-2, 2))]
# (math name, numpy name, domain of a, domain of b)
BINARY = [("atan2", "arctan2", u(-2, 2), u(0.2, 2)),
          ("hypot", "hypot", away(0.2, 2), away(0.2, 2)),
          ("pow", "power", u(0.5, 2), u(-2, 2)),
          ("copysign", "copysign", away(0.2, 2), away(0.2, 2))]     # no derivative in b


# operand shapes of the binary functions: (id, shape of a, shape of b)
BINARY_SHAPES = [("array-array", (3,), (3,)), ("array-scalar", (3,), ()),
                 ("scalar-array", (), (3,)), ("broadcast", (3, 1), (1, 4)),
                 ("broadcast-row-col", (1, 4), (3, 1)), ("broadcast-matrix-row", (3, 4), (4,)),
                 ("broadcast-row-matrix", (4,), (3, 4))]


def _with_shape(domain, shape):
    """The same domain drawn with ``shape``."""
    def draw(rng):
        return _value(np.reshape([domain(rng) for _ in range(int(np.prod(shape)))], shape))
    return draw


def elementwise_rows():
    out = []
    for name, np_name, dom in UNARY:
        out.append(row(f"math.{name}", "x", f"math.{name}(x)", [dom]))
        out.append(row(f"math.{name}-in-expression", "x", f"2.0 * math.{name}(x * 1.0) + x",
                       [dom]))
        if np_name:
            out.append(row(f"np.{np_name}-array", "x", f"np.{np_name}(x)",
                           [_with_shape(dom, (2, 3))]))
            out.append(row(f"np.{np_name}-scalar", "x", f"np.{np_name}(x)", [dom]))
    for name, dom in NUMPY_ONLY:
        out.append(row(f"np.{name}-array", "x", f"np.{name}(x)", [_with_shape(dom, (3,))]))
        out.append(row(f"np.{name}-scalar", "x", f"np.{name}(x)", [dom]))
    for name, np_name, da, db in BINARY:
        # copysign has no derivative in b: with wrt None, b's tangent and adjoint are zeros
        wrts = [None, (0,), (1,)] if name != "copysign" else [None, (0,)]
        for wrt in wrts:
            tag = "" if wrt is None else f"-wrt{wrt[0]}"
            out.append(row(f"math.{name}{tag}", "a, b", f"math.{name}(a, b)", [da, db], wrt))
            for shape, sa, sb in BINARY_SHAPES:
                out.append(row(f"np.{np_name}-{shape}{tag}", "a, b", f"np.{np_name}(a, b)",
                               [_with_shape(da, sa), _with_shape(db, sb)], wrt))
    out += [
        row("math.log-base", "x, b", "math.log(x, b)", [u(0.1, 3), u(1.5, 3)]),
        row("math.log-base-constant", "x", "math.log(x, 2.0)", [u(0.1, 3)]),
        row("math.pow-constant-exponent", "x", "math.pow(x, 3.0)", [u(0.5, 2)]),
        row("math.pi-constant", "x", "math.sin(math.pi * x) * math.e", [u(-1, 1)]),
        row("np.asin-alias", "x", "np.asin(x)", [u(-0.9, 0.9, 3)]),
        row("np.atan2-alias", "a, b", "np.atan2(a, b)", [V, u(0.2, 2, 3)]),
        row("np.pow-alias", "a, b", "np.pow(a, b)", [P, V]),
        row("np.copysign-by-array", "a", "np.copysign(a, np.array([1.0, -1.0, 1.0]))",
            [away(0.2, 2, 3)]),
        row("np.logaddexp-scalar", "a, b", "np.logaddexp(a, b)", [u(-3, 3), u(-3, 3)]),
        row("np.logaddexp-wrt1", "a, b", "np.logaddexp(a, b)", [V, u(-3, 3, 3)], (1,)),
        row("np.logaddexp-broadcast", "a, b", "np.logaddexp(a, b)", [COL, ROW]),
        row("np.logaddexp-far-apart", "a, b", "np.logaddexp(a, b)", [u(30, 40, 3), u(-3, 3, 3)]),
        row("np.logaddexp-array-scalar", "a, b", "np.sum(np.logaddexp(a, b))", [M, S]),
        row("np.logaddexp2", "a, b", "np.logaddexp2(a, b)", [V, u(-3, 3, 3)]),
        row("np.logaddexp2-broadcast-wrt0", "a, b", "np.logaddexp2(a, b)", [COL, ROW], (0,)),
        row("np.logaddexp2-scalar", "a, b", "np.logaddexp2(a, b)", [S, S]),
        row("np.exp2", "x", "np.exp2(x)", [M]),
        row("np.exp2-scalar", "x", "np.exp2(x)", [S]),
        row("np.cbrt", "x", "np.cbrt(x)", [away(0.2, 2, 2, 3)]),
        row("np.cbrt-scalar", "x", "np.cbrt(x)", [away(0.2, 2)]),
        row("np.deg2rad", "x", "np.deg2rad(x)", [M]),
        row("np.radians-scalar", "x", "np.radians(x) * x", [S]),
        row("np.rad2deg", "x", "np.rad2deg(x)", [M]),
        row("np.degrees-scalar", "x", "np.degrees(x) * x", [S]),
        row("np.fmax", "a, b", "np.fmax(a, b)", [distinct(3), u(-2, 2, 3)]),
        row("np.fmax-broadcast", "a, b", "np.fmax(a, b)", [COL, ROW]),
        row("np.fmax-nan", "a", "np.fmax(a, np.array([np.nan, 0.5, np.nan]))",
            [u(-2, 2, 3)]),
        row("np.fmax-scalar", "a, b", "np.fmax(a, b)", [const(0.3), const(-1.2)]),
        row("np.fmin", "a, b", "np.fmin(a, b)", [distinct(3), u(-2, 2, 3)]),
        row("np.fmin-nan", "a", "np.fmin(np.array([np.nan, 0.5, np.nan]), a)",
            [u(-2, 2, 3)]),
        row("np.mod", "a, b", "np.mod(a, b)", [u(0.1, 0.9, 3), u(1.1, 2, 3)]),
        row("np.remainder-scalar-divisor", "a, b", "np.remainder(a, b)", [u(0.1, 0.9, 3),
                                                                          u(1.1, 2)]),
        row("np.fmod", "a, b", "np.fmod(a, b)", [u(-0.9, -0.1, 3), u(1.1, 2, 3)]),
        row("np.fmod-scalar", "a, b", "np.fmod(a, b)", [u(2.1, 2.9), u(1.1, 2)]),
        row("np.float_power", "a, b", "np.float_power(a, b)", [P, V]),
        row("np.float_power-literal", "a", "np.float_power(a, 3.0)", [V]),
        row("np.float_power-scalar", "a, b", "np.float_power(a, b)", [PS, S]),
        row("np.nan_to_num", "x", "np.nan_to_num(x)", [M]),
        row("np.nan_to_num-nan", "x", "np.nan_to_num(x * np.array([1.0, np.nan, np.inf]))",
            [V]),
        row("np.heaviside", "x", "np.heaviside(x, 0.5) * x", [away(0.2, 2, 3)]),
    ]
    return out


# ---------------------------------------------------------------- operators
# operand shapes: (id, domain of a, domain of b)
OPERANDS = [("array-array", V, V), ("array-scalar", V, S), ("scalar-array", S, V),
            ("scalar-scalar", S, S), ("broadcast-col-row", COL, ROW),
            ("broadcast-row-col", ROW, COL), ("broadcast-matrix-row", M34, V4),
            ("broadcast-row-matrix", V4, M34), ("broadcast-matrix-col", M34, COL),
            ("broadcast-3d-matrix", T3, M34)]


def _positive(domain):
    """The domain shifted to (0.5, 2.5): positive bases and divisors."""
    return lambda rng: _value(np.abs(domain(rng)) / 2 + 0.5)


def operator_rows():
    out = []
    for sym, name in [("+", "add"), ("-", "sub"), ("*", "mult"), ("/", "div"), ("**", "pow"),
                      ("%", "mod")]:
        for shape, da, db in OPERANDS:
            if sym in ("/", "**"):
                db = _positive(db)
            if sym == "**":
                da = _positive(da)
            if sym == "%":      # away from the jumps of a % b: a in (0.1, 0.9) * b
                da, db = _positive(da), _positive(db)
                body = f"(a * 0.0 + b * 0.6) % b + a % (b * 0.0 + 3.0)"
                out.append(row(f"{name}-{shape}", "a, b", body, [da, db]))
                continue
            for wrt in [None, (0,), (1,)]:
                tag = "" if wrt is None else f"-wrt{wrt[0]}"
                out.append(row(f"{name}-{shape}{tag}", "a, b", f"a {sym} b", [da, db], wrt))
    for name in ("add", "subtract", "multiply", "divide"):
        for shape, da, db in OPERANDS[:8]:
            for wrt in [None, (0,), (1,)]:
                tag = "" if wrt is None else f"-wrt{wrt[0]}"
                out.append(row(f"np.{name}-{shape}{tag}", "a, b", f"np.{name}(a, b)",
                               [da, _positive(db)], wrt))
    out += [
        row("np.true_divide-alias", "a, b", "np.true_divide(a, b)", [COL, _positive(ROW)]),
        row("mod-wrt-divisor", "a, b", "a % b", [u(0.1, 0.2, 3), u(0.5, 1, 3)]),
        row("mod-wrt-dividend", "a", "a % 1.5", [u(0.1, 1.4, 3)]),
        row("mod-scalar-divisor-array", "b", "5.0 % b", [u(2.6, 4.9, 3)]),
        row("mod-broadcast-wrt0", "a, b", "a % b", [u(0.1, 0.4, 3, 1), u(0.5, 1, 1, 4)], (0,)),
        row("mod-scalar-array-wrt0", "a, b", "a % b", [u(0.1, 0.4), u(0.5, 1, 3)], (0,)),
        row("mod-math", "a, b", "a % b + math.sin(a)", [u(0.1, 0.2), u(0.5, 1)]),
        row("pow-constant-exponent", "x", "x ** 3", [V]),
        row("pow-constant-base", "x", "2.0 ** x", [V]),
        row("pow-scalar-math", "x, y", "math.sin(x) ** math.cos(y)", [u(0.5, 1.5), S]),
        row("sub-same-operand", "x", "x - x * x", [V]),
        row("div-self", "x", "x / (x * x)", [away(0.5, 2, 3)]),
        row("usub-array", "x", "-x", [V]),
        row("usub-scalar", "x", "-math.sin(x)", [S]),
        row("uadd-array", "x", "+x", [V]),
        row("add-self-update-broadcast", "x, b", "x = x + b\nx = x - 2.0 * b\nx", [COL, ROW], (0,)),
        row("augassign", "x, y", "z = x * 1.0\nz += y\nz *= y\nz -= x\nz /= y\nz", [V, P]),
        row("matmul-matrix-vector", "a, b", "a @ b", [M, V]),
        row("matmul-vector-matrix", "a, b", "a @ b", [u(-2, 2, 2), M]),
        row("matmul-matrix-matrix", "a, b", "a @ b", [M, u(-2, 2, 3, 4)]),
        row("matmul-vector-vector", "a, b", "a @ b", [V, V]),
        row("matmul-batched", "a, b", "a @ b", [T3, u(-2, 2, 4, 2)]),
        row("matmul-wrt0", "a, b", "a @ b", [M, V], (0,)),
        row("matmul-wrt1", "a, b", "a @ b", [M, V], (1,)),
        row("matmul-same-operand", "a", "a @ a.T", [M]),
    ]
    return out


# ---------------------------------------------------------------- selection
def selection_rows():
    out = [
        row("np.maximum-array-array", "a, b", "np.maximum(a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])]),
        row("np.maximum-array-scalar", "a, b", "np.maximum(a, b)", [const([0.3, -1.2, 2.0]), PS]),
        row("np.maximum-scalar-array", "a, b", "np.maximum(a, b)", [PS, const([0.3, -1.2, 2.0])]),
        row("np.maximum-wrt0", "a, b", "np.maximum(a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])], (0,)),
        row("np.maximum-wrt1", "a, b", "np.maximum(a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])], (1,)),
        row("np.maximum-list-operand", "x, y", "np.maximum([x, y], 0.0) * np.minimum([x, 1.0], y)",
            [const(0.5), const(-0.8)]),
        row("np.maximum-relu", "x", "np.maximum(x, 0.0)", [const([0.3, -1.2, 2.0])]),
        row("np.maximum-broadcast", "a, b", "np.maximum(a, b)",
            [const([[0.1], [1.3], [-0.6]]), const([[0.5, -1.0, 2.2, 0.0]])]),
        row("np.minimum-array-array", "a, b", "np.minimum(a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])]),
        row("np.minimum-scalar-array", "a, b", "np.minimum(a, b)", [PS, const([0.3, -1.2, 2.0])]),
        row("np.minimum-wrt0", "a, b", "np.minimum(a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])], (0,)),
        row("np.minimum-wrt1", "a, b", "np.minimum(a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])], (1,)),
        row("np.where", "a, b", "np.where(a > b, a * a, b)",
            [const([0.3, -1.2, 2.0]), const([1.1, -2.0, 0.5])]),
        row("np.where-wrt0", "a, b", "np.where(a > 0.0, a, b)",
            [const([0.3, -1.2, 2.0]), V], (0,)),
        row("np.where-wrt1", "a, b", "np.where(a > 0.0, a, b)",
            [const([0.3, -1.2, 2.0]), V], (1,)),
        row("np.where-broadcast-wrt0", "a, b", "np.where(a > 0.0, a, b)",
            [const([0.3, -1.2, 2.0]), M], (0,)),
        row("np.where-broadcast-wrt1", "a, b", "np.where(a > 0.0, a, b)",
            [const([[0.3], [-1.2]]), V], (1,)),
        row("np.where-scalar-branch", "a", "np.where(a > 0.0, a, 0.0)",
            [const([0.3, -1.2, 2.0])]),
        row("np.clip", "x", "np.clip(x, -1.0, 1.0)", [const([0.3, -1.2, 2.0, -0.5])]),
        row("np.clip-lower-none", "x", "np.clip(x, None, 1.0)", [const([0.3, -1.2, 2.0])]),
        row("np.clip-upper-none", "x", "np.clip(x, -1.0, None)", [const([0.3, -1.2, 2.0])]),
        row("np.clip-method", "x", "x.clip(-1.0, 1.0)", [const([0.3, -1.2, 2.0])]),
        row("np.clip-scalar", "x", "np.clip(x, -1.0, 1.0) + np.clip(x * 3.0, -1.0, 1.0)",
            [const(0.5)]),
        row("np.clip-array-bounds", "x, lo, hi", "np.clip(x, lo, hi)",
            [const([0.3, -1.2, 2.0, -0.5]), const([-1.0, -1.0, -1.0, 0.0]),
             const([1.0, 1.0, 1.5, 1.0])]),
        row("np.clip-wrt-bounds", "x, lo, hi", "np.clip(x, lo, hi)",
            [const([0.3, -1.2, 2.0, -0.5]), const(-1.0), const([1.0, 1.0, 1.5, 1.0])], (1, 2)),
        row("abs-scalar", "x", "abs(x)", [away(0.2, 2)]),
        row("abs-array", "x", "abs(x)", [away(0.2, 2, 3)]),
        row("max-scalars", "a, b", "max(a, b)", [const(0.3), const(1.2)]),
        row("max-scalars-first", "a, b", "max(a, b)", [const(1.3), const(0.2)]),
        row("max-wrt0", "a, b", "max(a, b) + max(b, a)", [const(1.3), const(0.2)], (0,)),
        row("max-wrt1", "a, b", "max(a, b) + max(b, a)", [const(1.3), const(0.2)], (1,)),
        row("min-scalars", "a, b", "min(a, b)", [const(0.3), const(1.2)]),
        row("min-scalars-second", "a, b", "min(a, b)", [const(1.3), const(0.2)]),
        row("min-wrt0", "a, b", "min(a, b) + min(b, a)", [const(1.3), const(0.2)], (0,)),
        row("min-wrt1", "a, b", "min(a, b) + min(b, a)", [const(1.3), const(0.2)], (1,)),
        row("max-constant", "x", "max(x, 0.0) * min(x, 1.0)", [const(0.5)]),
    ]
    # broadcasting in both operand orders, each operand alone; no ties (see TIE_ROWS)
    col, row4 = const([[0.1], [1.3], [-0.6]]), const([[0.5, -1.0, 2.2, 0.05]])
    mat = const([[0.3, -1.2, 2.0, 0.7], [1.1, -2.0, 0.5, -0.1], [-0.4, 0.9, 1.7, -1.5]])
    vec4 = const([0.5, -1.0, 2.2, 0.05])
    for name in ("maximum", "minimum"):
        for shape, a, b in [("col-row", col, row4), ("row-col", row4, col),
                            ("matrix-row", mat, vec4), ("row-matrix", vec4, mat),
                            ("matrix-scalar", mat, PS), ("scalar-matrix", PS, mat)]:
            for wrt in [None, (0,), (1,)]:
                tag = "" if wrt is None else f"-wrt{wrt[0]}"
                out.append(row(f"np.{name}-{shape}{tag}", "a, b", f"np.{name}(a, b)", [a, b],
                               wrt))
    c = const([[0.3], [-1.2], [2.0]])
    for shape, a, b in [("col-row", COL, ROW), ("row-col", ROW, COL),
                        ("matrix-scalar", M34, S), ("scalar-matrix", S, M34),
                        ("matrix-row", M34, V4), ("row-matrix", V4, M34)]:
        for wrt in [None, (1,), (2,)]:
            tag = "" if wrt is None else f"-wrt{wrt[0]}"
            out.append(row(f"np.where-{shape}{tag}", "c, a, b", "np.where(c > 0.0, a, b)",
                           [c, a, b], wrt))
    x34 = const([[0.3, -1.2, 2.0, -0.5], [1.4, 0.1, -2.2, 0.8], [-0.7, 1.9, 0.4, -1.6]])
    lo4, hi31 = const([-1.0, -0.3, 0.5, -0.6]), const([[1.0], [0.6], [1.5]])
    out += [
        row("np.clip-bounds-broadcast", "x, lo, hi", "np.clip(x, lo, hi)", [x34, lo4, hi31]),
        row("np.clip-bounds-broadcast-wrt0", "x, lo, hi", "np.clip(x, lo, hi)",
            [x34, lo4, hi31], (0,)),
        row("np.clip-bounds-broadcast-wrt1", "x, lo, hi", "np.clip(x, lo, hi)",
            [x34, lo4, hi31], (1,)),
        row("np.clip-bounds-broadcast-wrt2", "x, lo, hi", "np.clip(x, lo, hi)",
            [x34, lo4, hi31], (2,)),
        row("np.clip-scalar-x-array-bounds", "x, lo, hi", "np.clip(x, lo, hi)",
            [const(0.45), lo4, hi31]),
        row("np.clip-scalar-bounds-active", "x, lo, hi", "np.clip(x, lo, hi)",
            [x34, const(-1.0), const(1.0)]),
        row("np.clip-lower-only-active", "x, lo", "np.clip(x, lo, None)", [x34, lo4], (1,)),
        row("np.clip-upper-only-active", "x, hi", "np.clip(x, None, hi)", [x34, hi31]),
        row("np.clip-method-array-bounds", "x, lo, hi", "x.clip(lo, hi)", [x34, lo4, hi31]),
        row("abs-broadcast", "x, y", "abs(x) * y", [away(0.2, 2, 3, 1), ROW]),
        row("max-builtin-of-array-entries", "x", "max(x[0], x[1]) * min(x[2], x[1])",
            [const([0.3, -1.2, 2.0])]),
    ]
    return out


# ---------------------------------------------------------------- reductions
REDUCTIONS = ["sum", "mean", "prod", "max", "min", "var", "std"]
AXES = [("", "all"), (", axis=0", "axis0"), (", axis=1", "axis1"), (", axis=-1", "axis-1"),
        (", axis=-2", "axis-2"), (", keepdims=True", "all-keepdims"),
        (", axis=0, keepdims=True", "axis0-keepdims"), (", axis=-1, keepdims=True",
                                                        "axis-1-keepdims"),
        (", axis=(0, 1)", "axis01")]


def reduction_rows():
    out = []
    for name in REDUCTIONS:
        dom = distinct(3, 4) if name in ("max", "min") else u(0.5, 2, 3, 4)
        for args, tag in AXES:
            out.append(row(f"np.{name}-{tag}", "x", f"np.{name}(x{args})", [dom]))
        out.append(row(f"np.{name}-vector", "x", f"np.{name}(x)",
                       [distinct(4) if name in ("max", "min") else u(0.5, 2, 4)]))
        out.append(row(f"np.{name}-3d-axis02", "x", f"np.{name}(x, axis=(0, 2))",
                       [distinct(2, 3, 4) if name in ("max", "min") else u(0.5, 2, 2, 3, 4)]))
        out.append(row(f"np.{name}-3d-axis1-keepdims", "x", f"np.{name}(x, axis=1, keepdims=True)",
                       [distinct(2, 3, 4) if name in ("max", "min") else u(0.5, 2, 2, 3, 4)]))
        out.append(row(f"method-{name}", "x", f"x.{name}()", [dom]))
        out.append(row(f"method-{name}-axis1", "x", f"x.{name}(axis=1)", [dom]))
        out.append(row(f"method-{name}-positional-axis", "x", f"x.{name}(0)", [dom]))
        out.append(row(f"method-{name}-keepdims", "x", f"x.{name}(axis=1, keepdims=True) * x",
                       [dom]))
        if name != "std":      # the std of one number is 0, where sqrt has no derivative
            out.append(row(f"np.{name}-scalar", "x", f"np.{name}(x)", [PS]))
    for name in ("var", "std"):
        dom = u(0.5, 2, 3, 4)
        out += [row(f"np.{name}-ddof1", "x", f"np.{name}(x, ddof=1)", [dom]),
                row(f"np.{name}-axis0-ddof1", "x", f"np.{name}(x, axis=0, ddof=1)", [dom]),
                row(f"np.{name}-axis-1-ddof1-keepdims", "x",
                    f"np.{name}(x, axis=-1, ddof=1, keepdims=True)", [dom]),
                row(f"np.{name}-positional-axis-ddof", "x", f"np.{name}(x, 1, ddof=2)", [dom]),
                row(f"method-{name}-ddof", "x", f"x.{name}(axis=0, ddof=1)", [dom])]
    zero = [[1.5, 0.0, -2.0, 0.7], [0.3, 1.2, 2.0, -1.1], [0.0, 0.0, 1.3, 0.9]]
    out += [
        row("np.prod-zero-entry", "x", "np.prod(x)", [const([1.5, 0.0, -2.0, 0.7])]),
        row("np.prod-two-zeros", "x", "np.prod(x)", [const([1.5, 0.0, -2.0, 0.0])]),
        row("np.prod-zero-entry-axis0", "x", "np.prod(x, axis=0)", [const(zero)]),
        row("np.prod-zero-entry-axis1", "x", "np.prod(x, axis=1)", [const(zero)]),
        row("np.prod-zero-entry-all", "x", "np.prod(x)", [const(zero)]),
        row("np.prod-zero-entry-keepdims", "x", "np.prod(x, keepdims=True)", [const(zero)]),
        row("np.prod-zero-entry-axis-1-keepdims", "x", "np.prod(x, axis=-1, keepdims=True)",
            [const(zero)]),
        row("np.prod-negative", "x", "np.prod(x, axis=0)", [M]),
        row("np.prod-keepdims-broadcast", "x", "x / np.prod(x, keepdims=True)", [P]),
        row("np.max-with-sum", "x", "np.max(x) - np.sum(x * x)", [distinct(5)]),
        row("np.min-scalar-chain", "x", "np.min(x * 2.0, axis=0) + np.max(x, axis=1)[0]",
            [distinct(3, 3)]),
        row("np.amax-alias", "x", "np.amax(x, axis=0) + np.amin(x)", [distinct(3, 4)]),
        row("np.sum-positional-axis", "x", "np.sum(x, 1) + np.mean(x, 0)[0]", [M3]),
        row("list-operand-reductions", "x, y", "np.prod([x, y, 2.0]) + np.max([x, y]) "
            "+ np.min([x, y]) + np.var([x, y]) + np.std([x, y]) + np.mean([x, y])",
            [const(0.7), const(-1.3)]),
        row("list-operand-reductions-wrt1", "x, y", "np.prod([x, y]) + np.max([x, y]) "
            "+ np.sum([x, y]) + np.linalg.norm([x, y])", [const(0.7), const(-1.3)], (1,)),
        row("list-operand-of-arrays", "x, y", "np.prod([x, y], axis=0) * np.std([x, y], axis=0)",
            [V, V], (0,)),
        row("np.mean-broadcast-back", "x", "x - np.mean(x, axis=0, keepdims=True)", [M]),
    ]
    # tuple axes on a 3-d array: unsorted, negative, with keepdims, all three
    for name in REDUCTIONS:
        dom = distinct(2, 3, 4) if name in ("max", "min") else u(0.5, 2, 2, 3, 4)
        for args, tag in [(", axis=(0, 2), keepdims=True", "axis02-keepdims"),
                          (", axis=(-1, 0)", "axis-1-0"), (", axis=(2, -2)", "axis2-2"),
                          (", axis=(0, 1, 2)", "axis012"), (", axis=-2", "axis-2"),
                          (", axis=(1,)", "axis-tuple1")]:
            out.append(row(f"np.{name}-3d-{tag}", "x", f"np.{name}(x{args})", [dom]))
    # zeros in the product, with tuple axes: one zero, two zeros in one slice, all zeros
    zero3 = [[[1.5, 0.0, -2.0, 0.7], [0.3, 1.2, 2.0, -1.1], [0.5, 0.8, 1.3, 0.9]],
             [[0.0, 0.6, 1.1, -0.4], [1.7, -0.9, 0.0, 1.2], [0.4, 0.0, -1.3, 0.6]]]
    two_zeros = [[[0.0, 1.0], [2.0, 0.5]], [[1.5, 0.0], [-1.0, 0.0]]]
    out += [
        row("np.prod-zero-3d-axis02", "x", "np.prod(x, axis=(0, 2))", [const(zero3)]),
        row("np.prod-zero-3d-axis-1-0-keepdims", "x", "np.prod(x, axis=(-1, 0), keepdims=True)",
            [const(zero3)]),
        row("np.prod-zero-3d-axis12", "x", "np.prod(x, axis=(1, 2))", [const(zero3)]),
        row("np.prod-two-zeros-axis01", "x", "np.prod(x, axis=(0, 1))", [const(two_zeros)]),
        row("np.prod-two-zeros-axis12", "x", "np.prod(x, axis=(1, 2))", [const(two_zeros)]),
        row("np.prod-all-zeros", "x", "np.prod(x, axis=0)", [const([[0.0, 0.0], [0.0, 1.0]])]),
        row("np.mean-tuple-axis-broadcast-back", "x", "x - np.mean(x, axis=(0, 2), keepdims=True)",
            [T3]),
        row("np.sum-of-broadcast", "x, y", "np.sum(x * y, axis=0)", [COL, ROW]),
        row("np.mean-of-broadcast-wrt1", "x, y", "np.mean(x + y, axis=-1)", [M34, COL], (1,)),
    ]
    return out


# ---------------------------------------------------------------- linear algebra products
def product_rows():
    return [
        row("np.dot-vector-vector", "a, b", "np.dot(a, b)", [V, V]),
        row("np.dot-matrix-vector", "a, b", "np.dot(a, b)", [M, V]),
        row("np.dot-matrix-matrix", "a, b", "np.dot(a, b)", [M, u(-2, 2, 3, 2)]),
        row("np.dot-scalar-array", "a, b", "np.dot(a, b)", [S, V]),
        row("np.dot-wrt0", "a, b", "np.dot(a, b)", [M, V], (0,)),
        row("np.dot-wrt1", "a, b", "np.dot(a, b)", [M, V], (1,)),
        row("np.dot-keyword-operand", "a, b", "np.dot(a, b=b) * np.kron(a, b=b)", [V, V]),
        row("np.dot-method", "a, b", "a.dot(b)", [M, V]),
        row("np.dot-same-operand", "a", "np.dot(a, a)", [V]),
        row("np.matmul", "a, b", "np.matmul(a, b)", [M, u(-2, 2, 3, 2)]),
        row("np.matmul-wrt1", "a, b", "np.matmul(a, b)", [M, V], (1,)),
        row("np.outer", "a, b", "np.outer(a, b)", [V, V4]),
        row("np.outer-wrt0", "a, b", "np.outer(a, b)", [V, V4], (0,)),
        row("np.inner-vectors", "a, b", "np.inner(a, b)", [V, V]),
        row("np.inner-matrices", "a, b", "np.inner(a, b)", [M, u(-2, 2, 4, 3)]),
        row("np.inner-wrt1", "a, b", "np.inner(a, b)", [V, V], (1,)),
        row("np.kron", "a, b", "np.kron(a, b)", [u(-2, 2, 2, 2), M]),
        row("np.kron-wrt0", "a, b", "np.kron(a, b)", [V, V4], (0,)),
        row("np.dot-list-operands", "x, y", "np.dot([x, y], [y, 2.0]) + np.outer([x, y], [x])",
            [S, S]),
        row("np.dot-list-operand-wrt0", "x, y", "np.inner([x, y], [y, 2.0])", [S, S], (0,)),
        row("np.einsum-matmul", "a, b", "np.einsum('ij,jk->ik', a, b)", [M, u(-2, 2, 3, 2)]),
        row("np.einsum-trace", "a", "np.einsum('ii->', a)", [M3]),
        row("np.einsum-diagonal", "a", "np.einsum('ii->i', a)", [M3]),
        row("np.einsum-three-operands", "a, b, c", "np.einsum('ij,j,i->', a, b, c)",
            [M, V, u(-2, 2, 2)]),
        row("np.einsum-wrt1", "a, b, c", "np.einsum('ij,j,i->', a, b, c)",
            [M, V, u(-2, 2, 2)], (1,)),
        row("np.einsum-implicit", "a, b", "np.einsum('ij,ij', a, b)", [M, M]),
        row("np.einsum-constant-operand", "a", "np.einsum('ij,j->i', a, np.ones(3))", [M]),
        # the operand/sublist form, lowered to the subscripts string
        row("np.einsum-sublists", "a, b", "np.einsum(a, [0, 1], b, [1, 2], [0, 2])",
            [M, u(-2, 2, 3, 2)]),
        row("np.einsum-sublists-implicit", "a, b", "np.einsum(a, [0, 1], b, [1, 2])",
            [M, u(-2, 2, 3, 2)]),
        row("np.einsum-sublist-transpose", "a", "np.einsum(a, (0, 1), (1, 0))", [M]),
        row("np.einsum-sublist-ellipsis", "a, b", "np.einsum(a, [..., 0], b, [0], [...])",
            [M, V]),
        row("np.einsum-sublist-trace-wrt1", "a, b", "np.einsum(a, [0, 0], b, [1], [1])",
            [M3, V], (1,)),
        # np.dot: numbers, 1-D and n-d operands on either side
        row("np.dot-array-scalar", "a, b", "np.dot(a, b)", [M, S]),
        row("np.dot-scalar-scalar", "a, b", "np.dot(a, b)", [S, S]),
        row("np.dot-vector-matrix", "a, b", "np.dot(a, b)", [u(-2, 2, 2), M]),
        row("np.dot-3d-vector", "a, b", "np.dot(a, b)", [T3, V4]),
        row("np.dot-3d-matrix", "a, b", "np.dot(a, b)", [T3, u(-2, 2, 4, 2)]),
        row("np.dot-matrix-3d", "a, b", "np.dot(a, b)", [M, u(-2, 2, 2, 3, 4)]),
        row("np.dot-vector-3d", "a, b", "np.dot(a, b)", [V, u(-2, 2, 2, 3, 4)]),
        row("np.dot-3d-3d-wrt1", "a, b", "np.dot(a, b)", [T3, u(-2, 2, 3, 4, 2)], (1,)),
        row("matmul-broadcast-stack", "a, b", "a @ b", [M, u(-2, 2, 2, 3, 4)]),
        row("matmul-broadcast-stack-wrt0", "a, b", "a @ b", [u(-2, 2, 2, 1, 2, 3), T3], (0,)),
        row("matmul-vector-stack", "a, b", "a @ b", [V, u(-2, 2, 2, 3, 4)]),
        row("matmul-stack-vector", "a, b", "a @ b", [T3, V4]),
        # np.outer ravels its operands
        row("np.outer-matrices", "a, b", "np.outer(a, b)", [M, u(-2, 2, 2, 2)]),
        row("np.outer-scalar-vector", "a, b", "np.outer(a, b)", [S, V]),
        row("np.outer-wrt1", "a, b", "np.outer(a, b)", [M, V], (1,)),
        # np.inner: a sum over the last axes
        row("np.inner-matrix-vector", "a, b", "np.inner(a, b)", [M, V]),
        row("np.inner-vector-matrix", "a, b", "np.inner(a, b)", [V, M]),
        row("np.inner-3d-matrix", "a, b", "np.inner(a, b)", [T3, u(-2, 2, 2, 4)]),
        row("np.inner-scalar-array", "a, b", "np.inner(a, b)", [S, M]),
        row("np.inner-array-scalar-wrt0", "a, b", "np.inner(a, b)", [M, S], (0,)),
        row("np.inner-matrices-wrt0", "a, b", "np.inner(a, b)", [M, u(-2, 2, 4, 3)], (0,)),
        # np.kron: 1-D and 2-D operands, mixed
        row("np.kron-vectors", "a, b", "np.kron(a, b)", [V, V4]),
        row("np.kron-wrt1", "a, b", "np.kron(a, b)", [u(-2, 2, 2, 2), M], (1,)),
        row("np.kron-vector-matrix", "a, b", "np.kron(a, b)", [V, M]),
        row("np.kron-matrix-vector", "a, b", "np.kron(a, b)", [M, u(-2, 2, 2)]),
        row("np.kron-scalar-matrix", "a, b", "np.kron(a, b)", [S, M]),
        row("np.kron-3d-matrix", "a, b", "np.kron(a, b)", [u(-2, 2, 2, 1, 2), M]),
        # np.einsum: implicit output, repeated letters, letters of one operand, ellipses
        row("np.einsum-implicit-matmul", "a, b", "np.einsum('ij,jk', a, b)", [M, u(-2, 2, 3, 2)]),
        row("np.einsum-implicit-transpose", "a", "np.einsum('ji', a)", [M]),
        row("np.einsum-implicit-trace", "a", "np.einsum('ii', a)", [M3]),
        row("np.einsum-implicit-outer", "a, b", "np.einsum('i,j', a, b)", [V, V4]),
        row("np.einsum-row-sums", "a", "np.einsum('ij->i', a)", [M]),
        row("np.einsum-sum-all", "a", "np.einsum('ij->', a)", [M]),
        row("np.einsum-transpose", "a", "np.einsum('ij->ji', a)", [M]),
        row("np.einsum-own-letter", "a, b", "np.einsum('ij,j->j', a, b)", [M, V]),
        row("np.einsum-own-letter-wrt0", "a, b", "np.einsum('ij,j->j', a, b)", [M, V], (0,)),
        row("np.einsum-diagonal-times", "a, b", "np.einsum('ii,i->i', a, b)", [M3, V]),
        row("np.einsum-repeated-3d", "a", "np.einsum('iji->j', a)", [u(-2, 2, 3, 2, 3)]),
        row("np.einsum-hadamard", "a, b", "np.einsum('ij,ij->ij', a, b)", [M, M]),
        row("np.einsum-batched", "a, b", "np.einsum('bij,bjk->bik', a, b)",
            [T3, u(-2, 2, 2, 4, 2)]),
        row("np.einsum-chain", "a, b, c", "np.einsum('ij,jk,kl->il', a, b, c)",
            [M, M3, u(-2, 2, 3, 2)]),
        row("np.einsum-same-operand", "a", "np.einsum('ij,ij->', a, a)", [M]),
        row("np.einsum-spaces", "a, b", "np.einsum('ij, j -> i', a, b)", [M, V]),
        row("np.einsum-ellipsis", "a, b", "np.einsum('...ij,...j->...i', a, b)", [T3, V4]),
        row("np.einsum-ellipsis-broadcast", "a, b", "np.einsum('...ij,...j->...i', a, b)",
            [u(-2, 2, 2, 1, 3, 4), u(-2, 2, 3, 4)]),
        row("np.einsum-ellipsis-implicit", "a", "np.einsum('...ii', a)", [u(-2, 2, 2, 3, 3)]),
        row("np.einsum-ellipsis-sum", "a", "np.einsum('i...->...', a)", [T3]),
    ]


# ---------------------------------------------------------------- shapes and constructors
def shape_rows():
    return [
        row("np.transpose", "x", "np.transpose(x)", [M]),
        row("np.transpose-axes", "x", "np.transpose(x, (1, 0, 2))", [T3]),
        row("np.transpose-axes-keyword", "x", "np.transpose(x, axes=[2, 0, 1])", [T3]),
        row("attribute-T", "x", "x.T @ x", [M]),
        row("method-transpose", "x", "x.transpose()", [M]),
        row("method-transpose-axes", "x", "x.transpose(2, 0, 1)", [T3]),
        row("np.permute_dims-alias", "x", "np.permute_dims(x, (1, 0, 2))", [T3]),
        row("np.reshape", "x", "np.reshape(x, (3, 2))", [M]),
        row("np.reshape-minus-one", "x", "np.reshape(x, -1) * 2.0", [M]),
        row("np.reshape-keyword", "x", "np.reshape(x, shape=(6,))", [M]),
        row("method-reshape-args", "x", "x.reshape(3, 2)", [M]),
        row("method-reshape-tuple", "x", "x.reshape((2, 3, 1))", [M]),
        row("np.concatenate", "x, y", "np.concatenate([x, y])", [V, V4]),
        row("np.concatenate-axis1", "x, y", "np.concatenate([x, y], axis=1)",
            [M, u(-2, 2, 2, 2)]),
        row("np.concatenate-axis-1-tuple", "x, y", "np.concatenate((x, y), -1)",
            [M, u(-2, 2, 2, 2)]),
        row("np.concatenate-wrt1", "x, y", "np.concatenate([x, y])", [V, V4], (1,)),
        row("np.concatenate-constant", "x", "np.concatenate([x, np.zeros(2), x])", [V]),
        row("np.concat-alias", "x, y", "np.concat([x, y])", [V, V4]),
        row("np.stack", "x, y", "np.stack([x, y])", [V, V]),
        row("np.stack-axis1", "x, y", "np.stack([x, y], axis=1)", [V, V]),
        row("np.stack-wrt0", "x, y", "np.stack([x, y, x])", [V, V], (0,)),
        row("np.stack-scalars", "x, y", "np.stack([x, y])", [S, S]),
        row("np.hstack", "x, y", "np.hstack([x, y])", [V, V4]),
        row("np.hstack-wrt0", "x, y", "np.hstack([x, y])", [V, V4], (0,)),
        row("np.vstack", "x, y", "np.vstack([x, y])", [M, V]),
        row("np.vstack-wrt1", "x, y", "np.vstack((x, y))", [M, V], (1,)),
        row("np.diag-vector-to-matrix", "x", "np.diag(x)", [V]),
        row("np.diag-vector-offset", "x", "np.diag(x, k=1)", [V]),
        row("np.diag-matrix-to-vector", "x", "np.diag(x)", [M3]),
        row("np.diag-matrix-offset", "x", "np.diag(x, -1)", [M3]),
        row("np.trace", "x", "np.trace(x)", [M3]),
        row("np.trace-offset", "x", "np.trace(x, offset=1)", [M]),
        row("np.trace-axes", "x", "np.trace(x, axis1=1, axis2=2)", [u(-2, 2, 2, 3, 3)]),
        row("method-trace", "x", "x.trace()", [M3]),
        row("np.tril", "x", "np.tril(x)", [M3]),
        row("np.tril-k", "x", "np.tril(x, k=-1)", [M3]),
        row("np.triu", "x", "np.triu(x)", [M3]),
        row("np.triu-k", "x", "np.triu(x, 1)", [M]),
        row("np.squeeze", "x", "np.squeeze(x)", [u(-2, 2, 1, 3, 1)]),
        row("np.squeeze-axis", "x", "np.squeeze(x, axis=0)", [u(-2, 2, 1, 3, 1)]),
        row("method-squeeze", "x", "x.squeeze(2)", [u(-2, 2, 1, 3, 1)]),
        row("np.expand_dims", "x", "np.expand_dims(x, 0)", [V]),
        row("np.expand_dims-negative", "x", "np.expand_dims(x, axis=-1) * x", [V]),
        row("np.ravel", "x", "np.ravel(x)", [M]),
        row("method-ravel", "x", "x.ravel()", [T3]),
        row("method-flatten", "x", "x.flatten()", [M]),
        row("np.cumsum", "x", "np.cumsum(x)", [M]),
        row("np.cumsum-axis", "x", "np.cumsum(x, axis=1)", [M]),
        row("method-cumsum", "x", "x.cumsum(0)", [M]),
        row("np.swapaxes", "x", "np.swapaxes(x, 0, 1)", [M]),
        row("np.flip", "x", "np.flip(x)", [M]),
        row("np.flip-axis", "x", "np.flip(x, axis=1) * x", [M]),
        row("np.flip-axis-tuple", "x", "np.flip(x, (0, 2))", [T3]),
        row("np.flip-scalar", "x", "np.flip(x)", [S]),
        row("np.flipud", "x", "np.flipud(x) * x", [M]),
        row("np.fliplr", "x", "np.fliplr(x)", [T3]),
        row("np.atleast_1d", "x", "np.atleast_1d(x)", [S]),
        row("np.atleast_2d", "x", "np.atleast_2d(x) * 2.0", [V]),
        row("np.atleast_3d", "x", "np.atleast_3d(x)", [M]),
        row("np.atleast_2d-matrix", "x", "np.atleast_2d(x)", [M]),
        row("np.moveaxis", "x", "np.moveaxis(x, 0, -1)", [T3]),
        row("np.moveaxis-tuple", "x", "np.moveaxis(x, (0, 1), (2, 0)) * 1.5", [T3]),
        row("np.rot90", "x", "np.rot90(x)", [M]),
        row("np.rot90-k", "x", "np.rot90(x, 3, axes=(1, 2)) * 2.0", [T3]),
        row("np.rot90-negative", "x", "np.rot90(x, -1)", [M34]),
        row("np.rollaxis", "x", "np.rollaxis(x, 2)", [T3]),
        row("np.rollaxis-start", "x", "np.rollaxis(x, 0, 3) * 1.5", [T3]),
        row("np.rollaxis-back", "x", "np.rollaxis(x, -1, 1)", [T3]),
        row("np.nanmax", "x", "np.nanmax(x)", [distinct(2, 3)]),
        row("np.nanmax-nan", "x", "np.nanmax(x * np.array([1.0, np.nan, 1.0]), axis=1)",
            [distinct(2, 3)]),
        row("np.nanmin-keepdims", "x", "np.nanmin(x, axis=0, keepdims=True)", [distinct(2, 3)]),
        row("np.nanmin-nan", "x", "np.nanmin(x * np.array([[np.nan], [1.0]]), axis=0)",
            [distinct(2, 3)]),
        row("np.roll", "x", "np.roll(x, 2)", [M]),
        row("np.roll-axis", "x", "np.roll(x, -1, axis=1) * x", [M]),
        row("np.roll-tuple", "x", "np.roll(x, (1, 2), axis=(0, 2))", [T3]),
        row("np.diagonal", "x", "np.diagonal(x)", [M3]),
        row("np.diagonal-offset", "x", "np.diagonal(x, 1) * 2.0", [M34]),
        row("np.diagonal-negative-offset", "x", "np.diagonal(x, offset=-1)", [M34]),
        row("np.diagonal-axes", "x", "np.diagonal(x, 0, 2, 0)", [T3]),
        row("np.nansum", "x", "np.nansum(x)", [M]),
        row("np.nansum-axis", "x", "np.nansum(x * np.array([1.0, np.nan, 2.0]), axis=1)", [M]),
        row("np.nansum-keepdims", "x", "np.nansum(x, axis=0, keepdims=True)", [M]),
        row("np.nanmean", "x", "np.nanmean(x)", [M]),
        row("np.nanmean-axis", "x", "np.nanmean(x * np.array([1.0, np.nan, 2.0]), axis=1)",
            [M]),
        row("np.nanmean-keepdims", "x", "np.nanmean(x, axis=-1, keepdims=True)", [T3]),
        row("np.column_stack", "x, y", "np.column_stack([x, y])", [V, V]),
        row("np.column_stack-matrix", "x, y", "np.column_stack([x, y]) * 2.0", [M34, u(-2, 2, 3)]),
        row("np.row_stack", "x, y", "np.row_stack([x, y])", [V, V]),
        row("np.dstack", "x, y", "np.dstack([x, y])", [M, M]),
        row("np.dstack-vectors", "x, y", "np.dstack([x, y]) * 2.0", [V, V]),
        row("np.diff", "x", "np.diff(x)", [V4]),
        row("np.diff-n2", "x", "np.diff(x, n=2)", [u(-2, 2, 5)]),
        row("np.diff-axis0", "x", "np.diff(x, axis=0) * x[1:]", [M34]),
        row("np.repeat", "x", "np.repeat(x, 2)", [V]),
        row("np.repeat-axis", "x", "np.repeat(x, 3, axis=1)", [M]),
        row("np.repeat-counts", "x", "np.repeat(x, np.array([1, 0, 2]), axis=0) * 2.0", [M3]),
        row("np.repeat-flat-counts", "x", "np.repeat(x, np.array([2, 0, 1, 3, 1, 1]))", [M]),
        row("np.tile", "x", "np.tile(x, 3)", [V]),
        row("np.tile-2d", "x", "np.tile(x, (2, 1, 2))", [M]),
        row("np.tile-scalar", "x", "np.tile(x, (2, 2))", [S]),
        row("np.append", "x, y", "np.append(x, y)", [M, V]),
        row("np.append-axis", "x, y", "np.append(x, y, axis=0) * 2.0", [M, u(-2, 2, 1, 3)]),
        row("np.take", "x", "np.take(x, np.array([2, 0, 2]))", [M]),
        row("np.take-axis", "x", "np.take(x, np.array([[1, 0], [1, 1]]), axis=1)", [M34]),
        row("np.take-scalar-index", "x", "np.take(x, 1, axis=0) * 3.0", [M]),
        row("np.take_along_axis", "x", "np.take_along_axis(x, np.argsort(x, axis=1), axis=1)",
            [distinct(2, 3)]),
        row("np.take_along_axis-repeats", "x",
            "np.take_along_axis(x, np.array([[0, 0, 2, 2]]), axis=1) * 2.0", [M]),
        row("np.take_along_axis-axis0", "x", "np.take_along_axis(x, np.array([[1], [0], [1]]), 0)",
            [M34]),
        row("np.take_along_axis-flat", "x", "np.take_along_axis(x, np.array([5, 0, 5]), None)",
            [M]),
        row("np.sort", "x", "np.sort(x)", [distinct(2, 3)]),
        row("np.sort-axis0", "x", "np.sort(x, axis=0) * x", [distinct(3, 3)]),
        row("np.sort-flat", "x", "np.sort(x, axis=None)", [distinct(2, 3)]),
        row("sorted", "x", "s = sorted(x)\nreturn s[0] * s[1] + s[-1]", [distinct(4)]),
        row("sorted-tuple", "x", "s = sorted((x[0], x[1] * x[2], x[3]), reverse=True)\n"
                                 "return s[0] * s[1] + s[2]", [distinct(4)]),
        row("np.tensordot", "a, b", "np.tensordot(a, b)", [M, M]),
        row("np.tensordot-1", "a, b", "np.tensordot(a, b, axes=1)", [M, M34]),
        row("np.tensordot-lists", "a, b", "np.tensordot(a, b, axes=([0, 2], [2, 0]))",
            [T3, u(-2, 2, 4, 2, 2)]),
        row("np.tensordot-0", "a, b", "np.tensordot(a, b, 0)", [V, V]),
        row("np.searchsorted", "x", "x * np.searchsorted(np.array([0.0, 1.0]), x)", [V]),
        row("np.average", "x", "np.average(x)", [M]),
        row("np.average-axis", "x", "np.average(x, axis=1) * 2.0", [M]),
        row("np.average-weights", "x, w", "np.average(x, weights=w)", [M, P2x3]),
        row("np.average-weights-axis", "x, w", "np.average(x, axis=0, weights=w)", [M34, P]),
        row("np.average-weights-axis1", "x, w", "np.average(x, 1, w) * x[:, 0]", [M34, P4]),
        row("np.average-constant-weights", "x", "np.average(x, axis=1, weights=np.array([1.0, "
                                                "2.0, 3.0]))", [M]),
        row("np.ptp", "x", "np.ptp(x)", [distinct(2, 3)]),
        row("np.ptp-axis", "x", "np.ptp(x, axis=1)", [distinct(2, 3)]),
        row("np.ptp-keepdims", "x", "np.ptp(x, axis=0, keepdims=True)", [distinct(2, 3)]),
        row("np.swapaxes-3d", "x", "np.swapaxes(x, 2, -3)", [T3]),
        row("method-swapaxes", "x", "x.swapaxes(1, 2)", [T3]),
        row("np.broadcast_to", "x", "np.broadcast_to(x, (2, 3))", [V]),
        row("np.broadcast_to-scalar", "x", "np.broadcast_to(x, (2, 3))", [S]),
        row("np.array-scalars", "x, y", "np.array([x, y, x * y])", [S, S]),
        row("np.array-nested", "x, y", "np.array([[x, y], [y, 2.0]])", [S, S]),
        row("np.array-wrt1", "x, y", "np.array([x, 1.0, y])", [S, S], (1,)),
        row("np.array-of-arrays", "x, y", "np.array([x, y])", [V, V], (1,)),
        row("np.array-of-array", "x", "np.array(x) * 2.0", [V]),
        row("np.asarray", "x", "np.asarray(x) * x", [V]),
        row("np.copy", "x", "np.copy(x)", [M]),
        row("method-copy", "x", "y = x.copy()\ny[0] = 1.0\ny * x", [V]),
        row("float-builtin", "x", "float(x) * 2.0", [S]),
        row("float-of-array-entry", "x", "float(x[1]) * x", [V]),
        row("tuple-return", "x, y", "(x * y, np.sin(x))", [V, V]),
        row("tuple-unpack", "x, y", "t = (x, y * 2.0)\na, b = t\na * b", [V, V]),
        row("tuple-partly-constant", "x", "(x, 1.0, np.zeros(2))", [V]),
        row("np.transpose-3d", "x", "np.transpose(x)", [T3]),
        row("attribute-T-3d", "x", "x.T", [T3]),
        row("attribute-T-vector", "x", "x.T * x", [V]),
        row("attribute-T-alone", "x", "x.T", [M]),
        row("np.transpose-negative-axes", "x", "np.transpose(x, (-1, 0, -2))", [T3]),
        row("np.reshape-minus-one-first", "x", "np.reshape(x, (-1, 2))", [T3]),
        row("np.reshape-minus-one-last", "x", "x.reshape(3, -1)", [T3]),
        row("np.reshape-scalar", "x", "np.reshape(x, (1, 1))", [S]),
        row("np.ravel-order-F", "x", "np.ravel(x, order='F')", [T3]),
        row("np.ravel-order-A-fortran", "x", "np.ravel(x.T, order='A')", [M]),
        row("np.ravel-order-A", "x", "np.ravel(x, 'A')", [M]),
        row("np.ravel-order-K-transposed", "x", "np.ravel(x.T, order='K')", [T3]),
        row("np.ravel-order-K-reversed", "x", "y = x[::-1, ::2]\nnp.ravel(y.T, order='K')",
            [M34]),
        row("method-ravel-F", "x", "x.ravel('F')", [M]),
        row("method-flatten-F", "x", "x.flatten('F')", [M]),
        row("np.concatenate-axis-none", "x, y", "np.concatenate([x, y], axis=None)", [M, V]),
        row("np.concatenate-scalar-broadcast", "x, y", "np.concatenate([x * y, y * x], 1)",
            [COL, S]),
        row("np.stack-axis-1", "x, y", "np.stack([x, y], axis=-1)", [M, M]),
        row("np.hstack-matrices", "x, y", "np.hstack([x, y])", [M, u(-2, 2, 2, 2)]),
        row("np.vstack-vectors", "x, y", "np.vstack([x, y, x])", [V, V]),
        row("np.hstack-scalars", "x, y", "np.hstack([x, y])", [S, S]),
        row("np.hstack-scalar-first", "x, y", "np.hstack([x, y, x])", [S, V]),
        row("np.vstack-scalars", "x, y", "np.vstack([x, y])", [S, S]),
        row("np.diag-vector-offset-negative", "x", "np.diag(x, -2)", [V]),
        row("np.diag-nonsquare-offset", "x", "np.diag(x, 1)", [M]),
        row("np.diag-nonsquare-offset-negative", "x", "np.diag(x, k=-1)", [u(-2, 2, 3, 2)]),
        row("np.diag-nonsquare", "x", "np.diag(x)", [u(-2, 2, 4, 2)]),
        row("np.trace-offset-negative", "x", "np.trace(x, -1)", [M34]),
        row("np.trace-offset-axes", "x", "np.trace(x, offset=1, axis1=2, axis2=0)", [T3]),
        row("np.trace-negative-axes", "x", "np.trace(x, 0, -1, -2)", [u(-2, 2, 2, 3, 3)]),
        row("np.trace-axes-reversed", "x", "np.trace(x, axis1=1, axis2=0)", [M34]),
        row("np.tril-nonsquare", "x", "np.tril(x, 1)", [M34]),
        row("np.triu-3d", "x", "np.triu(x, -1)", [T3]),
        row("np.squeeze-tuple-axis", "x", "np.squeeze(x, axis=(0, 2))", [u(-2, 2, 1, 3, 1)]),
        row("np.expand_dims-tuple", "x", "np.expand_dims(x, (0, 2))", [M]),
        row("np.cumsum-axis-1", "x", "np.cumsum(x, axis=-1)", [T3]),
        row("np.cumsum-3d-flat", "x", "np.cumsum(x)", [T3]),
        row("np.cumsum-scalar", "x", "np.cumsum(x)", [S]),
        row("np.broadcast_to-ones", "x", "np.broadcast_to(x, (2, 3, 4))", [COL]),
        row("np.broadcast_to-row", "x", "np.broadcast_to(x, (3, 4)) * 2.0", [ROW]),
        row("np.copy-order", "x", "np.copy(x.T, order='F')", [M]),
        # a linear operation assigned to its own operand: its adjoint reads the old value
        row("self-assign-linear", "x", "x = np.sum(x, axis=0)\nx = np.mean(x, keepdims=True)\n"
                                       "x = np.reshape(x, -1)\nx", [T3]),
        row("self-assign-broadcast-sub", "x, y", "x = x - y\nx = np.cumsum(x, axis=0)\nx",
            [ROW, COL]),
        row("self-assign-hstack-scalars", "x, y", "x = np.hstack([x, y])\nx", [S, S]),
    ]


# ---------------------------------------------------------------- subscripts and index assignment
def subscript_rows():
    return [
        row("subscript-int", "x", "x[1]", [V]),
        row("subscript-negative", "x", "x[-1] * x[0]", [V]),
        row("subscript-slice", "x", "x[1:3]", [V4]),
        row("subscript-step", "x", "x[::-1] * x", [V4]),
        row("subscript-2d-int", "x", "x[1, 2]", [M]),
        row("subscript-row", "x", "x[0, :]", [M]),
        row("subscript-column", "x", "x[:, 1]", [M]),
        row("subscript-block", "x", "x[1:, :2]", [M3]),
        row("subscript-ellipsis", "x", "x[..., 0]", [T3]),
        row("subscript-newaxis", "x", "x[:, None] * x[None, :]", [V]),
        row("subscript-np-newaxis", "x", "x[np.newaxis, :]", [V]),
        row("subscript-variable-index", "x, i", "x[i] * 2.0", [V, const(1)], (0,)),
        row("subscript-array-index", "x", "x[np.array([2, 0, 0])]", [V]),
        row("subscript-mask", "x", "x[x > 0.0]", [const([0.4, -0.3, 1.2, -2.0])]),
        row("subscript-scalar-loop", "x", "s = 0.0\nfor i in range(3):\n    s = s + x[i] * x[i]\ns",
            [V]),
        row("index-assign-into-zeros", "x", "y = np.zeros(4)\ny[1:3] = x[:2] * 2.0\ny[0] = x[2]\ny",
            [V]),
        row("index-assign-overwrite-active", "x", "y = x * 1.0\ny[0] = 5.0\ny[2] = y[1] * y[2]\ny",
            [V]),
        row("index-assign-scalar-into-active", "x, s", "y = x * 2.0\ny[1] = s\ny", [V, S]),
        row("index-assign-2d", "x", "y = np.zeros((2, 3))\ny[0, :] = x\ny[1] = x * x\ny", [V]),
        row("index-assign-column", "x, c", "y = x + 0.0\ny[:, 1] = c\ny", [M, u(-2, 2, 2)]),
        row("index-assign-loop", "x", "y = np.zeros(3)\nfor i in range(3):\n"
                                      "    y[i] = x[i] * x[(i + 1) % 3]\ny", [V]),
        row("index-assign-wrt-one", "x, c", "y = x * 1.0\ny[0] = c * c\ny", [V, S], (1,)),
        # subscripts: negative steps, None, Ellipsis, integer arrays with repeats, masks
        row("subscript-negative-step-2d", "x", "x[::-1, 1::-1]", [M3]),
        row("subscript-negative-step-stop", "x", "x[3:0:-2]", [V4]),
        row("subscript-ellipsis-newaxis", "x", "x[..., None]", [M]),
        row("subscript-int-ellipsis", "x", "x[0, ..., 1:]", [T3]),
        row("subscript-newaxis-ellipsis-newaxis", "x", "x[None, ..., None]", [V]),
        row("subscript-newaxis-middle", "x", "x[:, None, 1]", [M]),
        row("subscript-repeats-2d-index", "x", "x[np.array([[0, 1], [1, 1]])]", [V]),
        row("subscript-repeats-pair", "x", "x[np.array([0, 0, 1]), np.array([1, 1, 2])]", [M]),
        row("subscript-repeats-columns", "x", "x[:, np.array([2, 2, 0])]", [M]),
        row("subscript-repeats-rows-slice", "x", "x[np.array([1, 1]), 1:]", [M3]),
        row("subscript-repeats-negative", "x", "x[np.array([-1, 2, -1])] * x[0]", [V]),
        row("subscript-mask-2d", "x", "x[x > 0.0]",
            [const([[0.4, -0.3, 1.2], [-2.0, 0.7, 0.1]])]),
        row("subscript-mask-rows", "x", "x[np.array([True, False, True])]", [M3]),
        row("subscript-mask-columns", "x", "x[:, np.array([True, False, True])]", [M]),
        row("subscript-variable-2d", "x, i, j", "x[i, j] * x[j, i]", [M3, const(2), const(-1)],
            (0,)),
        row("subscript-variable-slice", "x, i", "x[i:] * 2.0", [V4, const(1)], (0,)),
        row("subscript-chain", "x", "x[1][::-1][0]", [M3]),
        row("subscript-of-broadcast", "x, y", "(x * y)[1:, ::2]", [COL, ROW]),
        # index assignment: slices, steps, fancy indices (the last write wins), masks
        row("index-assign-step", "x, v", "y = x * 1.0\ny[::2] = v\ny", [V4, u(-2, 2, 2)]),
        row("index-assign-negative-step", "x", "y = np.zeros(4)\ny[::-1] = x\ny * x", [V4]),
        row("index-assign-scalar-into-slice", "x, s", "y = x * 1.0\ny[1:3] = s\ny", [V4, S]),
        row("index-assign-scalar-into-column", "x, s", "y = x + 0.0\ny[:, 1] = s * s\ny",
            [M, S]),
        row("index-assign-broadcast-row", "x, r", "y = np.zeros((3, 3))\ny[1:, :] = r\ny * x",
            [M3, V]),
        row("index-assign-broadcast-column", "x, c", "y = x * 1.0\ny[:, 1:] = c\ny",
            [M3, u(-2, 2, 3, 1)]),
        row("index-assign-fancy", "x, v", "y = x * 1.0\ny[np.array([2, 0])] = v\ny",
            [V, u(-2, 2, 2)]),
        row("index-assign-fancy-repeated", "x, v", "y = x * 1.0\ny[np.array([0, 0])] = v\ny",
            [V, u(-2, 2, 2)]),
        row("index-assign-fancy-repeated-scalar", "x, s",
            "y = x * 1.0\ny[np.array([2, 0, 2])] = s\ny", [V, S]),
        row("index-assign-fancy-2d", "x, v",
            "y = x * 1.0\ny[np.array([0, 1, 0]), np.array([2, 0, 2])] = v\ny",
            [M, u(-2, 2, 3)]),
        row("index-assign-fancy-columns", "x, v", "y = x * 1.0\ny[:, np.array([1, 1])] = v\ny",
            [M, u(-2, 2, 2, 2)]),
        row("index-assign-mask", "x", "y = x * x\ny[x > 0.0] = 0.0\ny",
            [const([0.4, -0.3, 1.2, -2.0])]),
        row("index-assign-mask-values", "x, v", "y = x * 1.0\nm = x > 0.0\ny[m] = v[m]\ny",
            [const([0.4, -0.3, 1.2, -2.0]), V4]),
        row("index-assign-augmented-fancy", "x, v",
            "y = x * 1.0\ny[np.array([2, 0])] += v\ny", [V, u(-2, 2, 2)]),
        row("index-assign-ellipsis", "x, v", "y = x * 1.0\ny[..., 0] = v\ny", [T3, M]),
        row("index-assign-newaxis-value", "x, v", "y = x * 1.0\ny[0] = v[None, :]\ny",
            [M, V]),
        row("index-assign-loop-fancy", "x", "y = np.zeros(3)\nfor i in range(3):\n"
                                            "    y[np.array([i, 0])] = x[i] * x[1:]\ny", [V]),
    ]


# ---------------------------------------------------------------- numpy.linalg
def linalg_rows():
    return [
        row("np.linalg.solve-vector", "a, b", "np.linalg.solve(a, b)", [wc(3), V]),
        row("np.linalg.solve-vector-wrt0", "a, b", "np.linalg.solve(a, b)", [wc(3), V], (0,)),
        row("np.linalg.solve-vector-wrt1", "a, b", "np.linalg.solve(a, b)", [wc(3), V], (1,)),
        row("np.linalg.solve-matrix", "a, b", "np.linalg.solve(a, b)", [wc(3), u(-2, 2, 3, 2)]),
        row("np.linalg.solve-matrix-wrt0", "a, b", "np.linalg.solve(a, b)",
            [wc(3), u(-2, 2, 3, 2)], (0,)),
        row("np.linalg.solve-matrix-wrt1", "a, b", "np.linalg.solve(a, b)",
            [wc(3), u(-2, 2, 3, 2)], (1,)),
        row("np.linalg.solve-batched", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2), u(-2, 2, 2, 3, 2)]),
        row("np.linalg.solve-batched-vector", "a, b", "np.linalg.solve(a, b)", [wc(3, 2), V]),
        row("np.linalg.solve-batched-vector-wrt0", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2), V], (0,)),
        row("np.linalg.solve-batched-vector-wrt1", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2), V], (1,)),
        row("np.linalg.solve-broadcast-a", "a, b", "np.linalg.solve(a, b)",
            [wc(3), u(-2, 2, 2, 3, 2)]),
        row("np.linalg.solve-broadcast-a-wrt0", "a, b", "np.linalg.solve(a, b)",
            [wc(3), u(-2, 2, 2, 3, 2)], (0,)),
        row("np.linalg.solve-broadcast-b", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2), u(-2, 2, 3, 2)]),
        row("np.linalg.solve-broadcast-b-wrt1", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2), u(-2, 2, 3, 2)], (1,)),
        row("np.linalg.solve-batch-broadcast", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2, 1), u(-2, 2, 1, 4, 3, 2)]),
        row("np.linalg.solve-stack-vector-3d", "a, b", "np.linalg.solve(a, b)",
            [wc(3, 2, 2), V]),
        row("np.linalg.solve-same-operand", "a", "np.linalg.solve(a, a[:, 0])", [wc(3)]),
        row("np.linalg.inv", "a", "np.linalg.inv(a)", [wc(3)]),
        row("np.linalg.inv-batched", "a", "np.linalg.inv(a)", [wc(3, 2)]),
        row("np.linalg.det", "a", "np.linalg.det(a)", [wc(3)]),
        row("np.linalg.det-batched", "a", "np.linalg.det(a)", [wc(2, 3)]),
        row("np.linalg.slogdet", "a", "np.linalg.slogdet(a)", [wc(3)]),
        row("np.linalg.slogdet-unpack", "a", "sign, logdet = np.linalg.slogdet(a)\nsign * logdet",
            [spd(3)]),
        row("np.linalg.slogdet-index", "a", "np.linalg.slogdet(a)[1]", [spd(3)]),
        row("np.linalg.slogdet-negative-det", "a", "np.linalg.slogdet(a)[1]",
            [lambda rng: np.diag([-1.0, 2.0, 1.5]) + rng.uniform(-0.1, 0.1, (3, 3))]),
        row("np.linalg.slogdet-batched", "a", "np.linalg.slogdet(a)[1]", [spd(3, 2)]),
        row("np.linalg.cholesky", "a", "np.linalg.cholesky(a)", [spd(3)]),
        row("np.linalg.cholesky-symmetrized", "a", "np.linalg.cholesky(a @ a.T + np.eye(3))",
            [M3]),
        row("np.linalg.cholesky-batched", "a", "np.linalg.cholesky(a)", [spd(3, 2)]),
        row("np.linalg.norm-vector", "x", "np.linalg.norm(x)", [V]),
        row("np.linalg.norm-matrix", "x", "np.linalg.norm(x)", [M]),
        row("np.linalg.norm-axis0", "x", "np.linalg.norm(x, axis=0)", [M]),
        row("np.linalg.norm-axis-1-keepdims", "x", "x / np.linalg.norm(x, axis=-1, keepdims=True)",
            [M]),
        row("np.linalg.norm-axis-pair", "x", "np.linalg.norm(x, axis=(1, 2))", [T3]),
        row("np.linalg.norm-ord-none", "x", "np.linalg.norm(x, None, 1)", [M]),
        row("np.linalg.norm-scalar-result", "x", "math.exp(np.linalg.norm(x) / 10.0)", [V]),
        row("np.linalg.norm-keepdims", "x", "np.linalg.norm(x, keepdims=True)", [M]),
        row("np.linalg.norm-axis-negative", "x", "np.linalg.norm(x, axis=-2)", [T3]),
        row("np.linalg.norm-axis-pair-keepdims", "x",
            "np.linalg.norm(x, axis=(0, 2), keepdims=True)", [T3]),
        row("np.linalg.inv-broadcast-use", "a, b", "np.linalg.inv(a) @ b", [wc(3, 2), V]),
        row("np.linalg.det-times", "a, s", "np.linalg.det(a) * s", [wc(3, 2), S]),
        row("np.linalg.slogdet-sign", "a", "np.linalg.slogdet(a)[0] * a", [wc(3)]),
        row("np.linalg.cholesky-3-batched", "a", "np.linalg.cholesky(a)", [spd(2, 3, 2)]),
    ]


# ---------------------------------------------------------------- no derivative
# Each of these uses a no-derivative intrinsic in arithmetic with an active value; the checker
# compares with central differences, so a non-zero tangent from the intrinsic would fail.
def nondiff_rows():
    D = distinct(4)
    NZ = const([0.3, -1.3, 2.6, -0.8])     # away from integers and half-integers
    return [
        row("np.floor", "x", "x * np.floor(x)", [NZ]),
        row("np.floor-alone", "x", "np.floor(x)", [NZ]),
        row("np.ceil", "x", "x * np.ceil(x)", [NZ]),
        row("np.trunc", "x", "x * np.trunc(x)", [NZ]),
        row("np.round", "x", "x * np.round(x)", [NZ]),
        row("round", "x", "x * round(x) + round(x, 1)", [const(1.26)]),
        row("np.rint", "x", "x + np.rint(x)", [NZ]),
        row("np.fix", "x", "x * np.fix(x)", [NZ]),
        row("np.sign", "x", "np.sign(x) * x * x", [NZ]),
        row("np.isnan", "x", "x * np.isnan(x) + x", [NZ]),
        row("np.isinf", "x", "x * np.isinf(x) + x", [NZ]),
        row("np.isfinite", "x", "x * np.isfinite(x)", [NZ]),
        row("np.floor_divide", "x", "x * np.floor_divide(x, 0.7)", [NZ]),
        row("np.logical", "x", "x * np.logical_and(x > 0.0, np.logical_or(x < 1.0, "
                               "np.logical_not(x > 2.0)))", [NZ]),
        row("np.argmax-argmin", "x", "x[np.argmax(x)] * x[np.argmin(x)]", [D]),
        row("np.argsort", "x", "x[np.argsort(x)] * np.arange(4)", [D]),
        row("np.any-all", "x", "x * np.any(x > 0.0) + x * np.all(x > 0.0)", [NZ]),
        row("np.count_nonzero", "x", "x * np.count_nonzero(x > 0.0)", [NZ]),
        row("np.nonzero", "x", "x[np.nonzero(x > 0.0)]", [NZ]),
        row("np.triu-tril-diag-indices", "x",
            "m = np.outer(x, x)\nnp.sum(m[np.triu_indices(4)]) + np.sum(m[np.tril_indices(4, -1)]) "
            "* np.sum(m[np.diag_indices(4)])", [NZ]),
        row("np.argwhere-flatnonzero", "x", "x[np.flatnonzero(x > 0.0)] * np.sum(np.argwhere(x > "
                                            "0.0))", [NZ]),
        row("np.isclose-allclose", "x", "x * np.isclose(x, 5.0) + x * np.allclose(x, x) + x * "
                                        "np.array_equal(x, x) + x * np.signbit(x)", [NZ]),
        row("np.digitize", "x", "x * np.digitize(x, np.array([-1.0, 0.0, 1.0]))", [NZ]),
        row("np.comparisons", "x", "x * np.greater(x, 0.0) + x * np.less(x, 0.0) "
                                   "+ x * np.equal(x, 0.3) + x * np.greater_equal(x, 1.0) "
                                   "+ x * np.less_equal(x, 1.0) + x * np.not_equal(x, 0.3)",
            [NZ]),
        row("math.floor-ceil-trunc", "x", "x * math.floor(x) + x * math.ceil(x) + "
                                          "x * math.trunc(x)", [const(1.3)]),
        row("math.isnan-isinf-isfinite", "x", "x * math.isnan(x) + x * math.isinf(x) + "
                                              "x * math.isfinite(x)", [const(1.3)]),
        row("compare", "x", "x * (x > 0.0) + x * (x <= 1.0)", [NZ]),
        row("compare-scalar-branch", "x", "y = x * x if x > 0.5 else -x\ny", [const(1.3)]),
        row("bool-ops", "x", "x * ((x > 0.0) & (x < 1.0)) + x * ((x > 2.0) | (x < -1.0)) "
                             "+ x * ((x > 0.0) ^ (x > 1.0)) + x * ~(x > 0.0)", [NZ]),
        row("not-and-or", "x", "y = x\nif not (x > 0.0 and x < 1.0) or x > 5.0:\n"
                               "    y = x * x\ny", [const(1.3)]),
        row("floordiv", "x", "x * (x // 0.7)", [NZ]),
        row("shifts", "x", "x * (1 << 2) + x * (16 >> len(x))", [NZ]),
        row("int-len-range-bool", "x", "s = 0.0\nfor i in range(len(x)):\n"
                                       "    s = s + x[i] * int(2.7) * bool(i)\ns", [NZ]),
        row("np.zeros-ones-eye", "x", "np.zeros(4) + x * np.ones(4) + np.eye(4) @ x "
                                      "+ np.identity(4) @ x", [NZ]),
        row("np.arange-linspace", "x", "x * np.arange(4) + x * np.linspace(0.0, 1.0, 4)", [NZ]),
        row("np.like-constructors", "x", "x * np.zeros_like(x) + x * np.ones_like(x) "
                                         "+ x * np.full_like(x, 2.0)", [NZ]),
        row("np.full", "x", "x * np.full(4, 2.0) + np.full((4,), 1.0)", [NZ]),
        row("np.empty", "x", "y = np.empty(4)\ny[:] = x * 2.0\ny", [NZ]),
        row("np.empty_like", "x", "y = np.empty_like(x)\ny[:] = x * x\ny", [NZ]),
        row("np.shape-ndim-size", "x", "x * np.shape(x)[0] + x * np.ndim(x) + x * np.size(x)",
            [NZ]),
        row("attributes", "x", "x * x.shape[0] + x * x.ndim + x * x.size", [NZ]),
        row("np.zeros-of-shape", "x", "y = np.zeros(x.shape)\ny[1] = x[0]\ny + x", [NZ]),
    ]


ROWS = (elementwise_rows() + operator_rows() + selection_rows() + reduction_rows()
        + product_rows() + shape_rows() + subscript_rows() + linalg_rows() + nondiff_rows()
        + rows_numpy.ROWS + rows_assembly.ROWS + rows_containers.ROWS + rows_linalg.ROWS + rows_scipy_linalg.ROWS
        + rows_scipy_special.ROWS + rows_scipy_stats.ROWS + rows_fft.ROWS)


# ---------------------------------------------------------------- scalar-valued functions
# Compiled for a gradient (scalar_output=True), reverse mode takes the value to be a number and
# infers more scalars from it, skipping the summing back of adjoints to operand shapes.  These
# rows mix numbers and arrays where a wrong inference would give a wrong shape or sum (every
# row of ROWS whose value is a number runs this way too).
def scalar_output_rows():
    return [
        row("sum-of-scalar-times-array", "x, y", "np.sum(x * y)", [S, V]),
        row("sum-of-array-times-scalar-wrt1", "x, y", "np.sum(x * y)", [V, S], (1,)),
        row("scalar-times-scalar", "x, y", "x * y", [S, S]),
        row("scalar-over-scalar", "x, y", "x / y + x ** y", [S, PS]),
        row("sum-then-scalar", "x, y", "t = x * y\ns = np.sum(t)\ns * x", [S, M]),
        row("sum-times-scalar-param", "x, y", "np.sum(x) * y + y", [M, S]),
        row("sum-of-broadcast", "x, y", "np.sum(x + y * x)", [COL, ROW]),
        row("mean-of-scalar-minus-array", "x, y", "np.mean((x - y) ** 2)", [S, V]),
        row("dot-vectors", "x, y", "np.dot(x, y) * x[0]", [V, V]),
        row("matmul-quadratic-form", "a, x", "x @ a @ x", [M3, V]),
        row("entries-product", "x", "x[0] * x[1] - x[2] / 2.0", [V]),
        row("entry-times-array-summed", "x", "np.sum(x[0] * x)", [V]),
        row("max-of-array-times-scalar", "x, s", "np.max(x * s) + np.min(x) * s",
            [distinct(4), PS]),
        row("norm-and-scalar", "x, s", "np.linalg.norm(x * s) + np.var(x) * s", [M, S]),
        row("trace-of-product", "a, b", "np.trace(a @ b) * np.linalg.det(a)", [wc(3), M3]),
        row("logsumexp", "x", "m = np.max(x)\nm + np.log(np.sum(np.exp(x - m)))", [distinct(5)]),
        row("loop-accumulation", "x, y",
            "s = 0.0\nfor i in range(3):\n    s = s + x[i] * y\ns", [V, S]),
        row("loop-array-accumulation", "x, y",
            "s = 0.0\nfor i in range(2):\n    s = s + x[i] * y\nnp.sum(s)", [M, V]),
        row("branch-scalar-or-array", "x, y",
            "if y > 0.0:\n    t = np.sum(x) * y\nelse:\n    t = np.sum(x * y)\nt", [V, PS]),
        row("math-of-reduction", "x, s", "math.exp(np.sum(x) / 10.0) * math.sin(s)", [V, S]),
        row("where-scalar-result", "x, y", "np.sum(np.where(x > 0.0, x * y, y))",
            [const([0.3, -1.2, 2.0]), S]),
        row("einsum-scalar", "a, b", "np.einsum('ij,ij->', a, b) * np.einsum('ii', b[:, :2])",
            [M, M]),
        row("index-assign-then-sum", "x, s", "y = x * 1.0\ny[1:] = s\nnp.sum(y * y)", [V, S]),
        row("power-of-sum", "x, p", "np.sum(x) ** p", [P, PS]),
        row("maximum-of-scalars-summed", "x, y", "np.sum(np.maximum(x, y * np.ones(3)))",
            [const(0.3), const(1.2)]),
        row("clip-scalar-bounds-active", "x, lo", "np.sum(np.clip(x, lo, 1.0))",
            [const([0.3, -1.2, 2.0]), const(-1.0)]),
    ]


SCALAR_OUTPUT_ROWS = scalar_output_rows()


# ---------------------------------------------------------------- ties and kinks
# Points where the function has no derivative (max and min ties, clip at its bounds, abs at 0):
# the convention (the adjoint shared equally among tied entries; maximum / where / clip pick the
# first operand) must be the same in both modes.  Checked forward against reverse, without
# central differences.
def tie_rows():
    tied = const([[1.0, 2.0, 2.0, -1.0], [0.5, 0.5, -3.0, 0.5], [2.0, 0.1, 2.0, -1.0]])
    out = []
    for name in ("max", "min"):
        for args, tag in [("", "all"), (", axis=0", "axis0"), (", axis=1", "axis1"),
                          (", axis=-1, keepdims=True", "axis-1-keepdims"),
                          (", axis=(0, 1)", "axis01")]:
            out.append(row(f"tie-np.{name}-{tag}", "x", f"np.{name}(x{args})", [tied]))
        out.append(row(f"tie-method-{name}", "x", f"x.{name}(axis=0) * x[0]", [tied]))
        out.append(row(f"tie-np.{name}-list", "x, y", f"np.{name}([x, y, x])",
                       [const(0.5), const(0.5)]))
    a, b = const([0.3, -1.2, 2.0]), const([0.3, -1.0, 2.0])
    for name in ("maximum", "minimum"):
        out += [row(f"tie-np.{name}", "a, b", f"np.{name}(a, b)", [a, b]),
                row(f"tie-np.{name}-wrt1", "a, b", f"np.{name}(a, b)", [a, b], (1,)),
                row(f"tie-np.{name}-broadcast", "a, b", f"np.{name}(a, b)",
                    [const([[0.3], [2.0]]), b]),
                row(f"tie-np.{name}-scalar", "a, b", f"np.{name}(a, b)", [a, const(0.3)])]
    for name in ("max", "min"):
        out += [row(f"tie-{name}-builtin", "a, b", f"{name}(a, b) * a", [const(0.7), const(0.7)])]
    x = const([0.3, -1.0, 1.0, -0.5])
    out += [
        row("tie-np.maximum-relu", "x", "np.maximum(x, 0.0)", [const([0.0, 1.0, -1.0])]),
        row("tie-np.clip-at-bounds", "x", "np.clip(x, -1.0, 1.0)", [x]),
        row("tie-np.clip-bounds-active", "x, lo, hi", "np.clip(x, lo, hi)",
            [x, const([-1.0, -1.0, 0.5, -0.5]), const(1.0)]),
        row("tie-abs-zero", "x", "abs(x) + np.abs(x)", [const([0.0, 1.0, -2.0])]),
        row("tie-math.fabs-zero", "x", "math.fabs(x)", [const(0.0)]),
        row("tie-np.where-equal", "a, b", "np.where(a >= b, a, b)", [a, b]),
    ]
    return out


TIE_ROWS = tie_rows()


_COMPILED = {}


def _compiled(src, wrt, scalar_output=False):
    """The namespace of the row's generated module: ``d_f`` and ``b_f`` (compiled once, in
    mode "both", for the forward and the reverse test of a row)."""
    key = (src, wrt, scalar_output)
    if key not in _COMPILED:
        text, names = sct.api.compile_module(src, "<row>", ["f"], "both", wrt,
                                             scalar_output=scalar_output)
        namespace = {}
        exec(compile(text, "<generated>", "exec"), namespace)
        assert "d_f" in namespace and "b_f" in namespace, names
        _COMPILED[key] = namespace
    return _COMPILED[key]


def _run(params, body, domains, wrt, seed):
    src = source(params, body)
    namespace, reference = _compiled(src, wrt), {}
    exec(compile(src, "<source>", "exec"), reference)
    rng = np.random.default_rng(seed)
    args = [domain(rng) for domain in domains]
    check_forward(reference["f"], namespace["d_f"], args, wrt, seed=seed)
    # the checker lets a scalar tangent stand for an array one; here each tangent must have
    # its value's shape
    wrt = range(len(args)) if wrt is None else wrt
    ones = [1.0 if np.ndim(args[i]) == 0 else np.ones(np.shape(args[i])) for i in wrt]
    value, tangent = namespace["d_f"](*args, *ones)
    for v, t in zip(leaves(value), leaves(tangent), strict=True):
        assert np.shape(t) == np.shape(v), f"tangent shape {np.shape(t)}, value {np.shape(v)}"


def _run_reverse(params, body, domains, wrt, seed, scalar_output):
    """The adjoint against central differences (check_reverse also checks its shapes)."""
    src = source(params, body)
    reference = {}
    exec(compile(src, "<source>", "exec"), reference)
    rng = np.random.default_rng(seed)
    args = [domain(rng) for domain in domains]
    value = reference["f"](*args)
    if scalar_output:
        assert not isinstance(value, tuple) and np.ndim(value) == 0, "a row with a number value"
        _check_inferred_scalars(src, args, wrt, scalar_output)
    check_reverse(reference["f"], _compiled(src, wrt, scalar_output)["b_f"], args, wrt,
                  seed=seed)
    return value


def _check_inferred_scalars(src, args, wrt, scalar_output):
    """Every name that activity analysis takes to be a number holds one whenever the program
    in reverse mode's intermediate form runs on ``args``."""
    program = parse_program(src, "<row>", ["f"])
    fn = program.entries[0]
    comp = Compilation(program)
    ir = normalize(comp.ir(fn))
    wrt_names = resolve_wrt(fn, wrt)
    scalars = analyze(ir, wrt_names, comp.callee_params, scalar_output).scalars
    # the intermediate form may call the prelude's helpers (np.linalg.multi_dot's _multi_dot)
    namespace = {n: getattr(rules.prelude, n) for n in dir(rules.prelude) if rules.is_helper(n)}
    exec(compile(HEADER + ast.unparse(ir), "<intrinsic form>", "exec"), namespace)
    wrong = {}

    def trace(frame, event, arg):
        if frame.f_code.co_filename != "<intrinsic form>":
            return None
        for name in scalars & set(frame.f_locals):
            if np.ndim(frame.f_locals[name]) != 0:
                wrong.setdefault(name, np.shape(frame.f_locals[name]))
        return trace

    saved = sys.gettrace()
    sys.settrace(trace)
    try:
        namespace[fn.name](*args)
    finally:
        sys.settrace(saved)
    assert not wrong, f"taken to be numbers, but hold arrays: {wrong}"


def _forward_reverse_agree(params, body, domains, wrt, seed=0):
    """<u, J v> from the tangent equals <J^T u, v> from the adjoint, for random u and v."""
    namespace = _compiled(source(params, body), wrt)
    b_f = namespace["b_f"]
    rng = np.random.default_rng(seed)
    args = [domain(rng) for domain in domains]
    positions = range(len(args)) if wrt is None else wrt
    for _ in range(2):
        v = [rng.standard_normal(np.shape(args[i])) for i in positions]
        v = [float(d) if np.ndim(args[i]) == 0 else d for d, i in zip(v, positions)]
        value, tangent = namespace["d_f"](*args, *v)
        u = [rng.standard_normal(np.shape(t)) for t in leaves(value)]
        seed_value = u[0] if not isinstance(value, tuple) else tuple(u)
        value_r, adjoints = b_f(*args, float(seed_value) if np.ndim(value) == 0 else seed_value)
        np.testing.assert_allclose(leaves(value_r), leaves(value), rtol=1e-12)
        lhs = sum(float(np.sum(ui * ti)) for ui, ti in zip(u, leaves(tangent)))
        rhs = sum(float(np.sum(np.asarray(a) * vi)) for a, vi in zip(adjoints, v))
        assert lhs == pytest.approx(rhs, rel=1e-10, abs=1e-12), \
            f"forward <u, J v> = {lhs}, reverse <J^T u, v> = {rhs}"


@pytest.mark.parametrize("params, body, domains, wrt", ROWS)
def test_intrinsic(params, body, domains, wrt):
    _run(params, body, domains, wrt, seed=0)


@pytest.mark.parametrize("params, body, domains, wrt", ROWS)
def test_intrinsic_reverse(request, params, body, domains, wrt):
    if request.node.callspec.id in FORWARD_ONLY:
        pytest.skip(FORWARD_ONLY[request.node.callspec.id])
    value = _run_reverse(params, body, domains, wrt, seed=0, scalar_output=False)
    ndims = [np.ndim(d(np.random.default_rng(0))) for d in domains]
    if any(ndims) and (not all(ndims) or "[" in body):     # numbers mixed with arrays
        args = [d(np.random.default_rng(0)) for d in domains]
        _check_inferred_scalars(source(params, body), args, wrt, scalar_output=False)
    if any(ndims) and not isinstance(value, tuple) and np.ndim(value) == 0:   # as a gradient
        _run_reverse(params, body, domains, wrt, seed=0, scalar_output=True)


@pytest.mark.parametrize("params, body, domains, wrt", SCALAR_OUTPUT_ROWS)
def test_scalar_output(params, body, domains, wrt):
    _run(params, body, domains, wrt, seed=0)
    _run_reverse(params, body, domains, wrt, seed=0, scalar_output=True)
    _run_reverse(params, body, domains, wrt, seed=0, scalar_output=False)


def test_scalar_output_entry_that_is_also_called():
    """With every function an entry (the CLI's default), a gradient's callee that returns an
    array keeps summing adjoints back to operand shapes: its adjoint serves the caller."""
    src = HEADER + ("def g(x, y):\n    return x * y\n\n\n"
                    "def f(x, y):\n    return np.sum(g(x, y)) + np.sum(g(y, x))\n")
    text, names = sct.api.compile_module(src, "<module>", None, "reverse", None,
                                         scalar_output=True)
    namespace, reference = {}, {}
    exec(compile(text, "<generated>", "exec"), namespace)
    exec(compile(src, "<source>", "exec"), reference)
    for args in ([2.0, np.array([[0.5, -1.0, 1.5]])], [np.array([0.3, 1.2]), 0.5]):
        check_reverse(reference["f"], namespace[names["f"]], args)


@pytest.mark.parametrize("params, body, domains, wrt", TIE_ROWS)
def test_forward_and_reverse_agree_at_ties(params, body, domains, wrt):
    _forward_reverse_agree(params, body, domains, wrt)


# ---------------------------------------------------------------- coverage of the rule table
# Rules with a derivative that no row needs to exercise, and why.
EXCLUDED = {"field": "a record's field p.w: the rows' arguments are numbers and arrays; "
                     "tests/test_containers.py checks it against central differences on "
                     "dataclasses, NamedTuples and plain objects"}
# Rules with a derivative that no row needs to exercise in reverse mode, and why.
EXCLUDED_REVERSE = {}
# No-derivative rules that no row needs to exercise, and why.
EXCLUDED_NONDIFF = {"sum": "Python's sum is rewritten in the frontend (sums, np.sum): no row "
                            "keeps it; tests/corpus/builtin_sum_max_min.py runs its forms"}
# Rows of ROWS that run in forward mode only (row id -> why).
FORWARD_ONLY = {}
# Rules whose adjoints the reverse pass builds itself rather than from an adjoint template.
BUILT_BY_REVERSE = {"subscript", "tuple", "np.einsum"}


def _ops(params, body):
    """The rule-table keys a row's source uses."""
    program = parse_program(source(params, body), "<row>", ["f"])
    found = set()
    for node in ast.walk(program.entries[0].node):
        if hasattr(node, "sct_op"):
            found.add(node.sct_op)
        if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.AugAssign)):
            found.add(type(node.op).__name__)
        elif isinstance(node, (ast.Compare, ast.BoolOp)):
            found.add("compare")
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            found.add("subscript")
        elif isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load):
            found.add("tuple")
    return found


def _used(rows):
    used = set()
    for param in rows:
        used |= _ops(*param.values[:2])
    return used


def _user_rules():
    """The rules of intrinsics users call (not of sct's adjoint helpers, which only generated
    code calls and tests/test_higher.py exercises)."""
    helpers = getattr(rules, "HELPERS", set())
    return {name: rule for name, rule in rules.RULES.items() if name not in helpers}


def test_every_rule_is_exercised():
    forward_rows = ROWS + SCALAR_OUTPUT_ROWS
    reverse_rows = [r for r in forward_rows if r.id not in FORWARD_ONLY]
    used, used_reverse = _used(forward_rows), _used(reverse_rows)
    table = _user_rules()
    with_derivative = {name for name, rule in table.items() if rule.kind != "nondiff"}
    missing = sorted(with_derivative - used - set(EXCLUDED))
    assert not missing, f"rules with a derivative but no row in test_intrinsics: {missing}"
    missing = sorted(with_derivative - used_reverse - set(EXCLUDED) - set(EXCLUDED_REVERSE))
    assert not missing, f"rules with a derivative but no reverse-mode row: {missing}"
    nondiff = {name for name, rule in table.items() if rule.kind == "nondiff"}
    missing = sorted(nondiff - used - set(EXCLUDED_NONDIFF))
    assert not missing, f"no-derivative rules with no row in test_intrinsics: {missing}"
    stale = sorted((set(EXCLUDED) | set(EXCLUDED_REVERSE) | set(EXCLUDED_NONDIFF)
                    | BUILT_BY_REVERSE) - set(rules.RULES))
    assert not stale, f"exclusions naming no rule: {stale}"
    stale = sorted(set(FORWARD_ONLY) - {r.id for r in ROWS})
    assert not stale, f"FORWARD_ONLY names no row: {stale}"


def test_every_rule_has_an_adjoint():
    """An adjoint template per differentiable parameter (elementwise rules derive theirs from
    the tangent); linear rules' adjoints never read the result ``y``, because reverse mode
    restores an operand overwritten by its own result (x = np.sum(x, 0)) before the adjoint."""
    for name, rule in _user_rules().items():
        if rule.kind == "nondiff" or name in BUILT_BY_REVERSE:
            continue
        if rule.elementwise:
            assert set(rule.diff) <= set(rule.tangent), name
            continue
        assert set(rule.diff) <= set(rule.adjoint), \
            f"{name}: no adjoint for {sorted(set(rule.diff) - set(rule.adjoint))}"
        if rule.kind == "linear":
            for param, template in rule.adjoint.items():
                if callable(template):      # a builder beside the table: np.meshgrid's
                    continue
                names = {n.id for n in ast.walk(ast.parse(template, mode="eval"))
                         if isinstance(n, ast.Name)}
                assert "y" not in names, f"{name}: the adjoint of {param} reads y"


def test_aliases_name_rules():
    for alias, name in rules.ALIASES.items():
        assert name in rules.RULES, f"alias {alias} -> {name}, which has no rule"
