"""Properties of the adjoint code reverse mode generates, beyond its values (which the corpus
checks): it keeps no state between calls (its stack is a local list), so that calling it again,
or from several threads at once, gives the same results; and it saves values on that stack only
where an overwritten value is read back, never in straight-line code.
"""
import ast
import importlib.util
import pathlib
import sys
import textwrap
import threading

import numpy as np
import pytest

import sct
from checker import check_reverse
from sct.api import compile_module

CORPUS = pathlib.Path(__file__).parent / "corpus"

# corpus programs whose adjoints use the stack (loops, nested loops, while loops, calls)
STACK_USERS = ["rev_product_loop", "rev_index_recurrence", "rev_nested_data_loops",
               "rev_while_true_nested", "rev_callee_twice", "heron_while", "gauss_elimination",
               "rev_early_return_nested"]


def load(stem):
    spec = importlib.util.spec_from_file_location(f"reverse_{stem}", CORPUS / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def adjoint(text, name="f", wrt=None, scalar_output=False):
    """(adjoint function, generated module text) of ``name`` in the module ``text``."""
    text = textwrap.dedent(text)
    module_text, names = compile_module(text, "<test>", [name], "reverse", wrt,
                                        scalar_output=scalar_output)
    namespace = {}
    exec(compile(module_text, "<generated>", "exec"), namespace)
    return namespace[names[name]], module_text


def function_source(module_text, name):
    tree = ast.parse(module_text)
    return next(ast.unparse(n) for n in tree.body
                if isinstance(n, ast.FunctionDef) and n.name == name)


def same(a, b):
    """Equal to the last bit, through tuples."""
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return np.array_equal(np.asarray(a), np.asarray(b)) and np.shape(a) == np.shape(b)


def wrt_of(module):
    wrt = getattr(module, "WRT", None)
    if wrt is not None:
        return tuple(wrt)
    return tuple(i for i, a in enumerate(module.ARGS)
                 if not isinstance(a, (bool, int, np.integer)))


@pytest.fixture(scope="module", autouse=True)
def corpus_on_path():
    sys.path.insert(0, str(CORPUS))
    yield
    sys.path.remove(str(CORPUS))


# ---------------------------------------------------------------- no state between calls
@pytest.mark.parametrize("stem", STACK_USERS)
def test_gradient_called_twice_gives_identical_results(stem):
    module = load(stem)
    args = module.ARGS
    before = [np.copy(a) for a in args]
    g = sct.value_and_grad(module.f, wrt=wrt_of(module))
    assert "stack.append(" in sct.source(g), "pick programs whose adjoint uses the stack"
    first = g(*args)
    second = g(*args)
    assert same(first, second)
    for a, b in zip(args, before):          # and the arguments are left as they were
        assert same(a, b)


def test_stack_is_a_local_list():
    module = load("rev_product_loop")
    text = sct.source(sct.grad(module.f, wrt=wrt_of(module)))
    tree = ast.parse(text)
    top = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
           if isinstance(t, ast.Name)}
    assert "stack" not in top
    b_f = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "b_f")
    inits = [s for s in b_f.body if isinstance(s, ast.Assign) and ast.unparse(s) == "stack = []"]
    assert len(inits) == 1


@pytest.mark.parametrize("stem", ["rev_product_loop", "rev_index_recurrence",
                                  "rev_nested_data_loops", "rev_callee_twice"])
def test_gradient_from_two_threads_gives_identical_results(stem):
    module = load(stem)
    g = sct.value_and_grad(module.f, wrt=wrt_of(module))
    expected = g(*module.ARGS)
    saved = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)         # switch threads as often as possible
    try:
        barrier = threading.Barrier(2)
        results = {0: [], 1: []}
        errors = []

        def work(k):
            try:
                barrier.wait()
                for _ in range(8):
                    results[k].append(g(*module.ARGS))
            except Exception as err:        # pragma: no cover - reported below
                errors.append(err)

        threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(saved)
    assert not errors
    for k in (0, 1):
        assert len(results[k]) == 8
        for r in results[k]:
            assert same(r, expected)


