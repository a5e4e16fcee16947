"""A catalogue of derivative cases mirroring what autograd's own test files exercise (issue 12).

Each case is a small function written as a user would write it with plain numpy and scipy
(``np``, ``scipy.special``, ``scipy.stats``, ``scipy.linalg``, ``scipy.signal``, ``np.fft``),
the domain of each argument, the parameters differentiated, and ``ref``: the autograd test it
mirrors (``"test_numpy.py::test_dot"``), so that the coverage can be checked against autograd's
files.  Nothing here is autograd's code: the cases are this project's own restatement of the
functions and input domains those tests use.  Where a test feeds autograd-only input (a list,
tuple or dict argument, a complex argument), the case takes real arrays and builds the
container or the complex number inside the function; where an autograd test checks an output
that is a tuple or a complex array, the case returns each real output on its own, or a real
combination (``np.real(y) + 2.0 * np.imag(y)``).

``CASES`` is the catalogue; ``SKIPPED`` lists the tests of those files not mirrored, and why.
A combination that numpy itself rejects (shapes that do not fit) is left out when the
catalogue is built, as autograd's combo checks do.
"""
import itertools
import zlib

import numpy as np


class Case:
    """One function to differentiate: ``def f(<params>): <body>`` after ``prelude``."""

    def __init__(self, ref, variant, params, body, domains, wrt=None, prelude=""):
        self.ref = ref
        self.id = f"{ref}[{variant}]" if variant else ref
        self.params = [p.strip() for p in params.split(",")] if params else []
        self.body = body
        self.domains = tuple(domains)
        self.wrt = tuple(self.params) if wrt is None else tuple(wrt)
        self.prelude = prelude
        assert len(self.domains) == len(self.params), self.id

    @property
    def file(self):
        return self.ref.split("::")[0]

    def source(self, header):
        lines = self.body.split("\n")
        if not lines[-1].startswith(("return", " ")):
            lines[-1] = "return " + lines[-1]
        text = f"def f({', '.join(self.params)}):\n" + "".join(f"    {ln}\n" for ln in lines)
        return header + (self.prelude + "\n\n" if self.prelude else "") + text

    def arguments(self):
        """The case's arguments, the same on every run (drawn from a generator seeded by id)."""
        rng = np.random.default_rng(zlib.crc32(self.id.encode()))
        return [d(rng) for d in self.domains]


# ---------------------------------------------------------------- input domains
def _value(x):
    return float(x) if np.ndim(x) == 0 else np.asarray(x, dtype=float)


def N(*shape):
    """Standard normal (autograd's npr.randn)."""
    return lambda rng: _value(rng.standard_normal(shape))


def U(lo, hi, *shape):
    """Uniform in (lo, hi) (autograd's transform(lims, npr.rand(...)))."""
    return lambda rng: _value(rng.uniform(lo, hi, shape))


def SQ(offset, *shape):
    """randn**2 + offset: positive, away from zero (autograd's R(4) ** 2 + 1.1)."""
    return lambda rng: _value(rng.standard_normal(shape) ** 2 + offset)


def K(value):
    """A constant argument."""
    return lambda rng: value if np.ndim(value) == 0 and not isinstance(value, np.ndarray) \
        else np.array(value)


def PSD(n, *batch, shift=0.0):
    """m @ m.T (+ shift * I): symmetric positive (semi)definite, as rand_psd / make_psd."""
    def draw(rng):
        m = rng.standard_normal(batch + (n, n))
        return m @ np.swapaxes(m, -1, -2) + shift * np.eye(n)
    return draw


def WC(n, *batch, shift=5.0):
    """randn + shift * I: a well conditioned matrix (autograd's npr.randn(D, D) + 5 * eye)."""
    return lambda rng: rng.standard_normal(batch + (n, n)) + shift * np.eye(n)


def ROUNDSQ(*shape):
    """np.round(randn ** 2): counts for poisson's k."""
    return lambda rng: np.round(rng.standard_normal(shape) ** 2)


def SCALED(domain, factor):
    return lambda rng: domain(rng) * factor


def FN(draw):
    return draw


CASES = []
SKIPPED = {}


def add(ref, variant, params, body, domains, wrt=None, prelude=""):
    CASES.append(Case(ref, variant, params, body, domains, wrt, prelude))


def skip(ref, why):
    SKIPPED[ref] = why


def _shape_tag(shape):
    return "x".join(map(str, shape)) if shape else "scalar"


# ---------------------------------------------------------------- test_systematic.py
SYS = "test_systematic.py"

STAT_SHAPES = [((), None, [None]), ((3,), None, [None, 0]), ((2, 3), None, [None, 0, 1]),
               ((1, 3), None, [None, 0, 1])]


def _stat_cases():
    for name in ["max", "all", "any", "mean", "min", "sum", "prod", "var", "std"]:
        for shape, _, axes in STAT_SHAPES:
            for axis in axes:
                for keepdims in ([False] if shape == () else [True, False]):
                    n = int(np.prod(shape)) if axis is None else shape[axis]
                    if name == "std" and n == 1:
                        continue        # the std of one number is 0: no derivative (a kink)
                    args = "" if shape == () else f", axis={axis}, keepdims={keepdims}"
                    call = f"np.{name}(x{args})"
                    if name in ("all", "any"):
                        call = f"np.{name}(x > 0.0{args}) * 1.0"
                    variant = f"{_shape_tag(shape)}-axis{axis}-keepdims{keepdims}"
                    add(f"{SYS}::test_{name}", variant, "x", call, [N(*shape)])


_stat_cases()

# (test name, expression of x, lims, complex checked too)
UNARY = [
    ("sin", "np.sin(x)", (-2, 2), True), ("abs", "np.abs(x)", (0.1, 4.0), True),
    ("absolute", "np.absolute(x)", (0.1, 4.0), True),
    ("arccosh", "np.arccosh(x)", (1.1, 4.0), True), ("arcsinh", "np.arcsinh(x)", (-0.9, 0.9), True),
    ("arctanh", "np.arctanh(x)", (-0.9, 0.9), True), ("ceil", "np.ceil(x)", (-1.5, 1.5), False),
    ("cos", "np.cos(x)", (-2, 2), True), ("cosh", "np.cosh(x)", (-2, 2), True),
    ("deg2rad", "np.deg2rad(x)", (-2, 2), False),
    ("degrees", "np.degrees(x) / 50.0", (-2, 2), False), ("exp", "np.exp(x)", (-2, 2), True),
    ("exp2", "np.exp2(x)", (-2, 2), True), ("expm1", "np.expm1(x)", (-2, 2), True),
    ("fabs", "np.fabs(x)", (-2, 2), False), ("floor", "np.floor(x)", (-1.5, 1.5), False),
    ("log", "np.log(x)", (0.2, 2.0), True), ("log10", "np.log10(x)", (0.2, 2.0), True),
    ("log1p", "np.log1p(x)", (0.2, 2.0), True), ("log2", "np.log2(x)", (0.2, 2.0), True),
    ("rad2deg", "np.rad2deg(x) / 50.0", (-2, 2), False),
    ("radians", "np.radians(x)", (-2, 2), False), ("sign", "np.sign(x)", (-2, 2), False),
    ("sinh", "np.sinh(x)", (-2, 2), True), ("sqrt", "np.sqrt(x)", (1.0, 3.0), True),
    ("square", "np.square(x)", (-2, 2), False), ("tan", "np.tan(x)", (-1.1, 1.1), True),
    ("tanh", "np.tanh(x)", (-2, 2), True), ("real", "np.real(x)", (-2, 2), True),
    ("real_ic", "np.real_if_close(x)", (-2, 2), True), ("imag", "np.imag(x)", (-2, 2), True),
    ("conj", "np.conj(x)", (-2, 2), True), ("angle", "np.angle(x)", (-2, 2), True),
]
UNARY_SHAPES = [(), (2,), (3, 2), (1, 2)]
COMPLEX_OUT = "np.real(w) + 2.0 * np.imag(w)"     # a real function of a complex result


