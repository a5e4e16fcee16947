"""numpy.linalg's refusals and edge cases: kinks and ties of norms, the triangle eigh reads,
repeated eigenvalues, rank checks; values against closed forms and central differences."""
import importlib

import numpy as np
import pytest

import sct
from sct.errors import SctError


def _module(tmp_path, monkeypatch, body, name):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / f"{name}.py").write_text("import numpy as np\n\n\ndef f(x):\n    return "
                                         + body + "\n")
    return importlib.import_module(name)


def _differences(f, x, h=1e-6):
    return np.reshape([(f(x + h * e) - f(x - h * e)) / (2 * h)
                       for e in np.eye(np.size(x)).reshape((-1,) + np.shape(x))], np.shape(x))


@pytest.mark.parametrize("order", ["0.5", "-0.5", "-3", "ord"])
def test_norm_orders_refused(tmp_path, monkeypatch, order):
    src = "import numpy as np\n\n\ndef f(x, ord):\n    return np.linalg.norm(x, " + order + ")\n"
    with pytest.raises(SctError, match="np.linalg.norm"):
        sct.transform(src, mode="reverse")


def test_norm_inf_ties_are_averaged(tmp_path, monkeypatch):
    """|x|_inf at a tie of two largest |x_i| (of opposite signs): sign(x_i) / 2 each, as sct's
    np.max shares a tie; the zero vector's 1-, 3- and inf-norms have the subgradient 0."""
    m = _module(tmp_path, monkeypatch, "np.linalg.norm(x, np.inf)", "norm_tie")
    np.testing.assert_allclose(sct.grad(m.f)(np.array([1.5, -0.2, -1.5])), [0.5, 0.0, -0.5])
    m0 = _module(tmp_path, monkeypatch, "np.linalg.norm(x, 1) + np.linalg.norm(x, 3) + "
                 "np.linalg.norm(x, -np.inf) + np.linalg.norm(x, np.inf)", "norm_zero")
    np.testing.assert_array_equal(sct.grad(m0.f)(np.zeros(3)), np.zeros(3))


def test_matrix_norms_against_differences(tmp_path, monkeypatch):
    m = _module(tmp_path, monkeypatch, "np.linalg.norm(x, 'nuc') + np.linalg.norm(x, 2) "
                "+ np.linalg.norm(x, -2) + np.linalg.norm(x, 1) + np.linalg.norm(x, -np.inf)",
                "matrix_norms")
    x = np.array([[1.0, 0.3, -0.5], [0.2, -2.1, 0.4], [0.7, 0.1, 3.3]])
    np.testing.assert_allclose(sct.grad(m.f)(x), _differences(m.f, x), rtol=1e-6, atol=1e-8)


def test_spectral_norm_gradient_closed_form(tmp_path, monkeypatch):
    """d sigma_max / dX = u_1 v_1^T."""
    m = _module(tmp_path, monkeypatch, "np.linalg.norm(x, 2)", "spectral")
    x = np.array([[2.0, 0.5], [0.1, -1.0], [0.3, 0.4]])
    u, s, vh = np.linalg.svd(x)
    np.testing.assert_allclose(sct.grad(m.f)(x), np.outer(u[:, 0], vh[0]), rtol=1e-12)


def test_eigh_reads_the_lower_triangle(tmp_path, monkeypatch):
    """eigh(a) (UPLO 'L') reads a's lower triangle: the upper one gets derivative 0, each entry
    below the diagonal counts twice (it stands for its mirror too)."""
    m = _module(tmp_path, monkeypatch, "np.sum(np.linalg.eigh(x)[0] ** 3)", "eigh_lower")
    a = np.array([[2.0, 5.0, -7.0], [0.3, 1.0, 9.0], [0.1, -0.4, -1.0]])
    grad = sct.grad(m.f)(a)
    np.testing.assert_array_equal(np.triu(grad, 1), 0.0)
    np.testing.assert_allclose(grad, _differences(m.f, a), rtol=1e-6, atol=1e-8)
    s = np.tril(a) + np.tril(a, -1).T
    w, v = np.linalg.eigh(s)
    full = v @ np.diag(3 * w ** 2) @ v.T
    np.testing.assert_allclose(grad, np.tril(2 * full, -1) + np.diag(np.diag(full)), rtol=1e-10)