def test_seed_and_arguments_are_not_modified():
    """The adjoint neither writes into its arguments nor into the output adjoint it is given
    (the adjoints it returns are arrays of their own, not the seed itself)."""
    b_f, _ = adjoint("""
        import numpy as np

        def f(x, y):
            z = x * 1.0
            for i in range(3):
                z[i] = z[i] * y[i] + z[i - 1]
            return z + y
    """)
    x, y = np.array([0.5, -1.0, 2.0]), np.array([1.5, 0.3, -0.7])
    seed = np.array([1.0, 2.0, 3.0])
    value, (b_x, b_y) = b_f(x, y, seed)
    assert same(x, np.array([0.5, -1.0, 2.0])) and same(y, np.array([1.5, 0.3, -0.7]))
    assert same(seed, np.array([1.0, 2.0, 3.0]))
    b_x[:] = 0.0
    b_y[:] = 0.0
    assert same(seed, np.array([1.0, 2.0, 3.0]))
    assert same(b_f(x, y, seed), b_f(x, y, seed))


# ---------------------------------------------------------------- what is saved
STRAIGHT_LINE = {
    "reassignment": ("""
        import math

        def f(x, y):
            z = x * y
            z = z * z + math.sin(z)
            z = z / y
            x = x * z
            y = y - x
            z = z * x * y
            return z
    """, (0.7, 1.3)),
    "index_assignment": ("""
        import numpy as np

        def f(x):
            y = np.zeros(3)
            y[0] = x[0] * x[1]
            y[1] = x[1] * x[2]
            y[2] = y[0] * y[1]
            y[0] = y[2] * y[0]
            return np.sum(y * x)
    """, (np.array([0.5, -1.2, 2.0]),)),
    "tuples_and_calls": ("""
        import numpy as np

        def g(a, b):
            return a * b, a + b

        def f(x, v):
            p, q = g(x, x * 2.0)
            p, q = g(q, p)
            v = v * p
            v = np.tanh(v) * q
            return np.sum(v * v)
    """, (0.4, np.array([1.0, -0.5]))),
    "branches": ("""
        def f(x, y):
            if x > y:
                z = x * y
            else:
                z = x / y
            z = z * z
            if z > 1.0:
                return z * x
            return z - y
    """, (0.7, 1.3)),
}


@pytest.mark.parametrize("case", sorted(STRAIGHT_LINE))
def test_code_without_loops_saves_nothing(case):
    text, args = STRAIGHT_LINE[case]
    for scalar_output in (False, True):
        b_f, module_text = adjoint(text, scalar_output=scalar_output)
        assert "stack" not in module_text, function_source(module_text, "b_f")
    namespace = {}
    exec(compile(textwrap.dedent(text), "<test>", "exec"), namespace)
    b_f, _ = adjoint(text)
    check_reverse(namespace["f"], b_f, args)


def test_loop_that_reads_an_overwritten_value_uses_the_stack():
    text = """
        def f(x, y, n):
            for i in range(n):
                x = x * y
            return x
    """
    b_f, module_text = adjoint(text, wrt=(0, 1))
    source = function_source(module_text, "b_f")
    assert "stack = []" in source and "stack.append(x)" in source and "stack.pop()" in source
    value, (b_x, b_y) = b_f(0.7, 1.3, 5)
    assert value == pytest.approx(0.7 * 1.3 ** 5, rel=1e-14)
    assert b_x == pytest.approx(1.3 ** 5, rel=1e-14)
    assert b_y == pytest.approx(5 * 0.7 * 1.3 ** 4, rel=1e-14)


def test_loop_whose_adjoint_reads_no_overwritten_value_saves_nothing():
    """s = s + x * i overwrites s, but the adjoint of + does not read s; i is the loop's own.
    (For a gradient: were x an array, s would change shape in the loop, and the adjoint would
    need its old shapes.)"""
    text = """
        def f(x, n):
            s = 0.0
            for i in range(n):
                s = s + x * i
            return s * x
    """
    b_f, module_text = adjoint(text, wrt=0, scalar_output=True)
    assert "stack" not in function_source(module_text, "b_f")
    value, (b_x,) = b_f(0.7, 4)
    assert value == pytest.approx(6 * 0.7 * 0.7) and b_x == pytest.approx(12 * 0.7)


