"""scipy.special beyond the rows: the import forms, the generated module's imports, the
parameters sct does not differentiate (refused where they carry a derivative, at the user's
line), and the conventions and closed forms at the edges (xlogy at x = 0, log_ndtr far in the
tail, 1 / Gamma at the poles of Gamma, logsumexp's sign)."""
import math
import textwrap
import warnings

import numpy as np
import pytest
import scipy.special

import sct
from sct import SctError

FILE = "special.py"


def compiled(source, mode="both", wrt=None):
    """The generated module's text and its namespace."""
    text = sct.transform(textwrap.dedent(source), filename=FILE, mode=mode, wrt=wrt)
    namespace = {}
    exec(compile(text, "<generated>", "exec"), namespace)
    return text, namespace


def refusal(source, wrt=None):
    with pytest.raises(SctError) as info:
        sct.transform(textwrap.dedent(source), filename=FILE, mode="both", wrt=wrt)
    return info.value


def central(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


# ---------------------------------------------------------------- import forms
IMPORT_FORMS = [
    ("import scipy.special", "scipy.special.gammaln"),
    ("import scipy.special as sc", "sc.gammaln"),
    ("from scipy.special import gammaln", "gammaln"),
    ("from scipy import special", "special.gammaln"),
]


@pytest.mark.parametrize("header, call", IMPORT_FORMS, ids=[h for h, _ in IMPORT_FORMS])
def test_import_forms(header, call):
    """Each import form reaches the rule: d gammaln(x^2) = 2 x digamma(x^2), both modes; the
    generated module imports scipy.special itself."""
    text, namespace = compiled(f"""
        import numpy as np
        {header}


        def f(x):
            return np.sum({call}(x * x))
        """)
    assert "import scipy.special" in text
    x = np.array([0.7, 1.3, 2.2])
    expected = 2 * x * scipy.special.digamma(x * x)
    value, tangent = namespace["d_f"](x, np.array([1.0, 0.0, 0.0]))
    assert value == pytest.approx(np.sum(scipy.special.gammaln(x * x)))
    assert tangent == pytest.approx(expected[0])
    _, (gradient,) = namespace["b_f"](x, 1.0)
    np.testing.assert_allclose(gradient, expected, rtol=1e-12)


def test_scipy_is_imported_only_where_called():
    text, _ = compiled("""
        import numpy as np
        import scipy.special


        def f(x):
            return np.sum(np.sin(x))
        """)
    assert "import scipy" not in text        # the user's module imports it, but never calls it
    text, _ = compiled("""
        import numpy as np


        def f(x):
            return np.sum(np.exp(x))
        """)
    assert "scipy" not in text


# ---------------------------------------------------------------- refusals of moving orders
REFUSED = [
    ("scipy.special.polygamma", "def f(n, x):\n    return scipy.special.polygamma(n, x)\n",
     "order n (an integer)"),
    ("scipy.special.gammainc", "def f(a, x):\n    return scipy.special.gammainc(a, x)\n",
     "shape parameter a (no closed form)"),
    ("scipy.special.gammaincc", "def f(a, x):\n    return scipy.special.gammaincc(a * 2.0, x)\n",
     "shape parameter a (no closed form)"),
    ("scipy.special.betainc", "def f(a, x):\n    return scipy.special.betainc(2.0, a, x)\n",
     "shape parameters a and b (no closed form)"),
    ("scipy.special.betainc", "def f(a, x):\n    return scipy.special.betainc(a, 2.0, x)\n",
     "shape parameters a and b (no closed form)"),
    ("scipy.special.iv", "def f(v, x):\n    return scipy.special.iv(v, x)\n", "order v"),
    ("scipy.special.ive", "def f(v, x):\n    return scipy.special.ive(v + 1.0, x)\n",
     "order v"),
    ("scipy.special.jv", "def f(v, x):\n    return scipy.special.jv(v, x)\n", "order v"),
    ("scipy.special.jn", "def f(v, x):\n    return scipy.special.jn(v, x)\n", "order n"),
    ("scipy.special.yn", "def f(v, x):\n    return scipy.special.yn(v, x)\n", "order n"),
    ("scipy.special.yv", "def f(v, x):\n    return scipy.special.yv(v, x)\n", "order v"),
    ("scipy.special.multigammaln",
     "def f(d, x):\n    return scipy.special.multigammaln(x, d)\n", "dimension d (an integer)"),
]


@pytest.mark.parametrize("name, body, why", REFUSED, ids=[f"{n}-{w}" for n, _, w in REFUSED])
def test_orders_and_shapes_with_a_derivative_are_refused(name, body, why):
    """An order or shape parameter that carries a derivative is refused at the call, naming
    the function and the parameter, never differentiated as a constant (a silent zero)."""
    source = "import scipy.special\n\n\n" + body
    err = refusal(source)
    assert err.message == f"sct has no derivative of {name} in its {why}"
    assert (err.filename, err.lineno) == (FILE, 5)
    assert err.source_line.strip().startswith("return scipy.special.")
    assert err.hint and "carry no derivative" in err.hint


def test_the_order_alone_with_a_derivative_is_refused():
    """Even where x is a constant: the result moves with the order only."""
    err = refusal("import scipy.special\n\n\ndef f(a):\n"
                  "    y = scipy.special.gammainc(a, 2.0)\n    return y * 3.0\n")
    assert "shape parameter a" in err.message and err.lineno == 5


def test_the_shape_alone_in_wrt_is_refused():
    """wrt naming only the shape parameter: refused, not a zero gradient, and without the
    warning that the parameter reaches no derivative (its derivative is not zero)."""
    source = ("import scipy.special\n\n\ndef f(a, x):\n    s = x * 1.0\n"
              "    s += scipy.special.gammainc(a, x)\n    return s\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error", sct.SctWarning)
        err = refusal(source, wrt="a")
    assert "gammainc in its shape parameter a" in err.message and err.lineno == 6


def test_orders_without_a_derivative_are_differentiated_in_x():
    """The same calls with the order outside wrt (or a constant) are differentiated in x:
    d gammainc(a, x) / dx = x^(a-1) e^-x / Gamma(a), d iv(v, x) = (iv(v-1) + iv(v+1)) / 2."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(a, x):\n"
                            "    return scipy.special.gammainc(a, x) + scipy.special.iv(a, x)\n",
                            wrt="x")
    a, x = 2.5, 1.7
    _, tangent = namespace["d_f"](a, x, 1.0)
    density = x ** (a - 1) * math.exp(-x) / math.gamma(a)
    bessel = (scipy.special.iv(a - 1, x) + scipy.special.iv(a + 1, x)) / 2
    assert tangent == pytest.approx(density + bessel, rel=1e-12)


def test_integer_loop_order_is_not_refused():
    """A loop index as the order carries no derivative."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(x):\n    s = 0.0\n"
                            "    for n in range(3):\n"
                            "        s = s + scipy.special.polygamma(n, x)\n    return s\n")
    x = 1.4
    _, tangent = namespace["d_f"](x, 1.0)
    assert tangent == pytest.approx(sum(scipy.special.polygamma(n + 1, x) for n in range(3)))


