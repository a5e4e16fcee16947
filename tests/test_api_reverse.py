"""The reverse-mode API: ``grad``, ``value_and_grad`` (functions and decorators), ``jacobian``,
``hessian``, ``hvp``; the shapes of what they return, their generated source, their cache.
Values are checked against closed forms."""
import inspect
import math
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import sct
from sct.errors import SctError
from test_api import cache_dir, entries, modules  # noqa: F401 (fixtures)

SEED = """
    import math
    import numpy as np


    def f(x1, x2):
        return x1 * x2 + math.sin(x1)


    def norm2(v):
        return np.sum(v * v)


    def rosen(x, a, b):
        return (a - x[0]) ** 2 + b * (x[1] - x[0] ** 2) ** 2


    def vec(x):
        return np.array([x[0] * x[1], np.exp(x[0]), x[1] ** 3])
"""


def test_grad_shapes_follow_wrt(modules):
    m = modules(SEED)
    x1, x2 = 0.3, -1.7
    df = (x2 + math.cos(x1), x1)
    assert sct.grad(m.f)(x1, x2) == pytest.approx(df)             # None, 2 params: a tuple
    assert isinstance(sct.grad(m.f)(x1, x2), tuple)
    assert sct.grad(m.f, wrt=0)(x1, x2) == pytest.approx(df[0])   # an index: bare
    assert sct.grad(m.f, wrt="x2")(x1, x2) == pytest.approx(df[1])
    assert sct.grad(m.f, wrt=("x2", 0))(x1, x2) == pytest.approx((df[1], df[0]))
    v = np.array([1.0, -2.0, 0.5])
    np.testing.assert_allclose(sct.grad(m.norm2)(v), 2 * v)       # None, 1 param: bare


def test_gradient_of_a_number_is_a_number(modules):
    """An adjoint made of zeros in one branch (np.zeros(np.shape(x)), a 0-d array for a
    number x) is then added to by a new value, never in place: the gradient with respect to
    a float is a float, in both branches."""
    m = modules("""\
        import numpy as np


        def g(x, c):
            u = np.ones(2) * x
            if c > 0.0:
                u = np.ones(2) * x * 2.0
            return np.sum(u)
        """)
    for c, expected in ((1.0, 4.0), (-1.0, 2.0)):
        gradient = sct.grad(m.g, wrt=0)(0.3, c)
        assert isinstance(gradient, float) and gradient == pytest.approx(expected)


def test_value_and_grad(modules):
    m = modules(SEED)
    value, gradient = sct.value_and_grad(m.rosen, wrt=0)(np.array([0.5, 1.5]), 1.0, 100.0)
    x = np.array([0.5, 1.5])
    assert value == pytest.approx(m.rosen(x, 1.0, 100.0))
    expected = [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)]
    np.testing.assert_allclose(gradient, expected, rtol=1e-12)


def test_decorators(modules):
    m = modules(SEED + """

    import sct


    @sct.grad
    def g(x1, x2):
        return x1 * x2 + math.sin(x1)


    @sct.value_and_grad(wrt="x")
    def h(x, y):
        return x * x * y
    """)
    assert m.g(0.3, -1.7) == pytest.approx((-1.7 + math.cos(0.3), 0.3))
    assert m.h(2.0, 3.0) == pytest.approx((12.0, 12.0))


def test_generated_source_is_visible(modules):
    m = modules(SEED)
    g = sct.grad(m.f)
    text = sct.source(g)
    assert "def b_f(x1, x2, b_out=1.0):" in text and "def grad_f(x1, x2):" in text
    assert "stack" not in text                     # straight-line code saves nothing
    assert inspect.getsource(g).startswith("def grad_f(x1, x2):")
    assert "b_f(x1, x2)" in inspect.getsource(g)


def test_second_import_reads_the_cache(modules, cache_dir):
    m = modules(SEED)
    sct.grad(m.f)
    before = entries(cache_dir)
    sct.grad(m.f)
    assert entries(cache_dir) == before and len(before) == 1