def test_loop_invariant_values_are_not_saved():
    """Heron's tol * a is the same in every pass: no save; x * tol changes with x: saved.
    (tests/corpus/rev_loop_invariant.py checks the derivatives of the look-alikes.)"""
    text = """
        def f(a, tol, n):
            x = a
            for i in range(n):
                t = tol * a
                u = x * tol
                x = 0.5 * (x + a / x) + t * u
            return x
    """
    b_f, module_text = adjoint(text, wrt=(0, 1))
    source = function_source(module_text, "b_f")
    assert "stack.append(t)" not in source and "stack.append(u)" in source

    def f(a, tol, n):
        x = a
        for i in range(n):
            x = 0.5 * (x + a / x) + tol * a * x * tol
        return x
    check_reverse(f, b_f, (2.0, 0.1, 4), wrt=(0, 1))


def test_nested_loop_trip_counts_are_saved_per_pass():
    text = """
        def f(x, n):
            s = x
            for i in range(n):
                j = 0
                while j < i:
                    s = s * x
                    j = j + 1
            return s
    """
    b_f, module_text = adjoint(text, wrt=0)
    value, (b_x,) = b_f(0.9, 4)
    assert value == pytest.approx(0.9 ** 7, rel=1e-14)
    assert b_x == pytest.approx(7 * 0.9 ** 6, rel=1e-14)



# the trip count of a loop whose passes each push as many values, read off the stack's length
STACK_COUNTED = {
    "for, loop variable read": ("""
        def f(x, y, n):
            for i in range(1, n, 2):
                x = x * y + i * x
            return x
    """, (0.7, 1.3, 8), "count = len(stack) // 3\n"),
    "while": ("""
        def f(a, x):
            while x * x > a * 1.0001:
                w = a / x
                x = 0.5 * (x + w)
            return x
    """, (2.0, 3.0), "range(len(stack) // 2)"),
    "branches pushing as many": ("""
        def f(x, y, n):
            s = x
            if y > 0.0:
                t = x * y
            else:
                t = x / y
            if y > 1.0:
                t = t * y
            else:
                t = t + y
            for i in range(n):
                if s > t:
                    s = s * y
                else:
                    s = s * x
            return s * t
    """, (0.7, 1.3, 5), "count = (len(stack) - 1) // 2\n"),
    "two loops": ("""
        def f(x, y, n):
            for i in range(n):
                x = x * y
            for i in range(n):
                y = y * x
            return x * y
    """, (0.9, 1.1, 4), "count = 0"),
}


@pytest.mark.parametrize("case", STACK_COUNTED, ids=list(STACK_COUNTED))
def test_a_trip_count_read_off_the_stack(case):
    """A top-level loop whose passes each push as many values, after statements pushing a
    number known at compile time, counts no passes: the reverse sweep reads its trip count off
    the stack's length (a second loop finds the first one's values there, and counts).  The
    gradients against central differences, at zero passes too."""
    text, args, shown = STACK_COUNTED[case]
    b_f, module_text = adjoint(text, wrt=(0, 1))
    assert shown in function_source(module_text, "b_f") + "\n"
    namespace = {}
    exec(textwrap.dedent(text), namespace)
    check_reverse(namespace["f"], b_f, args, wrt=(0, 1))
    if isinstance(args[-1], int):
        check_reverse(namespace["f"], b_f, args[:-1] + (0,), wrt=(0, 1))



# a product of two numbers that the reverse sweep keeps anyway, read back by recomputing it
RECOMPUTED = {
    "factor rebound by the reader": ("""
        def f(a, x, n):
            for i in range(n):
                x = math.cos(a * x)
            return x
    """, (0.7, 1.0, 30), True),
    "factors rebound after the reader": ("""
        def f(x, y, n):
            s = 0.0
            for i in range(n):
                u = x * y
                s = s + math.sin(u)
                x = x + 0.25 * s
                y = y * 0.9
            return s
    """, (0.7, 1.1, 6), True),
    "reader's adjoint reads its result": ("""
        def f(a, b, n):
            x = 0.9
            for i in range(n):
                x = (a * x) ** b
            return x
    """, (1.2, 0.8, 4), False),
    "factor rebound before the reader": ("""
        def f(a, x, n):
            s = 0.0
            for i in range(n):
                w = a * x
                x = x * 0.5
                s = s + math.sin(w) * x
            return s
    """, (0.7, 1.3, 5), False),
}


