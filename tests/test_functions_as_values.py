"""Functions as values (issue 13): nested defs and lambdas lifted out with the variables they
read, callees specialised per function they are given, functools.partial, keyword-only
parameters, *args, string options; each derivative checked against a closed form or central
differences, and the generated functions' names and signatures read."""
import inspect
import math

import numpy as np
import pytest

import sct
import test_api
from checker import check_forward, check_reverse

cache_dir, modules = test_api.cache_dir, test_api.modules          # fixtures


def compiled(text, mode="forward", wrt=None, name="f"):
    """The module sct writes for ``text`` and its namespace."""
    source = sct.transform(text, name, mode=mode, wrt=wrt)
    namespace = {}
    exec(source, namespace)
    return source, namespace


INTEGRATOR = """\
def euler(f, y0, h, n):
    y = y0
    for i in range(n):
        y = y + h * f(y)
    return y


def growth(y):
    return 0.5 * y


def f(y0, a, b):
    return euler(lambda y: -a * y, y0, 0.1, 4) + euler(lambda y: b, y0, 0.2, 3) + \\
        euler(growth, y0, 0.1, 2)
"""


def test_two_functions_given_to_one_integrator_each_get_their_derivative():
    source, ns = compiled(INTEGRATOR, wrt=(0, 1, 2))
    specialised = {line.split("(")[0][4:] for line in source.splitlines()
                   if line.startswith("def d_euler")}
    assert specialised == {"d_euler__lambda_y0_f_a", "d_euler__lambda2_y0_f_b",
                           "d_euler__growth_y0"}, source
    y0, a, b = 0.8, 1.3, 0.4
    value = y0 * (1 - 0.1 * a) ** 4 + y0 + 3 * 0.2 * b + y0 * 1.05 ** 2
    exact = [(1 - 0.1 * a) ** 4 + 1 + 1.05 ** 2,                  # d/dy0
             y0 * 4 * (1 - 0.1 * a) ** 3 * -0.1,                  # d/da
             0.6]                                                 # d/db
    for k in range(3):
        tangents = [1.0 if j == k else 0.0 for j in range(3)]
        v, t = ns["d_f"](y0, a, b, *tangents)
        assert v == pytest.approx(value, rel=1e-14)
        assert t == pytest.approx(exact[k], rel=1e-13)
    _, ns = compiled(INTEGRATOR, mode="reverse", wrt=(0, 1, 2))
    v, grads = ns["b_f"](y0, a, b)
    assert v == pytest.approx(value, rel=1e-14)
    assert grads == pytest.approx(exact, rel=1e-13)


def test_late_binding_in_a_loop():
    """Each call of the nested function reads i and c as they are then; the lambda's
    default captures c when it is made."""
    text = """\
def f(x):
    s = 0.0
    c = 1.0
    for i in range(3):
        def g(t):
            return c * t ** i
        s = s + g(x)
        keep = lambda t, w=c: w * t
        c = c * 2.0
        s = s + g(x) + keep(x)
    return s
"""
    x = 0.7
    # iteration i: c then 2c; g reads c before and after the update, keep the old c
    value = sum(2 ** i * x ** i + 2 ** (i + 1) * x ** i + 2 ** i * x for i in range(3))
    slope = sum(3 * 2 ** i * i * x ** (i - 1) + 2 ** i for i in range(3))
    _, ns = compiled(text)
    assert ns["d_f"](x, 1.0) == pytest.approx((value, slope), rel=1e-14)
    _, ns = compiled(text, mode="reverse")
    assert ns["b_f"](x)[1][0] == pytest.approx(slope, rel=1e-14)


def test_closure_over_a_differentiated_parameter_carries_its_derivative():
    text = """\
import math

def f(x, k):
    def field(t):
        return math.sin(k * t)
    return field(x) + field(2.0)
"""
    source, ns = compiled(text)
    assert "def d_f__field(t, k, dt, dk):" in source
    x, k = 0.4, 1.7
    value, tangent = ns["d_f"](x, k, 0.0, 1.0)
    assert value == pytest.approx(math.sin(k * x) + math.sin(2 * k), rel=1e-15)
    assert tangent == pytest.approx(x * math.cos(k * x) + 2 * math.cos(2 * k), rel=1e-14)
    _, ns = compiled(text, mode="reverse")
    assert ns["b_f"](x, k)[1] == pytest.approx(
        (k * math.cos(k * x), x * math.cos(k * x) + 2 * math.cos(2 * k)), rel=1e-14)


