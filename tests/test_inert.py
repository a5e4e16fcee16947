"""Inert statements: assert, raise of a built-in exception, print(...) and warnings.warn(...)
run in the generated code where and as often as the function runs them (forward mode, and
reverse mode's forward sweep, never its reverse sweep), with the user's messages and values,
and carry no derivative.  What stays refused is in test_refusals.py."""
import importlib.util
import itertools
import textwrap
import warnings

import numpy as np
import pytest

import sct
from checker import check_forward

_counter = itertools.count()


@pytest.fixture
def module(tmp_path, monkeypatch):
    """``module(text)`` writes the text to a module of its own under tmp_path and imports it."""
    monkeypatch.setenv("SCT_CACHE_DIR", str(tmp_path / "cache"))

    def load(text):
        path = tmp_path / f"inert_{next(_counter)}.py"
        path.write_text(textwrap.dedent(text))
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    return load


CHECKED = """\
    import warnings
    import numpy as np


    def f(x, y):
        assert x > 0, f"x={x:.3g} must be positive"
        if y < -1.0:
            raise ValueError(f"y={y} is below -1")
        print("f at", x, f"y={y:.2f}")
        s = x * y
        for i in range(3):
            if s > 1e6:
                raise OverflowError("s grew too large at step", i)
            s = s * x + np.sin(y)
        if s > 5.0:
            warnings.warn(f"s={s:.1f} is large", RuntimeWarning)
        return s
    """

PLAIN = """\
    import numpy as np


    def f(x, y):
        s = x * y
        for i in range(3):
            s = s * x + np.sin(y)
        return s
    """


def test_derivative_is_the_same_as_without_the_checks(module):
    checked, plain = module(CHECKED), module(PLAIN)
    for args in [(0.7, 0.3), (1.3, 2.0)]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            assert sct.grad(checked.f)(*args) == sct.grad(plain.f)(*args)
            assert sct.forward(checked.f)(*args, 1.0, 0.5) == sct.forward(plain.f)(*args, 1.0, 0.5)
            check_forward(checked.f, sct.forward(checked.f), args)
            tangents = [sct.forward(checked.f)(*args, *e)[1] for e in [(1.0, 0.0), (0.0, 1.0)]]
            np.testing.assert_allclose(sct.grad(checked.f)(*args), tangents, rtol=1e-12)


def test_failed_assert_propagates_with_the_users_message(module):
    mod = module(CHECKED)
    with pytest.raises(AssertionError, match=r"^x=-1.5 must be positive$"):
        sct.grad(mod.f)(-1.5, 0.3)
    with pytest.raises(AssertionError, match=r"^x=-1.5 must be positive$"):
        sct.forward(mod.f)(-1.5, 0.3, 1.0, 0.0)
    with pytest.raises(AssertionError, match=r"^x=-1.5 must be positive$"):
        sct.hessian(mod.f)(-1.5, 0.3)


def test_raise_in_a_branch_propagates_when_reached(module):
    mod = module(CHECKED)
    for derivative in (sct.grad(mod.f), lambda x, y: sct.forward(mod.f)(x, y, 1.0, 0.0)):
        with pytest.raises(ValueError, match=r"^y=-2.0 is below -1$"):
            derivative(0.5, -2.0)


def test_raise_in_a_loop_propagates_when_reached(module):
    mod = module(CHECKED)
    with pytest.raises(OverflowError) as forward_error:
        sct.forward(mod.f)(200.0, 100.0, 1.0, 0.0)
    with pytest.raises(OverflowError) as reverse_error:
        sct.grad(mod.f)(200.0, 100.0)
    with pytest.raises(OverflowError) as primal_error:
        mod.f(200.0, 100.0)
    assert forward_error.value.args == reverse_error.value.args == primal_error.value.args == \
        ("s grew too large at step", 1)


def test_print_runs_once_per_primal_execution(module, capsys):
    mod = module(CHECKED)
    mod.f(0.5, 0.25)
    primal = capsys.readouterr().out
    assert primal == "f at 0.5 y=0.25\n"
    sct.forward(mod.f)(0.5, 0.25, 1.0, 0.0)
    assert capsys.readouterr().out == primal
    sct.grad(mod.f)(0.5, 0.25)
    assert capsys.readouterr().out == primal
    sct.value_and_grad(mod.f)(0.5, 0.25)
    assert capsys.readouterr().out == primal
    sct.jacobian(mod.f, wrt=(0, 1), mode="reverse")(0.5, 0.25)
    assert capsys.readouterr().out == primal * 3     # f for the value, then a sweep per block