@pytest.mark.parametrize("case", RECOMPUTED, ids=list(RECOMPUTED))
def test_a_product_of_kept_numbers_is_recomputed_not_saved(case):
    """w = u * v in a loop, read by one later operation only, u and v active numbers: the
    adjoint of the product reads u and v, so the reverse sweep has them, and recomputes w
    from them where that operation's adjoint reads it instead of saving w (restoring first
    the old value of a factor that the operation binds, unless its adjoint reads the new one;
    not where a factor is rebound in between).  Gradients against central differences."""
    text, args, recomputed = RECOMPUTED[case]
    text = "import math\n" + textwrap.dedent(text)
    module_text, names = compile_module(text, "<test>", ["f"], "reverse", (0, 1),
                                        kinds={"f": {"a": 0, "b": 0, "x": 0, "y": 0, "n": 0}})
    namespace = {}
    exec(compile(module_text, "<generated>", "exec"), namespace)
    source = function_source(module_text, "b_f")
    product = "w1" if "u = x * y" not in text else "u"
    assert (f"stack.append({product})" not in source) == recomputed, source
    exec(text, namespace)
    check_reverse(namespace["f"], namespace[names["f"]], args, wrt=(0, 1))



# what the forward sweep computed, read back by adjoints that would compute it again
REUSED = {
    "kepler": ("""
        def f(m, e, n):
            E = m
            step = 1.0
            while abs(step) > 1e-12:
                step = (E - e * math.sin(E) - m) / (1.0 - e * math.cos(E))
                E = E - step
            return E
    """, (1.1, 0.3, 0), True),
    "straight line": ("""
        def f(x, y, n):
            s = math.sin(x)
            c = math.cos(x)
            return s * c * y
    """, (0.7, 1.3, 0), True),
    "operand rebound in between": ("""
        def f(x, y, n):
            for i in range(n):
                s = math.sin(x)
                x = x * 0.9
                c = math.cos(x)
                y = y + s * c
            return y
    """, (0.7, 1.3, 4), False),
    "a restore in between": ("""
        def f(x, t, n):
            y = 0.0
            for i in range(n):
                s = math.sin(x)
                t = t * s
                c = math.cos(x)
                y = y + c * t
                x = x * 1.1
            return y
    """, (0.7, 1.3, 4), None),
    "the later name read in between": ("""
        def f(x, y, n):
            c = 1.0
            for i in range(n):
                s = math.sin(x)
                y = y * c + s
                c = math.cos(x)
                x = x * 1.1
            return y * c
    """, (0.7, 1.3, 4), None),
}


@pytest.mark.parametrize("numbers", [True, False], ids=["numbers", "general"])
@pytest.mark.parametrize("case", REUSED, ids=list(REUSED))
def test_adjoints_read_what_the_forward_sweep_computed(case, numbers):
    """An adjoint that would compute an operation a statement of its block computed (the
    adjoint of sin E computes cos E, that of cos E sin E) reads that statement's name where
    the reverse sweep holds its value there: before it in the block, a name bound once outside
    loops or saved anyway; after it, a name bound once, its restore moved after the reader.
    Not where an operand is rebound in between.  Kepler's E is then no longer saved.  Gradients
    against central differences (``None``: whatever the sweep reads, the gradient is right)."""
    text, args, reused = REUSED[case]
    text = "import math\n" + textwrap.dedent(text)
    kinds = {"f": {"m": 0, "e": 0, "x": 0, "y": 0, "t": 0, "n": 0}} if numbers else None
    module_text, names = compile_module(text, "<test>", ["f"], "reverse", (0, 1), kinds=kinds)
    namespace = {}
    exec(compile(module_text, "<generated>", "exec"), namespace)
    source = function_source(module_text, "b_f")
    reverse_sweep = source.split("\n    b_", 1)[1]      # from the first adjoint on
    if reused is False or reused and numbers:     # the general sweep may save more between
        assert ("math.sin" not in reverse_sweep and "math.cos" not in reverse_sweep) == \
            reused, source
    if case == "kepler" and numbers:
        assert "stack.append(E)" not in source, source
    exec(text, namespace)
    check_reverse(namespace["f"], namespace[names["f"]], args, wrt=(0, 1))


WRITTEN_BETWEEN = """
import numpy as np


def earlier(x):
    y = x * 1.0
    c = np.cos(y)
    y[0] = 5.0
    s = np.sin(y)
    return np.sum(s) + np.sum(c)


def in_a_loop(x, n):
    y = x * 1.0
    c = np.cos(y)
    for i in range(n):
        y[i] = 5.0 * i
    s = np.sin(y)
    return np.sum(s) + np.sum(c)


def later(x):
    y = x * 1.0
    s = np.sin(y)
    y[0] = 5.0
    c = np.cos(y)
    return np.sum(s * c) + np.sum(c)
"""


