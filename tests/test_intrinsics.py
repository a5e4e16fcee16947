"""Per-intrinsic derivative cases: one row per (intrinsic, call form, input domain).

Each row is a function body over named parameters, a domain per parameter where the function is
smooth, and ``wrt``.  The row's source (``import math`` / ``import numpy as np`` prepended) goes
through ``sct.transform``; the generated ``d_f`` is checked against central differences of the
source's own ``f`` by ``checker.check_forward``, and each tangent must have its value's shape
(a tangent left unbroadcast would give wrong sums later).  Rows that use a no-derivative
intrinsic in arithmetic check that it contributes a zero tangent.

``test_every_rule_is_exercised`` fails when a rule of ``sct.rules.RULES`` has no row here.
"""
import ast

import numpy as np
import pytest

import sct
from sct import rules
from sct.frontend import parse_program

from checker import check_forward, leaves

HEADER = "import math\nimport numpy as np\n\n\n"


# ---------------------------------------------------------------- input domains
# A domain is a function of a random generator; an empty shape gives a Python float.
def u(lo, hi, *shape):
    """Uniform in (lo, hi)."""
    return lambda rng: _value(rng.uniform(lo, hi, shape))


def away(lo, hi, *shape):
    """|value| in (lo, hi), random sign: away from zero."""
    return lambda rng: _value(rng.uniform(lo, hi, shape) * rng.choice([-1.0, 1.0], shape))


def distinct(*shape):
    """Entries at least 0.3 apart, in random order: no ties for max, min, sort."""
    n = int(np.prod(shape))
    return lambda rng: np.reshape(rng.permutation(n) * 0.3 - 0.15 * n
                                  + rng.uniform(0.0, 0.05, n), shape)


def spd(n, *batch):
    """Symmetric positive definite, eigenvalues in about (1, 3)."""
    def draw(rng):
        q, _ = np.linalg.qr(rng.standard_normal(batch + (n, n)))
        return q @ (rng.uniform(1.0, 3.0, batch + (n,))[..., None] * np.swapaxes(q, -1, -2))
    return draw


def wc(n, *batch):
    """Well conditioned: the identity times 2 plus a perturbation of norm below 1."""
    return lambda rng: 2 * np.eye(n) + rng.uniform(-0.3, 0.3, batch + (n, n))


def const(value):
    return lambda rng: value if np.ndim(value) == 0 else np.array(value, dtype=float)


def _value(x):
    return float(x) if np.ndim(x) == 0 else x


S = u(-2, 2)             # a scalar
V = u(-2, 2, 3)          # a vector
V4 = u(-2, 2, 4)
P = u(0.5, 2, 3)         # a positive vector
PS = u(0.5, 2)           # a positive scalar
M = u(-2, 2, 2, 3)       # a matrix
M3 = u(-2, 2, 3, 3)
T3 = u(-2, 2, 2, 3, 4)   # a 3-d array
COL = u(-2, 2, 3, 1)     # broadcasts with ROW to (3, 4)
ROW = u(-2, 2, 1, 4)


def row(id, params, body, domains, wrt=None):
    """``body``: statements separated by newlines; a last line without ``return`` is returned."""
    return pytest.param(params, body, tuple(domains), wrt, id=id)


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
    ("erfc", None, u(-2, 2)),
]
NUMPY_ONLY = [("square", u(-2, 2)), ("reciprocal", away(0.2, 2)), ("abs", away(0.2, 2)),
              ("absolute", away(0.2, 2)), ("negative", u(-2, 2)), ("positive", u(-2, 2))]
