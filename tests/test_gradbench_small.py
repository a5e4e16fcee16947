"""Focused checks of the lse, llsq, det, ode and kmeans evals (bench/gradbench), beside the
whole exchanges of tests/test_gradbench.py: the places where the eval's reference and the
tool's derivative are not simply the same number."""
import math

import numpy as np
import pytest

import sct
from bench.gradbench import det, kmeans, llsq, lse, ode
from bench.gradbench.eval import ode as ode_eval


def _central(f, x, step=1e-6):
    grad = np.zeros_like(x)
    for i in range(x.size):
        h = step * max(1.0, abs(x.flat[i]))
        up, down = x.copy(), x.copy()
        up.flat[i] += h
        down.flat[i] -= h
        grad.flat[i] = (f(up) - f(down)) / (2 * h)
    return grad


@pytest.mark.parametrize("n, s", [(8, 1), (5, 3), (12, 2)])
def test_ode_gradient_is_rk4s_derivative(n, s):
    """sct's gradient is the derivative of the RK4 result (central differences of the eval's
    own plain-loop RK4), also where GradBench's closed form of the exact solution differs
    from it beyond 1e-4 (n = 8, s = 1: why PROTOCOL.md asks for n >= 12 or s >= 10)."""
    x = np.random.default_rng(n + s).uniform(0.5, 1.5, n)
    grad = sct.grad(ode.last, wrt=0)(x, s)
    reference = _central(lambda v: ode_eval.rk4(v.tolist(), s)[-1], x)
    np.testing.assert_allclose(grad, reference, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(ode.rk4(x, s), ode_eval.rk4(x.tolist(), s), rtol=1e-12)
    if (n, s) == (8, 1):
        exact = np.array(ode_eval._exact_gradient(x.tolist()))
        assert np.max(np.abs(grad - exact) / np.maximum(1, np.abs(grad) + np.abs(exact))) > 1e-4


def test_det_expansion_shares_nothing():
    """Level d of the call tree holds ell!/(ell-d)! minors, one per call of the recursion,
    each with its ell-d columns in increasing order; det and its gradient agree with LAPACK
    (the cofactor matrix is det(A) inv(A)^T)."""
    ell = 6
    columns = det.expansion(ell)
    for d, left in enumerate(columns):
        assert left.shape == (math.factorial(ell) // math.factorial(ell - d), ell - d)
        assert np.all(np.diff(left, axis=1) > 0)
    A = np.random.default_rng(0).normal(size=(ell, ell))
    assert det.det(A, list(columns)) == pytest.approx(np.linalg.det(A), rel=1e-12)
    grad = sct.grad(det.det, wrt=0)(A, list(columns))
    np.testing.assert_allclose(grad, np.linalg.det(A) * np.linalg.inv(A).T, rtol=1e-9)


def test_llsq_vandermonde_and_gradient():
    t = np.linspace(-1.0, 1.0, 9)
    for m in (1, 2, 5, 8, 13):
        np.testing.assert_allclose(llsq.vandermonde(t, m), np.vander(t, m, increasing=True).T,
                                   rtol=1e-14, atol=1e-15)
    x = np.random.default_rng(1).normal(size=13)
    grad = sct.grad(llsq.llsq, wrt=0)(x, 9)
    np.testing.assert_allclose(grad, _central(lambda v: llsq.llsq(v, 9), x), rtol=1e-6)


def test_lse_gradient_is_softmax_at_a_tie():
    x = np.array([0.5, 0.9, 0.9, 0.1])
    e = np.exp(x - 0.9)
    np.testing.assert_allclose(sct.grad(lse.lse)(x), e / e.sum(), rtol=1e-14)


def test_kmeans_hessian_diagonal_is_twice_the_cluster_sizes():
    """One hvp with the all-ones vector gives 2 |S_j| on every coordinate of centroid j (the
    Hessian is diagonal), and J / diag(H) is c_j - mean(S_j)."""
    rng = np.random.default_rng(2)
    points = rng.random((30, 3))
    centroids = points[-4:].copy()
    hvp = sct.hvp(kmeans.cost, wrt=1)(points, centroids, np.ones_like(centroids))
    nearest = np.argmin(((points[:, None, :] - centroids[None]) ** 2).sum(axis=2), axis=1)
    sizes = np.bincount(nearest, minlength=4)
    np.testing.assert_allclose(hvp, 2.0 * sizes[:, None] * np.ones((4, 3)), rtol=1e-12)
    direction = sct.grad(kmeans.cost, wrt=1)(points, centroids) / hvp
    means = np.array([points[nearest == j].mean(axis=0) for j in range(4)])
    np.testing.assert_allclose(direction, centroids - means, rtol=1e-9, atol=1e-12)


def test_kmeans_tie_is_shared():
    """A point equidistant from two centroids: np.min shares its derivative equally (sct's
    convention, and JAX's), where GradBench's closed form gives the point to the lowest j;
    random points make no ties, so the eval never meets this."""
    points = np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0]])
    centroids = points[:2].copy()
    J = sct.grad(kmeans.cost, wrt=1)(points, centroids)
    H = sct.hvp(kmeans.cost, wrt=1)(points, centroids, np.ones_like(centroids))
    np.testing.assert_allclose(H, [[3.0, 3.0], [3.0, 3.0]])
    np.testing.assert_allclose(J, [[-1.0, 0.0], [1.0, 0.0]])
