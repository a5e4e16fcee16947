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