# (math name, numpy name, domain of a, domain of b)
BINARY = [("atan2", "arctan2", u(-2, 2), u(0.2, 2)),
          ("hypot", "hypot", away(0.2, 2), away(0.2, 2)),
          ("pow", "power", u(0.5, 2), u(-2, 2)),
          ("copysign", "copysign", away(0.2, 2), away(0.2, 2))]     # no derivative in b


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
        wrts = [None, (0,), (1,)] if name != "copysign" else [(0,)]
        for wrt in wrts:
            tag = "" if wrt is None else f"-wrt{wrt[0]}"
            out.append(row(f"math.{name}{tag}", "a, b", f"math.{name}(a, b)", [da, db], wrt))
            out.append(row(f"np.{np_name}-array-array{tag}", "a, b", f"np.{np_name}(a, b)",
                           [_with_shape(da, (3,)), _with_shape(db, (3,))], wrt))
        out.append(row(f"np.{np_name}-array-scalar", "a, b", f"np.{np_name}(a, b)",
                       [_with_shape(da, (3,)), db], (0,) if name == "copysign" else None))
        out.append(row(f"np.{np_name}-scalar-array", "a, b", f"np.{np_name}(a, b)",
                       [da, _with_shape(db, (3,))], (0,) if name == "copysign" else None))
        out.append(row(f"np.{np_name}-broadcast", "a, b", f"np.{np_name}(a, b)",
                       [_with_shape(da, (3, 1)), _with_shape(db, (1, 4))],
                       (0,) if name == "copysign" else None))
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
    ]
    return out


# ---------------------------------------------------------------- operators
# operand shapes: (id, domain of a, domain of b)
OPERANDS = [("array-array", V, V), ("array-scalar", V, S), ("scalar-array", S, V),
            ("scalar-scalar", S, S), ("broadcast-col-row", COL, ROW),
            ("broadcast-matrix-row", M, u(-2, 2, 3)), ("broadcast-row-matrix", u(-2, 2, 3), M)]


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
    for name in ("add", "subtract", "multiply", "divide", "true_divide"):
        for shape, da, db in OPERANDS:
            for wrt in [None, (0,), (1,)]:
                tag = "" if wrt is None else f"-wrt{wrt[0]}"
                out.append(row(f"np.{name}-{shape}{tag}", "a, b", f"np.{name}(a, b)",
                               [da, _positive(db)], wrt))
    out += [
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
    return [
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
        + product_rows() + shape_rows() + subscript_rows() + linalg_rows() + nondiff_rows())


def _run(params, body, domains, wrt, seed):
    src = source(params, body)
    generated = sct.transform(src, name="f", wrt=wrt)
    namespace, reference = {}, {}
    exec(compile(generated, "<generated>", "exec"), namespace)
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


@pytest.mark.parametrize("params, body, domains, wrt", ROWS)
def test_intrinsic(params, body, domains, wrt):
    _run(params, body, domains, wrt, seed=0)


# ---------------------------------------------------------------- coverage of the rule table
# Rules with a derivative that no row needs to exercise, and why.
EXCLUDED = {}
# No-derivative rules that no row needs to exercise, and why.
EXCLUDED_NONDIFF = {}


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


def _used():
    used = set()
    for param in ROWS:
        used |= _ops(*param.values[:2])
    return used


def test_every_rule_is_exercised():
    used = _used()
    with_derivative = {name for name, rule in rules.RULES.items() if rule.kind != "nondiff"}
    missing = sorted(with_derivative - used - set(EXCLUDED))
    assert not missing, f"rules with a derivative but no row in test_intrinsics: {missing}"
    nondiff = {name for name, rule in rules.RULES.items() if rule.kind == "nondiff"}
    missing = sorted(nondiff - used - set(EXCLUDED_NONDIFF))
    assert not missing, f"no-derivative rules with no row in test_intrinsics: {missing}"
    stale = sorted((set(EXCLUDED) | set(EXCLUDED_NONDIFF)) - set(rules.RULES))
    assert not stale, f"exclusions naming no rule: {stale}"


def test_aliases_name_rules():
    for alias, name in rules.ALIASES.items():
        assert name in rules.RULES, f"alias {alias} -> {name}, which has no rule"