def test_print_in_a_loop_and_in_a_callee(module, capsys):
    mod = module("""\
        import numpy as np


        def g(v, k):
            print(f"g({k}) of", v)
            return v * k


        def f(x):
            s = 0.0
            for k in range(1, 4):
                s = s + g(x, k)
                print("s =", s, sep=" ", end=";\\n")
            unused = g(x, 10)
            return np.sum(s * s)
        """)
    x = np.array([0.5, -1.0])
    mod.f(x)
    primal = capsys.readouterr().out
    assert primal.count("\n") == 7 and "g(10) of" in primal
    sct.forward(mod.f)(x, np.ones(2))
    assert capsys.readouterr().out == primal
    gradient = sct.grad(mod.f)(x)
    assert capsys.readouterr().out == primal       # the callee's adjoint does not print
    np.testing.assert_allclose(gradient, 2 * 36 * x)


def test_warning_is_raised_once(module):
    mod = module(CHECKED)
    with pytest.warns(RuntimeWarning, match=r"^s=\d+\.\d is large$") as record:
        sct.grad(mod.f)(1.5, 2.0)
    assert len(record) == 1
    with pytest.warns(RuntimeWarning, match=r"is large") as record:
        sct.forward(mod.f)(1.5, 2.0, 1.0, 0.0)
    assert len(record) == 1


def test_warnings_spelled_as_imported(module):
    mod = module("""\
        import warnings as w
        from warnings import warn


        def f(x):
            if x > 1.0:
                w.warn("x is above one")
            if x > 2.0:
                warn(f"x={x} is above two", category=UserWarning, stacklevel=2)
            return x * x
        """)
    assert "warnings.warn('x is above one')" in sct.source(sct.forward(mod.f))
    with pytest.warns(UserWarning) as record:
        assert sct.grad(mod.f)(3.0) == 6.0
    assert [str(r.message) for r in record] == ["x is above one", "x=3.0 is above two"]


def test_exception_from_the_gradient_is_the_adjoints_and_prints_once(module, capsys):
    mod = module("""\
        def f(x):
            print("before the check")
            if x > 1.0:
                raise ValueError
            return x * x
        """)
    with pytest.raises(ValueError):
        sct.grad(mod.f)(2.0)
    assert capsys.readouterr().out == "before the check\n"


def test_unreached_raise_leaves_the_derivative_exact(module):
    mod = module("""\
        import math


        def f(x):
            while x < 10.0:
                if x <= 0.0:
                    raise ValueError("x must be positive")
                x = x * 2.0
            assert x >= 10.0
            return math.log(x)
        """)
    assert sct.grad(mod.f)(3.0) == pytest.approx(1.0 / 3.0)
    assert sct.forward(mod.f)(3.0, 1.0)[1] == pytest.approx(1.0 / 3.0)
    with pytest.raises(ValueError, match="x must be positive"):
        sct.grad(mod.f)(-3.0)


def test_hessian_through_an_assert_and_a_print(module, capsys):
    mod = module("""\
        import numpy as np


        def f(x):
            assert np.all(x > 0.0), f"x={x} must be positive"
            print("f at", x[0])
            return np.sum(x * x * x)
        """)
    x = np.array([0.5, 2.0])
    hessian = sct.hessian(mod.f)(x)
    np.testing.assert_allclose(hessian, np.diag(6.0 * x))
    assert capsys.readouterr().out == "f at 0.5\n" * 2        # one product per column
    with pytest.raises(AssertionError, match=r"must be positive"):
        sct.hessian(mod.f)(-x)


def test_generated_code_shows_the_users_statements(module):
    mod = module(CHECKED)
    text = sct.source(sct.grad(mod.f))
    for line in ["assert x > 0, f'x={x:.3g} must be positive'",
                 "raise ValueError(f'y={y} is below -1')",
                 "print('f at', x, f'y={y:.2f}')",
                 "warnings.warn(f's={s:.1f} is large', RuntimeWarning)"]:
        assert text.count(line) == 1, line
    assert "import warnings" in text