def unary_cases(ref_file, table, shapes=UNARY_SHAPES):
    for name, expr, (lo, hi), complex_too in table:
        ref = f"{ref_file}::test_{name}"
        for shape in shapes:
            avoid = name in ("fabs", "sign")        # no derivative at 0: keep away from it
            dom = FN(lambda rng, s=shape, lo=lo, hi=hi: _value(
                rng.uniform(0.2, hi, s) * rng.choice([-1.0, 1.0], s))) if avoid else \
                U(lo, hi, *shape)
            if name in ("ceil", "floor"):           # away from the jumps at the integers
                dom = FN(lambda rng, s=shape: _value(rng.integers(-1, 2, s)
                                                     + rng.uniform(0.1, 0.9, s)))
            add(ref, _shape_tag(shape), "x", expr, [dom])
        if complex_too:
            for shape in [(), (3, 2)]:
                # z = x + 0.1j * y: the complex argument built from its real parts
                body = f"z = x + 0.1j * y\nw = {expr.replace('(x)', '(z)')}\n{COMPLEX_OUT}"
                add(ref, f"complex-{_shape_tag(shape)}", "x, y", body,
                    [U(lo, hi, *shape), U(0.0, 1.0, *shape)])


unary_cases(SYS, UNARY)

# (test name, expression of a and b, lims of a, lims of b, same-arguments allowed, complex)
BINARY = [
    ("add", "np.add(a, b)", (-2, 2), (-2, 2), True, True),
    ("logaddexp", "np.logaddexp(a, b)", (-2, 2), (-2, 2), True, False),
    ("logaddexp2", "np.logaddexp2(a, b)", (-2, 2), (-2, 2), True, False),
    ("remainder", "np.remainder(a, b)", (-0.9, 0.9), (0.7, 1.9), False, False),
    ("true_divide", "np.true_divide(a, b)", (-2, 2), (0.3, 2.0), True, False),
    ("mod", "np.mod(a, b)", (-2, 2), (0.8, 2.1), False, False),
    ("true_divide_neg", "np.true_divide(a, b)", (-2, 2), (-2.0, -0.3), True, False),
    ("mod_neg", "np.mod(a, b)", (-2, 2), (-2.0, -0.3), False, False),
    ("op_mul", "a * b", (-2, 2), (-2, 2), True, True),
    ("op_add", "a + b", (-2, 2), (-2, 2), True, True),
    ("op_sub", "a - b", (-2, 2), (-2, 2), True, True),
    ("op_mod", "a % b", (-2, 2), (0.3, 2.0), False, False),
    ("op_mod_neg", "a % b", (-2, 2), (-2.0, -0.3), False, False),
    ("op_div", "a / b", (-2, 2), (0.5, 2.0), True, True),
    ("op_pow", "a ** b", (0.7, 2.0), (-2, 2), True, True),
]
BINARY_SHAPES = [(), (2,), (3, 2), (1, 2)]


def _binary_cases():
    for name, expr, (alo, ahi), (blo, bhi), _, complex_too in BINARY:
        ref = f"{SYS}::test_{name}"
        for sa, sb in itertools.product(BINARY_SHAPES, BINARY_SHAPES):
            add(ref, f"{_shape_tag(sa)}-{_shape_tag(sb)}", "a, b", expr,
                [U(alo, ahi, *sa), U(blo, bhi, *sb)])
        if complex_too:
            for sa, sb in [((), ()), ((3, 2), (3, 2)), ((3, 2), ()), ((), (3, 2))]:
                w = "np.add(za, zb)" if name == "add" else \
                    expr.replace("a", "za", 1).replace("b", "zb", 1)
                body = f"za = a + 0.3j * c\nzb = b + 0.1j * d\nw = {w}\n{COMPLEX_OUT}"
                add(ref, f"complex-{_shape_tag(sa)}-{_shape_tag(sb)}", "a, b, c, d", body,
                    [U(alo, ahi, *sa), U(blo, bhi, *sb), U(0, 1, *sa), U(0, 1, *sb)])


_binary_cases()

for axes in [None, [0, 1, 2], [0, 2, 1], [2, 0, 1], [2, 1, 0], [1, 0, 2], [1, 2, 0]]:
    add(f"{SYS}::test_transpose", f"axes{axes}", "x", f"np.transpose(x, {axes})",
        [N(2, 3, 4)])


def combos(ref, params, expr, *choices, wrt=None, **options):
    """A case per combination of argument shapes (``choices``: a list of domains per
    parameter, each a (tag, domain) pair) and of keyword options (name: list of values)."""
    names = list(options)
    for args in itertools.product(*choices):
        for values in itertools.product(*(options[n] for n in names)):
            kw = "".join(f", {n}={v!r}" for n, v in zip(names, values))
            tags = "-".join(t for t, _ in args) + "".join(f"-{n}{v}" for n, v in
                                                            zip(names, values))
            add(ref, tags.replace(" ", ""), params, expr.format(kw=kw),
                [d for _, d in args], wrt)


def R(*shape):
    return (_shape_tag(shape), N(*shape))


def C(value):
    return (repr(value), K(value))


combos(f"{SYS}::test_dot", "a, b", "np.dot(a, b)", [C(1.5), R(3), R(2, 3)],
       [C(0.3), R(3), R(3, 4)])
combos(f"{SYS}::test_tensordot_1", "a, b", "np.tensordot(a, b{kw})", [R(1, 3), R(2, 3, 2)],
       [R(3), R(3, 1), R(3, 4, 2)], axes=[((1,), (0,))])
combos(f"{SYS}::test_tensordot_2", "a, b", "np.tensordot(a, b{kw})",
       [R(3), R(3, 1), R(3, 4, 2)], [R(1, 3), R(2, 3, 2)], axes=[((0,), (1,))])
combos(f"{SYS}::test_tensordot_3", "a, b", "np.tensordot(a, b{kw})", [R(2, 3), R(2, 3, 4)],
       [R(1, 2, 3), R(2, 2, 3, 4)], axes=[((0, 1), (1, 2)), ((1, 0), (2, 1))])
combos(f"{SYS}::test_tensordot_4", "a, b", "np.tensordot(a, b{kw})", [R(2, 2), R(4, 2, 2)],
       [R(2, 2), R(2, 2, 4)], axes=[1, 2])
combos(f"{SYS}::test_maximum", "a, b", "np.maximum(a, b)", [R(1), R(1, 4), R(3, 4)],
       [R(1), R(1, 4), R(3, 4)])
combos(f"{SYS}::test_minimum", "a, b", "np.minimum(a, b)", [R(1), R(1, 4), R(3, 4)],
       [R(1), R(1, 4), R(3, 4)])
combos(f"{SYS}::test_sort", "x", "np.sort(x)", [R(1), R(7)])
combos(f"{SYS}::test_msort", "x", "np.sort(x, axis=0)", [R(1), R(7)])    # np.msort is gone
combos(f"{SYS}::test_partition", "x", "np.partition(x{kw})", [R(7), R(14)], kth=[0, 3, 6])
ATLEAST = [C(1.2), R(1), R(7), R(1, 4), R(2, 4), R(2, 4, 5)]
combos(f"{SYS}::test_atleast_1d", "x", "np.atleast_1d(x)", ATLEAST)
combos(f"{SYS}::test_atleast_2d", "x", "np.atleast_2d(x)", ATLEAST)
combos(f"{SYS}::test_atleast_3d", "x", "np.atleast_3d(x)", ATLEAST + [R(2, 4, 3, 5)])
combos(f"{SYS}::test_einsum_transpose", "a", "np.einsum('ij->ji', a)",
       [R(1, 1), R(4, 4), R(3, 4)])
combos(f"{SYS}::test_einsum_matmult", "a, b", "np.einsum('ij,jk->ik', a, b)", [R(2, 3)],
       [R(3, 4)])
combos(f"{SYS}::test_einsum_covsum", "a, b", "np.einsum('ijk,lji->lki', a, b)", [R(3, 4, 4)],
       [R(4, 4, 3)])
combos(f"{SYS}::test_einsum_ellipses", "a, b", "np.einsum('...jk,...lj->...lk', a, b)",
       [R(3, 4, 4)], [R(3, 4, 4)])
add(f"{SYS}::test_einsum_ellipses", "elementwise", "a, b", "np.einsum('...,...->...', a, b)",
    [N(3, 4, 4), N(3, 4, 4)])
combos(f"{SYS}::test_einsum_three_args", "a, b, c", "np.einsum('ijk,lji,lli->lki', a, b, c)",
       [R(3, 4, 4)], [R(4, 4, 3)], [R(4, 4, 3)])
combos(f"{SYS}::test_trace", "x", "np.trace(x{kw})", [R(5, 5), R(4, 5), R(5, 4)],
       offset=[-1, 0, 1])

