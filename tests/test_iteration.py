"""Iteration as people write it (sct/iteration.py): for x in xs over arrays and tuples,
enumerate, zip, reversed, for/while ... else, and the reductions of generators, lowered by the
frontend into the for-range loops the passes know.  Each program is compiled in forward and
reverse mode and checked against central differences (its value against Python's), at edge
cases: empty ranges, negative steps, zips of unequal lengths, breaks, ties, empty
reductions."""
import importlib.util
import itertools
import textwrap

import numpy as np
import pytest

import sct
from checker import check_forward, check_forward_reverse, check_reverse
from sct.api import compile_module

COUNT = 0


def module_of(tmp_path, text):
    """The module of ``text`` written to tmp_path and imported (sct reads its source)."""
    global COUNT
    COUNT += 1
    path = tmp_path / f"iteration_case_{COUNT}.py"
    path.write_text("import math\nimport numpy as np\n\n\n" + textwrap.dedent(text))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def both_modes(f, args, wrt):
    """f's forward and reverse derivatives against central differences and each other; f's
    value is a number."""
    d_f = sct.forward(f, wrt=wrt)
    check_forward(f, d_f, args, wrt)
    b_f = sct.value_and_grad(f, wrt=wrt)
    value, _ = b_f(*args)
    assert value == pytest.approx(f(*args), rel=1e-12, abs=1e-12)
    adjoint = compiled_adjoint(f, wrt)
    check_reverse(f, adjoint, args, wrt)
    check_forward_reverse(f, d_f, adjoint, args, wrt)


def compiled_adjoint(f, wrt):
    """f's adjoint for any value (a Jacobian row's compilation), b_f(*args, b_out)."""
    path = f.__code__.co_filename
    with open(path) as file:
        source = file.read()
    text, names = compile_module(source, path, [f.__name__], "reverse", wrt,
                                 scalar_output=False)
    namespace = {}
    exec(compile(text, f"<adjoint of {f.__name__}>", "exec"), namespace)
    return namespace[names[f.__name__]]


# ------------------------------------------------------------------ ranges
@pytest.mark.parametrize("start, stop, step", [
    (0, 5, 1), (5, 0, -1), (5, 0, -2), (0, 5, -1), (3, 3, 1), (7, 2, -3), (2, 11, 4),
    (-3, 4, 2), (4, -3, -2), (0, 0, -1)])
def test_ranges_and_their_reversals(tmp_path, start, stop, step):
    """range(a, b, c) with a computed step, and reversed(range(...)) with a literal one: the
    items Python's range gives, forward and backward, empty ranges included."""
    m = module_of(tmp_path, f"""\
        def f(x, a, b, c):
            s = x
            for i in range(a, b, c):
                s = s * 0.9 + i * x
            for i in reversed(range(a, b, {step})):
                s = s * 0.8 + i * x * x
            for i in reversed(range({start}, {stop}, {step})):
                s = s * 0.7 + i
            for i in reversed(range(a, b, c)):
                s = s * 0.6 + i * x
            for k, i in enumerate(range(a, b, c)):
                s = s * 0.5 + k * i * x
            for i, k in zip(range(a, b, c), range(b, a, -c)):
                s = s * 0.4 + k * i * x
            return s
        """)
    expected = 0.6
    for i in range(start, stop, step):
        expected = expected * 0.9 + i * 0.6
    for i in reversed(range(start, stop, step)):
        expected = expected * 0.8 + i * 0.36
    for i in reversed(range(start, stop, step)):
        expected = expected * 0.7 + i
    for i in reversed(range(start, stop, step)):
        expected = expected * 0.6 + i * 0.6
    for k, i in enumerate(range(start, stop, step)):
        expected = expected * 0.5 + k * i * 0.6
    for i, k in zip(range(start, stop, step), range(stop, start, -step)):
        expected = expected * 0.4 + k * i * 0.6
    assert m.f(0.6, start, stop, step) == pytest.approx(expected)
    both_modes(m.f, (0.6, start, stop, step), (0,))