def test_messages_built_with_str_repr_format_and_percent(module, capsys):
    mod = module("""\
        import numpy as np


        def f(x, n):
            if n < 0:
                raise ValueError("n must be >= 0, got " + str(n) + " for " + repr(x))
            assert x.shape == (3,), "x has shape {}".format(x.shape)
            print("total %.3f of %d" % (np.sum(x), n), format(n, "03d"))
            return np.sum(x ** 2) * n
        """)
    x = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(sct.grad(mod.f, wrt=0)(x, 2), 4.0 * x)
    assert capsys.readouterr().out == "total 6.000 of 2 002\n"
    with pytest.raises(ValueError, match=r"^n must be >= 0, got -1 for array\(\[1\., 2\., 3\.\]\)"):
        sct.forward(mod.f, wrt=0)(x, -1, x)
    with pytest.raises(AssertionError, match=r"^x has shape \(2,\)$"):
        sct.hessian(mod.f, wrt=0)(np.ones(2), 1)


def test_isinstance_type_round_and_dtype_in_checks(module, capsys):
    mod = module("""\
        import numpy


        def f(x, n):
            assert isinstance(x, numpy.ndarray), f"x must be an array, not {type(x)}"
            assert isinstance(n, (int, numpy.integer)), "n must be an integer"
            print("dtype", x.dtype, round(float(numpy.sum(x)), 2))
            return numpy.sum(x ** 3) * n
        """)
    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(sct.grad(mod.f, wrt=0)(x, 2), 6.0 * x * x)
    np.testing.assert_allclose(sct.hessian(mod.f, wrt=0)(x, 1), np.diag(6.0 * x))
    assert capsys.readouterr().out == "dtype float64 3.0\n" * 3
    with pytest.raises(AssertionError, match=r"^x must be an array, not <class 'float'>$"):
        sct.forward(mod.f, wrt=0)(1.0, 2, 1.0)
    with pytest.raises(AssertionError, match=r"^n must be an integer$"):
        sct.grad(mod.f, wrt=0)(x, 2.0)
    assert "isinstance(x, np.ndarray)" in sct.source(sct.forward(mod.f, wrt=0))


def test_a_checking_function_called_as_a_statement(module, capsys):
    mod = module("""\
        import numpy as np


        def check(x):
            assert np.all(x > 0.0), "x must be positive"
            print("checked", x[0])
            return x


        def f(x):
            _ = 3.0
            check(x)
            return np.sum(x * x) * _
        """)
    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(sct.grad(mod.f)(x), 6.0 * x)
    np.testing.assert_allclose(sct.forward(mod.f)(x, x)[1], 6.0 * np.sum(x * x))
    assert capsys.readouterr().out == "checked 1.0\n" * 2
    assert "_2 = check(x)" in sct.source(sct.forward(mod.f))
    with pytest.raises(AssertionError, match="x must be positive"):
        sct.grad(mod.f)(-x)


def test_what_follows_a_raise_in_its_block_is_left_out(module):
    mod = module("""\
        def f(x):
            if x > 1.0:
                raise ValueError("x above one")
                x = x * 1000.0
            return x * x
        """)
    assert "1000.0" not in sct.source(sct.grad(mod.f))
    assert "1000.0" not in sct.source(sct.forward(mod.f))
    assert sct.grad(mod.f)(0.5) == 1.0
    with pytest.raises(ValueError, match="x above one"):
        sct.forward(mod.f)(2.0, 1.0)


def test_print_of_names_sharing_memory_shows_what_numpy_holds(module, capsys):
    """A print reads values as numpy holds them: after x += v on an array that z shares, and
    of a view v of y after a write into y; reverse mode, whose reverse sweep never runs it,
    compiles it where the write through a second name would otherwise be refused."""
    mod = module("""\
        import numpy as np


        def f(x):
            y = x * 1.0
            z = y
            y += 1.0
            print("z", z)
            v = y[1:]
            y[0] = 5.0 * x[0]
            print("v", v, "y", y)
            return np.sum(y * x)
        """)
    x = np.array([1.0, 2.0, 3.0])
    mod.f(np.copy(x))
    primal = capsys.readouterr().out
    assert primal == "z [2. 3. 4.]\nv [3. 4.] y [5. 3. 4.]\n"
    gradient = sct.grad(mod.f)(np.copy(x))
    assert capsys.readouterr().out == primal
    tangents = [sct.forward(mod.f)(np.copy(x), e)[1] for e in np.eye(3)]
    assert capsys.readouterr().out == primal * 3
    np.testing.assert_allclose(gradient, tangents, rtol=1e-12)
    check_forward(mod.f, sct.forward(mod.f), (x,))