# ---------------------------------------------------------------- conventions at the edges
def test_xlogy_at_x_zero():
    """xlogy(0, t) = 0 for every t: the slope in t is 0 there, the slope in x log t (the
    one-sided slope from x > 0 where t = 0: -inf); xlog1py alike with log(1 + t)."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(x, t):\n"
                            "    return scipy.special.xlogy(x, t)\n\n\ndef g(x, t):\n"
                            "    return scipy.special.xlog1py(x, t)\n")
    for t in (0.5, 2.0):
        assert namespace["d_f"](0.0, t, 0.0, 1.0)[1] == 0.0
        assert namespace["d_f"](0.0, t, 1.0, 0.0)[1] == pytest.approx(math.log(t))
        assert namespace["b_f"](0.0, t, 1.0)[1] == (pytest.approx(math.log(t)), 0.0)
        assert namespace["d_g"](0.0, t, 0.0, 1.0)[1] == 0.0
        assert namespace["b_g"](0.0, t, 1.0)[1] == (pytest.approx(math.log1p(t)), 0.0)
    # t = 0: the value is 0 along x = 0, -inf for x > 0
    with np.errstate(divide="ignore"):
        assert namespace["d_f"](0.0, 0.0, 0.0, 1.0)[1] == 0.0
        assert namespace["d_f"](0.0, 0.0, 1.0, 0.0)[1] == -math.inf
        # x != 0, t = 0: the slope in t is infinite, not 0
        assert namespace["d_f"](2.0, 0.0, 0.0, 1.0)[1] == math.inf
        assert namespace["d_g"](0.0, -1.0, 0.0, 1.0)[1] == 0.0
    # arrays mixing both cases
    x, t = np.array([0.0, 1.5, 0.0]), np.array([0.5, 0.5, 3.0])
    _, (bx, bt) = namespace["b_f"](x, t, np.ones(3))
    np.testing.assert_allclose(bx, np.log(t))
    np.testing.assert_allclose(bt, [0.0, 3.0, 0.0])


def test_entropies_at_zero():
    """entr(0) = 0 and rel_entr(0, t) = 0: the slope of rel_entr in t is 0 there."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(x, t):\n"
                            "    return scipy.special.rel_entr(x, t)\n")
    assert namespace["d_f"](0.0, 0.7, 0.0, 1.0)[1] == 0.0
    assert namespace["d_f"](0.4, 0.7, 0.0, 1.0)[1] == pytest.approx(-0.4 / 0.7)