def test_a_function_argument_passed_through_two_levels():
    text = """\
def apply(g, x):
    return g(x) * g(x)

def twice(g, x):
    return apply(g, x) + apply(g, 2.0 * x)

def f(x, a):
    def scaled(t):
        return a * t
    return twice(scaled, x)
"""
    source, ns = compiled(text)
    assert "def d_twice__scaled(x, g_a, dx, dg_a):" in source
    assert "def d_apply__scaled(x, g_a, dx, dg_a):" in source      # g_a passed on
    x, a = 0.6, 1.4
    assert ns["d_f"](x, a, 1.0, 0.0) == pytest.approx((5 * a * a * x * x, 10 * a * a * x))
    assert ns["d_f"](x, a, 0.0, 1.0)[1] == pytest.approx(10 * a * x * x)


def test_partial_binds_its_arguments_when_made():
    text = """\
from functools import partial

def power(x, p, scale=1.0):
    return scale * x ** p

def f(x, a):
    cube = partial(power, p=3)
    s = a
    scaled = partial(power, scale=s)
    s = 100.0
    return cube(x) + scaled(x, 2) + partial(cube, scale=a)(x)
"""
    _, ns = compiled(text)
    x, a = 0.9, 1.6
    value, t = ns["d_f"](x, a, 1.0, 0.0)
    assert value == pytest.approx(x ** 3 + a * x * x + a * x ** 3, rel=1e-14)
    assert t == pytest.approx(3 * x * x + 2 * a * x + 3 * a * x * x, rel=1e-14)
    assert ns["d_f"](x, a, 0.0, 1.0)[1] == pytest.approx(x * x + x ** 3, rel=1e-14)


def test_string_options_specialise_the_callee():
    text = """\
def loss(x, kind="l2"):
    if kind == "l2":
        return x * x
    return abs(x)

def f(x):
    return loss(x) + loss(x, kind="l1")
"""
    source, ns = compiled(text)
    assert "def d_loss__l2(x, dx):" in source and "def d_loss__l1(x, dx):" in source
    assert "if" not in source.split("def d_loss__l2")[1].split("def ")[0]      # folded
    assert ns["d_f"](-0.5, 1.0) == pytest.approx((0.75, -2.0))


def test_star_args_is_a_tuple_at_each_call():
    text = """\
def total(*xs):
    return sum(xs)

def f(x, y):
    return total(x, y, x * y) * total(x)
"""
    _, ns = compiled(text, mode="reverse")
    x, y = 0.3, 2.0
    value, grads = ns["b_f"](x, y)
    assert value == pytest.approx((x + y + x * y) * x)
    assert grads == pytest.approx(((1 + y) * x + (x + y + x * y), (1 + x) * x))


def test_entry_with_keyword_only_parameters(modules):
    m = modules("""\
        import math

        def f(x, *, scale=2.0, shift):
            return scale * math.sin(x) + shift * x
        """)
    g = sct.grad(m.f)
    assert str(inspect.signature(g)) == "(x, *, scale=2.0, shift)"
    x = 0.3
    assert g(x, shift=0.5) == pytest.approx((2.0 * math.cos(x) + 0.5, math.sin(x), x))
    assert sct.grad(m.f, wrt="scale")(x, scale=3.0, shift=0.5) == pytest.approx(math.sin(x))
    assert sct.grad(m.f, wrt=("shift", "x"))(x, shift=1.0, scale=3.0) == \
        pytest.approx((x, 3.0 * math.cos(x) + 1.0))
    d = sct.forward(m.f, wrt=("x", "scale"))
    assert str(inspect.signature(d)) == "(x, *, scale=2.0, shift, dx, dscale=0.0)"
    assert d(x, shift=0.5, dx=0.0, dscale=1.0) == pytest.approx(
        (2.0 * math.sin(x) + 0.5 * x, math.sin(x)))
    assert sct.hessian(m.f, wrt="x")(x, shift=0.5, scale=3.0) == \
        pytest.approx(-3.0 * math.sin(x))
    jac = sct.jacobian(m.f, wrt="scale")(x, shift=0.5)
    assert jac == pytest.approx(math.sin(x))
    vg = sct.value_and_grad(m.f, wrt="x")(x, shift=0.5)
    assert vg == pytest.approx((2.0 * math.sin(x) + 0.5 * x, 2.0 * math.cos(x) + 0.5))
    with pytest.raises(TypeError, match="shift"):
        g(x)