@pytest.mark.parametrize("name", ["earlier", "in_a_loop", "later"])
def test_no_reuse_across_a_write_into_an_operand(name, tmp_path):
    """An array written into between two statements (``y[0] = 5.0``): the adjoint of one does
    not read the other's value of cos y or sin y (the operand changed in between)."""
    path = tmp_path / "written_between.py"
    path.write_text(WRITTEN_BETWEEN)
    spec = importlib.util.spec_from_file_location("written_between", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    f = getattr(module, name)
    rest = (2,) if name == "in_a_loop" else ()
    x = np.array([0.3, -0.7, 1.1])
    expected = [(f(x + 1e-6 * e, *rest) - f(x - 1e-6 * e, *rest)) / 2e-6 for e in np.eye(3)]
    np.testing.assert_allclose(sct.grad(f, wrt=0)(x.copy(), *rest), expected, rtol=1e-7,
                               atol=1e-8)


# ---------------------------------------------------------------- log-sum-exp far from 0
def test_logsumexp_gradient_at_large_inputs_is_the_softmax():
    module = load("rev_logsumexp_extreme")
    z = module.ARGS[0]
    softmax = np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))
    for gradient in (sct.grad(module.f)(z), sct.value_and_grad(module.f)(z)[1],
                     adjoint((CORPUS / "rev_logsumexp_extreme.py").read_text())[0](z, 1.0)[1][0]):
        assert np.all(np.isfinite(gradient))
        np.testing.assert_allclose(gradient, softmax, rtol=1e-12, atol=1e-300)
    for z in (np.array([1000.0, 999.0, -1000.0]), np.array([-800.0, -801.5, -805.0]),
              np.array([3.0, 3.0, 1.0])):
        softmax = np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)))
        value, gradient = sct.value_and_grad(module.f)(z)
        assert value == pytest.approx(np.max(z) + np.log(np.sum(np.exp(z - np.max(z)))))
        np.testing.assert_allclose(gradient, softmax, rtol=1e-12, atol=1e-300)


# (a, b, x): the shapes of a product's operands and of the operand x its adjoint is summed to
PRODUCT_SHAPES = [((4, 3, 2), (4, 3, 2), (4, 3, 2)), ((4, 3, 2), (1, 3, 2), (1, 3, 2)),
                  ((1, 3, 2), (4, 3, 2), (3, 2)), ((4, 3, 2), (4, 3, 2), (2,)),
                  ((4, 1, 2), (4, 3, 1), (4, 1, 2)), ((3, 2), (4, 3, 2), ()),
                  ((), (4, 3), (4, 1)), ((5,), (2, 5), (1, 1, 5))]


@pytest.mark.parametrize("shapes", PRODUCT_SHAPES, ids=str)
def test_unbroadcast_product_is_the_adjoint_of_broadcasting(shapes):
    """_unbroadcast_product(a, b, x) is the adjoint of broadcasting x to the product's shape,
    applied to a * b: <result, v> = <a * b, v broadcast> for every v of x's shape."""
    from sct.rules.prelude import _unbroadcast_product
    rng = np.random.default_rng(7)
    a, b, x = (rng.standard_normal(s) for s in shapes)
    result = _unbroadcast_product(a, b, x)
    assert np.shape(result) == np.shape(x)
    for _ in range(3):
        v = rng.standard_normal(np.shape(x))
        full = np.broadcast_shapes(np.shape(a), np.shape(b), np.shape(x))
        expected = np.sum(a * b * np.broadcast_to(v, full))
        assert np.isclose(np.sum(result * v), expected, rtol=1e-12, atol=1e-12)


