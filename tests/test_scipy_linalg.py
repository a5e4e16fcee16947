"""scipy.linalg: the triangles the solvers read, the factorizations' tuples, closed forms of the
matrix functions' derivatives, and the calls sct refuses (with the message a user sees)."""
import numpy as np
import pytest
import scipy.linalg

import sct
from sct import SctError

HEADER = "import numpy as np\nimport scipy.linalg\n\n\n"
RNG = np.random.default_rng(7)
Q, _ = np.linalg.qr(RNG.standard_normal((3, 3)))
SPD = Q @ np.diag([1.0, 2.0, 3.0]) @ Q.T
WC = 2.0 * np.eye(3) + RNG.uniform(-0.3, 0.3, (3, 3))
B = np.array([0.4, -0.9, 1.3])


def compiled(body, params="a, b", mode="reverse"):
    """The generated module of ``def f(params): return body``, run."""
    text = sct.transform(HEADER + f"def f({params}):\n    return {body}\n", mode=mode)
    namespace = {}
    exec(compile(text, "<generated>", "exec"), namespace)
    return namespace


def gradient_in_a(body, a=SPD, b=B):
    """The adjoint of np.sum(body) in a (reverse mode)."""
    out = compiled(f"np.sum({body})")["b_f"](a, b)
    return out[1][0]


def differences(fn, a, h=1e-6):
    """Central differences of the number fn(a) in each entry of a."""
    grad = np.zeros_like(a)
    for index in np.ndindex(*a.shape):
        e = np.zeros_like(a)
        e[index] = h
        grad[index] = (fn(a + e) - fn(a - e)) / (2 * h)
    return grad


# ---------------------------------------------------------------- triangles read
@pytest.mark.parametrize("lower", [False, True])
def test_symmetric_solve_reads_one_triangle(lower):
    """assume_a='pos': the other triangle of a is not read, its derivative is exactly zero, and
    the triangle read agrees with central differences of scipy's own solve."""
    body = f"scipy.linalg.solve(a, b, lower={lower}, assume_a='pos')"
    grad = gradient_in_a(body)
    unread = np.triu(grad, 1) if lower else np.tril(grad, -1)
    assert np.all(unread == 0.0)
    reference = differences(lambda a: np.sum(scipy.linalg.solve(a, B, lower=lower,
                                                                 assume_a="pos")), SPD)
    np.testing.assert_allclose(grad, reference, rtol=1e-6, atol=1e-8)


def test_symmetric_solve_along_symmetric_directions_is_the_general_one():
    """Along a symmetric perturbation, 'sym' (one triangle) and 'gen' have one derivative."""
    sym = compiled("scipy.linalg.solve(a, b, assume_a='sym')", mode="forward")["d_f"]
    gen = compiled("scipy.linalg.solve(a, b)", mode="forward")["d_f"]
    da = np.array([[1.0, 0.3, -0.2], [0.3, 0.5, 0.7], [-0.2, 0.7, -1.0]])
    zero = np.zeros(3)
    np.testing.assert_allclose(sym(SPD, B, da, zero)[1], gen(SPD, B, da, zero)[1], rtol=1e-12)