def test_jacobian_modes_agree_with_closed_form(modules):
    m = modules(SEED)
    x = np.array([0.7, -0.4])
    expected = np.array([[x[1], x[0]], [math.exp(x[0]), 0.0], [0.0, 3 * x[1] ** 2]])
    for mode in ("forward", "reverse", "auto"):
        np.testing.assert_allclose(sct.jacobian(m.vec, mode=mode)(x), expected, rtol=1e-14)


def test_hessian_and_hvp_closed_form(modules):
    m = modules(SEED)
    x, a, b = np.array([0.5, 1.5]), 1.0, 100.0
    expected = np.array([[2 - 4 * b * (x[1] - 3 * x[0] ** 2), -4 * b * x[0]],
                         [-4 * b * x[0], 2 * b]])
    np.testing.assert_allclose(sct.hessian(m.rosen)(x, a, b), expected, rtol=1e-12)
    v = np.array([0.3, -2.0])
    np.testing.assert_allclose(sct.hvp(m.rosen)(x, a, b, v), expected @ v, rtol=1e-12)
    assert "def d_b_rosen(" in sct.source(sct.hessian(m.rosen))
    h = sct.hessian(m.f, wrt="x1")(0.3, -1.7)
    assert np.shape(h) == () and h == pytest.approx(-math.sin(0.3))


def test_hessian_needs_one_parameter(modules):
    m = modules(SEED)
    with pytest.raises(SctError, match="wrt must name one parameter"):
        sct.hessian(m.f, wrt=(0, 1))
    with pytest.raises(SctError, match="has no parameter 'z'"):
        sct.jacobian(m.vec, wrt="z")


def test_grad_of_unknown_parameter(modules):
    m = modules(SEED)
    with pytest.raises(SctError, match="has no parameter 'z'"):
        sct.grad(m.f, wrt="z")


def test_generated_gradient_runs_with_numpy_only(modules, tmp_path):
    """The reverse-mode module imports nothing but math and numpy."""
    m = modules(SEED)
    text = sct.transform(textwrap.dedent(SEED), name="rosen", mode="reverse")
    path = tmp_path / "generated_rosen.py"
    path.write_text(text)
    code = (f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import generated_rosen as g; "
            "import numpy as np; print(list(g.b_rosen(np.array([0.5, 1.5]), 1.0, 100.0)[1][0]))")
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    imports = [line for line in text.splitlines() if line.startswith(("import", "from"))]
    assert imports == ["import numpy as np"]
    np.testing.assert_allclose(eval(out.stdout),
                               sct.grad(m.rosen, wrt=0)(np.array([0.5, 1.5]), 1.0, 100.0))


def test_gradient_keeps_default_arguments(modules):
    m = modules("""
    def heron(a, tol=1e-12):
        x = a
        while abs(x * x - a) > tol * a:
            x = 0.5 * (x + a / x)
        return x
    """)
    assert sct.grad(m.heron, wrt=0)(2.0) == pytest.approx(0.5 / math.sqrt(2.0), rel=1e-12)
    assert sct.value_and_grad(m.heron, wrt="a")(4.0) == pytest.approx((2.0, 0.25), rel=1e-12)


# ------------------------------------------------------------------ defaulted parameters
# (issue 10, items 4, 7 and 9): every wrapper fills f's defaults, as calling f does

DEFAULTS = """
    import numpy as np


    def scaled_square(x, a=3.0):
        return a * x ** 2


    def energy(x, a=3.0):
        return a * np.sum(x ** 3)


    def softmax(x, t=1.0):
        z = x / t
        e = np.exp(z - np.max(z))
        return e / np.sum(e)


    def softmax_axis(x, axis=-1):
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)
"""


def central_jacobian(f, x, *args):
    """Central differences, a column per entry of x, the step scaled to x's size."""
    h = np.finfo(float).eps ** (1 / 3) * max(1.0, float(np.max(np.abs(x))))
    columns = []
    for j in range(x.size):
        e = np.zeros(x.size)
        e[j] = h
        e = e.reshape(x.shape)
        columns.append(np.ravel((f(x + e, *args) - f(x - e, *args)) / (2 * h)))
    return np.stack(columns, axis=-1).reshape(np.shape(f(x, *args)) + x.shape)