@pytest.mark.parametrize("loop", ["range(0, 5, c)", "reversed(range(0, 5, c))",
                                  "enumerate(range(5, 0, c))", "zip(range(0, 5, c), (x, x))"])
def test_a_zero_step_raises_valueerror_as_python(tmp_path, loop):
    m = module_of(tmp_path, f"""\
        def f(x, c):
            s = x
            for i in {loop}:
                s = s * x
            return s
        """)
    with pytest.raises(ValueError):
        m.f(0.5, 0)
    for derivative in (sct.forward(m.f, wrt=0), sct.grad(m.f, wrt=0)):
        with pytest.raises(ValueError, match="must not be zero"):
            derivative(0.5, 0, *([1.0] if derivative.__name__.startswith("d_") else []))


# ------------------------------------------------------------------ sequences
def test_zip_of_unequal_lengths_stops_at_the_shortest(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs, ys, zs):
            s = 0.0
            for a, b, c in zip(xs, ys, zs):
                s = s + a * b + c
            return s
        """)
    args = (np.array([0.5, 1.5, -2.0, 3.0]), np.array([1.1, -0.3]), np.array([0.2, 0.4, 0.8]))
    assert m.f(*args) == pytest.approx(0.5 * 1.1 + 0.2 + 1.5 * -0.3 + 0.4)
    both_modes(m.f, args, (0, 1, 2))
    g = sct.grad(m.f, wrt=0)(*args)
    assert np.array_equal(g, [1.1, -0.3, 0.0, 0.0])       # the entries zip never reaches


def test_empty_sequences(tmp_path):
    m = module_of(tmp_path, """\
        def f(x, xs):
            s = x
            for v in xs:
                s = s * v
            for i, v in enumerate(reversed(xs)):
                s = s + i * v
            return s
        """)
    both_modes(m.f, (1.5, np.zeros(0)), (0, 1))
    assert sct.grad(m.f, wrt=0)(1.5, np.zeros(0)) == 1.0


def test_break_inside_a_loop_over_entries(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs, t):
            s = 0.0
            for x in xs:
                if x > t:
                    break
                s = s + x * t
            return s + x
        """)
    args = (np.array([0.3, -1.2, 1.7, 2.1]), 1.0)
    assert m.f(*args) == pytest.approx((0.3 - 1.2) + 1.7)   # x is the entry that broke out
    both_modes(m.f, args, (0, 1))


def test_nested_loops_over_rows(tmp_path):
    m = module_of(tmp_path, """\
        def f(a, b):
            s = 0.0
            for row in a:
                for other in b:
                    for x, y in zip(row, other):
                        s = s + x * y * s + x
            return s
        """)
    rng = np.random.default_rng(3)
    args = (rng.standard_normal((3, 2)) * 0.3, rng.standard_normal((2, 2)) * 0.3)
    both_modes(m.f, args, (0, 1))


def test_a_tuple_of_pairs_gives_each_part_its_adjoint(tmp_path):
    m = module_of(tmp_path, """\
        def f(x, y):
            s = 0.0
            for a, b in ((x, y), (y, x * y)):
                s = s + a * b
            return s
        """)
    gx, gy = sct.grad(m.f)(1.5, 0.7)
    assert (gx, gy) == (pytest.approx(0.7 + 0.7 ** 2), pytest.approx(1.5 + 2 * 1.5 * 0.7))
    both_modes(m.f, (1.5, 0.7), (0, 1))


def test_enumerate_uses_the_users_index(tmp_path):
    """for i, x in enumerate(xs) reads as a person writes it: i runs over range(len(xs))."""
    m = module_of(tmp_path, """\
        def f(xs):
            s = 0.0
            for i, x in enumerate(xs):
                s = s + i * x
            return s
        """)
    text = sct.source(sct.forward(m.f))
    assert "for i in range(w1):" in text and "x = xs[i]" in text
    both_modes(m.f, (np.array([0.5, 1.5, -2.0]),), (0,))