def test_scipy_cholesky_is_upper_and_reads_the_upper_triangle():
    out = compiled("scipy.linalg.cholesky(a)", "a", mode="forward")["d_f"]
    da = RNG.standard_normal((3, 3))
    value, tangent = out(SPD, da)
    np.testing.assert_allclose(value, np.linalg.cholesky(SPD).T, rtol=1e-12)
    assert np.all(np.tril(tangent, -1) == 0.0)
    # its tangent is the one along the symmetric matrix of da's upper triangle
    sym = np.triu(da) + np.triu(da, 1).T
    h = 1e-6
    plus, minus = scipy.linalg.cholesky(SPD + h * sym), scipy.linalg.cholesky(SPD - h * sym)
    reference = (plus - minus) / (2 * h)
    np.testing.assert_allclose(tangent, reference, rtol=1e-6, atol=1e-8)
    assert np.all(np.tril(gradient_in_a("scipy.linalg.cholesky(a) ** 2"), -1) == 0.0)
    grad = gradient_in_a("scipy.linalg.cholesky(a) * a")
    reference = differences(lambda a: np.sum(scipy.linalg.cholesky(a) * a), SPD)
    np.testing.assert_allclose(grad, reference, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("lower, unit", [(False, False), (True, False), (False, True),
                                         (True, True)])
def test_solve_triangular_reads_its_triangle(lower, unit):
    """The derivative in a is zero off the triangle, and on the diagonal where it is unit."""
    body = f"scipy.linalg.solve_triangular(a, b, 1, {lower}, {unit})"
    grad = gradient_in_a(body, WC)
    read = np.tril(np.ones((3, 3)), -unit) if lower else np.triu(np.ones((3, 3)), unit)
    assert np.all(grad[read == 0] == 0.0)
    assert np.all(grad[read == 1] != 0.0)
    reference = differences(lambda a: np.sum(scipy.linalg.solve_triangular(a, B, 1, lower, unit)),
                            WC)
    np.testing.assert_allclose(grad, reference, rtol=1e-6, atol=1e-8)


# ---------------------------------------------------------------- factorizations
@pytest.mark.parametrize("body", [
    "scipy.linalg.cho_solve(scipy.linalg.cho_factor(a), b)",
    "scipy.linalg.cho_solve(scipy.linalg.cho_factor(a, lower=True), b)",
    "_unpacked(a, b)"])
def test_cho_solve_of_cho_factor_is_the_solve(body):
    """cho_solve(cho_factor(a), b) has solve(a, b)'s derivative in b and, along symmetric
    directions, in a (the factorization reads one triangle: its adjoint in a, symmetrized, is
    the solve's)."""
    text = (HEADER + "def _unpacked(a, b):\n    c, low = scipy.linalg.cho_factor(a)\n"
            "    return scipy.linalg.cho_solve((c, low), b)\n\n\n"
            f"def f(a, b):\n    return np.sum(np.sin({body}))\n\n\n"
            "def g(a, b):\n    return np.sum(np.sin(np.linalg.solve(a, b)))\n")
    namespace = {}
    exec(compile(sct.transform(text, name=["f", "g"], mode="reverse"), "<generated>", "exec"),
         namespace)
    (_, (ga, gb)), (_, (ra, rb)) = namespace["b_f"](SPD, B), namespace["b_g"](SPD, B)
    np.testing.assert_allclose(gb, rb, rtol=1e-10)
    np.testing.assert_allclose(ga + ga.T - np.diag(np.diag(ga)), ra + ra.T - np.diag(np.diag(ra)),
                               rtol=1e-10, atol=1e-12)
    assert np.all(np.tril(ga, -1) == 0.0) or np.all(np.triu(ga, 1) == 0.0)


def test_lu_solve_of_lu_factor_is_the_solve():
    """lu_solve(lu_factor(a), b) is solve(a, b): the same derivative in every entry of a,
    pivoting or not."""
    text = (HEADER + "def f(a, b):\n    lu, piv = scipy.linalg.lu_factor(a)\n"
            "    return np.sum(np.sin(scipy.linalg.lu_solve((lu, piv), b, 1)))\n\n\n"
            "def g(a, b):\n    return np.sum(np.sin(np.linalg.solve(a.T, b)))\n")
    namespace = {}
    exec(compile(sct.transform(text, name=["f", "g"], mode="reverse"), "<generated>", "exec"),
         namespace)
    pivoted = WC[[2, 0, 1]]
    assert np.any(scipy.linalg.lu_factor(pivoted)[1] != np.arange(3))
    (_, (ga, gb)), (_, (ra, rb)) = namespace["b_f"](pivoted, B), namespace["b_g"](pivoted, B)
    np.testing.assert_allclose(ga, ra, rtol=1e-10)
    np.testing.assert_allclose(gb, rb, rtol=1e-10)


def test_cho_factor_other_triangle_is_a():
    """The triangle of c that cho_factor leaves as it was moves with a (its tangent is da's)."""
    d_f = compiled("scipy.linalg.cho_factor(a)[0]", "a", mode="forward")["d_f"]
    da = RNG.standard_normal((3, 3))
    value, tangent = d_f(SPD, da)
    np.testing.assert_array_equal(np.tril(tangent, -1), np.tril(da, -1))
    np.testing.assert_allclose(np.triu(value), scipy.linalg.cholesky(SPD), rtol=1e-12)


# ---------------------------------------------------------------- matrix functions
def test_expm_along_its_own_matrix():
    """d/dt expm(A + t A) at t = 0 is A expm(A) (A commutes with itself)."""
    a = np.array([[0.3, -0.5, 0.2], [0.1, -0.4, 0.7], [0.6, 0.2, 0.1]])
    d_f = compiled("scipy.linalg.expm(a)", "a", mode="forward")["d_f"]
    np.testing.assert_allclose(d_f(a, a)[1], a @ scipy.linalg.expm(a), rtol=1e-12)


def test_expm_adjoint_is_the_transposed_frechet_derivative():
    a = np.array([[0.3, -0.5, 0.2], [0.1, -0.4, 0.7], [0.6, 0.2, 0.1]])
    e, g = RNG.standard_normal((3, 3)), RNG.standard_normal((3, 3))
    b_f = compiled("scipy.linalg.expm(a)", "a")["b_f"]
    adjoint = b_f(a, g)[1][0]
    forward = scipy.linalg.expm_frechet(a, e, compute_expm=False)
    np.testing.assert_allclose(np.sum(adjoint * e), np.sum(g * forward), rtol=1e-12)


def test_sqrtm_along_its_own_matrix():
    """sqrtm(A + t A) = sqrt(1 + t) sqrtm(A): the tangent along A is sqrtm(A) / 2."""
    d_f = compiled("scipy.linalg.sqrtm(a)", "a", mode="forward")["d_f"]
    np.testing.assert_allclose(d_f(SPD, SPD)[1], 0.5 * scipy.linalg.sqrtm(SPD), rtol=1e-10)


def test_solve_sylvester_scaled():
    """Scaling A, B and Q by (1 + t) leaves X: the tangent along (A, B, Q) is zero."""
    d_f = compiled("scipy.linalg.solve_sylvester(a, b, q)", "a, b, q", mode="forward")["d_f"]
    q = RNG.standard_normal((3, 2))
    small = 2.0 * np.eye(2) + 0.1 * RNG.standard_normal((2, 2))
    np.testing.assert_allclose(d_f(WC, small, q, WC, small, q)[1], 0.0, atol=1e-12)


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize("call, message", [
    ("scipy.linalg.solve(a, b, assume_a='banded')", "assume_a None, 'gen', 'pos' or 'sym'"),
    ("scipy.linalg.solve(a, b, assume_a='her')", "assume_a None, 'gen', 'pos' or 'sym'"),
    ("scipy.linalg.solve(a, b, assume_a='diagonal')", "assume_a None, 'gen', 'pos' or 'sym'"),
    ("scipy.linalg.inv(a, assume_a='lower triangular')", "assume_a None, 'gen', 'pos' or 'sym'"),
    ("scipy.linalg.solve(a, b, transposed=True)", "transposed=False"),
    ("scipy.linalg.solve(a, b, overwrite_a=True)", "overwrite_a other than False"),
    ("scipy.linalg.solve(a, b, False, False, True)", "overwrite_b other than False"),
    ("scipy.linalg.cholesky(a, overwrite_a=True)", "overwrite_a other than False"),
    ("scipy.linalg.solve_triangular(a, b, trans=2)", "trans one of 0, 1, 'N', 'T'"),
    ("scipy.linalg.solve_triangular(a, b, 'C')", "trans one of 0, 1, 'N', 'T'"),
    ("scipy.linalg.lu_solve(scipy.linalg.lu_factor(a), b, 'T')", "trans one of 0, 1"),
    ("scipy.linalg.sqrtm(a, disp=False)", "has no keyword 'disp'"),
])
def test_refused(call, message):
    with pytest.raises(SctError) as info:
        sct.transform(HEADER + f"def f(a, b):\n    return {call}\n", mode="forward")
    assert message in info.value.message, info.value.message
    assert info.value.hint


@pytest.mark.parametrize("a_shape, b_shape", [((2, 3, 3), (3,)), ((3, 3), (2, 3, 3))])
def test_lu_solve_stacks_stop(a_shape, b_shape):
    """scipy runs lu_solve on stacks (lu_factor makes none); sct's derivative of it takes one
    matrix and stops with an error at run time rather than give a derivative of the wrong
    shape."""
    a = np.broadcast_to(WC, a_shape).copy()
    b = np.ones(b_shape)
    namespace = compiled("np.sum(scipy.linalg.lu_solve((a, np.array([0, 1, 2])), b))")
    with pytest.raises(ValueError, match="not a stack"):
        namespace["b_f"](a, b)


@pytest.mark.parametrize("body, args", [
    ("scipy.linalg.solve_triangular(a, b, 1, True)", (np.stack([WC, SPD]), B)),
    ("scipy.linalg.cho_solve((a, True), b)", (np.stack([SPD, 2.0 * SPD]), np.ones((2, 3, 2)))),
    ("scipy.linalg.sqrtm(a) @ b", (np.stack([WC, SPD]), np.ones((2, 3, 3)))),
    ("scipy.linalg.solve_sylvester(a, a[0], b)", (np.stack([WC, SPD]), np.ones((2, 3, 3))))])
def test_stacks_of_matrices(body, args):
    """solve_triangular, cho_solve, sqrtm and solve_sylvester on stacks (scipy broadcasts them):
    the gradient in both operands against central differences, forward mode against it."""
    text = f"np.sum(np.sin({body}))"
    grads = compiled(text)["b_f"](*args)[1]
    for k in range(2):
        def value(x, k=k):
            point = list(args)
            point[k] = x
            return np.sum(np.sin(eval(body, {"scipy": scipy, "np": np},
                                      dict(zip("ab", point)))))
        np.testing.assert_allclose(grads[k], differences(value, args[k]), rtol=1e-6, atol=1e-8)
    directions = [RNG.standard_normal(np.shape(x)) for x in args]
    tangent = compiled(text, mode="forward")["d_f"](*args, *directions)[1]
    np.testing.assert_allclose(tangent, sum(np.sum(g * d) for g, d in zip(grads, directions)),
                               rtol=1e-10)


def test_batched_expm():
    """expm of a stack, both modes: each matrix's derivative, against central differences."""
    a = np.stack([EXPM_A, 0.5 * WC])
    body = "np.sum(np.sin(scipy.linalg.expm(a)))"
    grad = compiled(body, "a")["b_f"](a)[1][0]
    reference = differences(lambda a: np.sum(np.sin(scipy.linalg.expm(a))), a)
    np.testing.assert_allclose(grad, reference, rtol=1e-6, atol=1e-8)
    e = RNG.standard_normal(a.shape)
    tangent = compiled(body, "a", mode="forward")["d_f"](a, e)[1]
    np.testing.assert_allclose(tangent, np.sum(grad * e), rtol=1e-10)


def test_batched_cholesky():
    """cholesky's derivatives are numpy's, batched: against central differences."""
    a = np.stack([SPD, SPD + np.eye(3)])
    grad = compiled("np.sum(np.sin(scipy.linalg.cholesky(a)))", "a")["b_f"](a)[1][0]
    reference = differences(lambda a: np.sum(np.sin(scipy.linalg.cholesky(a))), a)
    np.testing.assert_allclose(grad, reference, rtol=1e-6, atol=1e-8)


def test_assume_a_must_be_a_literal():
    source = HEADER + "def f(a, b, kind):\n    return scipy.linalg.solve(a, b, assume_a=kind)\n"
    with pytest.raises(SctError, match="as a literal"):
        sct.transform(source, mode="forward")


def _module(tmp_path, monkeypatch, name, text):
    """The module ``name`` of source ``text`` (sct.hessian reads a function's source file)."""
    import importlib
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / f"{name}.py").write_text(HEADER + text)
    return importlib.import_module(name)