@pytest.mark.parametrize("mode", ["forward", "reverse", "auto"])
def test_jacobian_with_a_defaulted_parameter_omitted(modules, mode):
    """The reverse Jacobian bound its output adjoint to the default a (diag 2, 4, 6); forward
    and auto failed inside generated code (d_scaled_square() missing 'dx')."""
    m = modules(DEFAULTS)
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(sct.jacobian(m.scaled_square, mode=mode)(x),
                               np.diag([6.0, 12.0, 18.0]), rtol=1e-14)
    np.testing.assert_allclose(sct.jacobian(m.scaled_square, mode=mode)(x, 2.0),
                               np.diag([4.0, 8.0, 12.0]), rtol=1e-14)
    np.testing.assert_allclose(sct.jacobian(m.scaled_square, wrt=(0, 1), mode=mode)(x, a=2.0)[1],
                               x ** 2, rtol=1e-14)


def test_hessian_and_hvp_with_a_defaulted_parameter_omitted(modules):
    m = modules(DEFAULTS)
    x, v = np.array([1.0, -2.0, 0.5]), np.array([0.3, 1.0, -2.0])
    np.testing.assert_allclose(sct.hessian(m.energy)(x), np.diag(18.0 * x), rtol=1e-14)
    np.testing.assert_allclose(sct.hvp(m.energy)(x, v), 18.0 * x * v, rtol=1e-14)
    np.testing.assert_allclose(sct.hvp(m.energy)(x, 2.0, v), 12.0 * x * v, rtol=1e-14)
    np.testing.assert_allclose(sct.hessian(m.energy, wrt="a")(x), 0.0)


WRITES_ARGUMENT = """\
    import numpy as np

    def f(x):
        x[0] = x[0] * x[1]
        return np.sum(x * x)

    def squares(x):
        x[0] = x[0] * x[1]
        return x * x
    """


@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_jacobian_of_a_function_writing_into_its_argument(modules, mode):
    """Each sweep starts from the caller's arguments: f writing into x moved them between
    sweeps (gradient [16, 68, 6] for [8, 8, 6] in forward mode)."""
    m = modules(WRITES_ARGUMENT)
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(sct.jacobian(m.f, mode=mode)(x), [8.0, 8.0, 6.0], rtol=1e-14)
    np.testing.assert_allclose(sct.jacobian(m.squares, mode=mode)(x),
                               [[8.0, 4.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 6.0]],
                               rtol=1e-14)
    np.testing.assert_array_equal(x, [1.0, 2.0, 3.0])
    np.testing.assert_allclose(sct.hessian(m.f)(x), [[8.0, 8.0, 0.0], [8.0, 4.0, 0.0],
                                                     [0.0, 0.0, 2.0]], rtol=1e-14)


@pytest.mark.parametrize("mode", ["forward", "reverse", "auto"])
@pytest.mark.parametrize("name", ["softmax", "softmax_axis"])
@pytest.mark.parametrize("shape", [(4,), (2, 4)])
def test_softmax_jacobian_against_central_differences(modules, mode, name, shape):
    """Softmax with a defaulted temperature or axis: the reverse Jacobian failed with
    'cannot reshape array of size 1 into shape (4,)' (its output adjoint bound to t)."""
    m = modules(DEFAULTS)
    f = getattr(m, name)
    x = np.array([0.3, -1.2, 2.0, 0.5, 1.0, 0.0, -0.5, 0.2])[:np.prod(shape)].reshape(shape)
    J = sct.jacobian(f, mode=mode)(x)
    np.testing.assert_allclose(J, central_jacobian(f, x), rtol=1e-7, atol=1e-9)
    if name == "softmax":
        J = sct.jacobian(f, mode=mode)(x, 0.7)
        np.testing.assert_allclose(J, central_jacobian(f, x, 0.7), rtol=1e-7, atol=1e-9)