def test_log_ndtr_far_in_the_tails():
    """d log Phi(x) = phi(x) / Phi(x): finite where phi and Phi underflow (x = -40, about
    -x - 1/x ... by the Mills ratio), 0-bound for large x; against central differences where
    those are accurate and against the asymptotic series far out."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(x):\n"
                            "    return scipy.special.log_ndtr(x)\n")
    for x in (-30.0, -5.0, 0.0, 3.0):
        reference = central(scipy.special.log_ndtr, x, 1e-5)
        assert namespace["d_f"](x, 1.0)[1] == pytest.approx(reference, rel=1e-7)
    # phi / Phi at x -> -inf: |x| (1 + 1/x^2 - 2/x^4 + 10/x^6 ...) (the Mills ratio series)
    for x in (-40.0, -300.0, -1e5):
        series = -x * (1 + 1 / x ** 2 - 2 / x ** 4 + 10 / x ** 6)
        assert namespace["d_f"](x, 1.0)[1] == pytest.approx(series, rel=1e-9)
        assert namespace["b_f"](x, 1.0)[1][0] == pytest.approx(series, rel=1e-9)
    assert namespace["d_f"](40.0, 1.0)[1] == 0.0 or namespace["d_f"](40.0, 1.0)[1] < 1e-300


def test_rgamma_at_the_poles_of_gamma():
    """1 / Gamma is 0 at 0, -1, -2, ... with slope (-1)^n n!, not 0 * inf (NaN); its second
    derivative there is -2 (-1)^n n! psi(n + 1) (Hessian through the helper)."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(x):\n"
                            "    return scipy.special.rgamma(x)\n")
    x = np.array([0.0, -1.0, -2.0, -3.0, 0.5])
    _, tangent = namespace["d_f"](x, np.ones(5))
    np.testing.assert_allclose(tangent[:4], [1.0, -1.0, 2.0, -6.0])
    np.testing.assert_allclose(tangent[4], central(scipy.special.rgamma, 0.5), rtol=1e-8)
    for n in range(4):
        hessian = sct.hessian(_module_function("import scipy.special\n\n\ndef g(x):\n"
                                               "    return scipy.special.rgamma(x) * 1.0\n",
                                               "g"))(float(-n))
        expected = -2 * (-1) ** n * math.factorial(n) * scipy.special.digamma(n + 1)
        assert hessian == pytest.approx(expected, rel=1e-10)