# ---------------------------------------------------------------- test_numpy.py
NP = "test_numpy.py"
for tag, sa, sb in [("mat-vec", (10, 11), (11,)), ("mat-mat", (10, 11), (11, 10)),
                    ("vec-mat", (10,), (10, 11)), ("vec-vec", (11,), (11,))]:
    add(f"{NP}::test_dot", tag, "x, y", "np.dot(x, y)", [N(*sa), N(*sb)])
for tag, sa, sb in [("mat-float", (10, 11), ()), ("float-mat", (), (10, 11)),
                    ("vec-float", (10,), ()), ("float-vec", (), (10,))]:
    add(f"{NP}::test_dot_with_floats", tag, "x, y", "np.dot(x, y)", [N(*sa), N(*sb)])
add(f"{NP}::test_outer", "", "x, y", "np.outer(x, y)", [N(11), N(11)])

SIMPLE = [   # (test, body of x, shape of x, domain)
    ("test_max", "np.max(x)", (10, 11)), ("test_max_axis", "np.max(x, axis=1)", (3, 4, 5)),
    ("test_max_axis_keepdims", "np.max(x, axis=1, keepdims=True)", (3, 4, 5)),
    ("test_min", "np.min(x)", (10, 11)), ("test_min_axis", "np.min(x, axis=1)", (3, 4, 5)),
    ("test_min_axis_keepdims", "np.min(x, axis=1, keepdims=True)", (3, 4, 5)),
    ("test_sum_1", "np.sum(x)", (10, 11)), ("test_sum_2", "np.sum(x, axis=0)", (10, 11)),
    ("test_sum_3", "np.sum(x, axis=0, keepdims=True)", (10, 11)),
    ("test_sum_with_axis_tuple", "np.sum(x, axis=(1, 2))", (10, 11, 7)),
    ("test_flipud", "np.flipud(x)", (10, 11)), ("test_fliplr", "np.fliplr(x)", (10, 11)),
    ("test_rot90", "np.rot90(x)", (10, 11)),
    ("test_cumsum_axis0", "np.cumsum(x, axis=0)", (10, 11)),
    ("test_cumsum_axis1", "np.cumsum(x, axis=1)", (10, 11)),
    ("test_cumsum_1d", "np.cumsum(x)", (10,)), ("test_cumsum_no_axis", "np.cumsum(x)", (10, 11)),
    ("test_mean_1", "np.mean(x)", (10, 11)), ("test_mean_2", "np.mean(x, axis=0)", (10, 11)),
    ("test_mean_3", "np.mean(x, axis=0, keepdims=True)", (10, 11)),
    ("test_index_ints", "x[3, 0, 1]", (5, 6, 4)),
    ("test_index_slice", "x[::-1, 2:4, :]", (5, 6, 4)),
    ("test_index_lists", "x[[0, 1, 2], :, :]", (5, 6, 4)),
    ("test_index_mixed", "x[3, 2:, [1, 3]]", (5, 6, 4)),
    ("test_vector_slice", "x[2:4]", (5,)),
    ("test_index_slice_fanout", "y = x[::-1, 2:4, :]\nz = x[::-1, 3:5, :]\ny + z", (5, 6, 4)),
    ("test_index_multiple_slices", "y = x[2:6]\nz = y[1:3]\nz", (7,)),
    ("test_reshape_method", "x.reshape((5 * 4, 6))", (5, 6, 4)),
    ("test_reshape_call", "np.reshape(x, (5 * 4, 6))", (5, 6, 4)),
    ("test_reshape_method_nolist", "x.reshape(5 * 4, 6)", (5, 6, 4)),
    ("test_ravel_method", "x.ravel()", (5, 6, 4)), ("test_ravel_call", "np.ravel(x)", (5, 6, 4)),
    ("test_flatten_method", "x.flatten()", (5, 6, 4)),
    ("test_trace", "np.trace(x, offset=3)", (10, 11)),
    ("test_trace2", "np.trace(x, offset=-4)", (11, 10)),
    ("test_trace[split]", "np.split(x, 2)[0]", (10,)),
    ("test_trace_extradims", "np.trace(x, offset=2)", (5, 6, 4, 3)),
    ("test_diag", "np.diag(x)", (10, 10)), ("test_transpose", "x.T", (8, 8)),
    ("test_roll", "np.roll(x, 2, axis=1)", (4, 5)),
    ("test_roll_no_axis", "np.roll(x, 2)", (4, 5)),
    ("test_triu", "np.triu(x, k=2)", (5, 5)), ("test_tril", "np.tril(x, k=2)", (5, 5)),
    ("test_squeeze_func", "np.squeeze(x)", (5, 1, 4)),
    ("test_squeeze_method", "x.squeeze()", (5, 1, 4)),
    ("test_repeat", "np.repeat(x, 2, axis=1)", (5, 3, 4)),
    ("test_repeat_axis1_rep1", "np.repeat(x, 1, axis=1)", (5, 3, 4)),
    ("test_repeat_axis0", "np.repeat(x, 2, axis=0)", (5, 3)),
    ("test_repeat_1d_axis0", "np.repeat(x, 2, axis=0)", (5,)),
    ("test_repeat_axis0_rep1", "np.repeat(x, 1, axis=0)", (5, 1)),
    ("test_expand_dims", "np.expand_dims(x, 2)", (5, 1, 4)),
    ("test_multi_index", "np.sum(x[[0, 0]])", (3,)),
    ("test_multi_index2", "np.sum(x[[0, 1, 0]])", (3,)),
    ("test_index_dot_slices", "np.dot(x[:2], x[2:])", (4,)),
    ("test_r_basic", "np.r_[x]", (3, 2)), ("test_r_double", "np.r_[x, x]", (3, 2)),
    ("test_len", "n = len(x)\nx * (n / 3.0)", (3, 2)),
    ("test_array_from_arrays", "np.array([x, x])", (3, 2)),
    ("test_array_from_arrays_2", "np.array([[2 * x, x + 1], [x, x]])", (3, 2)),
    ("test_diagonal", "np.diagonal(x, axis1=-1, axis2=-2)", (4, 4)),
    ("test_diagonal[batch]", "np.diagonal(x, axis1=-1, axis2=-2)", (3, 4, 4)),
    ("test_nan_to_num", "y = np.array([0.0, np.nan, np.inf, -np.inf])\n"
     "np.sum(np.sin(np.nan_to_num(x + y)))", (4,)),
]
for test, body, shape in SIMPLE:
    test, _, variant = test.partition("[")
    add(f"{NP}::{test}", variant.rstrip("]"), "x", body, [N(*shape)])

add(f"{NP}::test_clip", "", "x", "np.clip(x, a_min=0.1, a_max=1.1)",
    [FN(lambda rng: rng.choice([-1.0, 0.6, 1.6], (5, 5)) + rng.uniform(-0.3, 0.3, (5, 5)))])
add(f"{NP}::test_prod_1", "", "x", "np.prod(x)", [FN(lambda rng: rng.standard_normal((2, 3))
                                                    ** 2 / 10.0 + 0.1)])
add(f"{NP}::test_prod_2", "", "x", "np.prod(x, axis=0)", [SQ(0.1, 2, 3)])
add(f"{NP}::test_prod_3", "", "x", "np.prod(x, axis=0, keepdims=True)", [SQ(0.1, 2, 3)])
add(f"{NP}::test_prod_4", "", "x", "np.prod(x)", [SQ(0.1, 7)])
add(f"{NP}::test_non_numpy_sum", "", "x, y", "sum([x, y])", [N(10, 11), N(10, 11)])
add(f"{NP}::test_simple_append_list", "", "a, b", "np.append([a, 2.0, 3.0], b)",
    [K(1.0), K(4.0)])
add(f"{NP}::test_simple_append_arr", "", "a, b", "np.append(a, b)",
    [K([1.0, 2.0, 3.0]), K(4.0)])
add(f"{NP}::test_simple_concatenate", "", "a, x", "np.concatenate((a, x))",
    [N(5, 6, 4), N(4, 6, 4)], wrt=["x"])
add(f"{NP}::test_concatenate_axis_0", "", "x, b", "np.concatenate((b, x, b))",
    [N(5, 6, 4), N(5, 6, 4)], wrt=["x"])
add(f"{NP}::test_concatenate_axis_1", "", "x, b", "np.concatenate((b, x, b), axis=1)",
    [N(5, 6, 4), N(5, 6, 4)], wrt=["x"])
