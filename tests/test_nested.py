"""Nested differentiation: sct differentiates code that calls derivatives sct made
(``sct.grad``, ``sct.value_and_grad``, ``sct.forward`` outputs bound at module level, and
``@sct.grad``-decorated functions), in every pair of modes (outer, inner), against central
differences of the plain functions; a Hessian by grad of grad against ``sct.hessian``."""
import math

import numpy as np
import pytest

import sct


def central(f, x, h=1e-6):
    """Central difference of a function of a number."""
    step = h * max(1.0, abs(x))
    return (f(x + step) - f(x - step)) / (2 * step)


def central_gradient(f, x, h=1e-6):
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        step = h * max(1.0, abs(x.flat[i]))
        e.flat[i] = step
        out.flat[i] = (f(x + e) - f(x - e)) / (2 * step)
    return out


# ---------------------------------------------------------------- the charged particle's field
def phi(x, w):
    return 1.0 / np.sqrt((x[0] - 10.0) ** 2 + (x[1] - 10.0 + w) ** 2) + \
        1.0 / np.sqrt((x[0] - 10.0) ** 2 + x[1] ** 2)


dphi = sct.grad(phi, wrt=0)
vg_phi = sct.value_and_grad(phi, wrt=0)
fphi = sct.forward(phi, wrt=0)


def accel_r(x, w):
    return -dphi(x, w)


def accel_vg(x, w):
    value, g = vg_phi(x, w)
    return -g * (1.0 + 0.0 * value) + 0.1 * value


def accel_f(x, w):                      # the gradient by two forward sweeps
    _, g0 = fphi(x, w, np.array([1.0, 0.0]))
    _, g1 = fphi(x, w, np.array([0.0, 1.0]))
    return -np.array([g0, g1])


def obj_r(w):
    x = np.array([0.0, 8.0])
    a = accel_r(x, w)
    return a[0] * w + a[1]


def obj_vg(w):
    x = np.array([0.0, 8.0])
    a = accel_vg(x, w)
    return a[0] * w + a[1]


def obj_f(w):
    x = np.array([0.0, 8.0])
    a = accel_f(x, w)
    return a[0] * w + a[1]


def simulate(w, accel):
    """The particle of GradBench's nested eval: a loop whose trip count depends on w, a
    branch, the inner derivative inside."""
    x = np.array([0.0, 8.0])
    xdot = np.array([0.75, 0.0])
    while True:
        a = accel(x, w)
        x_new = x + 0.1 * xdot
        if x_new[1] > 0:
            x = x_new
            xdot = xdot + 0.1 * a
        else:
            break
    t_f = -x[1] / xdot[1]
    x_f = x + t_f * xdot
    return x_f[0] ** 2


def sim_r(w):
    return simulate(w, accel_r)


def sim_f(w):
    return simulate(w, accel_f)


