"""scipy.stats' distributions: the import forms that reach the table, the calls refused (a cdf's
shape parameter carrying a derivative, multivariate_normal's unsupported forms), the tails of
norm.logcdf / logsf, the edges of the supports, and the covariance convention of
multivariate_normal, each against an independent reference (closed forms, scipy's own values,
autograd, central differences)."""
import importlib
import itertools
import textwrap

import autograd
import autograd.numpy as anp
import autograd.scipy.stats as astats
import numpy as np
import pytest
import scipy.stats

import sct
from sct import SctError

HEADER = "import numpy as np\nimport scipy.stats\n"
_count = itertools.count()


@pytest.fixture
def load(tmp_path, monkeypatch):
    """A function f defined by ``body`` (a module's source after its imports)."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(body, header=HEADER):
        name = f"stats_case_{next(_count)}"
        (tmp_path / f"{name}.py").write_text(header + textwrap.dedent(body))
        return importlib.import_module(name).f
    return make


def central(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


# ---------------------------------------------------------------- import forms
@pytest.mark.parametrize("header, call", [
    ("import scipy.stats\n", "scipy.stats.norm.logpdf(x, loc, s)"),
    ("import scipy.stats as st\n", "st.norm.logpdf(x, loc, s)"),
    ("from scipy import stats\n", "stats.norm.logpdf(x, loc=loc, scale=s)"),
    ("from scipy.stats import norm\n", "norm.logpdf(x, loc=loc, scale=s)"),
    ("import scipy\nimport scipy.stats\n", "scipy.stats.norm.logpdf(x, loc, scale=s)"),
])
def test_import_forms_reach_the_rule(load, header, call):
    f = load(f"\n\ndef f(x, loc, s):\n    return {call}\n", header=header)
    x, loc, s = 0.7, -0.2, 1.3
    z = (x - loc) / s
    gx, gloc, gs = sct.grad(f, wrt=(0, 1, 2))(x, loc, s)
    np.testing.assert_allclose([gx, gloc, gs], [-z / s, z / s, (z * z - 1) / s], rtol=1e-12)


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize("call, param", [
    ("scipy.stats.t.cdf(x, p)", "df"), ("scipy.stats.t.cdf(x, df=p)", "df"),
    ("scipy.stats.t.logcdf(x, p, 0.0, 1.0)", "df"), ("scipy.stats.chi2.cdf(x, p)", "df"),
    ("scipy.stats.gamma.cdf(x, a=p)", "a"), ("scipy.stats.beta.cdf(0.3, 2.0, p)", "'b'"),
    ("scipy.stats.beta.cdf(0.3, p, 2.0)", "'a'"),
])
def test_cdf_shape_parameters_are_refused_where_they_move(call, param):
    source = f"{HEADER}\n\ndef f(x, p):\n    return {call} * x\n"
    for mode in ("forward", "reverse"):
        with pytest.raises(SctError) as info:
            sct.transform(source, mode=mode)
        name = call.split("(")[0]
        assert name in info.value.message and param in info.value.message
        assert "no closed form" in info.value.message and info.value.hint
        assert info.value.lineno == 6


def test_cdf_shape_parameter_without_derivative_is_accepted(load):
    f = load("\n\ndef f(x, p):\n    return scipy.stats.gamma.cdf(x, p, scale=2.0)\n")
    gx = sct.grad(f, wrt=0)(1.3, 2.5)
    np.testing.assert_allclose(gx, scipy.stats.gamma.pdf(1.3, 2.5, scale=2.0), rtol=1e-12)


@pytest.mark.parametrize("call, message", [
    ("scipy.stats.multivariate_normal.logpdf(x, m, c, allow_singular=True)", "allow_singular"),
    ("scipy.stats.multivariate_normal.pdf(x, m)", "'cov' given"),
    ("scipy.stats.multivariate_normal.logpdf(x, cov=c)", "'mean' given"),
    ("scipy.stats.multivariate_normal.entropy(cov=c)", "'mean' given"),
])
def test_multivariate_normal_forms_refused(call, message):
    source = f"{HEADER}\n\ndef f(x, m, c):\n    return {call}\n"
    with pytest.raises(SctError) as info:
        sct.transform(source, mode="reverse")
    assert message in info.value.message and info.value.hint


# ---------------------------------------------------------------- norm's tails
def _hazard_series(z):
    """phi(z) / Phi(z) for z -> -inf: -z / (1 - 1/z^2 + 3/z^4 - 15/z^6 + ...) (the asymptotic
    series of Mills' ratio, coefficients (2n - 1)!!), to about 1e-15 for |z| >= 30."""
    w = 1.0 / (z * z)
    return -z / (1 - w + 3 * w**2 - 15 * w**3 + 105 * w**4 - 945 * w**5 + 10395 * w**6)


def test_logcdf_and_logsf_derivatives_far_in_the_tails(load):
    f = load("\n\ndef f(x):\n    return np.sum(scipy.stats.norm.logcdf(x) + "
             "scipy.stats.norm.logsf(-x))\n")
    x = np.array([-30.0, -300.0, -3e4, -1e8])
    g = sct.grad(f)(x)
    np.testing.assert_allclose(g, 2 * _hazard_series(x), rtol=1e-13)
    assert np.all(np.isfinite(g))
    # moderate z: pdf / cdf, where both are well away from underflow
    z = np.array([-5.0, -1.0, 0.0, 2.0, 8.0])
    ratio = scipy.stats.norm.pdf(z) / scipy.stats.norm.cdf(z)
    np.testing.assert_allclose(sct.grad(f)(z), 2 * ratio, rtol=1e-13)
    # far in the upper tail the slope underflows to 0 (phi(z) is below the smallest float)
    assert np.all(sct.grad(f)(np.array([40.0, 1e4])) == 0.0)


def test_logsf_derivative_in_loc_and_scale_in_the_tail(load):
    f = load("\n\ndef f(x, loc, s):\n    return scipy.stats.norm.logsf(x, loc, s)\n")
    x, loc, s = 80.0, 1.0, 2.0
    z = (x - loc) / s
    h = _hazard_series(-z)
    gx, gloc, gs = sct.grad(f, wrt=(0, 1, 2))(x, loc, s)
    np.testing.assert_allclose([gx, gloc, gs], [-h / s, h / s, z * h / s], rtol=1e-13)


def test_logcdf_hessian_in_the_tail(load):
    """d^2/dz^2 log Phi = h' = -h (z + h), checked against differences of the gradient."""
    f = load("\n\ndef f(x):\n    return scipy.stats.norm.logcdf(x)\n")
    z = -50.0
    h = _hazard_series(z)
    np.testing.assert_allclose(sct.hessian(f)(z), -h * (z + h), rtol=1e-6)
    np.testing.assert_allclose(sct.hessian(f)(z), central(sct.grad(f), z, 1e-4), rtol=1e-6)


# ---------------------------------------------------------------- closed forms and scipy
def test_cdf_derivatives_are_scipy_densities(load):
    f = load("""

        def f(x, loc, s):
            return (scipy.stats.norm.cdf(x, loc, s) + scipy.stats.t.cdf(x, 3.0, loc, s)
                    + scipy.stats.gamma.cdf(x, 2.5, loc, s) + scipy.stats.chi2.cdf(x, 3.0, loc, s)
                    + scipy.stats.beta.cdf(x, 2.0, 3.0, loc, s))
        """)
    x, loc, s = 0.9, 0.1, 1.7
    pdf = sum(d.pdf(x, *shape, loc, s) for d, shape in [
        (scipy.stats.norm, ()), (scipy.stats.t, (3.0,)), (scipy.stats.gamma, (2.5,)),
        (scipy.stats.chi2, (3.0,)), (scipy.stats.beta, (2.0, 3.0))])
    np.testing.assert_allclose(sct.grad(f, wrt=0)(x, loc, s), pdf, rtol=1e-12)
    np.testing.assert_allclose(sct.grad(f, wrt=1)(x, loc, s), -pdf, rtol=1e-12)


def test_poisson_cdf_derivative_is_minus_the_pmf(load):
    f = load("\n\ndef f(mu):\n    return scipy.stats.poisson.cdf(np.array([0.0, 3.0, 4.5, 7.0]), "
             "mu)\n")
    d = sct.forward(f)(2.3, 1.0)[1]
    np.testing.assert_allclose(d, -scipy.stats.poisson.pmf([0, 3, 4, 7], 2.3), rtol=1e-12)


def test_shape_derivatives_match_autograd(load):
    """t, dirichlet in their shape parameters (digamma terms) against autograd's own rules."""
    f = load("\n\ndef f(x, df):\n    return scipy.stats.t.logpdf(x, df, 0.3, 1.4)\n")
    ref = autograd.grad(lambda df: astats.t.logpdf(0.8, df, 0.3, 1.4))(3.3)
    np.testing.assert_allclose(sct.grad(f, wrt=1)(0.8, 3.3), ref, rtol=1e-12)
    f = load("\n\ndef f(x, alpha):\n    return scipy.stats.dirichlet.logpdf(x, alpha)\n")
    x, alpha = np.array([0.2, 0.3, 0.5]), np.array([1.5, 0.7, 2.2])
    for i in (0, 1):
        ref = autograd.grad(astats.dirichlet.logpdf, i)(x, alpha)
        np.testing.assert_allclose(sct.grad(f, wrt=i)(x, alpha), ref, rtol=1e-12)


def test_gamma_shape_derivative_against_differences_of_scipy(load):
    f = load("\n\ndef f(a):\n    return scipy.stats.gamma.logpdf(1.7, a, 0.2, 0.8) + "
             "scipy.stats.chi2.pdf(1.7, a) + scipy.stats.beta.logpdf(0.3, a, 2.0 * a)\n")
    np.testing.assert_allclose(sct.grad(f)(2.2), central(f, 2.2), rtol=1e-7)


# ---------------------------------------------------------------- edges of the supports
def test_outside_the_support_the_derivatives_are_zero(load):
    """The density is 0 (its log -inf) there: a constant, derivative 0, never NaN."""
    f = load("""

        def f(x, a):
            return (scipy.stats.gamma.pdf(x, a) + scipy.stats.beta.pdf(x + 2.0, a, 2.0)
                    + scipy.stats.chi2.pdf(x, a))
        """)
    x = np.array([-1.0, -0.5])
    d = sct.forward(f, wrt=(0, 1))(x, 2.5, np.ones(2), 1.0)[1]
    assert np.all(d == 0.0)
    g = load("\n\ndef f(x, a):\n    return scipy.stats.gamma.logpdf(x, a)\n")
    value, tangent = sct.forward(g, wrt=(0, 1))(-1.0, 2.5, 1.0, 1.0)
    assert value == -np.inf and tangent == 0.0


# ---------------------------------------------------------------- multivariate_normal's cov
MVN = """

    def f(x, mean, cov):
        return np.sum(scipy.stats.multivariate_normal.logpdf(x, mean, cov))
    """


def _point():
    rng = np.random.default_rng(3)
    a = rng.standard_normal((3, 3))
    return rng.standard_normal((4, 3)), rng.standard_normal(3), a @ a.T + np.eye(3)


def test_covariance_gradient_is_autograds(load):
    f = load(MVN)
    x, mean, cov = _point()
    ours = sct.grad(f, wrt=(0, 1, 2))(x, mean, cov)
    theirs = [autograd.grad(lambda *args: anp.sum(astats.multivariate_normal.logpdf(*args)), i)(
        x, mean, cov) for i in range(3)]
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(ours[2], ours[2].T, rtol=0, atol=1e-15)


def test_covariance_convention_against_central_differences(load):
    """Along a symmetric direction the derivative is scipy's own; along an unsymmetric one it is
    the derivative along its symmetric part (that is, of f(x, mean, (cov + cov^T) / 2)); scipy's
    own value reads only cov's lower triangle, which an unsymmetric direction tells apart."""
    f = load(MVN)
    x, mean, cov = _point()
    rng = np.random.default_rng(4)
    e = rng.standard_normal((3, 3))
    sym = 0.5 * (e + e.T)
    d_f = sct.forward(f, wrt=2)
    grad = sct.grad(f, wrt=2)(x, mean, cov)

    def along(direction, symmetrize=False):
        def g(t):
            c = cov + t * direction
            return f(x, mean, 0.5 * (c + c.T) if symmetrize else c)
        return central(g, 0.0)
    np.testing.assert_allclose(d_f(x, mean, cov, sym)[1], along(sym), rtol=1e-7)
    np.testing.assert_allclose(np.sum(grad * sym), along(sym), rtol=1e-7)
    np.testing.assert_allclose(d_f(x, mean, cov, e)[1], along(e, symmetrize=True), rtol=1e-7)
    np.testing.assert_allclose(np.sum(grad * e), along(e, symmetrize=True), rtol=1e-7)
    lower = np.tril(e) + np.tril(e, -1).T       # what scipy's own difference follows
    np.testing.assert_allclose(along(e), along(lower), rtol=1e-7)
    assert abs(along(e) - d_f(x, mean, cov, e)[1]) > 1e-3


def test_entropy_gradient_is_half_the_inverse(load):
    f = load("\n\ndef f(c):\n    return scipy.stats.multivariate_normal.entropy(np.zeros(2), c)\n")
    c = np.array([[2.0, 0.3], [0.3, 1.0]])
    np.testing.assert_allclose(sct.grad(f)(c), 0.5 * np.linalg.inv(c), rtol=1e-12)


def test_at_the_edge_of_the_support_numbers_do_not_raise(load):
    """x == loc: the density's edge, where sct takes the outside's derivative 0 (a Python
    number divided by z = 0 would raise ZeroDivisionError)."""
    f = load("\n\ndef f(x, a):\n    return scipy.stats.gamma.logpdf(x, a) + "
             "scipy.stats.beta.pdf(x, a, 2.0) + scipy.stats.chi2.logpdf(x, a)\n")
    value, tangent = sct.forward(f, wrt=(0, 1))(0.0, 2.5, 1.0, 1.0)
    assert value == -np.inf and tangent == 0.0
    assert sct.grad(f, wrt=(0, 1))(0.0, 2.5) == (0.0, 0.0)


@pytest.mark.parametrize("call", ["scipy.stats.poisson.pmf(x, m)",
                                  "scipy.stats.poisson.cdf(3, m, x)",
                                  "scipy.stats.poisson.logpmf(k=x, mu=m)"])
def test_poisson_counts_carrying_a_derivative_are_refused(call):
    source = f"{HEADER}\n\ndef f(x, m):\n    return {call}\n"
    with pytest.raises(SctError) as info:
        sct.transform(source, mode="reverse")
    assert "mu only" in info.value.message and info.value.hint


def test_poisson_count_from_floor_is_accepted(load):
    f = load("\n\ndef f(x, m):\n    return scipy.stats.poisson.logpmf(np.floor(x), m)\n")
    np.testing.assert_allclose(sct.grad(f, wrt=(0, 1))(3.7, 2.0), (0.0, 3.0 / 2.0 - 1.0),
                               rtol=1e-12)


def test_frozen_distribution_is_refused_with_the_function_to_call():
    source = ("from scipy.stats import norm\n\n\ndef f(x, s):\n"
              "    return norm(0.0, s).logpdf(x)\n")
    with pytest.raises(sct.SctError) as info:
        sct.transform(source, mode="reverse", filename="frozen.py")
    assert "frozen distribution" in info.value.message and info.value.lineno == 5
    assert "scipy.stats.norm.logpdf(x, loc, scale)" in info.value.hint


def test_bad_keyword_of_a_scipy_function_points_at_its_documentation():
    source = "import scipy.stats\n\n\ndef f(x):\n    return scipy.stats.norm.pdf(x, mu=1.0)\n"
    with pytest.raises(sct.SctError) as info:
        sct.transform(source, mode="reverse", filename="kw.py")
    assert "scipy.stats.norm.pdf" in info.value.hint