def test_eigh_parts_used_alone(tmp_path, monkeypatch):
    """w, v = eigh(a): using only w, only v, or both."""
    a = np.array([[2.0, 0.3, 0.1], [0.3, 1.0, -0.4], [0.1, -0.4, -1.0]])
    for k, body in enumerate(["np.sum(np.linalg.eigh(x)[0] * np.arange(3.0))",
                              "np.sum(np.linalg.eigh(x)[1] ** 2 * np.arange(9.0).reshape(3, 3))",
                              "np.sum((np.linalg.eigh(x)[1] * np.linalg.eigh(x)[0]) @ "
                              "np.linalg.eigh(x)[1].T * np.arange(9.0).reshape(3, 3))"]):
        m = _module(tmp_path, monkeypatch, body, f"eigh_parts{k}")
        np.testing.assert_allclose(sct.grad(m.f)(a), _differences(m.f, a), rtol=1e-6,
                                   atol=1e-8)


def test_repeated_eigenvalues(tmp_path, monkeypatch):
    """At a repeated eigenvalue the values' derivative stays exact (their sum's is the
    identity's); the vectors' is not finite (JAX's convention), never a silent number."""
    values = _module(tmp_path, monkeypatch, "np.sum(np.linalg.eigh(x)[0])", "eig_repeat")
    np.testing.assert_allclose(sct.grad(values.f)(np.eye(3)), np.eye(3), atol=1e-12)
    vectors = _module(tmp_path, monkeypatch, "np.sum(np.linalg.eigh(x)[1] ** 2 * "
                      "np.arange(9.0).reshape(3, 3))", "eigvec_repeat")
    assert not np.all(np.isfinite(sct.grad(vectors.f)(np.eye(3))))


def test_svd_keywords_refused():
    for call in ["np.linalg.svd(x, hermitian=True)", "np.linalg.qr(x, mode='complete')",
                 "np.linalg.pinv(x, hermitian=True)", "np.linalg.multi_dot(x)",
                 "np.linalg.svd(x, compute_uv=x)"]:
        src = "import numpy as np\n\n\ndef f(x):\n    return np.sum(" + call + "[0])\n"
        with pytest.raises(SctError):
            sct.transform(src, mode="reverse")


def test_rank_and_shape_checked_at_run_time(tmp_path, monkeypatch):
    pinv = _module(tmp_path, monkeypatch, "np.sum(np.linalg.pinv(x))", "pinv_rank")
    with pytest.raises(ValueError, match="full rank"):
        sct.grad(pinv.f)(np.ones((3, 2)))
    svd = _module(tmp_path, monkeypatch, "np.sum(np.linalg.svd(x)[1])", "svd_full")
    with pytest.raises(ValueError, match="full_matrices=False"):
        sct.grad(svd.f)(np.ones((3, 2)) + np.eye(3, 2))
    qr = _module(tmp_path, monkeypatch, "np.sum(np.linalg.qr(x)[1])", "qr_wide")
    with pytest.raises(ValueError, match="m >= n"):
        sct.grad(qr.f)(np.eye(2, 3))


def test_matrix_power_negative_closed_form(tmp_path, monkeypatch):
    """d tr(A^-1) = -tr(A^-2 dA): the gradient is -(A^-2)^T."""
    m = _module(tmp_path, monkeypatch, "np.trace(np.linalg.matrix_power(x, -1))", "mpow")
    a = np.array([[2.0, 0.3], [-0.4, 1.5]])
    inv = np.linalg.inv(a)
    np.testing.assert_allclose(sct.grad(m.f)(a), -(inv @ inv).T, rtol=1e-10)


# ---------------------------------------------------------------- Hessians


def _source_module(tmp_path, monkeypatch, source, name):
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / f"{name}.py").write_text("import numpy as np\n\n\n" + source)
    return importlib.import_module(name)


def _gradient_differences(f, x, h=1e-5):
    """The Jacobian of sct.grad(f) by central differences (rows: the entries of x)."""
    grad = sct.grad(f)
    return np.array([np.ravel(grad(x + h * e) - grad(x - h * e)) / (2 * h)
                     for e in np.eye(np.size(x)).reshape((-1,) + np.shape(x))])


def _hessian_checked(f, x, reference, rtol=1e-7, atol=1e-9):
    """sct.hessian and sct.hvp of f at x against the reference Hessian (n by n)."""
    n = np.size(x)
    hess = np.reshape(sct.hessian(f)(x), (n, n))
    np.testing.assert_allclose(hess, reference, rtol=rtol, atol=atol)
    direction = np.linspace(-1.0, 1.3, n).reshape(np.shape(x))
    np.testing.assert_allclose(np.ravel(sct.hvp(f)(x, direction)),
                               reference @ np.ravel(direction), rtol=rtol, atol=atol)