@pytest.mark.parametrize("fn", [obj_r, obj_vg, obj_f, sim_r, sim_f],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("outer", ["reverse", "forward"])
def test_outer_of_inner(fn, outer):
    w = 0.3
    expected = central(fn, w)
    if outer == "reverse":
        got = sct.grad(fn)(w)
    else:
        _, got = sct.forward(fn)(w, 1.0)
    assert np.isfinite(got)
    assert abs(got - expected) <= 1e-6 * max(1.0, abs(expected))


# -------------------------------------------------------- loops and branches inside the inner
def heron(a, x0):
    """A data-dependent while loop and a branch: the stack the adjoint keeps."""
    x = x0
    while abs(x * x - a) > 1e-12 * a:
        if x > 0.0:
            x = 0.5 * (x + a / x)
        else:
            x = -x
    return x * math.sin(a)


def power_sum(x, n):
    s = 0.0
    for i in range(n):
        if x[i % 2] > 0.0:
            s = s + x[i % 2] ** (i + 1) * x[1]
        else:
            s = s - x[0] * x[1]
    return s


d_heron = sct.grad(heron, wrt=0)
f_heron = sct.forward(heron, wrt=0)
d_power_sum = sct.grad(power_sum, wrt=0)
f_power_sum = sct.forward(power_sum, wrt=0)


def uses_heron_r(a):
    return d_heron(a * a, 1.0) * a


def uses_heron_f(a):
    return f_heron(a * a, 1.0, 1.0)[1] * a


def uses_power_r(t):
    g = d_power_sum(np.array([t, 2.0 * t]), 5)
    return np.sum(g * g)


def uses_power_f(t):
    x = np.array([t, 2.0 * t])
    g0 = f_power_sum(x, 5, np.array([1.0, 0.0]))[1]
    g1 = f_power_sum(x, 5, np.array([0.0, 1.0]))[1]
    return g0 * g0 + g1 * g1


@pytest.mark.parametrize("fn", [uses_heron_r, uses_heron_f, uses_power_r, uses_power_f],
                         ids=lambda f: f.__name__)
@pytest.mark.parametrize("outer", ["reverse", "forward"])
def test_loops_and_branches_inside(fn, outer):
    if outer == "reverse" and fn in (uses_heron_r, uses_power_r):
        # reverse over an adjoint whose reverse sweep reads its stack: refused at the push
        with pytest.raises(sct.SctError, match="reverse mode over a gradient sct made"):
            sct.grad(fn)
        return
    for t in (0.7, 1.3):
        expected = central(fn, t)
        got = sct.grad(fn)(t) if outer == "reverse" else sct.forward(fn)(t, 1.0)[1]
        assert abs(got - expected) <= 1e-6 * max(1.0, abs(expected)), (t, got, expected)


# ------------------------------------------------------------- Hessians by grad of grad
def rosen(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


g_rosen = sct.grad(rosen)


def rosen_slope(x, v):
    return np.dot(g_rosen(x), v)


def test_hessian_by_grad_of_grad():
    x = np.array([-1.2, 1.0, 0.7, 1.5])
    columns = sct.grad(rosen_slope, wrt=0)
    H = np.array([columns(x, e) for e in np.eye(4)])
    assert np.allclose(H, sct.hessian(rosen)(x), rtol=1e-12, atol=1e-9)
    forward = sct.forward(rosen_slope, wrt=0)
    H_f = np.array([forward(x, np.eye(4)[i], np.eye(4)[j])[1] for i in range(4)
                    for j in range(4)]).reshape(4, 4)
    assert np.allclose(H_f, H, rtol=1e-12, atol=1e-9)


# ------------------------------------------------ three levels, a decorator, a closure
def quartic(x):
    return x ** 4 * math.exp(0.5 * x)


d1 = sct.grad(quartic)


def second(x):
    return d1(x)


d2 = sct.grad(second)


def third_body(x):
    return d2(x)


def test_third_derivative():
    x = 0.8
    expected = central(lambda t: central(d1, t, 1e-4), x, 1e-4)
    got = sct.grad(third_body)(x)
    exact = math.exp(0.5 * x) * (24 * x + 18 * x ** 2 + 3 * x ** 3 + x ** 4 / 8)
    assert abs(got - exact) <= 1e-12 * abs(exact)
    assert abs(got - expected) <= 1e-4 * abs(exact)


@sct.grad
def cube_slope(x):
    return x ** 3 * np.sin(x)


def calls_decorated(x):
    return cube_slope(x) * x


def test_decorated_derivative_called():
    x = 1.1
    expected = central(calls_decorated, x)
    assert abs(sct.grad(calls_decorated)(x) - expected) <= 1e-6 * abs(expected)
    assert abs(sct.forward(calls_decorated)(x, 1.0)[1] - expected) <= 1e-6 * abs(expected)


def descend(g, x0, n):
    """A few steps of gradient descent given a gradient function."""
    x = x0
    for i in range(n):
        x = x - 0.1 * g(x)
    return x


def spring(q, p):
    return np.sum((q - p) ** 2) + 0.1 * np.sum(q ** 4)


d_spring = sct.grad(spring, wrt=0)


def settled(p):
    q = descend(lambda q: d_spring(q, p), np.array([1.0, -1.0]), 6)
    return np.sum(q * q * p)


def test_inner_derivative_in_a_closure_passed_to_a_function():
    p = np.array([0.3, 0.8])
    expected = central_gradient(settled, p)
    assert np.allclose(sct.grad(settled)(p), expected, rtol=1e-6, atol=1e-9)
    tangents = [sct.forward(settled)(p, e)[1] for e in np.eye(2)]
    assert np.allclose(tangents, expected, rtol=1e-6, atol=1e-9)


# ---------------------------------------------------------------- what stays refused
h_rosen = sct.hessian(rosen)


def calls_hessian(x):
    return np.sum(h_rosen(x))


def test_wrapper_without_generated_entry_is_refused():
    with pytest.raises(sct.SctError, match="h_rosen"):
        sct.grad(calls_hessian)(np.array([1.0, 2.0]))


def vector_valued(x):
    return x * x


g_vector = sct.grad(vector_valued)


def calls_bad_gradient(x):
    return np.sum(g_vector(x))


def test_inner_gradient_of_an_array_value_stops():
    with pytest.raises((AssertionError, sct.SctError)):
        sct.grad(calls_bad_gradient)(np.array([1.0, 2.0]))


# ------------------------------------------------------- a derivative bound in another module
import nested_helpers  # noqa: E402
from nested_helpers import d_bowl  # noqa: E402


def through_module(t):
    return np.sum(nested_helpers.d_bowl(np.array([t, 2.0 * t])) ** 2)


def through_import(t):
    return np.sum(d_bowl(np.array([t, -t])) * t)


@pytest.mark.parametrize("fn", [through_module, through_import], ids=lambda f: f.__name__)
def test_derivative_of_another_module(fn):
    expected = central(fn, 0.6)
    assert abs(sct.grad(fn)(0.6) - expected) <= 1e-6 * abs(expected)
    assert abs(sct.forward(fn)(0.6, 1.0)[1] - expected) <= 1e-6 * abs(expected)


# ------------------------------------------- rebinding the name; a notebook's cell
def rebound_inner(x):
    return x ** 3


def rebound_other(x):
    return np.sin(x)


d_rebound = sct.grad(rebound_inner)


def calls_rebound(x):
    return d_rebound(x) * x


def test_rebinding_the_derivative_compiles_again():
    global d_rebound
    outer = sct.grad(calls_rebound)
    assert abs(outer(0.5) - 9 * 0.5 ** 2) <= 1e-12             # d/dx 3x^3
    saved = d_rebound
    try:
        d_rebound = sct.grad(rebound_other)
        expected = central(calls_rebound, 0.5)                   # d/dx x cos x
        assert abs(outer(0.5) - expected) <= 1e-6
    finally:
        d_rebound = saved


def test_derivative_bound_in_a_notebook_cell():
    import linecache
    text = "import numpy as np\n\ndef g(x):\n    return np.sin(x) * x\n\n" \
           "def h(x):\n    return dg(x) * x\n"
    name = "<ipython-input-7-nested>"
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    namespace = {}
    exec(compile(text, name, "exec"), namespace)
    namespace["dg"] = sct.grad(namespace["g"])
    h = namespace["h"]
    expected = central(h, 0.7)
    assert abs(sct.grad(h)(0.7) - expected) <= 1e-6 * abs(expected)
    assert abs(sct.forward(h)(0.7, 1.0)[1] - expected) <= 1e-6 * abs(expected)


# ------------------------------------- keyword tangents; a method's derivative stays refused
def scaled(x, a=3.0):
    return a * x ** 2 * np.sin(x)


d_scaled = sct.forward(scaled)


def calls_keyword_tangent(x):
    return d_scaled(x, dx=1.0)[1] * x


def test_forward_derivative_with_keyword_tangents():
    expected = central(calls_keyword_tangent, 1.5)
    assert abs(sct.grad(calls_keyword_tangent)(1.5) - expected) <= 1e-6 * abs(expected)


class Cubic:
    def __init__(self, a):
        self.a = a

    def loss(self, x, y=1.0):
        return self.a * x ** 3 * y


g_method = sct.grad(Cubic(2.0).loss)


def calls_method_gradient(x, y):
    return g_method(x, y) * x       # the wrapper passes the instance: not read as the text


def test_method_derivative_is_refused_not_misread():
    with pytest.raises(sct.SctError, match="g_method"):
        sct.grad(calls_method_gradient)(1.5, 2.0)