add(f"{NP}::test_concatenate_axis_1_unnamed", "", "x, b", "np.concatenate((b, x, b), 1)",
    [N(5, 6, 4), N(5, 6, 4)], wrt=["x"])
add(f"{NP}::test_1d_array", "", "x", "np.array([x, x * 1.0, x + 2.5])", [K(3.0)])
add(f"{NP}::test_2d_array", "", "x",
    "np.array([[x, x * 1.0, x + 2.5], [x ** 2, x, x / 2.0]])", [K(3.0)])
add(f"{NP}::test_1d_array_fanout", "", "x", "a = np.array([x, x * 1.0, x + 2.5])\na + a",
    [K(3.0)])
add(f"{NP}::test_2d_array_fanout", "", "x",
    "a = np.array([[x, x * 1.0, x + 2.5], [x ** 2, x, x / 2.0]])\na + a", [K(3.0)])
add(f"{NP}::test_array_from_scalar", "", "x", "np.array(x)", [K(3.0)])
add(f"{NP}::test_no_relation", "", "x, c", "c * 1.0", [N(3, 2), N(3, 2)], wrt=["x"])
add(f"{NP}::test_r_no_relation", "", "x, c", "np.r_[c]", [N(3, 2), N(3, 2)], wrt=["x"])
add(f"{NP}::test_r_node_and_const", "", "x, c", "np.r_[x, c]", [N(3, 2), N(3, 2)], wrt=["x"])
add(f"{NP}::test_r_mixed", "", "x, c", "np.r_[x, c, x]", [N(3, 2), N(3, 2)], wrt=["x"])
add(f"{NP}::test_r_slicing", "", "x, c", "np.r_[x, c, 1:10]", [N(10), N(10)], wrt=["x"])
add(f"{NP}::test_c_", "", "x, c", "np.c_[x, c, x]", [N(3, 2), N(3, 2)], wrt=["x"])
add(f"{NP}::test_c_mixed", "", "x, c", "np.c_[x, c, x]", [N(3, 2), N(3, 2)], wrt=["x"])
for shape, axes, keeps, ddofs in [((3,), [None], [True, False], [0, 1]),
                                  ((3, 4), [None], [True, False], [0, 1]),
                                  ((1, 3), [None], [True, False], [0, 1]),
                                  ((3, 4), [None, 1], [True, False], [2]),
                                  ((1, 3), [None, 1], [True, False], [2])]:
    for name in ["var", "std"]:
        for axis, keepdims, ddof in itertools.product(axes, keeps, ddofs):
            add(f"{NP}::test_{name}_ddof", f"{_shape_tag(shape)}-axis{axis}-keepdims{keepdims}"
                f"-ddof{ddof}", "x", f"np.{name}(x, axis={axis}, keepdims={keepdims}, "
                f"ddof={ddof})", [N(*shape)])
add(f"{NP}::test_where", "", "x, y, c", "np.where(c, x, y)",
    [N(4, 5), N(4, 5), FN(lambda rng: rng.standard_normal((4, 5)) > 0)], wrt=["x", "y"])
add(f"{NP}::test_tensordot_kwargs_by_position", "", "x",
    "np.sum(np.tensordot(x * np.ones((2, 2)), x * np.ones((2, 2)), 2))", [K(1.0)])
add(f"{NP}::test_cast_to_int", "", "w",
    "inds = np.ones(5)[:, None]\nglued = np.concatenate((w, inds), axis=1)\n"
    "new_w = w[:, :-1]\nnew_inds = np.int64(glued[:, -1])\nnp.sum(new_w[new_inds])",
    [N(5, 10)])
add(f"{NP}::test_make_diagonal", "", "d", "np.diag(d)", [N(4)])     # np.make_diagonal: 1-D
add(f"{NP}::test_make_diagonal", "batch", "d",
    "np.eye(4) * d[..., None, :]", [N(3, 4)])
add(f"{NP}::test_max_equal_values", "", "x", "np.max(np.array([x, x]))", [K(1.0)])
for x0 in [1.0, -1.0]:
    add(f"{NP}::test_max_equal_values_2d", f"{x0}", "x",
        "np.max(np.array([[x, x], [x, 0.5]]), axis=1)", [K(x0)])
    add(f"{NP}::test_min_3_way_equality", f"{x0}", "x",
        "np.min(np.array([[x, x, x], [x, 0.5, 0.5], [0.5, 0.5, 0.5], [x, x, 0.5]]), axis=0)",
        [K(x0)])
add(f"{NP}::test_maximum_equal_values", "", "x", "np.maximum(x, x)", [K(1.0)])
for x0 in [1.0, -1.0, 2.0]:
    add(f"{NP}::test_maximum_equal_values_2d", f"{x0}", "x",
        "np.maximum(np.array([x, x, 0.5]), np.array([[x, 0.5, x], [x, x, 0.5]]))", [K(x0)])
for num in [0, 1, 5]:
    for b0 in [3.4, -3.4, 1.2]:
        add(f"{NP}::test_linspace", f"num{num}-{b0}", "x, y", f"np.linspace(x, y, {num})",
            [K(1.2), K(b0)])
add(f"{NP}::test_astype", "", "x", "np.sum(np.sin(x.astype('float64')))",
    [FN(lambda rng: np.arange(3, dtype="float32"))])
skip(f"{NP}::test_make_diagonal", "np.make_diagonal is autograd's own (mirrored with np.diag "
     "and a broadcast product)")

# ---------------------------------------------------------------- test_linalg.py
LA = "test_linalg.py"
SYM = "l = np.tril(x)\na = (l + np.swapaxes(l, -1, -2)) / 2.0\n"     # symmetrized input


def _inv_input(rng):
    m = rng.standard_normal((8, 8))
    return m @ m + np.eye(8)


add(f"{LA}::test_inv", "", "x", "np.linalg.inv(x)", [FN(_inv_input)])
add(f"{LA}::test_inv_3d", "3d", "x", "np.linalg.inv(x)", [WC(4, 4)])
add(f"{LA}::test_inv_3d", "4d", "x", "np.linalg.inv(x)", [WC(4, 4, 4)])
add(f"{LA}::test_pinv", "square", "x", "np.linalg.pinv(x)", [WC(4, shift=2.0)])
add(f"{LA}::test_pinv", "tall", "x", "np.linalg.pinv(x)", [N(5, 3)])
add(f"{LA}::test_pinv", "wide", "x", "np.linalg.pinv(x)", [N(3, 5)])
add(f"{LA}::test_solve_arg1", "", "a, b", "np.linalg.solve(a, b)", [WC(8, shift=10.0), N(8, 7)],
    wrt=["a"])
add(f"{LA}::test_solve_arg1_1d", "", "a, b", "np.linalg.solve(a, b)",
    [WC(8, shift=10.0), N(8)], wrt=["a"])
add(f"{LA}::test_solve_arg2", "", "a, b", "np.linalg.solve(a, b)", [WC(6, shift=1.0), N(6, 5)],
    wrt=["b"])
add(f"{LA}::test_solve_arg1_3d", "", "a, b", "np.linalg.solve(a, b[..., None])[..., 0]",
    [WC(4, 5), N(5, 4)], wrt=["a"])
add(f"{LA}::test_solve_arg1_3d_3d", "", "a, b", "np.linalg.solve(a, b)", [WC(4, 5), N(5, 4, 6)],
    wrt=["a"])
add(f"{LA}::test_det", "", "x", "np.linalg.det(x)", [N(6, 6)])
add(f"{LA}::test_det_3d", "", "x", "np.linalg.det(x)", [N(3, 3, 3)])
add(f"{LA}::test_slogdet", "", "x", "sign, logdet = np.linalg.slogdet(x)\nlogdet", [N(6, 6)])
add(f"{LA}::test_slogdet", "negated", "x", "sign, logdet = np.linalg.slogdet(-x)\nlogdet",
    [N(6, 6)])
add(f"{LA}::test_slogdet_3d", "", "x", "np.sum(np.linalg.slogdet(x)[1])",
    [PSD(5, 3, shift=5.0)])
add(f"{LA}::test_vector_2norm", "", "x", "np.linalg.norm(x)", [N(6)])
add(f"{LA}::test_frobenius_norm", "", "x", "np.linalg.norm(x)", [N(6, 5)])
add(f"{LA}::test_frobenius_norm_axis", "", "x", "np.linalg.norm(x, axis=(0, 1))",
    [N(6, 5, 4)])