X9 = np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58, 0.2, -0.7, 1.6])


def test_eigh_eigvalsh_hessians_against_autograd(tmp_path, monkeypatch):
    """Values and (sign-invariant) vectors of eigh, eigvalsh with both triangles, against
    autograd's Hessian of the same function (autograd differentiates eigh twice itself)."""
    anp = pytest.importorskip("autograd.numpy")
    autograd = pytest.importorskip("autograd")
    source = ("def f(x):\n    a = np.reshape(x, (3, 3))\n    s = a + a.T\n"
              "    w, v = np.linalg.eigh(s)\n"
              "    return (np.sum(w * v[0] ** 2) + np.sum(w ** 3) * v[1, 2] ** 2\n"
              "            + np.sum(np.linalg.eigvalsh(a, 'U') * x[:3])"
              " + np.sum(np.linalg.eigvalsh(s) ** 4))\n")
    m = _source_module(tmp_path, monkeypatch, source, "eigh_hessian")

    def reference(x):
        a = anp.reshape(x, (3, 3))
        s = a + a.T
        w, v = anp.linalg.eigh(s)
        upper = anp.triu(a) + anp.triu(a, 1).T
        return (anp.sum(w * v[0] ** 2) + anp.sum(w ** 3) * v[1, 2] ** 2
                + anp.sum(anp.linalg.eigh(upper)[0] * x[:3]) + anp.sum(w ** 4))

    _hessian_checked(m.f, X9, autograd.hessian(reference)(X9))


def test_eigvalsh_hessian_reads_the_lower_triangle(tmp_path, monkeypatch):
    """The Hessian of a function of eigvalsh(a) (UPLO 'L') is zero in the upper triangle and
    that of the symmetric matrix of the lower one elsewhere (autograd on it)."""
    anp = pytest.importorskip("autograd.numpy")
    autograd = pytest.importorskip("autograd")
    m = _module(tmp_path, monkeypatch, "np.sum(np.linalg.eigvalsh(x) ** 3 * np.arange(3.0))",
                "eigvalsh_lower_hessian")
    a = np.reshape(X9, (3, 3))

    def reference(a):
        s = anp.tril(a) + anp.tril(a, -1).T
        return anp.sum(anp.linalg.eigh(s)[0] ** 3 * anp.arange(3.0))

    expected = np.reshape(autograd.hessian(reference)(a), (9, 9))
    assert np.all(expected[np.ravel(np.triu(np.ones((3, 3)), 1)) == 1] == 0)
    _hessian_checked(m.f, a, expected)


@pytest.mark.parametrize("shape", [(3, 2), (2, 3), (3, 3)])
def test_svd_hessian_against_autograd(tmp_path, monkeypatch, shape):
    """Singular values, the product U S V^T and sign-invariant products of vectors, thin SVDs
    of tall, wide and square matrices, and compute_uv=False, against autograd."""
    anp = pytest.importorskip("autograd.numpy")
    autograd = pytest.importorskip("autograd")
    size = shape[0] * shape[1]
    source = (f"def f(x):\n    a = np.reshape(x, {shape!r})\n"
              "    u, s, vh = np.linalg.svd(a, full_matrices=False)\n"
              "    return (np.sum(s ** 3) + np.sum(((u * s) @ vh) ** 2 * a)\n"
              "            + np.sum(u[:, 0] * vh[0, 1]) * x[1]"
              " + np.sum(u[:2, 1] * vh[1, :2]) ** 2\n"
              "            + np.linalg.svd(a * x[0], compute_uv=False)[:2] @ x[:2])\n")
    m = _source_module(tmp_path, monkeypatch, source, f"svd_hessian_{shape[0]}{shape[1]}")

    def reference(x):
        a = anp.reshape(x, shape)
        u, s, vh = anp.linalg.svd(a, full_matrices=False)
        return (anp.sum(s ** 3) + anp.sum(anp.dot(u * s, vh) ** 2 * anp.reshape(x, shape))
                + anp.sum(u[:, 0] * vh[0, 1]) * x[1] + anp.sum(u[:2, 1] * vh[1, :2]) ** 2
                + anp.dot(anp.linalg.svd(a * x[0], full_matrices=False)[1][:2], x[:2]))

    x = X9[:size] + np.arange(size) * 0.1
    _hessian_checked(m.f, x, autograd.hessian(reference)(x), rtol=1e-6, atol=1e-8)