def test_keyword_arguments_at_calls_of_user_functions():
    text = """\
def g(a, b=2.0, *, c, d=(1.0, 3.0)):
    return a * b + c * d[1]

def f(x, y):
    return g(x, c=y) + g(b=x, a=y, c=1.0, d=(0.0, x))
"""
    module = {}
    exec(text, module)
    args = (0.8, 1.9)
    check_forward(module["f"], compiled(text)[1]["d_f"], args)
    check_reverse(module["f"], compiled(text, mode="reverse")[1]["b_f"], args)


def test_nested_functions_and_lambdas_read_well():
    """The lifted functions take the enclosing variables they read, by their own names."""
    text = """\
import numpy as np

def f(x, w):
    norm = lambda v: np.sqrt(np.sum(v * v))
    def unit(v):
        return v / norm(v) * w
    return np.sum(unit(x))
"""
    source, ns = compiled(text, mode="reverse")
    assert "def b_f__unit(v, w, b_out=1.0):" in source
    assert "def b_f__norm(v, b_out=1.0):" in source
    x, w = np.array([0.3, -1.2, 2.0]), 1.5
    module = {}
    exec(text, module)
    check_reverse(module["f"], ns["b_f"], (x, w))


def test_an_intrinsic_given_as_a_function():
    text = """\
import math
import numpy as np

def trapezoid(f, a, b, n):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s = s + f(a + i * h)
    return s * h

def f(x):
    wave = np.sin
    return trapezoid(math.cos, 0.0, x, 4) + trapezoid(wave, 0.0, x, 4)
"""
    source, ns = compiled(text)
    assert "def d_trapezoid__cos_b(a, b, n, db):" in source
    assert "def d_trapezoid__sin_b(a, b, n, db):" in source
    module = {}
    exec(text, module)
    check_forward(module["f"], ns["d_f"], (0.9,))
    check_reverse(module["f"], compiled(text, mode="reverse")[1]["b_f"], (0.9,))


def test_string_option_tested_with_in_and_in_a_conditional_expression():
    text = """\
import numpy as np

def contract(a, b, kind="plain", spec="i,i->"):
    scale = 2.0 if kind == "double" else 1.0
    if kind in ("plain", "double"):
        return scale * np.einsum(spec, a, b)
    return np.einsum(spec, a, a)

def f(x, y):
    return contract(x, y) + contract(x, y, kind="double") + contract(x, y, "self")
"""
    source, ns = compiled(text, mode="reverse")
    x, y = np.array([0.5, -1.0]), np.array([2.0, 0.25])
    value, (gx, gy) = ns["b_f"](x, y)
    assert value == pytest.approx(3 * x @ y + x @ x)
    assert gx == pytest.approx(3 * y + 2 * x) and gy == pytest.approx(3 * x)
    assert "def contract__plain__i_i" in source


def test_a_whole_file_skips_functions_compiled_only_where_called():
    """Transforming every function of a file: those that take a function, *args or a string
    option are not entries of their own (they would have no meaning alone)."""
    source = sct.transform(INTEGRATOR + """

def total(*xs):
    return sum(xs)


def loss(x, kind="l2"):
    return x * x if kind == "l2" else abs(x)


def g(x):
    return total(x, x) + loss(x, "l1")
""")
    for entry in ("f", "growth", "g"):
        assert f"def d_{entry}(" in source
    assert "def d_euler(" not in source and "def d_loss(" not in source
    assert "def d_euler__growth_y0(" in source and "def d_loss__l1(" in source