for order in [2, 3, 4]:
    add(f"{LA}::test_vector_norm_ord", f"ord{order}", "x", f"np.linalg.norm(x, ord={order})",
        [N(6)])
for axis in [0, 1, 2]:
    add(f"{LA}::test_norm_axis", f"axis{axis}", "x", f"np.linalg.norm(x, axis={axis})",
        [N(6, 5, 4)])
add(f"{LA}::test_norm_nuclear", "", "x", "np.linalg.norm(x, ord='nuc')", [N(6, 5)])
add(f"{LA}::test_norm_nuclear_axis", "", "x", "np.linalg.norm(x, ord='nuc', axis=(0, 1))",
    [N(6, 5, 4)])
for test, uplo, dom in [("test_eigvalh_lower", "", PSD(6)), ("test_eigvalh_upper", ", 'U'",
                                                               PSD(6)),
                        ("test_eigvalh_lower_broadcasting", "", PSD(6, 2, 3, shift=10.0)),
                        ("test_eigvalh_upper_broadcasting", ", 'U'", PSD(6, 2, 3, shift=10.0))]:
    for out in ["w", "v"]:
        add(f"{LA}::{test}", out, "x", SYM + f"w, v = np.linalg.eigh(a{uplo})\n{out}", [dom])
add(f"{LA}::test_cholesky", "", "x", SYM + "np.linalg.cholesky(a)", [PSD(6, shift=1.0)])
add(f"{LA}::test_cholesky_broadcast", "", "x", SYM + "np.linalg.cholesky(a)",
    [PSD(6, 3, shift=1.0)])
add(f"{LA}::test_cholesky_reparameterization_trick", "", "x, r",
    SYM + "z = np.dot(np.linalg.cholesky(a), r)\nnp.linalg.norm(z)", [PSD(6, shift=1.0), N(6)],
    wrt=["x"])
for test, shape in [("test_svd_wide_2d", (3, 5)), ("test_svd_wide_3d", (4, 3, 5)),
                    ("test_svd_square_2d", (4, 4)), ("test_svd_square_3d", (3, 4, 4)),
                    ("test_svd_tall_2d", (5, 3)), ("test_svd_tall_3d", (4, 5, 3))]:
    for out in ["u", "s", "v"]:
        add(f"{LA}::{test}", out, "x", f"u, s, v = np.linalg.svd(x, full_matrices=False)\n{out}",
            [N(*shape)])
add(f"{LA}::test_svd_only_s_2d", "", "x",
    "np.linalg.svd(x, full_matrices=False, compute_uv=False)", [N(5, 3)])
add(f"{LA}::test_svd_only_s_3d", "", "x",
    "np.linalg.svd(x, full_matrices=False, compute_uv=False)", [N(4, 5, 3)])

# ---------------------------------------------------------------- test_scipy.py
SP = "test_scipy.py"


def scipy_case(test, variant, params, call, domains, wrt):
    add(f"{SP}::{test}", variant, params, call, domains, wrt)


for df in [1, 2, 3]:
    for fn in ["pdf", "cdf", "logpdf"]:
        scipy_case(f"test_chi2_{fn}", f"df{df}", "x", f"scipy.stats.chi2.{fn}(x, {df})",
                   [SQ(1.1, 4)], ["x"])
scipy_case("test_beta_cdf", "", "x, a, b", "scipy.stats.beta.cdf(x, a, b)",
           [U(0, 1, 4), SQ(1.1, 4), SQ(1.1, 4)], ["x"])
for fn in ["pdf", "logpdf"]:
    scipy_case(f"test_beta_{fn}", "", "x, a, b", f"scipy.stats.beta.{fn}(x, a, b)",
               [U(0, 1, 4), SQ(1.1, 4), SQ(1.1, 4)], ["x", "a", "b"])
scipy_case("test_gamma_cdf", "", "x, a", "scipy.stats.gamma.cdf(x, a)", [SQ(1.1, 4),
                                                                         SQ(1.1, 4)], ["x"])
for fn in ["pdf", "logpdf"]:
    scipy_case(f"test_gamma_{fn}", "", "x, a", f"scipy.stats.gamma.{fn}(x, a)",
               [SQ(1.1, 4), SQ(1.1, 4)], ["x", "a"])
for fn in ["pdf", "cdf", "sf", "logpdf", "logcdf", "logsf", "ppf", "isf"]:
    x = U(0.05, 0.95, 4) if fn in ("ppf", "isf") else N(4)
    scipy_case(f"test_norm_{fn}", "", "x, loc, scale", f"scipy.stats.norm.{fn}(x, loc, scale)",
               [x, N(4), SQ(1.1, 4)], ["x", "loc", "scale"])
    # the broadcast tests of sf and logsf call cdf and logcdf (as autograd's file does)
    called = {"sf": "cdf", "logsf": "logcdf"}.get(fn, fn)
    xb = U(0.05, 0.95, 4, 3) if fn in ("ppf", "isf") else N(4, 3)
    scipy_case(f"test_norm_{fn}_broadcast", "", "x, loc, scale",
               f"scipy.stats.norm.{called}(x, loc, scale)", [xb, N(1, 3), SQ(1.1, 4, 1)],
               ["x", "loc", "scale"])
for fn in ["cdf", "logpmf", "pmf"]:
    scipy_case(f"test_poisson_{fn}", "", "k, mu", f"scipy.stats.poisson.{fn}(k, mu)",
               [ROUNDSQ(4), SQ(1.1, 4)], ["mu"])
    scipy_case(f"test_poisson_{fn}_broadcast", "", "k, mu", f"scipy.stats.poisson.{fn}(k, mu)",
               [ROUNDSQ(4, 3), SQ(1.1, 4, 1)], ["mu"])
for fn, wrt in [("pdf", ["x", "df", "loc", "scale"]), ("cdf", ["x", "loc"]),
                ("logpdf", ["x", "df", "loc", "scale"]), ("logcdf", ["x", "loc"])]:
    scipy_case(f"test_t_{fn}", "", "x, df, loc, scale", f"scipy.stats.t.{fn}(x, df, loc, scale)",
               [N(4), SQ(2.1, 4), N(4), SQ(2.1, 4)], wrt)
    scipy_case(f"test_t_{fn}_broadcast", "", "x, df, loc, scale",
               f"scipy.stats.t.{fn}(x, df, loc, scale)",
               [N(4, 3), SQ(2.1, 1, 3), N(4, 3), SQ(2.1, 4, 1)], wrt)
MVN_SYM = "c = 0.5 * (cov + cov.T)\n"
for fn in ["pdf", "logpdf"]:
    scipy_case(f"test_mvn_{fn}", "", "x, mean, cov",
               MVN_SYM + f"scipy.stats.multivariate_normal.{fn}(x, mean, c, allow_singular=False)",
               [N(4), N(4), PSD(4, shift=1.0)], ["x", "mean", "cov"])
    scipy_case(f"test_mvn_{fn}_broadcast", "", "x, mean, cov",
               MVN_SYM + f"scipy.stats.multivariate_normal.{fn}(x, mean, c)",
               [N(5, 4), N(4), PSD(4, shift=1.0)], ["x", "mean", "cov"])
    scipy_case("test_mvn_sing_cov", fn, "x, mean, cov",
               "y = np.concatenate([x[:2], mean[2:]])\n" + MVN_SYM +
               f"scipy.stats.multivariate_normal.{fn}(y, mean, c, allow_singular=True)",
               [FN(lambda rng: np.concatenate((rng.standard_normal(2), np.zeros(2)))),
                FN(lambda rng: np.concatenate((rng.standard_normal(2), np.zeros(2)))),
                K(np.diag([1.0, 1.0, 0.0, 0.0]))], ["x", "mean"])
scipy_case("test_mvn_entropy", "", "mean, cov",
           MVN_SYM + "scipy.stats.multivariate_normal.entropy(mean, c)",
           [SCALED(N(4), 10.0), PSD(4, shift=1.0)], ["mean", "cov"])


def _alpha(rng):
    return rng.random(4) ** 2 + 1.2


def _dirichlet_x(rng):
    return rng.dirichlet(_alpha(np.random.default_rng(7)))


scipy_case("test_dirichlet_pdf_x", "", "x, alpha", "scipy.stats.dirichlet.pdf(x / sum(x), alpha)",
           [FN(_dirichlet_x), FN(_alpha)], ["x"])