def _module_function(source, name, _cache={}):
    """A function of a module written to a temporary file (sct reads a function's source)."""
    import importlib.util
    import pathlib
    import tempfile
    if source not in _cache:
        path = pathlib.Path(tempfile.mkdtemp()) / f"special_{len(_cache)}.py"
        path.write_text(source)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _cache[source] = module
    return getattr(_cache[source], name)


def test_logsumexp_sign_carries_no_derivative():
    """With return_sign the tangent is (d value, 0); d value = sum(s b e^(a - v) da) even where
    sum(b e^a) is negative; the adjoint of the sign is ignored."""
    _, namespace = compiled("import scipy.special\nimport numpy as np\n\n\ndef f(a, b):\n"
                            "    return scipy.special.logsumexp(a, b=b, return_sign=True)\n")
    a, b = np.array([0.3, 1.2, -0.5]), np.array([1.0, -2.0, 0.5])
    total = np.sum(b * np.exp(a))
    assert total < 0
    da = np.array([0.2, -1.0, 0.7])
    (value, sign), (dvalue, dsign) = namespace["d_f"](a, b, da, np.zeros(3))
    assert (value, sign) == (pytest.approx(np.log(-total)), -1.0)
    assert dvalue == pytest.approx(np.sum(b * np.exp(a) * da) / total, rel=1e-12)
    assert dsign == 0.0
    _, (ba, bb) = namespace["b_f"](a, b, (1.0, 5.0))
    np.testing.assert_allclose(ba, b * np.exp(a) / total, rtol=1e-12)
    np.testing.assert_allclose(bb, np.exp(a) / total, rtol=1e-12)


# ---------------------------------------------------------------- closed forms
CLOSED_FORMS = [
    ("i0", lambda x: scipy.special.i1(x), 1.3),
    ("i1", lambda x: scipy.special.i0(x) - scipy.special.i1(x) / x, 1.3),
    ("j0", lambda x: -scipy.special.j1(x), 2.1),
    ("j1", lambda x: scipy.special.j0(x) - scipy.special.j1(x) / x, 2.1),
    ("y0", lambda x: -scipy.special.y1(x), 2.1),
    ("y1", lambda x: scipy.special.y0(x) - scipy.special.y1(x) / x, 2.1),
    ("i0e", lambda x: (scipy.special.i1(x) - scipy.special.i0(x)) * math.exp(-x), 1.3),
    ("gammaln", lambda x: scipy.special.digamma(x), -1.4),
    ("erfinv", lambda x: 1 / (2 / math.sqrt(math.pi) * math.exp(-scipy.special.erfinv(x) ** 2)),
     0.6),
    ("ndtri", lambda x: 1 / (math.exp(-scipy.special.ndtri(x) ** 2 / 2) / math.sqrt(2 * math.pi)),
     0.3),
    ("logit", lambda x: 1 / x + 1 / (1 - x), 0.3),
]


@pytest.mark.parametrize("name, slope, x", CLOSED_FORMS, ids=[c[0] for c in CLOSED_FORMS])
def test_closed_forms(name, slope, x):
    """Derivatives against identities other than the ones the rules use (DLMF 10.6.2: J_1' =
    J_0 - J_1 / x; inverse functions: 1 / f'(f^-1(x)))."""
    _, namespace = compiled(f"import scipy.special\n\n\ndef f(x):\n"
                            f"    return scipy.special.{name}(x)\n")
    assert namespace["d_f"](x, 1.0)[1] == pytest.approx(slope(x), rel=1e-12)
    assert namespace["b_f"](x, 1.0)[1][0] == pytest.approx(slope(x), rel=1e-12)


def test_incomplete_beta_density():
    """d betainc(a, b, x) / dx = x^(a-1) (1-x)^(b-1) / B(a, b), at x = 0 too where a = 1 (the
    density written with xlogy, not 0 * log 0)."""
    _, namespace = compiled("import scipy.special\n\n\ndef f(x):\n"
                            "    return scipy.special.betainc(1.0, 2.5, x)\n")
    for x in (0.0, 0.3):
        expected = (1 - x) ** 1.5 / scipy.special.beta(1.0, 2.5)
        assert namespace["d_f"](x, 1.0)[1] == pytest.approx(expected, rel=1e-12)