# ------------------------------------------------------------------ else blocks
@pytest.mark.parametrize("t", [0.0, 5.0])
def test_else_runs_only_without_a_break(tmp_path, t):
    m = module_of(tmp_path, """\
        def f(xs, t):
            s = 1.0
            for x in xs:
                if x > t:
                    s = s * x
                    break
            else:
                s = s * t * t
            k = 0
            while k < len(xs):
                if xs[k] > t:
                    break
                k = k + 1
            else:
                s = s + t
            return s
        """)
    args = (np.array([-0.5, 1.5, 2.0]), t)
    assert m.f(*args) == (1.5 if t == 0.0 else 25.0 + 5.0)
    both_modes(m.f, args, (0, 1))


# ------------------------------------------------------------------ reductions
def test_reductions_of_generators(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs, ws, x):
            a = sum(x * w for x, w in zip(xs, ws))
            b = max(x * x for x in xs if x < 2.0)
            c = min([w - x for w in ws for x in xs if w > x], default=-1.0)
            return a + b * c + x
        """)
    args = (np.array([0.3, -1.2, 1.7, 2.1]), np.array([0.5, 1.5, -0.4]), 0.25)
    both_modes(m.f, args, (0, 1, 2))
    # the comprehension's x is its own: the parameter x is untouched
    assert sct.grad(m.f, wrt=2)(*args) == 1.0


def test_max_and_min_take_the_first_of_equal_items(tmp_path):
    m = module_of(tmp_path, """\
        def f(a, b):
            return max(v for v in (a, b)) + 2.0 * min(v for v in (b, a))
        """)
    ga, gb = sct.grad(m.f)(1.0, 1.0)
    assert (ga, gb) == (1.0, 2.0)                         # max picks a, min picks b
    da = sct.forward(m.f)(1.0, 1.0, 1.0, 0.0)[1]
    assert da == 1.0


def test_an_empty_max_raises_valueerror(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs):
            return max(x for x in xs if x > 100.0)
        """)
    xs = np.array([0.5, 1.5])
    with pytest.raises(ValueError):
        m.f(xs)
    with pytest.raises(ValueError, match="max"):
        sct.grad(m.f)(xs)
    with pytest.raises(ValueError, match="max"):
        sct.forward(m.f)(xs, xs)


def test_sum_starts_from_zero_and_start(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs, s):
            return sum((x * s for x in xs if x > 5.0), s) + sum(x for x in xs if x > 5.0)
        """)
    assert sct.value_and_grad(m.f, wrt=1)(np.array([1.0, 2.0]), 3.0) == (3.0, 1.0)
    both_modes(m.f, (np.array([1.0, 7.0, 9.0]), 3.0), (0, 1))


def test_any_stops_at_the_first_true_item(tmp_path):
    """any/all leave the loop at the item that decides, as Python's do: 1.0 / 0.0 after it is
    never computed."""
    m = module_of(tmp_path, """\
        def f(x, t):
            if any(1.0 / v > 0.5 for v in t):
                x = x * 2.0
            if all(1.0 / v > 0.5 for v in (x, 0.5, 0.0)):
                x = x * 3.0
            return x
        """)
    assert sct.value_and_grad(m.f, wrt=0)(1.5, (1.0, 0.0)) == (3.0, 2.0)


def test_any_and_all_over_several_clauses_leave_every_loop(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs, ys):
            s = 0.0
            if any(x * y > 1.0 for x in xs for y in ys):
                s = s + np.sum(xs)
            if all(x + y > -3.0 for x in xs for y in ys if y > 0.0):
                s = s + np.sum(ys * ys)
            return s
        """)
    args = (np.array([0.5, 1.5, -2.0]), np.array([1.1, -0.3, 0.9]))
    both_modes(m.f, args, (0, 1))
    assert m.f(*args) == pytest.approx(sct.forward(m.f)(*args, *args)[0])