scipy_case("test_dirichlet_pdf_alpha", "", "x, alpha", "scipy.stats.dirichlet.pdf(x, alpha)",
           [FN(_dirichlet_x), FN(_alpha)], ["alpha"])
scipy_case("test_dirichlet_logpdf_x", "", "x, alpha",
           "scipy.stats.dirichlet.logpdf(x / sum(x), alpha)", [FN(_dirichlet_x), FN(_alpha)],
           ["x"])
scipy_case("test_dirichlet_logpdf_alpha", "", "x, alpha", "scipy.stats.dirichlet.logpdf(x, alpha)",
           [FN(_dirichlet_x), FN(_alpha)], ["alpha"])

LSE = "scipy.special.logsumexp(x{kw})"
combos(f"{SP}::test_logsumexp1", "x", LSE, [("1", K([1.1])), R(4), R(3, 4)], axis=[None, 0],
       keepdims=[True, False])
combos(f"{SP}::test_logsumexp2", "x", LSE, [R(3, 4), R(4, 5, 6), R(1, 5)], axis=[None, 0, 1],
       keepdims=[True, False])
for test, shape, axes in [("test_logsumexp3", (4,), [None, 0]),
                          ("test_logsumexp4", (3, 4), [None, 0, 1]),
                          ("test_logsumexp5", (2, 3, 4), [None, 0, 1])]:
    for axis, keepdims in itertools.product(axes, [True, False]):
        add(f"{SP}::{test}", f"axis{axis}-keepdims{keepdims}", "x, b",
            f"scipy.special.logsumexp(x, b=b, axis={axis}, keepdims={keepdims})",
            [N(*shape), FN(lambda rng, s=shape: np.exp(rng.standard_normal(s)))], ["x"])
add(f"{SP}::test_logsumexp6", "", "x", "scipy.special.logsumexp(x, axis=1, keepdims=True)",
    [N(1, 5)])
combos(f"{SP}::test_convolve", "a, b", "scipy.signal.convolve(a, b{kw})", [R(4), R(5), R(6)],
       [R(2), R(3), R(4)], mode=["full", "valid", "same"])
combos(f"{SP}::test_convolve_2d", "a, b", "scipy.signal.convolve(a, b{kw})",
       [R(4, 3), R(5, 4), R(6, 7)], [R(2, 2), R(3, 2), R(4, 2), R(4, 1)],
       mode=["full", "valid", "same"])
skip(f"{SP}::test_convolve_ignore", "autograd's convolve(axes=..., dot_axes=...) is not "
     "scipy.signal.convolve's signature")
skip(f"{SP}::test_convolve_ignore_dot", "autograd's convolve(axes=..., dot_axes=...) is not "
     "scipy.signal.convolve's signature")
skip(f"{SP}::test_convolve_generalization", "checks values of autograd's own convolve")

scipy_case("test_beta", "", "a, b", "scipy.special.beta(a, b)", [SQ(1.1, 4), SQ(1.1, 4)],
           ["a", "b"])
scipy_case("test_betainc", "", "a, b, x", "scipy.special.betainc(a, b, x)",
           [SQ(1.1, 4), SQ(1.1, 4), U(0, 1, 4)], ["x"])
scipy_case("test_betaln", "", "a, b", "scipy.special.betaln(a, b)", [SQ(1.1, 4), SQ(1.1, 4)],
           ["a", "b"])
for test, call in [("test_gammainc", "scipy.special.gammainc(1, x)"),
                   ("test_gammaincc", "scipy.special.gammaincc(1, x)"),
                   ("test_polygamma", "scipy.special.polygamma(0, x)"),
                   ("test_jn", "scipy.special.jn(2, x)"), ("test_yn", "scipy.special.yn(2, x)")]:
    scipy_case(test, "", "x", call, [SQ(1.3, 4)], ["x"])
SPECIAL_UNARY = [
    ("psi", "scipy.special.psi(x)", (0.3, 2.0), False),
    ("digamma", "scipy.special.digamma(x)", (0.3, 2.0), False),
    ("gamma", "scipy.special.gamma(x)", (0.3, 2.0), False),
    ("gammaln", "scipy.special.gammaln(x)", (0.3, 2.0), False),
    ("gammasgn", "scipy.special.gammasgn(x)", (0.3, 2.0), False),
    ("rgamma", "scipy.special.rgamma(x)", (0.3, 2.0), False),
    ("j0", "scipy.special.j0(x)", (0.2, 20.0), False),
    ("j1", "scipy.special.j1(x)", (0.2, 20.0), False),
    ("y0", "scipy.special.y0(x)", (0.2, 20.0), False),
    ("y1", "scipy.special.y1(x)", (0.2, 20.0), False),
    ("i0", "scipy.special.i0(x)", (0.2, 20.0), False),
    ("i1", "scipy.special.i1(x)", (0.2, 20.0), False),
    ("erf", "scipy.special.erf(x)", (-3.0, 3.0), True),
    ("erfc", "scipy.special.erfc(x)", (-3.0, 3.0), True),
    ("erfinv", "scipy.special.erfinv(x)", (-0.95, 0.95), False),
    ("erfcinv", "scipy.special.erfcinv(x)", (0.05, 1.95), False),
    ("logit", "scipy.special.logit(x)", (0.1, 0.9), False),
    ("expit", "scipy.special.expit(x)", (-4.05, 4.95), False),
]
unary_cases(SP, SPECIAL_UNARY)
for d in [1, 2, 3]:
    for shape in [(), (2, 3)]:
        scipy_case("test_multigammaln", f"d{d}-{_shape_tag(shape)}", "a",
                   f"scipy.special.multigammaln(a, {d})", [U(4.0, 5.0, *shape)], ["a"])
for fn in ["iv", "ive"]:
    scipy_case(f"test_{fn}", "", "v, x", f"scipy.special.{fn}(v, x)", [U(1.0, 50.0, 4),
                                                                      SQ(1.3, 4)], ["x"])
scipy_case("test_sqrtm", "", "x", "a = 0.5 * (x + x.T)\nscipy.linalg.sqrtm(a)",
           [PSD(3, shift=1.0)], ["x"])
scipy_case("test_solve_sylvester", "", "a, b, q", "scipy.linalg.solve_sylvester(a, b, q)",
           [N(3, 3), N(3, 3), N(3, 3)], ["a", "b", "q"])
scipy_case("test_solve_banded", "", "ab, b", "scipy.linalg.solve_banded((1, 1), ab, b)",
           [FN(lambda rng: rng.standard_normal((3, 5)) + np.array([[0.0], [4.0], [0.0]])),
            N(5)], ["ab", "b"])
for lower, trans in [(False, 0), (True, 0), (False, 1), (True, "T")]:
    scipy_case("test_solve_triangular", f"lower{lower}-trans{trans}", "a, b",
               f"scipy.linalg.solve_triangular(a, b, trans={trans!r}, lower={lower})",
               [WC(4, shift=3.0), N(4, 2)], ["a", "b"])
add(f"{SP}::test_odeint", "", "y0, a1, a2",
    "t = np.linspace(0.1, 0.2, 4)\n"
    "return scipy.integrate.odeint(_rhs, y0, t, args=(a1, a2))",
    [N(3), N(3), N(3)], prelude="import scipy.integrate\n\n\ndef _rhs(y, t, a1, a2):\n"
    "    return -np.sqrt(t) - y + a1 - np.mean((y + a2) ** 2)")

# ---------------------------------------------------------------- test_fft.py
FFT = "test_fft.py"


def fft_case(test, call, shape, hermitian=None, scale=1.0, real_out=False):
    """``call`` of x; a complex input (an irfft's) is x + 1j * xi from the real and imaginary
    parts of ``hermitian``(a real array) so that it is one a forward transform gives."""
    out = "y" if real_out else "np.real(y) + 2.0 * np.imag(y)"
    if hermitian:
        def parts(rng, k):
            return getattr(np.fft, hermitian)(rng.standard_normal(shape) * scale).real \
                if k == 0 else getattr(np.fft, hermitian)(rng.standard_normal(shape)
                                                          * scale).imag
        add(f"{FFT}::{test}", "", "xr, xi", f"x = xr + 1j * xi\ny = {call}\n{out}",
            [FN(lambda rng: parts(rng, 0)), FN(lambda rng: parts(rng, 1))])
    else:
        add(f"{FFT}::{test}", "", "x", f"y = {call}\n{out}", [SCALED(N(*shape), scale)])


