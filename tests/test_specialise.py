"""Gradients specialised per argument signature (issue 15): ``sct.grad`` dispatches on the
classes of its arguments, then on the numbers of dimensions of the arrays among them, to a
gradient compiled for those kinds.  Each variant is checked against central differences
and against the general gradient (which the CLI writes), and the variants' text for what
the kinds remove: shape helpers on numbers, value computations a caller throws away."""
import math
import sys
from pathlib import Path

import numpy as np
import pytest

import sct
from test_api import cache_dir, modules  # noqa: F401 (fixtures)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import loops  # noqa: E402

KINDS = """
    import math
    import numpy as np


    def square_sum(x):
        return np.sum(x * x) + 0.0 * math.pi


    def rebound(x):
        x = x * np.ones(3)
        return np.sum(x * x)


    def options(x, y=2.0, *, z=3.0):
        return np.sum(x * y * z) + np.sum(np.sin(x))


    def scaled(x, a):
        return x * a + np.sin(x * a)


    def element(v, a):
        return scaled(v[0], a) + v[-1] ** 2


    def callee(x):
        return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


    def caller(x, w):
        total = 0.0
        for i in range(len(w)):
            total += w[i] * callee(x * w[i])
        return total


    def sigmoid(x):
        return 1.0 / (1.0 + np.exp(-x))


    def logistic_sum(x, w):
        total = 0.0
        for i in range(len(w)):
            total += w[i] * sigmoid(x * w[i])
        return total
"""


def central(f, args, k, h=1e-6):
    """The central-difference derivative of f in argument k (a number or an array)."""
    x = np.asarray(args[k], dtype=float)
    out = np.zeros(x.shape)
    for j in np.ndindex(x.shape):
        plus, minus = list(args), list(args)
        if x.ndim == 0:
            plus[k], minus[k] = float(x) + h, float(x) - h
        else:
            plus[k], minus[k] = x.copy(), x.copy()
            plus[k][j] += h
            minus[k][j] -= h
        out[j] = (f(*plus) - f(*minus)) / (2 * h)
    return out if x.ndim else float(out)


@pytest.mark.parametrize("x", [0.7, 3, np.float64(0.7), np.array(0.7), np.array([0.3, -1.2]),
                               np.array([[0.3, -1.2], [2.0, 0.5]])],
                         ids=["float", "int", "float64", "0-d", "vector", "matrix"])
def test_each_kind_of_argument_gets_the_right_gradient(modules, x):
    m = modules(KINDS)
    g = sct.grad(m.square_sum)
    assert np.allclose(g(x), 2.0 * np.asarray(x, dtype=float), rtol=1e-14, atol=0)


def test_one_gradient_serves_numbers_then_arrays_then_numbers(modules):
    m = modules(KINDS)
    g = sct.grad(m.square_sum)
    for x in (0.5, np.array([1.0, 2.0]), 1.5, np.ones((2, 2)), np.array([3.0])):
        assert np.allclose(g(x), 2.0 * np.asarray(x), rtol=1e-14, atol=0)
    kinds = {tuple(c.__name__ for c in classes) for classes in g.__sct_variants__}
    assert kinds == {("float",), ("ndarray",)}


def test_a_number_parameter_rebound_to_an_array(modules):
    m = modules(KINDS)
    g = sct.grad(m.rebound)
    assert g(1.5) == pytest.approx(6 * 1.5, rel=1e-14)
    assert g(np.float64(-2.0)) == pytest.approx(-12.0, rel=1e-14)


REBOUND = """
    import numpy as np


    def spread(x):
        x = x * np.array([1.0, 2.0, 3.0])
        return x


    def through_callee(a, b):
        y = spread(a) * b
        return np.sum(y * y)


    def through_literal(b):
        y = spread(1.5) * b
        return y[0] + y[1]
"""


def test_a_number_parameter_a_callee_rebinds_to_an_array(modules):
    """A callee passed a number that it rebinds to an array returns an array: the caller must
    sum its adjoint back onto b (not an array of b's adjoints: a silent wrong answer once)."""
    m = modules(REBOUND)
    ga, gb = sct.grad(m.through_callee)(1.5, 0.5)
    assert ga == pytest.approx(2 * 1.5 * 0.5 ** 2 * 14, rel=1e-14)
    assert np.ndim(gb) == 0 and gb == pytest.approx(2 * 0.5 * 1.5 ** 2 * 14, rel=1e-14)
    assert sct.grad(m.through_literal)(0.5) == pytest.approx(1.5 * 3, rel=1e-14)


