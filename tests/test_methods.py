"""Methods (issue 13): derivatives of bound methods, static and class methods, and methods in a
class body under sct's decorators, with respect to the explicit parameters (the instance's
attributes read at each call) or, with wrt="self", to the instance as a record of its class;
checked against central differences.  The classes are in tests/methods_helpers.py (sct reads
their source)."""
import os

import numpy as np
import pytest

import sct
from sct import SctError
from checker import check_forward_tree, check_grad_tree, central_difference, assert_close
import methods_helpers as mh

HELPERS = os.path.join(os.path.dirname(__file__), "methods_helpers.py")


def _model(seed=0, act="tanh", cls=mh.Model):
    rng = np.random.default_rng(seed)
    return cls(rng.normal(size=(3, 2)), rng.normal(size=3), act), rng.normal(size=2), \
        rng.normal(size=3)


def _fd(f, args, i):
    """The gradient of f with respect to args[i] (an array) by central differences."""
    x = np.array(args[i], dtype=float)
    g = np.zeros_like(x)
    for j in range(x.size):
        def moved(t):
            new = list(args)
            new[i] = x.copy()
            new[i].reshape(-1)[j] += t
            return f(*new)
        g.reshape(-1)[j] = (moved(1e-6) - moved(-1e-6)) / 2e-6
    return g


@pytest.mark.parametrize("act", ["tanh", "sin"])
def test_grad_of_bound_method_explicit_parameters(act):
    m, x, y = _model(act=act)
    gx, gy = sct.grad(m.loss)(x, y)
    np.testing.assert_allclose(gx, _fd(m.loss, (x, y), 0), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gy, _fd(m.loss, (x, y), 1), rtol=1e-6, atol=1e-8)
    value, gx2 = sct.value_and_grad(m.loss, wrt="x")(x, y)
    assert value == pytest.approx(m.loss(x, y), rel=1e-12)
    np.testing.assert_allclose(gx2, gx, rtol=1e-12)
    np.testing.assert_allclose(sct.grad(m.loss, wrt=1)(x, y), gy, rtol=1e-12)


def test_grad_with_respect_to_self_is_a_record_of_the_class():
    m, x, y = _model()
    check_grad_tree(mh.Model.loss, (m, x, y), (0, 1),
                    derivative=sct.grad(mh.Model.loss, wrt=("self", "x")))
    g = sct.grad(m.loss, wrt="self")(x, y)
    assert type(g) is mh.Model and g.act is None and g.w.shape == (3, 2)
    check_forward_tree(mh.Model.loss, (m, x, y), (0, 1),
                       derivative=sct.forward(mh.Model.loss, wrt=("self", "x")))


def test_nested_records_and_dataclass_methods():
    rng = np.random.default_rng(1)
    n = mh.Net(mh.Layer(rng.normal(size=(3, 2)), 0.3), 2.0)
    x = rng.normal(size=2)
    check_grad_tree(mh.Net.out, (n, x), (0, 1),
                    derivative=sct.grad(mh.Net.out, wrt=("self", "x")))
    g = sct.grad(n.out, wrt="self")(x)
    assert type(g) is mh.Net and type(g.first) is mh.Layer


def test_attributes_are_read_at_each_call():
    m, x, y = _model()
    g = sct.grad(m.loss, wrt="x")
    before = g(x, y)
    m.w = 2.0 * m.w
    m.act = "sin"                     # an option steering a branch, changed too
    after = g(x, y)
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, _fd(m.loss, (x, y), 0), rtol=1e-6, atol=1e-8)