fft_case("test_fft", "np.fft.fft(x)", (5, 5))
fft_case("test_fft_ortho", "np.fft.fft(x, norm='ortho')", (5, 5))
fft_case("test_fft_axis", "np.fft.fft(x, axis=0)", (5, 5))
for name, d, n in [("fft", 5, -2), ("fft", 5, 2), ("ifft", 5, -2), ("ifft", 5, 2),
                   ("rfft", 4, -2), ("rfft", 4, 2), ("irfft", 4, -2), ("irfft", 4, 2)]:
    tag = "smaller" if n < 0 else "bigger"
    fft_case(f"test_{name}_n_{tag}", f"np.fft.{name}(x, {d + n})", (d, d),
             hermitian="rfft" if name == "irfft" else None, real_out=name == "irfft")
for name, d in [("fft2", 5), ("ifft2", 5), ("fftn", 5), ("ifftn", 5), ("rfft2", 4),
                ("irfft2", 4), ("rfftn", 4), ("irfftn", 4)]:
    inverse_real = name.startswith("irfft")
    fft_case(f"test_{name}_s", f"np.fft.{name}(x, s=[{d + 2}, {d - 2}], axes=[0, 2])",
             (d, d, d), hermitian=name[1:] if inverse_real else None, scale=0.1,
             real_out=inverse_real)
fft_case("test_ifft", "np.fft.ifft(x)", (5, 5))
fft_case("test_fft2", "np.fft.fft2(x)", (5, 5), scale=0.1)
fft_case("test_ifft2", "np.fft.ifft2(x)", (5, 5))
fft_case("test_fftn", "np.fft.fftn(x)", (5, 5), scale=0.1)
fft_case("test_ifftn", "np.fft.ifftn(x)", (5, 5))
fft_case("test_rfft", "np.fft.rfft(x)", (4, 4), scale=0.1)
fft_case("test_rfft_ortho", "np.fft.rfft(x, norm='ortho')", (4, 4), scale=0.1)
fft_case("test_rfft_axes", "np.fft.rfft(x, axis=0)", (4, 4), scale=0.1)
fft_case("test_irfft", "np.fft.irfft(x)", (4, 4), hermitian="rfft", scale=0.1, real_out=True)
fft_case("test_irfft_ortho", "np.fft.irfft(x, norm='ortho')", (4, 4), hermitian="rfft",
         scale=0.1, real_out=True)
fft_case("test_rfft2", "np.fft.rfft2(x)", (4, 4), scale=0.1)
fft_case("test_irfft2", "np.fft.irfft2(x)", (4, 4), hermitian="rfft2", scale=0.1, real_out=True)
fft_case("test_rfftn", "np.fft.rfftn(x)", (4, 4, 4), scale=0.1)
fft_case("test_rfftn_subset", "np.fft.rfftn(x)[(0, 1, 0), (3, 3, 2)]", (4, 4, 4), scale=0.1)
fft_case("test_rfftn_axes", "np.fft.rfftn(x, axes=(0, 2))", (4, 4, 4), scale=0.1)
fft_case("test_irfftn", "np.fft.irfftn(x)", (4, 4, 4), hermitian="rfftn", scale=0.1,
         real_out=True)
fft_case("test_irfftn_subset", "np.fft.irfftn(x)[(0, 1, 0), (3, 3, 2)]", (4, 4, 4),
         hermitian="rfftn", scale=0.1, real_out=True)
for name in ["fftshift", "ifftshift"]:
    fft_case(f"test_{name}", f"np.fft.{name}(x)", (5, 5), real_out=True)
    fft_case(f"test_{name}_even", f"np.fft.{name}(x)", (4, 4), real_out=True)
    fft_case(f"test_{name}_axes", f"np.fft.{name}(x, axes=1)", (5, 5), real_out=True)
skip(f"{FFT}::test_rfftn_odd_not_implemented", "checks that autograd refuses")

# ---------------------------------------------------------------- test_complex.py
CX = "test_complex.py"
add(f"{CX}::test_real_type", "", "x", "np.sum(np.real(x))", [K(2.0)])
add(f"{CX}::test_real_if_close_type", "", "x", "np.sum(np.real(x))", [K(1.0)])
add(f"{CX}::test_angle_real", "", "x", "np.angle(x)", [U(0, 1)])
add(f"{CX}::test_angle_complex", "", "x, y", "np.angle(x + 1j * y)", [U(0, 1), U(0, 1)])
add(f"{CX}::test_abs_real", "", "x", "np.abs(x)", [K(1.1)])
add(f"{CX}::test_abs_complex", "", "x, y", "np.abs(x + 1j * y)", [K(1.1), K(1.2)])

# ---------------------------------------------------------------- test_direct.py
add("test_direct.py::test_grad", "", "x", "(x + np.sin(x ** 2)) * x", [K(1.3)])
add("test_direct.py::test_deriv", "", "x", "(x + np.sin(x ** 2)) * x", [K(1.3)])
add("test_direct.py::test_holomorphic_grad", "real-parts", "x, y",
    "w = (x + 1j * y) * (1.0 + 0.2j)\n" + COMPLEX_OUT, [K(1.0), K(0.0)])

# ---------------------------------------------------------------- test_wrappers.py
WR = "test_wrappers.py"
add(f"{WR}::test_return_both", "", "x", "3.0 * x ** 3.2", [K(1.7)])
add(f"{WR}::test_value_and_grad", "", "x", "np.sum(np.sin(x) ** 2)", [N(5)])
add(f"{WR}::test_hessian", "", "x, h", "np.dot(np.dot(x, h), x)", [N(5), N(5, 5)], wrt=["x"])
add(f"{WR}::test_multigrad", "", "a, b, c, d, e, f_, g",
    "a + np.sin(b) + np.cosh(c) + np.cos(d) + np.tan(e) + f_ + g",
    [K(0.5), K(-0.3), K(0.2), K(-1.1), K(0.7), K(0.6), K(-0.1)], wrt=["d", "b"])
add(f"{WR}::test_multigrad_onearg", "", "x, y", "np.sum(x + np.sin(y))", [N(3), N(3)])
add(f"{WR}::test_elementwise_grad", "", "a", "a + np.sin(a) + np.cosh(a)", [N(10)])
add(f"{WR}::test_elementwise_grad_multiple_args", "", "a, b", "a + np.sin(a) + np.cosh(b)",
    [K(0.9), N(10)], wrt=["b"])
for test, shape in [("test_hessian_vector_product", (5,)), ("test_hessian_matrix_product", (5, 4)),
                    ("test_hessian_tensor_product", (5, 4, 3))]:
    add(f"{WR}::{test}", "", "a", "np.sum(np.sin(a))", [N(*shape)])
for test, shape in [("test_vector_jacobian_product", (5,)),
                    ("test_matrix_jacobian_product", (5, 4)),
                    ("test_tensor_jacobian_product", (5, 4, 3))]:
    add(f"{WR}::{test}", "", "a", "np.roll(np.sin(a), 1)", [N(*shape)])
add(f"{WR}::test_dtypes", "", "x", "np.sum(x ** 2)", [N(10, 10)])
add(f"{WR}::test_checkpoint_correctness", "bar", "x", "_bar(x, x / 3.0) + _bar(x, x ** 2)",
    [K(3.0)], prelude="def _bar(x, y):\n    return 2 * x + y + 5")
add(f"{WR}::test_checkpoint_correctness", "baz", "x", "sum((x, x / 3.0))", [K(3.0)])
add(f"{WR}::test_deprecated_defgrad_wrapper", "", "x, y", "np.sum(np.sin(x * y))",
    [N(2, 2), N(2, 2)])

# ---------------------------------------------------------------- test_graphs.py
GR = "test_graphs.py"
TO_SCALAR = "np.sum(np.sin({}))"
add(f"{GR}::test_grad_fanout", "", "x", "np.sin(np.sin(x) + np.sin(x))", [N()])
add(f"{GR}::test_grad_const", "", "x", "1.0", [K(2.0)])
add(f"{GR}::test_grad_identity", "", "x", "x", [K(2.0)])
add(f"{GR}::test_hess_vector_prod", "", "x, r", "np.sin(np.dot(x, r))", [N(10), N(10)],
    wrt=["x"])
