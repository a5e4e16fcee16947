"""Edge cases and refusals of numpy's sinc, cumprod, median / percentile / quantile, partition,
interp, polyval, select, cross and astype: sinc at and near 0 (its slope and Hessian), cumprod
with zeros, ties for the order statistics and partition, x at interp's knots, against
independent references (closed forms, central differences); forward and reverse mode must give
the same Jacobian wherever a convention decides it."""
import importlib
import itertools
import math
import textwrap
import warnings

import numpy as np
import pytest

import sct
from sct import SctError

_COUNT = itertools.count()


@pytest.fixture
def compile_f(tmp_path, monkeypatch):
    """``compile_f(body, params="x")``: the function ``f`` of a module written to tmp_path."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(body, params="x"):
        name = f"numpy_more_{next(_COUNT)}"
        text = "import numpy as np\n\n\ndef f(" + params + "):\n" + \
            textwrap.indent(textwrap.dedent(body).strip() + "\n", "    ")
        (tmp_path / f"{name}.py").write_text(text)
        return importlib.import_module(name).f
    return make


def jacobians(f, x, wrt=0):
    """The Jacobian by forward mode and by reverse mode (they must agree)."""
    return (sct.jacobian(f, wrt=wrt, mode="forward")(*x),
            sct.jacobian(f, wrt=wrt, mode="reverse")(*x))


def differences(f, args, wrt=0, h=1e-6):
    """The Jacobian of f by central differences in argument ``wrt``."""
    x = np.asarray(args[wrt], dtype=float)
    columns = []
    for e in np.eye(x.size):
        shifted = [list(args), list(args)]
        shifted[0][wrt], shifted[1][wrt] = x + h * e.reshape(x.shape), x - h * e.reshape(x.shape)
        columns.append((np.asarray(f(*shifted[0])) - np.asarray(f(*shifted[1]))) / (2 * h))
    return np.moveaxis(np.reshape(columns, x.shape + np.shape(f(*args))), list(range(x.ndim)),
                       list(range(-x.ndim, 0)))


def refused(f, match, *args, mode="grad"):
    with pytest.raises(SctError, match=match) as info:
        derivative = sct.grad(f) if mode == "grad" else sct.forward(f)
        derivative(*args)
    return info.value


# ---------------------------------------------------------------- sinc
def test_sinc_slope_is_zero_at_zero_both_modes(compile_f):
    f = compile_f("return np.sinc(x)")
    assert sct.grad(f)(0.0) == 0.0
    value, tangent = sct.forward(f)(0.0, 1.0)
    assert (value, tangent) == (1.0, 0.0)


def test_sinc_slope_near_zero_is_the_series(compile_f):
    """Near 0 the quotient (cos(pi x) - sinc(x)) / x cancels; the slope is -pi^2 x / 3 +
    pi^4 x^3 / 30 - pi^6 x^5 / 840 to far below rounding there."""
    f = compile_f("return np.sum(np.sinc(x))")
    x = np.array([1e-12, -3e-9, 2e-6, 1e-4, -0.01])
    expected = -math.pi ** 2 * x / 3 + math.pi ** 4 * x ** 3 / 30 - math.pi ** 6 * x ** 5 / 840
    np.testing.assert_allclose(sct.grad(f)(x), expected, rtol=1e-12, atol=0)
    _, tangent = sct.forward(compile_f("return np.sinc(x)"))(x, np.ones(5))
    np.testing.assert_allclose(tangent, expected, rtol=1e-12, atol=0)


def test_sinc_slope_away_from_zero(compile_f):
    f = compile_f("return np.sum(np.sinc(x))")
    x = np.array([0.15, 0.16, 0.5, 1.0, -2.5, 3.7])
    t = math.pi * x
    expected = (np.cos(t) - np.sin(t) / t) / x
    np.testing.assert_allclose(sct.grad(f)(x), expected, rtol=1e-12, atol=1e-15)


def test_sinc_hessian_at_and_near_zero(compile_f):
    """The second derivative of sinc is -pi^2 / 3 at 0 (its series' first term); near 0 and
    across the switch from the series (|pi x| = 0.5) it follows the closed form."""
    f = compile_f("return np.sum(np.sinc(x))")
    np.testing.assert_allclose(sct.hessian(f)(np.array([0.0])), [[-math.pi ** 2 / 3]],
                               rtol=1e-14)
    x = np.array([0.0, 1e-7, 0.159, 0.16, 0.9, -1.7])
    t = math.pi * x
    with np.errstate(divide="ignore", invalid="ignore"):
        closed = math.pi ** 2 * ((2 - t * t) * np.sin(t) - 2 * t * np.cos(t)) / t ** 3
    closed[:2] = -math.pi ** 2 / 3 + math.pi ** 4 * x[:2] ** 2 / 10
    np.testing.assert_allclose(sct.hessian(f)(x), np.diag(closed), rtol=1e-9, atol=1e-12)
    g = compile_f("return np.sinc(x)")
    assert sct.hessian(g)(0.0) == pytest.approx(-math.pi ** 2 / 3, rel=1e-14)


# ---------------------------------------------------------------- cumprod
def cumprod_jacobian(a):
    """d cumprod(a)_i / d a_j: the product of a_k over k <= i but k != j, for j <= i."""
    n = len(a)
    return np.array([[np.prod([a[k] for k in range(i + 1) if k != j]) if j <= i else 0.0
                      for j in range(n)] for i in range(n)])


@pytest.mark.parametrize("a", [[2.0, 0.0, 3.0, 0.0, 5.0], [0.0, 1.5, -2.0], [1.5, -2.0, 0.0],
                               [0.0, 0.0, 4.0], [3.0]])
def test_cumprod_with_zeros_is_exact(compile_f, a):
    f = compile_f("return np.cumprod(x)")
    forward, reverse = jacobians(f, (np.array(a),))
    np.testing.assert_array_equal(forward, cumprod_jacobian(a))
    np.testing.assert_array_equal(reverse, cumprod_jacobian(a))


def test_cumprod_axis_with_zeros(compile_f):
    f = compile_f("return np.cumprod(x, axis=1)")
    x = np.array([[2.0, 0.0, 3.0], [0.0, -1.0, 4.0]])
    expected = np.zeros((2, 3, 2, 3))
    for r in range(2):
        expected[r, :, r, :] = cumprod_jacobian(x[r])
    for jac in jacobians(f, (x,)):
        np.testing.assert_array_equal(jac, expected)


def test_cumprod_hessian_with_zeros(compile_f):
    """The second derivatives of sum(cumprod(a)) are sums of products of the other entries:
    exact (the recurrences divide by nothing) where entries are zero."""
    f = compile_f("return np.sum(np.cumprod(x))")
    a = np.array([2.0, 0.0, 3.0, -1.0])
    expected = np.zeros((4, 4))
    for i in range(4):
        for j, k in itertools.permutations(range(i + 1), 2):
            expected[j, k] += np.prod([a[m] for m in range(i + 1) if m not in (j, k)])
    np.testing.assert_array_equal(sct.hessian(f)(a), expected)


# ---------------------------------------------------------------- quantiles
def test_median_with_ties_follows_the_stable_sort(compile_f):
    """[2, 1, 2, 2, 3]: the median is the third of the stably sorted entries, a[2]."""
    f = compile_f("return np.median(x)")
    a = np.array([2.0, 1.0, 2.0, 2.0, 3.0])
    for jac in jacobians(f, (a,)):
        np.testing.assert_array_equal(jac, [0.0, 0.0, 1.0, 0.0, 0.0])


def test_median_even_count_with_ties(compile_f):
    f = compile_f("return np.median(x, axis=1)")
    a = np.array([[1.0, 3.0, 3.0, 0.0], [5.0, 5.0, 5.0, 5.0]])
    expected = np.zeros((2, 2, 4))
    expected[0, 0, [0, 1]] = 0.5         # sorted: 0, 1, 3 (a[1]), 3 (a[2]): a[0] and a[1]
    expected[1, 1, [1, 2]] = 0.5         # all tied: the stable order's second and third
    for jac in jacobians(f, (a,)):
        np.testing.assert_array_equal(jac, expected)


def test_quantile_weights_against_closed_form(compile_f):
    """h = (n - 1) q on the sorted entries: weight 1 - frac(h) and frac(h) on floor(h) and
    floor(h) + 1; q = 0 and 1 pick the extremes."""
    f = compile_f("return np.quantile(x, np.array([0.0, 0.3, 0.5, 1.0]))")
    a = np.array([0.4, -1.0, 2.5, 0.9, 1.7, -0.3])      # sorted positions 1, 5, 0, 3, 4, 2
    order = np.argsort(a)
    expected = np.zeros((4, 6))
    for row, q in enumerate([0.0, 0.3, 0.5, 1.0]):
        h = 5 * q
        lo = int(np.floor(h))
        expected[row, order[lo]] += 1 - (h - lo)
        expected[row, order[min(lo + 1, 5)]] += h - lo
    for jac in jacobians(f, (a,)):
        np.testing.assert_allclose(jac, expected, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(expected @ a, np.quantile(a, [0.0, 0.3, 0.5, 1.0]))


def test_percentile_with_ties_both_modes_agree(compile_f):
    f = compile_f("return np.percentile(x, [25.0, 60.0], axis=0, keepdims=True)")
    a = np.array([[1.0, 2.0], [1.0, 0.5], [1.0, 2.0], [0.0, 2.0]])
    forward, reverse = jacobians(f, (a,))
    np.testing.assert_array_equal(forward, reverse)
    np.testing.assert_allclose(np.sum(forward * a, axis=(-2, -1)), f(a), rtol=1e-14)


def test_quantile_refusals(compile_f):
    refused(compile_f("return np.quantile(x, 0.5, method='nearest')"),
            "method='linear' only", np.ones(3))
    refused(compile_f("return np.median(x, overwrite_input=True)"),
            "overwrite_input=False only", np.ones(3))
    err = refused(compile_f("return np.quantile(x, q)", "x, q"), "moves with q",
                  np.arange(3.0), 0.5)
    assert "q" in err.hint
    refused(compile_f("return np.percentile(x, x[0] * 10.0)"), "moves with q",
            np.arange(1.0, 4.0))


def test_quantile_q_without_derivative_is_accepted(compile_f):
    f = compile_f("return np.quantile(x, q)", "x, q")
    np.testing.assert_allclose(sct.grad(f, wrt=0)(np.array([3.0, 1.0, 2.0]), 0.75),
                               [0.5, 0.0, 0.5])


# ---------------------------------------------------------------- partition
@pytest.mark.parametrize("kth", [0, 2, [1, 4], -1])
def test_partition_with_ties_follows_the_result(compile_f, kth):
    """The Jacobian is a permutation matrix that takes a to numpy's own result (whatever
    order it left ties and the other entries in), the same in both modes."""
    f = compile_f(f"return np.partition(x, {kth})")
    a = np.array([3.0, 1.0, 2.0, 1.0, 3.0, 2.0, 1.0])
    forward, reverse = jacobians(f, (a,))
    np.testing.assert_array_equal(forward, reverse)
    np.testing.assert_array_equal(np.sort(forward, axis=1)[:, -1], np.ones(7))
    np.testing.assert_array_equal(np.sum(forward, axis=0), np.ones(7))
    np.testing.assert_array_equal(forward @ a, np.partition(a, kth))


def test_partition_axis_none_and_rows(compile_f):
    a = np.array([[2.0, 2.0, 0.5], [1.0, -1.0, 1.0]])
    for body, kth in (("return np.partition(x, 2, axis=None)", 2),
                      ("return np.partition(x, 1, axis=0)", 1)):
        f = compile_f(body)
        forward, reverse = jacobians(f, (a,))
        np.testing.assert_array_equal(forward, reverse)
        flat = np.reshape(forward, (np.size(f(a)), 6))
        np.testing.assert_array_equal(flat @ np.ravel(a), np.ravel(f(a)))


# ---------------------------------------------------------------- interp
XP = np.array([0.0, 1.0, 3.0, 4.0])
FP = np.array([1.0, -1.0, 2.0, 2.5])
SLOPES = np.diff(FP) / np.diff(XP)            # -2, 1.5, 0.5


def test_interp_at_the_knots_takes_the_right_slope(compile_f):
    """Right-continuous convention: a knot starts the interval to its right; at xp[0] the
    first interval's slope, at xp[-1] and right of it 0 (the value is constant there), left
    of xp[0] 0; forward and reverse agree."""
    f = compile_f("return np.interp(x, np.array([0.0, 1.0, 3.0, 4.0]), "
                  "np.array([1.0, -1.0, 2.0, 2.5]))")
    x = np.array([0.0, 1.0, 3.0, 4.0, -0.5, 4.5, 2.0])
    expected = np.diag([SLOPES[0], SLOPES[1], SLOPES[2], 0.0, 0.0, 0.0, SLOPES[1]])
    for jac in jacobians(f, (x,)):
        np.testing.assert_array_equal(jac, expected)
    # the right derivative, by one-sided differences
    h = 1e-7
    np.testing.assert_allclose((f(x + h) - f(x)) / h, np.diag(expected), atol=1e-6)


def test_interp_in_fp_at_knots_and_outside(compile_f):
    f = compile_f("return np.interp(np.array([-1.0, 0.0, 1.0, 2.0, 4.0, 5.0]), "
                  "np.array([0.0, 1.0, 3.0, 4.0]), x)")
    expected = np.array([[1, 0, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0.5, 0.5, 0],
                         [0, 0, 0, 1], [0, 0, 0, 1]], dtype=float)
    for jac in jacobians(f, (FP,)):
        np.testing.assert_array_equal(jac, expected)


def test_interp_left_right_take_no_fp(compile_f):
    f = compile_f("return np.interp(np.array([-1.0, 0.0, 4.0, 5.0]), "
                  "np.array([0.0, 1.0, 3.0, 4.0]), x, left=-7.0, right=9.0)")
    expected = np.array([[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0]], dtype=float)
    for jac in jacobians(f, (FP,)):
        np.testing.assert_array_equal(jac, expected)


def test_interp_mixed_hessian(compile_f):
    """d^2 / dx dfp of sum(interp(x, xp, fp)^2): against central differences of the gradient
    in the combined vector (x, fp)."""
    f = compile_f("u = np.interp(v[:3], np.array([0.0, 1.0, 3.0, 4.0]), v[3:])\n"
                  "return np.sum(u * u * v[:3])", "v")
    v = np.array([0.3, 2.2, 3.6, 1.0, -1.0, 2.0, 2.5])
    gradient, h = sct.grad(f), 1e-6
    expected = np.array([(gradient(v + h * e) - gradient(v - h * e)) / (2 * h)
                         for e in np.eye(7)])
    np.testing.assert_allclose(sct.hessian(f)(v), expected, rtol=1e-6, atol=1e-7)


def test_interp_refusals(compile_f):
    refused(compile_f("return np.interp(x, xp, np.array([1.0, 2.0]))", "x, xp"),
            "xp, left or right carries a derivative", 0.5, np.array([0.0, 1.0]))
    refused(compile_f("return np.interp(0.5, np.array([0.0, 1.0]), np.array([1.0, 2.0]), "
                      "left=x)"), "carries a derivative", 0.5)
    refused(compile_f("return np.interp(x, np.array([0.0, 1.0]), np.array([1.0, 2.0]), "
                      "period=2.0)"), "period=None only", 0.5)


# ---------------------------------------------------------------- polyval, select, cross
def test_polyval_at_zero_is_exact(compile_f):
    f = compile_f("return np.polyval(p, x)", "p, x")
    p = np.array([2.0, -3.0, 5.0, 7.0])
    gp, gx = sct.grad(f, wrt=(0, 1))(p, 0.0)
    np.testing.assert_array_equal(gp, [0.0, 0.0, 0.0, 1.0])
    assert gx == 5.0
    gp, gx = sct.grad(f, wrt=(0, 1))(p, 2.0)
    np.testing.assert_array_equal(gp, [8.0, 4.0, 2.0, 1.0])
    assert gx == 3 * 2.0 * 4 - 2 * 3.0 * 2 + 5.0


def test_polyval_hessian_closed_form(compile_f):
    """sum(polyval(p, x)) over x = [x0, x1]: d^2 / dp_k dx_i = (n-1-k) x_i^(n-2-k), d^2 / dx_i^2
    the second derivative polynomial, d^2 / dp^2 = 0."""
    f = compile_f("return np.sum(np.polyval(v[:3], v[3:]))", "v")
    v = np.array([1.5, -2.0, 0.5, 0.7, -1.2])
    p, x = v[:3], v[3:]
    expected = np.zeros((5, 5))
    for i in range(2):
        expected[3 + i, 3 + i] = 2 * p[0]
        expected[0, 3 + i] = expected[3 + i, 0] = 2 * x[i]
        expected[1, 3 + i] = expected[3 + i, 1] = 1.0
    np.testing.assert_allclose(sct.hessian(f)(v), expected, rtol=1e-14, atol=1e-15)


def test_select_first_condition_wins(compile_f):
    f = compile_f("return np.select([x > 0.0, x > -1.0], [x * y, 3.0 * y], y * y)", "x, y")
    x, y = np.array([0.5, -0.5, -2.0]), np.array([1.5, 2.0, -3.0])
    for jac in jacobians(f, (x, y), wrt=1):
        np.testing.assert_array_equal(jac, np.diag([0.5, 3.0, -6.0]))
    for jac in jacobians(f, (x, y), wrt=0):
        np.testing.assert_array_equal(jac, np.diag([1.5, 0.0, 0.0]))


def test_cross_closed_forms(compile_f):
    """d(a x b) / da = -[b]_x (the cross-product matrix); the 2-vector form's gradient is
    (b1, -b0) in a and (-a1, a0) in b."""
    f = compile_f("return np.cross(a, b)", "a, b")
    a, b = np.array([0.3, -1.2, 2.0]), np.array([1.1, 0.4, -0.7])
    skew = np.array([[0.0, -b[2], b[1]], [b[2], 0.0, -b[0]], [-b[1], b[0], 0.0]])
    for jac in jacobians(f, (a, b), wrt=0):
        np.testing.assert_allclose(jac, -skew, rtol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ga, gb = sct.grad(f, wrt=(0, 1))(a[:2], b[:2])
    np.testing.assert_array_equal(ga, [b[1], -b[0]])
    np.testing.assert_array_equal(gb, [-a[1], a[0]])


def test_cross_axis_keywords_refused(compile_f):
    refused(compile_f("return np.cross(a, b, axisa=0)", "a, b"), "axisa=-1 only",
            np.ones((3, 2)), np.ones(3))
    refused(compile_f("return np.cross(a, b, -1, -1, 0)", "a, b"), "axisc=-1 only",
            np.ones(3), np.ones(3))


def test_cross_axis_against_differences(compile_f):
    f = compile_f("return np.cross(a, b, axis=0)", "a, b")
    a, b = np.array([[0.3, 1.0], [-1.2, 0.2], [2.0, -0.5]]), np.array([1.1, 0.4, -0.7])
    expected = differences(f, (a, b[:, None] + np.zeros((3, 2))), wrt=0)
    for jac in jacobians(f, (a, b[:, None] + np.zeros((3, 2))), wrt=0):
        np.testing.assert_allclose(jac, expected, rtol=1e-8, atol=1e-9)


# ---------------------------------------------------------------- astype
def test_astype_int_and_bool_have_derivative_zero(compile_f):
    f = compile_f("return np.sum(x.astype(int) * x + x.astype(bool) + x.astype(np.int32))")
    x = np.array([1.5, -2.7, 0.2])
    np.testing.assert_array_equal(sct.grad(f)(x), [1.0, -2.0, 0.0])     # d(int(x) x) = int(x)
    value, tangent = sct.forward(f)(x, np.ones(3))
    assert tangent == -1.0


def test_astype_float_is_a_copy(compile_f):
    f = compile_f("y = x.astype(float)\ny[0] = 5.0\nreturn np.sum(y * x)")
    x = np.array([1.5, -2.7, 0.2])
    np.testing.assert_array_equal(sct.grad(f)(x), [5.0, 2 * x[1], 2 * x[2]])
    np.testing.assert_array_equal(x, [1.5, -2.7, 0.2])


def test_astype_refusals(compile_f):
    refused(compile_f("return np.sum(x.astype('complex128'))"), "astype is supported with",
            np.ones(2))
    refused(compile_f("return np.sum(x.astype(float, copy=False))"), "copy other than True",
            np.ones(2))
    refused(compile_f("return np.sum(x.astype(float, 'C'))"), "dtype alone", np.ones(2))