PAIRS = """
    import math
    import numpy as np


    def polar(x, y):
        return math.hypot(x, y), math.atan2(y, x)


    def spiral(x, y, k):
        r, t = polar(x, y)
        return np.sum(np.array([r * k, t * k * k]))


    def mixed(x):
        return x * 2.0, x * np.array([1.0, 2.0, 3.0])


    def uses_mixed(a, b):
        s, v = mixed(a)
        return np.sum(v * b) + s * b
"""


def test_the_items_of_a_tuple_a_callee_returns(modules):
    m = modules(PAIRS)
    g = sct.grad(m.spiral)
    args = (0.6, -0.8, 1.7)
    for k, got in enumerate(g(*args)):
        assert got == pytest.approx(central(m.spiral, args, k), rel=1e-8)
    (variant,) = _compiled(g)
    assert "_unbroadcast" not in _adjoint_text(variant, "spiral")
    ga, gb = sct.grad(m.uses_mixed)(1.5, 0.5)       # v is an array: b's adjoint summed back
    assert ga == pytest.approx(0.5 * 6 + 2.0 * 0.5, rel=1e-14)
    assert np.ndim(gb) == 0 and gb == pytest.approx(1.5 * 6 + 3.0, rel=1e-14)


def test_defaults_and_keyword_only_parameters(modules):
    m = modules(KINDS)
    g = sct.grad(m.options, wrt=("x", "y", "z"))
    gx, gy, gz = g(0.4)
    assert (gx, gy, gz) == pytest.approx((6.0 + math.cos(0.4), 1.2, 0.8), rel=1e-14)
    gx, gy, gz = g(np.array([0.4, 1.0]), 1.0, z=np.array([2.0, 1.0]))
    assert np.allclose(gx, [2.0 + math.cos(0.4), 1.0 + math.cos(1.0)], rtol=1e-14)
    assert gy == pytest.approx(0.8 + 1.0, rel=1e-14)
    assert np.allclose(gz, [0.4, 1.0], rtol=1e-14)
    with pytest.raises(TypeError):
        g(0.4, 1.0, 2.0)                # z is keyword-only, as in options itself


NAMES = """
    import numpy as np


    def clash(table, variant, choose):
        return np.sum(table * variant) + choose ** 2
"""


def test_parameters_named_as_the_dispatchs_own_names(modules):
    m = modules(NAMES)
    g = sct.grad(m.clash)
    t, v = np.array([1.0, 2.0]), np.array([3.0, -1.0])
    for _ in range(2):                  # compiling, then dispatching
        gt, gv, gc = g(t, v, 1.5)
        assert np.allclose(gt, v) and np.allclose(gv, t) and gc == pytest.approx(3.0)


def test_an_element_of_an_array_of_known_rank_is_a_number(modules):
    m = modules(KINDS)
    g = sct.grad(m.element)
    v = np.array([0.5, 2.0, -1.5])
    gv, ga = g(v, 2.0)
    slope = 1.0 + math.cos(0.5 * 2.0)
    assert np.allclose(gv, [2.0 * slope, 0.0, -3.0], rtol=1e-14)
    assert ga == pytest.approx(0.5 * slope, rel=1e-14)
    (variant,) = _compiled(g)           # for a vector and a float: v[0] is a number
    assert "_unbroadcast" not in _adjoint_text(variant, "scaled")
    assert "_unbroadcast" in _adjoint_text_of(sct.source(g), "scaled")     # v[0] may not be


def _compiled(g):
    """Every gradient g's dispatch has compiled, general ones included."""
    out = []
    for v in g.__sct_variants__.values():
        if hasattr(v, "__sct_source__") and "table" not in v.__globals__:
            out.append(v)
        else:
            out += list(v.__globals__["table"].values())
    return out


def _adjoint_text(variant, name):
    return _adjoint_text_of(variant.__sct_source__, name)


def test_the_variant_for_numbers_needs_no_shape_helpers(modules):
    m = modules(KINDS)
    g = sct.grad(m.logistic_sum)
    w = np.array([0.5, -1.0, 2.0])
    gx, gw = g(0.8, w)
    assert gx == pytest.approx(central(m.logistic_sum, (0.8, w), 0), rel=1e-8)
    assert np.allclose(gw, central(m.logistic_sum, (0.8, w), 1), rtol=1e-8)
    (variant,) = _compiled(g)
    for name in ("logistic_sum", "sigmoid"):
        text = _adjoint_text(variant, name)
        assert "_unbroadcast" not in text and "np.zeros(np.shape(" not in text, text
    general = sct.source(g)              # the general gradient keeps them: x may be an array
    assert "_unbroadcast" in _adjoint_text_of(general, "logistic_sum")


def _adjoint_text_of(text, name):
    start = text.index(f"\ndef b_{name}(")
    end = text.find("\ndef ", start + 1)
    return text[start:end if end > 0 else None]