def test_qr_hessian_against_cholesky(tmp_path, monkeypatch):
    """qr(A) = (Q, R) with R = D chol(A^T A)^T, Q = A R^-1 (D a diagonal of signs): functions
    invariant under D against autograd's Hessian through the Cholesky factorization."""
    anp = pytest.importorskip("autograd.numpy")
    autograd = pytest.importorskip("autograd")
    c = np.arange(1.0, 7.0).reshape(3, 2) / 3
    source = ("def f(x):\n    a = np.reshape(x, (3, 2))\n    q, r = np.linalg.qr(a)\n"
              "    c = np.arange(1.0, 7.0).reshape(3, 2) / 3\n"
              "    return np.sum(q ** 2 * c) + np.sum(r ** 2 * c[:2]) + r[0, 0] * r[0, 1] * x[2]"
              " + np.sum(q[:, 1] * r[1, 1]) ** 2\n")
    m = _source_module(tmp_path, monkeypatch, source, "qr_hessian")

    def reference(x):
        a = anp.reshape(x, (3, 2))
        r = anp.linalg.cholesky(anp.dot(a.T, a)).T
        q = anp.linalg.solve(r.T, a.T).T
        return (anp.sum(q ** 2 * c) + anp.sum(r ** 2 * c[:2]) + r[0, 0] * r[0, 1] * x[2]
                + anp.sum(q[:, 1] * r[1, 1]) ** 2)

    x = X9[:6]
    _hessian_checked(m.f, x, autograd.hessian(reference)(x))


@pytest.mark.parametrize("shape", [(3, 3), (3, 2), (2, 3)])
def test_spectral_norm_hessians_against_autograd(tmp_path, monkeypatch, shape):
    """ord 2, -2 and 'nuc' of a matrix (and over axes of a stack) against autograd's Hessian of
    the largest, the smallest and the sum of the singular values."""
    anp = pytest.importorskip("autograd.numpy")
    autograd = pytest.importorskip("autograd")
    size = shape[0] * shape[1]
    source = (f"def f(x):\n    a = np.reshape(x, {shape!r})\n"
              "    stack = np.stack([a, a * x[0]], axis=1)\n"
              "    return (np.linalg.norm(a, 2) * x[1] + np.linalg.norm(a, -2) ** 2\n"
              "            + np.linalg.norm(a, 'nuc') ** 2"
              " + np.sum(np.linalg.norm(stack, 'nuc', axis=(0, 2)) * x[:2]))\n")
    m = _source_module(tmp_path, monkeypatch, source, f"norm_hessian_{shape[0]}{shape[1]}")

    def values(a):
        return anp.linalg.svd(a, full_matrices=False)[1]

    def reference(x):
        a = anp.reshape(x, shape)
        s = values(a)
        return (s[0] * x[1] + s[-1] ** 2 + anp.sum(s) ** 2
                + anp.sum(s) * x[0] + anp.sum(values(a * x[0])) * x[1])

    x = X9[:size] + np.arange(size) * 0.1
    _hessian_checked(m.f, x, autograd.hessian(reference)(x), rtol=1e-6, atol=1e-8)


def test_norm_hessians_at_repeated_singular_values(tmp_path, monkeypatch):
    """Where the norm stays twice differentiable at repeated singular values the Hessian is
    exact: the nuclear norm at 2 I (its gradient U V^T, the polar factor, moves by
    (dA - dA^T) / 4) and the spectral norm at diag(3, 1, 1) (a distinct largest value)."""
    nuc = _module(tmp_path, monkeypatch, "np.linalg.norm(x, 'nuc')", "nuc_tie")
    hess = np.reshape(sct.hessian(nuc.f)(2 * np.eye(3)), (9, 9))
    swap = np.reshape(np.transpose(np.eye(9).reshape(9, 3, 3), (0, 2, 1)), (9, 9))
    np.testing.assert_allclose(hess, (np.eye(9) - swap) / 4, atol=1e-12)
    top = _module(tmp_path, monkeypatch, "np.linalg.norm(x, 2) + np.linalg.norm(x[:, :2], -2)",
                  "top_tie")
    a = np.diag([3.0, 1.0, 1.0]) + np.array([[0, 0, 0], [0, 0, 0], [0, 0.5, 0]])
    hess = np.reshape(sct.hessian(top.f)(a), (9, 9))
    assert np.all(np.isfinite(hess))
    np.testing.assert_allclose(hess, _gradient_differences(top.f, a), atol=1e-7)