C = np.array([[0.7, -1.1, 0.4], [0.2, 0.9, -0.6], [1.3, -0.3, 0.5]])
EXPM_A = np.array([[0.3, -0.5, 0.2], [0.1, -0.4, 0.7], [0.6, 0.2, 0.1]])


def test_expm_hessian_at_zero_is_the_closed_form(tmp_path, monkeypatch):
    """f(A) = <C, expm(A)>: expm(tE) = I + tE + t^2 E^2 / 2 + ..., so the Hessian at A = 0 is
    the bilinear form <C, (E F + F E) / 2>, H[i, j, k, l] = (C[i, l] d_jk + C[k, j] d_li) / 2."""
    module = _module(tmp_path, monkeypatch, "expm_hessian_zero",
                     "def f(a, c):\n    return np.sum(scipy.linalg.expm(a) * c)\n")
    hessian = sct.hessian(module.f)(np.zeros((3, 3)), C)
    eye = np.eye(3)
    closed = 0.5 * (np.einsum("il,jk->ijkl", C, eye) + np.einsum("kj,li->ijkl", C, eye))
    np.testing.assert_allclose(hessian, closed, rtol=1e-12, atol=1e-14)


def test_expm_hessian_along_the_identity(tmp_path, monkeypatch):
    """expm(A + t I) = e^t expm(A): the second derivative of <C, expm(A)> along I is
    <C, expm(A)>, at any A."""
    module = _module(tmp_path, monkeypatch, "expm_hessian_identity",
                     "def f(a, c):\n    return np.sum(scipy.linalg.expm(a) * c)\n")
    product = sct.hvp(module.f)(EXPM_A, C, np.eye(3))
    np.testing.assert_allclose(np.sum(product * np.eye(3)), np.sum(C * scipy.linalg.expm(EXPM_A)),
                               rtol=1e-12)


def test_expm_hessian_is_the_derivative_of_the_gradient(tmp_path, monkeypatch):
    """The Hessian through expm (forward mode over its block-matrix adjoint) against central
    differences of sct.grad, at a general matrix, and symmetric."""
    module = _module(tmp_path, monkeypatch, "expm_hessian_general",
                     "def f(a, c):\n    e = scipy.linalg.expm(0.5 * a)\n"
                     "    return np.sum(e * c) + np.sum(e * e)\n")
    hessian = sct.hessian(module.f)(EXPM_A, C)
    grad = sct.grad(module.f, wrt=0)
    h = 1e-6
    for index in np.ndindex(3, 3):
        e = np.zeros((3, 3))
        e[index] = h
        column = (grad(EXPM_A + e, C) - grad(EXPM_A - e, C)) / (2 * h)
        np.testing.assert_allclose(hessian[..., index[0], index[1]], column, rtol=1e-6,
                                   atol=1e-8)
    np.testing.assert_allclose(hessian, np.transpose(hessian, (2, 3, 0, 1)), rtol=1e-10,
                               atol=1e-12)