def test_a_callees_adjoint_does_not_compute_the_value_its_caller_has(modules):
    m = modules(KINDS)
    g = sct.grad(m.caller)
    w = np.array([0.5, -1.0, 2.0])
    gx, gw = g(0.8, w)
    assert gx == pytest.approx(central(m.caller, (0.8, w), 0), rel=1e-8)
    assert np.allclose(gw, central(m.caller, (0.8, w), 1), rtol=1e-8)
    adjoint = _adjoint_text_of(sct.source(g), "callee")
    assert "math.erf" not in adjoint and "returns (b_x,)" in adjoint, adjoint


SHAPES = """
    import numpy as np


    def smooth(u, r):
        for _ in range(3):
            inner = u[1:-1] + r * (u[2:] - 2.0 * u[1:-1] + u[:-2])
            u = np.concatenate([u[:1], inner, u[-1:]])
        return np.sum(u ** 2)


    def stretch(a, b):
        c = a[1:] + b
        return np.sum(c * c * a[:-1])


    def rows(m, k):
        s = m[1:] * m[:-1] * k
        return np.sum(np.sin(s))
"""


@pytest.mark.parametrize("name, args", [
    ("smooth", (np.array([0.0, 0.5, 1.5, 0.8, 0.1]), 0.3)),
    ("stretch", (np.array([0.4, -1.0, 2.0]), np.array([0.7]))),
    ("stretch", (np.array([0.4, -1.0, 2.0]), 0.7)),
    ("rows", (np.array([[0.3, 1.0], [0.5, -0.2], [1.1, 0.4]]), np.array([1.5, -0.5]))),
    ("rows", (np.array([[0.3, 1.0]]), np.array([1.5, -0.5]))),
], ids=["smooth", "stretch-column", "stretch-number", "rows", "rows-one"])
def test_slices_of_one_array_need_no_summing_back_and_others_do(modules, name, args):
    m = modules(SHAPES)
    f = getattr(m, name)
    grads = sct.grad(f)(*args)
    for k in range(len(args)):
        reference = central(f, args, k)
        assert np.shape(grads[k]) == np.shape(args[k])
        assert np.allclose(grads[k], reference, rtol=1e-7, atol=1e-9), (name, k)


def test_the_heat_stencil_sums_nothing_back(modules):
    m = modules(SHAPES)
    g = sct.grad(m.smooth)
    g(np.linspace(0.0, 1.0, 6), 0.2)
    (variant,) = _compiled(g)
    assert "_unbroadcast(" not in _adjoint_text(variant, "smooth")


LOOPS = {   # small versions of the loops benchmark (bench/loops.py)
    "pendulum": ((np.array([1.0, 0.0]), 9.81, 1.0, 0.01, 20), (0, 1, 2)),
    "option_book": ((np.array([90.0, 100.0, 115.0]), np.array([100.0, 95.0, 120.0]),
                     np.array([0.5, 1.0, 2.0]), 0.03, 0.2), (0, 1, 2, 3, 4)),
    "kalman": ((np.array([0.3, -0.2, 0.8, 1.1]), 0.5, 1.0, 0.0, 1.0), (1, 2, 3, 4)),
    "lstm": ((np.linspace(-0.3, 0.3, 16).reshape(8, 2), np.linspace(0.2, -0.2, 16).reshape(8, 2),
              np.linspace(-0.1, 0.1, 8), np.linspace(-1, 1, 10).reshape(5, 2), np.zeros(2),
              np.zeros(2)), (0, 1, 2)),
    "heat": ((np.sin(np.linspace(0, np.pi, 8)), 1.0, 1e-3, 1 / 7, 5), (0, 1)),
    "heron": ((2.0, 1e-12), (0,)),
    "horner": ((np.array([0.5, -1.0, 2.0]), 0.7), (0, 1)),
    "rosenbrock": ((np.array([0.3, -0.5, 0.8]),), (0,)),
    "fixed_point": ((0.7, 30), (0,)),
    "kepler": ((1.1, 0.3, 1e-12), (0, 1)),
}


@pytest.mark.parametrize("name", sorted(LOOPS))
def test_loops_programs_specialised_and_general_agree_with_central_differences(name):
    f = getattr(loops, name)
    args, wrt = LOOPS[name]
    g = sct.grad(f, wrt=wrt)
    specialised = g(*args)
    general = g.__wrapped__(*args)
    for k, i in enumerate(wrt):
        reference = central(f, args, i, h=1e-6 * max(1.0, float(np.max(np.abs(args[i])))))
        assert np.allclose(specialised[k], reference, rtol=1e-6, atol=1e-8), (name, i)
        assert np.allclose(specialised[k], general[k], rtol=1e-12, atol=1e-14), (name, i)
    assert len(_compiled(g)) == 1 and _compiled(g)[0] is not g.__wrapped__