def test_lstsq_residuals_and_singular_values_hessian(tmp_path, monkeypatch):
    """lstsq's solution, residuals and singular values against autograd's Hessian of the
    normal equations' solution, the residual's square norm and the SVD's values."""
    anp = pytest.importorskip("autograd.numpy")
    autograd = pytest.importorskip("autograd")
    source = ("def f(x):\n    a = np.reshape(x[:6], (3, 2))\n    b = x[6:] * x[0]\n"
              "    fit = np.linalg.lstsq(a, b)\n"
              "    return fit[1][0] * x[1] + np.sum(fit[3] ** 3 * x[2:4]) + fit[0] @ x[4:6]\n")
    m = _source_module(tmp_path, monkeypatch, source, "lstsq_hessian")

    def reference(x):
        a = anp.reshape(x[:6], (3, 2))
        b = x[6:] * x[0]
        sol = anp.linalg.solve(anp.dot(a.T, a), anp.dot(a.T, b))
        residual = b - anp.dot(a, sol)
        s = anp.linalg.svd(a, full_matrices=False)[1]
        return (anp.sum(residual ** 2) * x[1] + anp.sum(s ** 3 * x[2:4])
                + anp.dot(sol, x[4:6]))

    _hessian_checked(m.f, X9, autograd.hessian(reference)(X9), rtol=1e-6, atol=1e-8)


def test_hessians_at_repeated_values(tmp_path, monkeypatch):
    """At repeated eigenvalues the values' Hessian goes through the vectors' tangent, which is
    not finite there: never a silent number.  lstsq at repeated singular values with the values
    unused keeps an exact Hessian, and eigh's vector of a distinct eigenvalue keeps an exact
    gradient while the other two are equal."""
    values = _module(tmp_path, monkeypatch, "np.sum(np.linalg.eigvalsh(x) ** 2)", "eig_tie_h")
    assert not np.all(np.isfinite(sct.hessian(values.f)(np.eye(3))))
    fit = _module(tmp_path, monkeypatch, "np.sum(np.linalg.lstsq(np.reshape(x[:6], (3, 2)), "
                  "x[6:])[0] ** 2)", "lstsq_tie_h")
    x = np.concatenate([np.ravel(np.eye(3, 2)), [1.0, 2.0, 3.0]])
    hess = np.reshape(sct.hessian(fit.f)(x), (9, 9))
    np.testing.assert_allclose(hess, _gradient_differences(fit.f, x), atol=1e-7)
    vector = _module(tmp_path, monkeypatch, "np.linalg.eigh(x)[1][:, 2] @ (np.array([[1.0, 0, "
                     "0.5], [0, 2.0, 0.3], [0.5, 0.3, 3.0]]) @ np.linalg.eigh(x)[1][:, 2])",
                     "eigvec_tie")
    a = np.diag([1.0, 1.0, 3.0])
    grad = sct.grad(vector.f)(a)
    assert np.any(grad != 0)
    np.testing.assert_allclose(grad, _differences(vector.f, a), atol=1e-7)


def test_lstsq_hessian_through_tied_singular_values_is_nan_not_a_guess(tmp_path, monkeypatch):
    """At exactly repeated singular values (np.eye(3, 2)) the Hessian of a function with
    curvature in lstsq's s depends on the basis numpy picks for the tied vectors: NaN, not a
    finite number; away from ties it matches differences of the gradient."""
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "tied_lstsq.py").write_text(
        "import numpy as np\n\n\ndef f(a, b):\n"
        "    x, res, rank, s = np.linalg.lstsq(a, b, rcond=None)\n"
        "    return np.sum((s - 1.0) ** 2) + np.sum(x * x)\n")
    module = importlib.import_module("tied_lstsq")
    b = np.array([0.3, -0.2, 0.5])
    assert np.isnan(sct.hessian(module.f, wrt=0)(np.eye(3, 2), b)).any()
    a = np.array([[1.0, 0.2], [0.1, 2.0], [0.3, 0.4]])
    grad = sct.grad(module.f, wrt=0)
    step = 1e-5
    expected = np.zeros((3, 2, 3, 2))
    for i in range(3):
        for j in range(2):
            d = np.zeros((3, 2))
            d[i, j] = step
            expected[:, :, i, j] = (grad(a + d, b) - grad(a - d, b)) / (2 * step)
    assert np.allclose(sct.hessian(module.f, wrt=0)(a, b), expected, atol=1e-6)