add(f"{GR}::test_mutating_outgrad", "", "a",
    "b = a + 1.0\nc = b + 1.5\nd = a + b\ne = d + c\n" + TO_SCALAR.format("e"), [N(5)])
add(f"{GR}::test_mutating_outgrad_from_indexing", "", "a",
    "b = a + 1.0\nc = b[0] + 1.5\nd = a + b\ne = d + c\n" + TO_SCALAR.format("e"), [N(5)])
add(f"{GR}::test_complex_mutating_outgrad_from_indexing", "", "a",
    "b = a + 1.0j\nc = b[0] + 1.5\nd = a + b\ne = d + c\nnp.sum(np.real(np.sin(e)))", [N(5)])
add(f"{GR}::test_complex_separate_real_and_imaginary", "", "x, y",
    "a = x + 0.1j * y\nr, i = np.real(a), np.imag(a)\nb = np.abs(r) ** 1.4 + np.abs(i) ** 1.3\n"
    + TO_SCALAR.format("b"),
    [FN(lambda rng: rng.uniform(0.2, 2, (5, 3)) * rng.choice([-1, 1], (5, 3))),
     FN(lambda rng: rng.uniform(0.2, 2, (5, 3)) * rng.choice([-1, 1], (5, 3)))])
add(f"{GR}::test_third_derivative", "", "x", "np.sin(np.sin(x) + np.sin(x))", [N()])
add(f"{GR}::test_third_derivative_other_args", "", "x, y", "np.sin(np.sin(x) + np.sin(y))",
    [N(), N()])
add(f"{GR}::test_singleton_array_output", "", "x", "np.sum(np.sin(x), keepdims=True)",
    [N(3, 3)])
for axis, shape in [(0, (3, 1)), (1, (1, 3))]:
    for keepdims in [True, False]:
        add(f"{GR}::test_singleton_array_output_axis{axis}", f"keepdims{keepdims}", "x",
            f"np.sum(np.sin(x), axis={axis}, keepdims={keepdims})", [N(*shape)])
skip(f"{GR}::test_enclosing_scope_ref", "differentiates through autograd's own grad")
skip(f"{GR}::test_enclosing_scope_ref_2", "differentiates through autograd's own grad")

# ---------------------------------------------------------------- test_core.py
CORE = "test_core.py"
for name, op in [("add", "+"), ("sub", "-"), ("div", "/"), ("mul", "*"), ("pow", "**"),
                 ("mod", "%"), ("eq", "=="), ("neq", "!="), ("leq", "<="), ("geq", ">="),
                 ("lt", "<"), ("gt", ">")]:
    add(f"{CORE}::test_{name}", "", "x, y", f"x {op} y", [K(0.7), K(1.8)])

# ---------------------------------------------------------------- test_scalar_ops.py
SC = "test_scalar_ops.py"
for name, expr, points in [("abs", "np.abs(x)", [1.1, -1.1]), ("sin", "np.sin(x)", None),
                           ("sign", "np.sign(x)", [1.1, -1.1]), ("exp", "np.exp(x)", None),
                           ("log", "np.log(x)", [0.7]), ("neg", "-x", None),
                           ("cos", "np.cos(x)", None), ("tan", "np.tan(x)", None),
                           ("cosh", "np.cosh(x)", None), ("sinh", "np.sinh(x)", None),
                           ("tanh", "np.tanh(x)", None)]:
    for p in points or [None]:
        add(f"{SC}::test_{name}", "" if p is None else f"{p}", "x", f"3.0 * {expr}",
            [N() if p is None else K(p)])

# ---------------------------------------------------------------- test_binary_ops.py / truediv
BIN_ARGS = [("scalar", K(2.0)), ("vector", N(6)), ("mat", N(7, 6)), ("mat2", N(1, 6))]


def _gap(domain):
    return lambda rng: _value(np.sqrt(np.asarray(domain(rng)) ** 2 + 0.5))


def _positive(domain):
    return lambda rng: _value(np.abs(np.asarray(domain(rng))) + 1.1)


def _rounded(domain):
    return lambda rng: _value(np.round(np.asarray(domain(rng))))


for name, op in [("mul", "*"), ("add", "+"), ("sub", "-"), ("div", "/"), ("pow", "**")]:
    for (ta, da), (tb, db) in itertools.product(BIN_ARGS, BIN_ARGS):
        if name == "div":
            da, db = _gap(da), _gap(db)
        if name == "pow":
            da, db = _positive(da), _rounded(db)
        add(f"test_binary_ops.py::test_{name}", f"{ta}-{tb}", "x, y",
            TO_SCALAR.format(f"x {op} y"), [da, db])
        if name == "div":
            add("test_truediv.py::test_div", f"{ta}-{tb}", "x, y", "x / y", [da, db])

# ---------------------------------------------------------------- test_list / tuple / dict
for ref, build in [("test_list.py", "t = [a, b, c]"), ("test_tuple.py", "t = (a, b, c)")]:
    args = [N(5, 6), N(4, 3), N(2, 4)]
    add(f"{ref}::test_getter", "", "a, b, c",
        f"{build}\nnp.sum(t[0]) + np.sum(t[1]) + np.sum(t[1])", args)
    add(f"{ref}::test_grads", "", "a, b, c", f"{build}\nnp.sum(np.sin(t[0])) + "
        "np.sum(np.cos(t[1]))", args)
DICT = "d = {'item_1': a, 'item_2': b, 'item_X': c}"
DARGS = [N(5, 6), N(4, 3), N(2, 4)]
add("test_dict.py::test_getter", "", "a, b, c",
    DICT + "\nnp.sum(d['item_1']) + np.sum(d['item_2']) + np.sum(d['item_2'])", DARGS)
add("test_dict.py::test_grads", "", "a, b, c",
    DICT + "\nnp.sum(np.sin(d['item_1'])) + np.sum(np.cos(d['item_2']))", DARGS)
add("test_dict.py::test_iter", "", "a, b, c",
    DICT + "\ns = 0.0\nr = 0.0\nfor i, k in enumerate(sorted(d)):\n"
    "    s = s + np.sum(np.sin(d[k])) * (i + 1.0)\n    r = r + np.sum(np.cos(d[k]))\ns + r", DARGS)
add("test_dict.py::test_items_values_keys", "", "a, b, c",
    DICT + "\ns = 0.0\nr = 0.0\nfor i, (k, v) in enumerate(sorted(d.items())):\n"
    "    s = s + np.sum(np.sin(v)) * (i + 1.0)\n    r = r + np.sum(np.cos(v))\n"
    "for v in d.values():\n    s = s + np.sum(np.sin(v))\nfor k in sorted(d.keys()):\n"
    "    s = s + np.sum(np.cos(d[k]))\ns + r", DARGS)
for tag, build in [("present", "d = {'item_1': v}"), ("absent", "d = {'item_2': v}")]:
    add("test_dict.py::test_get", tag, "v, x", f"{build}\nd.get('item_1', x) ** 2",
        [K(3.0), K(2.0)])
add("test_dict.py::test_make_dict", "", "x", "d = dict([('a', x)], b=x)\nd['a'] * d['b']",
    [K(1.0)])

# ---------------------------------------------------------------- test_logic.py
add("test_logic.py::test_assert", "", "x",
    "assert np.allclose(x, (x * 3.0) / 3.0)\nnp.sum(x)", [K([1.0, 2.0, 3.0])])
add("test_logic.py::test_falseyness", "", "x",
    "np.real(x ** 2 if np.iscomplex(x) else np.sum(x))", [K(2.0)])

# ---------------------------------------------------------------- test_jacobian.py
JAC = "test_jacobian.py"
add(f"{JAC}::test_jacobian_against_grad", "", "x", "np.sum(np.sin(x), axis=1, keepdims=True)",
    [N(1, 3)])
add(f"{JAC}::test_jacobian_scalar_to_vector", "", "x", "np.array([x, x ** 2, x ** 3])", [N()])
add(f"{JAC}::test_jacobian_against_stacked_grads", "", "x",
    "np.array([np.sum(x ** 3), np.prod(np.sin(x) + np.sin(x))])", [N(5)])
add(f"{JAC}::test_jacobian_higher_order", "", "x", "np.sin(np.outer(x, x)) + np.cos(np.dot(x, x))",
    [N(2)])

skip("test_builtins.py::test_isinstance", "autograd's isinstance of its boxes")
skip("test_misc.py", "autograd's const_graph and flatten utilities")
skip("test_vspaces.py", "autograd's vector spaces")