RECORDED = """
    import math
    import numpy as np


    def norm_cdf(x):
        return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


    def price(s, k):
        d = math.log(s / k) + 0.1
        return s * norm_cdf(d) - k * norm_cdf(d - 0.2)


    def book(s, k):
        total = 0.0
        for i in range(len(s)):
            total += price(s[i], k)
        return total


    def newton(a):
        x = a
        for _ in range(6):
            x = x - (x * x - a) / (2.0 * x)
        return x


    def step(x, a):
        return 0.5 * (x + a / x)


    def iterate(a, n):
        x = a
        for _ in range(n):
            x = step(x, a)          # reads its own target
        return x


    def sign_then(x, w):
        total = 0.0
        for i in range(len(w)):
            t = norm_cdf(x * w[i])  # its adjoint is zero: only the branch reads it
            if t > 0.5:
                total += w[i] * x
            else:
                total -= w[i] * x * x
        return total + newton(x)


    def damped(x, c):
        for _ in range(3):
            x = x * math.cos(c) - 0.1 * x * x      # the parameter rebound
        return x * c


    def rebinds(x, w):
        total = 0.0
        for i in range(len(w)):
            total += damped(x * w[i], w[i]) ** 2
        return total


    def overwritten(x, w):
        total = 0.0
        for i in range(len(w)):
            y = norm_cdf(x * w[i])  # overwritten unread: its adjoint is zero
            y = x * w[i]
            total += y * y
        return total


    def pair(x):
        return math.sin(x), x * math.cos(x)


    def noisy(x):
        print("noisy", x)
        return x * x


    def mixed(x, w):
        total = 0.0
        for i in range(len(w)):
            a, b = pair(x * w[i])
            total += a * b + noisy(w[i])
        return total
"""


@pytest.mark.parametrize("name, args", [
    ("book", (np.array([1.0, 1.5, 0.7]), 1.1)),
    ("iterate", (2.0, 5)),
    ("sign_then", (0.8, np.array([0.5, -1.0, 2.0, -0.3]))),
    ("rebinds", (0.8, np.array([0.5, -1.0, 2.0]))),
    ("overwritten", (0.8, np.array([0.5, -1.0, 2.0]))),
    ("mixed", (0.8, np.array([0.5, -1.0, 2.0]))),
], ids=["nested-callees-in-a-loop", "own-target", "only-a-branch-reads-it",
        "a-callee-rebinds-its-parameter", "zero-adjoint", "tuple-and-effects"])
def test_recorded_callees_agree_with_central_differences(modules, name, args, capsys):
    """A variant's callees record their forward sweep (r_g pushes, b_g pops) instead of
    running it again in their adjoint; the general gradient does not."""
    m = modules(RECORDED)
    f = getattr(m, name)
    g = sct.grad(f)
    specialised, general = g(*args), g.__wrapped__(*args)
    for k in range(len(args)):
        if isinstance(args[k], int):
            continue
        reference = central(f, args, k)
        assert np.allclose(specialised[k], reference, rtol=1e-6, atol=1e-8), k
        assert np.allclose(specialised[k], general[k], rtol=1e-13, atol=1e-15), k
    (variant,) = _compiled(g)
    assert "\ndef r_" in variant.__sct_source__ and "tape.pop()" in variant.__sct_source__
    assert "\ndef r_" not in sct.source(g) and "tape" not in sct.source(g)
    if name == "overwritten":       # the record of a call whose adjoint is zero is dropped
        assert "        stack.pop()\n" in _adjoint_text(variant, name)
    if name == "mixed":             # the callee's print runs once per call, in each gradient
        capsys.readouterr()
        g(*args)
        assert capsys.readouterr().out.count("noisy") == len(args[1])
        g.__wrapped__(*args)
        assert capsys.readouterr().out.count("noisy") == len(args[1])


def test_a_recorded_callee_runs_its_forward_sweep_once(modules):
    """norm_cdf's math.erf runs in r_norm_cdf only, not again in b_norm_cdf."""
    m = modules(RECORDED)
    g = sct.grad(m.book)
    g(np.array([1.0, 1.5]), 1.1)
    (variant,) = _compiled(g)
    text = variant.__sct_source__
    forward = text[text.index("\ndef r_norm_cdf("):text.index("\ndef b_norm_cdf(")]
    assert "math.erf" in forward and "math.erf" not in _adjoint_text(variant, "norm_cdf")
    assert "math.log" not in _adjoint_text(variant, "price")