# ------------------------------------------------------------------ gradients of what is not
# a number (issue 10, item 8)

NOT_NUMBERS = """
    import numpy as np


    def matvec(A, x):
        return A @ x


    def square(x):
        return x ** 2


    def pair(x):
        return x, 2.0 * x


    def fails(x):
        return np.sum(x[5])


    def total(x):
        return np.sum(x ** 2)
"""


@pytest.mark.parametrize("api", [sct.grad, sct.value_and_grad], ids=["grad", "value_and_grad"])
@pytest.mark.parametrize("name, args, what", [
    ("matvec", (np.eye(3), np.ones(3)), "an array of shape (3,)"),   # ValueError inside
    ("square", (np.ones(3),), "an array of shape (3,)"),             # the gradient of the sum
    ("pair", (1.5,), "a tuple of 2 values"),                         # 'float' not subscriptable
])
def test_gradient_of_a_value_that_is_not_a_number(modules, api, name, args, what):
    m = modules(NOT_NUMBERS)
    f = getattr(m, name)
    g = api(f, wrt=len(args) - 1)
    with pytest.raises(SctError) as info:
        g(*args)
    err = info.value
    assert f"the value of '{name}' is {what}, not a number" in err.message
    assert f"sct.jacobian({name})" in err.hint or "sct.jacobian" in err.hint
    assert err.filename == m.__file__ and err.lineno == f.__code__.co_firstlineno
    assert err.source_line.startswith(f"def {name}(") and err.col == 1
    assert err.__cause__ is None and err.__suppress_context__


def test_gradient_errors_of_f_itself_are_not_hidden(modules):
    """An exception from generated code where f's value is a number (or f fails too) is the
    exception, unchanged."""
    m = modules(NOT_NUMBERS)
    with pytest.raises(IndexError):
        sct.grad(m.fails)(np.ones(3))
    with pytest.raises(ValueError, match="matmul: Input operand 1 has a mismatch"):
        sct.grad(m.matvec, wrt=1)(np.eye(3), np.ones(2))


def test_gradient_values_that_are_numbers(modules):
    m = modules(NOT_NUMBERS + """

    def zero_d(x):
        return np.array(np.sum(x * x))


    def integer(x):
        return 2
    """)
    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(sct.grad(m.total)(x), 2 * x)
    assert isinstance(m.zero_d(x), np.ndarray)
    np.testing.assert_allclose(sct.grad(m.zero_d)(x), 2 * x)
    assert sct.value_and_grad(m.integer)(3.0) == (2, 0.0)


def test_decorated_gradient_of_an_array_is_an_error_at_its_def(modules):
    m = modules("""
    import numpy as np
    import sct


    @sct.value_and_grad(
        wrt="x")
    def square(x):
        return x ** 2
    """)
    with pytest.raises(SctError) as info:
        m.square(np.ones(2))
    err = info.value
    assert "the value of 'square' is an array of shape (2,), not a number" in err.message
    assert (err.lineno, err.col, err.source_line) == (8, 1, "def square(x):")


ZERO_ADJOINT = """\
    import numpy as np

    def guarded(z):
        x = z[0:1]
        return np.sum(z[1] * np.where(x != 0, np.sin(x) / x, 1.0))

    def guarded_number(z):
        x = z[0]
        return z[1] * np.where(x != 0, np.sin(x) / x, 1.0)
    """


@pytest.mark.parametrize("name", ["guarded", "guarded_number"])
def test_hessian_where_a_guards_adjoint_is_zero_at_the_point_only(modules, name):
    """y sin(x) / x at y = 0: the adjoint into the guard is 0 there, its tangent is not; the
    mixed second derivative is cos(1) - sin(1) (it was 0, and the Hessian not symmetric)."""
    m = modules(ZERO_ADJOINT)
    H = sct.hessian(getattr(m, name))(np.array([1.0, 0.0]))
    mixed = math.cos(1.0) - math.sin(1.0)
    np.testing.assert_allclose(H, [[0.0, mixed], [mixed, 0.0]], rtol=1e-14, atol=1e-15)