def test_einsum_paths_only_where_they_pay():
    """A batched matrix product (and its adjoints) contracts with a path, optimize=True; an
    elementwise product summed over shared letters, 12x slower with one, does not."""
    text = """
        import numpy as np
        def f(L, x, y):
            z = np.einsum("kij,nkj->nki", L, x)
            s = np.einsum("nkd,nkd->kd", z, y)
            return np.sum(s * s)
    """
    b_f, module_text = adjoint(text, wrt=(0, 1, 2), scalar_output=True)
    calls = [line.strip() for line in function_source(module_text, "b_f").splitlines()
             if "np.einsum(" in line]
    with_path = {c.split("'")[1] for c in calls if "optimize=True" in c}
    without = {c.split("'")[1] for c in calls if "optimize" not in c}
    assert with_path == {"kij,nkj->nki", "nki,nkj->kij", "nki,kij->nkj"}
    assert without == {"nkd,nkd->kd", "kd,nkd->nkd"}
    rng = np.random.default_rng(3)
    args = (rng.standard_normal((3, 2, 2)), rng.standard_normal((4, 3, 2)),
            rng.standard_normal((4, 3, 2)))

    def f(L, x, y):
        s = np.einsum("nkd,nkd->kd", np.einsum("kij,nkj->nki", L, x), y)
        return np.sum(s * s)
    check_reverse(f, b_f, args, wrt=(0, 1, 2))


NUMBERS_TO_A_CALLEE = (pathlib.Path(__file__).parent / "golden" / "programs" /
                       "calls.py").read_text()


def test_a_callee_given_numbers_by_every_call_knows_them():
    """square_norm(a, b) is called with numbers for b everywhere (polar's x, y are passed to
    math.atan2; f passes 2.0): its adjoint treats b as a number (no array helper on it); a is
    passed f's r, the first item of what polar returns, math.hypot's number, so a is one too.
    An entry, which the user may call with anything, learns nothing from its calls."""
    text = sct.transform(NUMBERS_TO_A_CALLEE, name="f", mode="reverse")
    adjoint = text[text.index("def b_square_norm(a, b"):].split("\n\n\n")[0]
    assert "b_b = 2 * (b_out * b)" in adjoint and "b_a = 2 * (b_out * a)" in adjoint
    assert "_unbroadcast" not in adjoint
    everything = sct.transform(NUMBERS_TO_A_CALLEE, mode="reverse")
    assert "_unbroadcast_product(b_w2, b, b)" in everything
    namespace = {}
    exec(compile(NUMBERS_TO_A_CALLEE, "numbers.py", "exec"), namespace)
    generated = {}
    exec(compile(text, "<generated>", "exec"), generated)
    check_reverse(namespace["f"], generated["b_f"], (0.8, 0.6))


def test_an_operand_given_twice_to_einsum_gets_one_adjoint_term_doubled():
    """np.einsum('nk,nk->n', z, z): both operands' adjoint terms are the same einsum, so the
    optimizer writes it once, times 2 (it was computed twice and added)."""
    source = ("import numpy as np\n\n\ndef f(z, w):\n"
              "    return np.sum(w * np.einsum('nk,nk->n', z, z))\n")
    text = sct.transform(source, name="f", mode="reverse")
    assert text.count("np.einsum('n,nk->nk'") == 1 and "2 * np.einsum('n,nk->nk'" in text
    namespace, reference = {}, {}
    exec(compile(text, "<generated>", "exec"), namespace)
    exec(compile(source, "twice.py", "exec"), reference)
    rng = np.random.default_rng(5)
    check_reverse(reference["f"], namespace["b_f"],
                  (rng.standard_normal((4, 3)), rng.standard_normal(4)))


@pytest.mark.parametrize("n", [0, 1, 7])
def test_a_gradient_for_numbers_walks_a_stack_of_one_value_a_pass(n):
    """A loop each of whose passes pushes one value, restored first in the reverse pass, onto a
    stack holding nothing else: the reverse sweep of a gradient specialised to numbers walks
    the stack backwards (no pops, no count); the general one, which forward mode may
    differentiate again (Hessians), pops.  Gradients against central differences."""
    text = "import math\n" + textwrap.dedent("""
        def f(a, x, n):
            for i in range(n):
                x = math.cos(a * x)
            return x
    """)
    namespace = {}
    exec(text, namespace)
    for kinds, walks in (({"f": {"a": 0, "x": 0, "n": 0}}, True), (None, False)):
        module_text, names = compile_module(text, "<test>", ["f"], "reverse", (0, 1),
                                            kinds=kinds)
        generated = {}
        exec(compile(module_text, "<generated>", "exec"), generated)
        source = function_source(module_text, "b_f")
        assert ("for x in reversed(stack):" in source) == walks, source
        check_reverse(namespace["f"], generated[names["f"]], (0.7, 1.0, n), wrt=(0, 1))