def test_two_instances_of_two_classes_compile_apart():
    m, x, y = _model()
    w = mh.Wider(m.w, m.b)             # Wider.predict overrides Model.predict in Model.loss
    gm, gw = sct.grad(m.loss, wrt="x"), sct.grad(w.loss, wrt="x")
    np.testing.assert_allclose(gm(x, y), _fd(m.loss, (x, y), 0), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(gw(x, y), _fd(w.loss, (x, y), 0), rtol=1e-6, atol=1e-8)
    assert not np.allclose(gm(x, y), gw(x, y))
    assert "Wider_predict" in sct.source(gw) and "Wider_predict" not in sct.source(gm)
    other = mh.Model(m.w + 1.0, m.b)   # a second instance of the same class
    np.testing.assert_allclose(sct.grad(other.loss, wrt="x")(x, y),
                               _fd(other.loss, (x, y), 0), rtol=1e-6, atol=1e-8)


def test_forward_jacobian_hessian_of_bound_methods():
    m, x, y = _model()
    value, tangent = sct.forward(m.loss, wrt="x")(x, y, np.array([1.0, -0.5]))
    assert value == pytest.approx(m.loss(x, y), rel=1e-12)
    assert tangent == pytest.approx(_fd(m.loss, (x, y), 0) @ np.array([1.0, -0.5]), rel=1e-6)
    jac = sct.jacobian(m.predict)(x)
    cols = [central_difference(m.predict, [x], [0], [e], 1e-6) for e in np.eye(2)]
    assert_close(jac, np.stack([c[0] for c in cols], axis=-1), 1e-6, 1e-8, "jacobian")
    hess = sct.hessian(m.energy)(x)
    expected = np.sum(m.w * m.w) * np.diag(6 * x)
    np.testing.assert_allclose(hess, expected, rtol=1e-10)


def test_static_methods():
    x = np.array([0.2, -1.1, 0.5])
    for f in (mh.Model.scale, mh.Model(np.eye(3), x).scale):
        np.testing.assert_allclose(sct.grad(f)(x), 2 * x, rtol=1e-12)


def test_static_method_called_through_the_class_name():
    m, x, _ = _model()
    np.testing.assert_allclose(sct.grad(m.through_class)(x), 2 * x * np.sum(m.b), rtol=1e-12)


def test_class_methods_read_class_attributes():
    x = np.array([0.2, -1.1])
    g = sct.grad(mh.Model.weighted)
    np.testing.assert_allclose(g(x), 2.5 * np.cos(x), rtol=1e-12)
    with pytest.raises(SctError, match="class, not a value"):
        sct.grad(mh.Model.weighted, wrt="cls")


def test_decorators_on_methods():
    d, x = mh.Decorated(1.5), np.array([0.3, 0.7])
    np.testing.assert_allclose(d.grad_value(x), 1.5 * np.cos(x), rtol=1e-12)
    np.testing.assert_allclose(mh.Decorated.grad_value(d, x), 1.5 * np.cos(x), rtol=1e-12)
    g = d.grad_self(x)
    assert type(g) is mh.Decorated and g.a == pytest.approx(np.sum(np.sin(x)), rel=1e-12)
    value, gx = d.both(x)
    assert value == pytest.approx(1.5 ** 2 * np.sum(np.sin(x)), rel=1e-12)
    np.testing.assert_allclose(gx, 1.5 ** 2 * np.cos(x), rtol=1e-12)
    assert "def grad_Decorated_grad_self(self, x)" in sct.source(d.grad_self)
    d.a = 3.0                          # read at each call
    np.testing.assert_allclose(d.grad_value(x), 3.0 * np.cos(x), rtol=1e-12)
    # sct.grad of the function in the class: the same convention (explicit parameters)
    np.testing.assert_allclose(sct.grad(mh.Model.energy)(mh.Model(np.eye(2), 0.0), x),
                               2.0 * 3 * x ** 2, rtol=1e-12)


def _refused(call, line_text, message):
    with pytest.raises(SctError) as info:
        call()
    err = info.value
    assert message in err.message, str(err)
    assert err.filename == HELPERS
    if line_text is not None:
        line = open(HELPERS).read().splitlines()[err.lineno - 1]
        assert line[err.col - 1:].startswith(line_text), (line, err.col)
        assert err.hint and "^" in str(err)
    return err


@pytest.mark.parametrize("name, token, message", [
    ("sets", "self.a = x", "assignment to the attribute 'self.a'"),
    ("reads_property", "self.doubled", "is a property"),
    ("calls_super", "super()", "super() is not supported"),
    ("calls_missing", "self.nowhere", "is not defined in the class"),
    ("method_value", "self.sets", "used as a value"),
])
def test_refusals_in_methods(name, token, message):
    _refused(lambda: sct.grad(getattr(mh.Refused(2.0), name))(1.0), token, message)


@pytest.mark.parametrize("name, token, message", [
    ("constructs", "cls(x)", "constructing an instance (cls(...))"),
    ("calls_plain", "cls.sets", "called through the class 'cls'"),
])
def test_refusals_in_class_methods(name, token, message):
    _refused(lambda: sct.grad(getattr(mh.Refused, name))(1.0), token, message)


def test_attribute_hiding_a_method_is_refused():
    m, x, y = _model()
    g = sct.grad(m.loss)
    m.predict = lambda x: x
    with pytest.raises(SctError, match="attribute 'predict' hides the method"):
        sct.grad(m.loss)
    with pytest.raises(SctError, match="attribute 'predict' hides the method"):
        g(x, y)                        # set after compiling: checked at each call
    d = mh.Decorated(1.0)
    d.value = lambda x: x
    with pytest.raises(SctError, match="attribute 'value' hides the method"):
        d.grad_value(x)


def test_method_edited_after_import_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "sct_methods_edited.py"
    path.write_text("class A:\n    def f(self, x):\n        return self.g(x)\n\n"
                    "    def g(self, x):\n        return x * x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import sct_methods_edited as module
    a = module.A()
    assert sct.grad(a.f)(3.0) == pytest.approx(6.0)
    path.write_text(path.read_text().replace("x * x", "x * x * x"))   # g, not f, is edited
    with pytest.raises(SctError, match="was edited"):
        sct.grad(a.f)


def test_refusals_outside_methods():
    _refused(lambda: sct.grad(mh.Child(1.0).calls_super)(1.0), "super()", "super()")
    _refused(lambda: sct.grad(mh.Refused.doubled), None, "is a property")
    _refused(lambda: sct.grad(mh.calls_method_of_parameter)(mh.Model(np.eye(2), 0.0),
                                                             np.ones(2)),
             "p.energy(x)", "a method call on parameter 'p'")
    with pytest.raises(SctError, match="no parameter number 5"):
        sct.grad(mh.Model(np.eye(2), 0.0).energy, wrt=5)


def test_class_defined_in_a_function_is_refused():
    class Local:
        def f(self, x):
            return x * x
    with pytest.raises(SctError, match="not defined at the top level"):
        sct.grad(Local().f)


def test_transform_a_method_by_its_dotted_name():
    text = open(HELPERS).read()
    module = sct.transform(text, name="Model.loss", mode="reverse", wrt=("self", "x"),
                           filename=HELPERS)
    namespace = {}
    exec(compile(module, "<generated>", "exec"), namespace)
    m, x, y = _model()
    value, (b_self, b_x) = namespace["b_Model_loss"](m, x, y)
    assert value == pytest.approx(m.loss(x, y), rel=1e-12)
    np.testing.assert_allclose(b_x, _fd(m.loss, (x, y), 0), rtol=1e-6, atol=1e-8)
    assert type(b_self) is mh.Model
    # every function of the file: the module-level ones, not the methods (__init__ is refused)
    whole = sct.transform("import numpy as np\n\n\nclass A:\n    def __init__(self, w):\n"
                          "        self.w = w\n\n\ndef g(x):\n    return np.sin(x)\n")
    assert "def d_g(" in whole and "A___init__" not in whole


def test_class_in_a_notebook_cell_is_refused():
    import linecache
    text = "class A:\n    def f(self, x):\n        return self.w * x * x\n"
    name = "<ipython-input-sct-methods>"
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    namespace = {"__name__": "__main__"}
    exec(compile(text, name, "exec"), namespace)
    with pytest.raises(SctError, match="a class defined in a notebook cell"):
        sct.grad(namespace["A"]().f)


def test_list_of_records_attribute_loop_and_closure_over_self():
    rng = np.random.default_rng(2)
    s = mh.Stack([mh.Layer(rng.normal(size=(2, 2)), 0.1),
                  mh.Layer(rng.normal(size=(2, 2)), -0.2)], 2.0)
    x = rng.normal(size=2)
    grads = check_grad_tree(mh.Stack.out, (s, x), (0, 1),
                            derivative=sct.grad(mh.Stack.out, wrt=("self", "x")))
    assert type(grads[0]) is mh.Stack and type(grads[0].layers[1]) is mh.Layer
    np.testing.assert_allclose(sct.grad(s.out)(x), grads[1], rtol=1e-12)


def test_hvp_of_a_bound_method():
    m, x, _ = _model()
    v = np.array([0.5, -2.0])
    hv = sct.hvp(m.energy)(x, v)
    np.testing.assert_allclose(hv, np.sum(m.w * m.w) * 6 * x * v, rtol=1e-10)


def test_class_attributes_through_self_are_constants():
    s = mh.Scaled(2.0)
    g = sct.grad(s.f, wrt="self")(1.5)
    assert vars(g) == {"a": pytest.approx(3.0 * 1.5 ** 3)}     # no field C: not the instance's
    check_grad_tree(mh.Scaled.f, (s, 1.5), (0, 1),
                    derivative=sct.grad(mh.Scaled.f, wrt=("self", "x")))
    check_forward_tree(mh.Scaled.f, (s, 1.5), (0, 1),
                       derivative=sct.forward(mh.Scaled.f, wrt=("self", "x")))
    f = sct.grad(s.f)
    s.C = 4.0                          # the source's constant no longer holds: refused
    with pytest.raises(SctError, match="'C' is 3.0 in the source of class 'Scaled'"):
        f(1.5)
    _refused(lambda: sct.grad(mh.Scaled(1.0).table)(np.ones(2)), "self.TABLE",
             "reads a class attribute that is not a number or a string")