def test_a_reduction_in_a_while_test_is_computed_before_every_test(tmp_path):
    m = module_of(tmp_path, """\
        def f(xs, t):
            while sum(x * x for x in xs) > t:
                xs = xs * 0.5
            else:
                t = t + 1.0
            return np.sum(xs) * t
        """)
    args = (np.array([0.5, 1.5, -2.0]), 0.3)
    both_modes(m.f, args, (0, 1))


@pytest.mark.parametrize("combo", list(itertools.product([0, 1, 3], [1, 2])))
def test_enumerate_zip_reversed_nested(tmp_path, combo):
    n, k = combo
    m = module_of(tmp_path, f"""\
        def f(xs, ys):
            s = 0.5
            for i, (a, (j, b)) in enumerate(zip(reversed(xs), enumerate(ys, start={k})), {k}):
                s = s * a + i * j * b
            return s
        """)
    rng = np.random.default_rng(n + 10 * k)
    args = (rng.standard_normal(n + 1), rng.standard_normal(n + k))
    both_modes(m.f, args, (0, 1))


def test_round_has_derivative_zero(tmp_path):
    m = module_of(tmp_path, """\
        def f(x):
            return x * round(x) + round(x, 1) + round(x * 10.0) * 0.1
        """)
    assert sct.grad(m.f)(1.26) == 1.0              # round(1.26): the steps are flat
    both_modes(m.f, (1.26,), (0,))


def test_comprehension_variables_are_their_own(tmp_path):
    """A comprehension's variables are its own (Python 3): lowered to loops, they take fresh
    names where the function, or a comprehension around them, uses the same ones."""
    m = module_of(tmp_path, """\
        def f(xs, m, x):
            a = sum(x * sum(x * y for x in row) for x, row in zip(xs, m) for y in xs)
            b = max(x for x in xs) + min(x * x for x in xs)
            return a + b * x
        """)
    args = (np.array([0.3, -1.2, 1.7]), np.array([[0.5, -0.4], [1.1, 0.2], [-0.7, 0.9]]), 0.6)
    both_modes(m.f, args, (0, 1, 2))


@pytest.mark.parametrize("xs", [[0.3, -1.2, 1.7, 2.1], [2.1, 1.7], [0.5, 0.9, 0.2, 0.4]])
def test_a_break_in_an_inner_loops_else_is_the_outer_loops(tmp_path, xs):
    m = module_of(tmp_path, """\
        def f(xs, t):
            s = 0.0
            for x in xs:
                for y in xs:
                    if y > x:
                        break
                else:
                    s = s + x
                    break
                s = s + x * t
            else:
                s = s * 10.0
            return s
        """)
    both_modes(m.f, (np.array(xs), 0.7), (0, 1))


@pytest.mark.parametrize("xs, t", [([0.3, 1.2], 0.5), ([], 0.5), ([0.3, 1.2], -0.5),
                                   ([0.3, 7.2], 11.0)])
def test_reductions_python_computes_only_sometimes(tmp_path, xs, t):
    """A reduction in a branch of a conditional expression, or after and/or, is computed only
    where Python computes it: max of no items is never asked for here."""
    m = module_of(tmp_path, """\
        def f(xs, t):
            m = max(x for x in xs) if len(xs) > 0 else 0.0
            s = m * t
            if t > 0.0 and any(x > t for x in xs):
                s = s * 2.0
            ok = t > 10.0 or all(x < 5.0 for x in xs)
            if ok and t > 0.0:
                s = s + t
            z = sum(x * t for x in xs) if t > 0.0 else min((x * x for x in xs), default=t)
            return s + z * (t < 0.0 or any(x > 0.0 for x in xs))
        """)
    both_modes(m.f, (np.array(xs), t), (0, 1))
