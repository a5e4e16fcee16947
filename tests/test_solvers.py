"""``sct.solvers``: Newton's method with derivatives from sct, checked against scipy.optimize
(roots of equations and systems, minima), its failure reports, and sct differentiating
through a Newton loop written in the subset (checked against the implicit function theorem).

The equations, systems and objectives are module-level functions of this file: sct reads
their source here. scipy gets its own hand-written derivatives, or none (the secant method).
"""
import math
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from scipy import optimize

import sct
from sct.solvers import NewtonResult, minimize_newton, newton

ROOT = pathlib.Path(__file__).resolve().parent.parent


# ---- scalar equations f(x, *args) = 0 -------------------------------------------------------

def cubic(x, a):
    return x ** 3 - a


def kepler(e_anom, mean_anomaly, ecc):
    return e_anom - ecc * math.sin(e_anom) - mean_anomaly


def dottie(x):
    return math.cos(x) - x


def exp_line(x):
    return math.exp(x) - 3.0 * x


def lambert(w, z):
    return w * math.exp(w) - z


def x_log_x(x):
    return x * math.log(x) - 1.0


def horner(x, coeffs):
    p = 0.0
    for i in range(len(coeffs)):
        p = p * x + coeffs[i]
    return p


EQUATIONS = [
    ("cube root of 2", cubic, 1.0, (2.0,)),
    ("cube root of 0.3", cubic, 2.0, (0.3,)),
    ("Kepler", kepler, 1.0, (1.1, 0.3)),
    ("Kepler, e=0.9", kepler, 3.0, (0.4, 0.9)),
    ("cos x = x", dottie, 0.5, ()),
    ("exp x = 3x, lower", exp_line, 0.0, ()),
    ("exp x = 3x, upper", exp_line, 2.0, ()),
    ("Lambert W(5)", lambert, 1.0, (5.0,)),
    ("x log x = 1", x_log_x, 1.5, ()),
    ("x^5 - x - 1 (Horner)", horner, 1.0, (np.array([1.0, 0.0, 0.0, 0.0, -1.0, -1.0]),)),
]


@pytest.mark.parametrize("label, f, x0, args", EQUATIONS, ids=[e[0] for e in EQUATIONS])
def test_scalar_roots_match_scipy(label, f, x0, args):
    result = newton(f, x0, args)
    reference = optimize.newton(f, x0, args=args, tol=1e-15, rtol=1e-15, maxiter=200)
    assert result.converged, result.message
    assert isinstance(result.x, float)
    assert abs(result.x - reference) <= 1e-10 * max(1.0, abs(reference))
    assert abs(f(result.x, *args)) <= 1e-12
    assert result.residual == abs(result.fun) == abs(f(result.x, *args))
    assert 0 < result.iterations < 20


def test_integer_start_and_exact_zero():
    result = newton(cubic, 1, (8.0,))
    assert result.converged and result.x == 2.0 and result.residual == 0.0
    at_root = newton(cubic, 2.0, (8.0,))
    assert at_root.converged and at_root.iterations == 0
    assert at_root.message == "f(x) is exactly zero"


# ---- systems f: R^n -> R^n ------------------------------------------------------------------

def circle_cubic(x, r2):
    return np.array([x[0] ** 2 + x[1] ** 2 - r2, x[0] - x[1] ** 3])


def circle_cubic_jac(x, r2):
    return np.array([[2 * x[0], 2 * x[1]], [1.0, -3 * x[1] ** 2]])


def burden_faires(x):
    return np.array([3.0 * x[0] - math.cos(x[1] * x[2]) - 0.5,
                     x[0] ** 2 - 81.0 * (x[1] + 0.1) ** 2 + math.sin(x[2]) + 1.06,
                     math.exp(-x[0] * x[1]) + 20.0 * x[2] + (10.0 * math.pi - 3.0) / 3.0])


def burden_faires_jac(x):
    return np.array([
        [3.0, x[2] * math.sin(x[1] * x[2]), x[1] * math.sin(x[1] * x[2])],
        [2 * x[0], -162.0 * (x[1] + 0.1), math.cos(x[2])],
        [-x[1] * math.exp(-x[0] * x[1]), -x[0] * math.exp(-x[0] * x[1]), 20.0]])


def cubic_spring(x, A, b):
    return A @ x + x ** 3 - b


def cubic_spring_jac(x, A, b):
    return A + np.diag(3 * x ** 2)


def chandrasekhar_like(x, c):
    n = x.shape[0]
    mu = (np.arange(n) + 0.5) / n
    weights = mu[:, None] / (mu[:, None] + mu[None, :])
    return x - 1.0 / (1.0 - c / (2 * n) * (weights @ x))


_SPRING = np.array([[4.0, -1.0, 0.0, 0.0, 0.0], [-1.0, 4.0, -1.0, 0.0, 0.0],
                    [0.0, -1.0, 4.0, -1.0, 0.0], [0.0, 0.0, -1.0, 4.0, -1.0],
                    [0.0, 0.0, 0.0, -1.0, 4.0]])

SYSTEMS = [
    ("circle and cubic", circle_cubic, circle_cubic_jac, np.array([1.0, 0.5]), (2.0,)),
    ("Burden-Faires 3x3", burden_faires, burden_faires_jac, np.array([0.1, 0.1, -0.1]), ()),
    ("cubic springs 5x5", cubic_spring, cubic_spring_jac, np.zeros(5),
     (_SPRING, np.array([1.0, 2.0, 3.0, 2.0, 1.0]))),
    ("Chandrasekhar H, n=6", chandrasekhar_like, None, np.ones(6), (0.9,)),
]


@pytest.mark.parametrize("label, f, jac, x0, args", SYSTEMS, ids=[s[0] for s in SYSTEMS])
def test_systems_match_scipy(label, f, jac, x0, args):
    result = newton(f, x0, args)
    reference = optimize.root(f, x0, args=args, jac=jac, method="hybr", tol=1e-15)
    assert np.max(np.abs(reference.fun)) <= 1e-12   # 'success' may say xtol is too small
    assert result.converged, result.message
    assert result.x.shape == x0.shape
    assert np.max(np.abs(result.x - reference.x)) <= 1e-10
    assert result.residual == np.max(np.abs(f(result.x, *args))) <= 1e-12
    np.testing.assert_array_equal(result.fun, f(result.x, *args))


def test_known_root_of_burden_faires():
    result = newton(burden_faires, np.array([0.1, 0.1, -0.1]))
    np.testing.assert_allclose(result.x, [0.5, 0.0, -math.pi / 6], rtol=0, atol=1e-14)


def test_system_matches_fsolve():
    args = (_SPRING, np.array([1.0, 2.0, 3.0, 2.0, 1.0]))
    reference = optimize.fsolve(cubic_spring, np.zeros(5), args=args, xtol=1e-13)
    assert np.max(np.abs(newton(cubic_spring, np.zeros(5), args).x - reference)) <= 1e-10


def test_system_needs_as_many_equations_as_unknowns():
    with pytest.raises(ValueError, match="2 values for 3 unknowns"):
        newton(circle_cubic, np.ones(3), (2.0,))


# ---- minimisation ---------------------------------------------------------------------------

def rosenbrock(x):
    return np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2)


def logistic_loss(w, X, y, lam):
    z = X @ w
    return np.sum(np.log1p(np.exp(-z)) + (1.0 - y) * z) + 0.5 * lam * np.sum(w * w)


def logistic_grad(w, X, y, lam):
    s = 1.0 / (1.0 + np.exp(-(X @ w)))
    return X.T @ (s - y) + lam * w


def logistic_hess(w, X, y, lam):
    s = 1.0 / (1.0 + np.exp(-(X @ w)))
    return X.T @ (X * (s * (1 - s))[:, None]) + lam * np.eye(len(w))


def exp_quadratic(x, A, b):
    return 0.5 * x @ (A @ x) - b @ x + np.sum(np.exp(x))


def exp_quadratic_grad(x, A, b):
    return A @ x - b + np.exp(x)


def exp_quadratic_hess(x, A, b):
    return A + np.diag(np.exp(x))


def scalar_objective(x, c):
    return x ** 4 - c * x + math.cosh(x)


def scalar_objective_grad(x, c):
    return np.array([4 * x[0] ** 3 - c + math.sinh(x[0])])


def scalar_objective_hess(x, c):
    return np.array([[12 * x[0] ** 2 + math.cosh(x[0])]])


def _logistic_data():
    rng = np.random.default_rng(7)
    X = np.column_stack([np.ones(40), rng.normal(size=(40, 2))])
    y = (X @ np.array([0.3, 1.5, -2.0]) + rng.normal(size=40) > 0).astype(float)
    return X, y, 0.1


# scipy's method for each: trust-exact stalls on the logistic loss (2.6e-10 from the minimum,
# 'a bad approximation caused failure'), where Newton-CG gets within 1e-13.
TRUST, NEWTON_CG = ("trust-exact", {"gtol": 1e-14}), ("Newton-CG", {"xtol": 1e-14})
OBJECTIVES = [
    ("Rosenbrock 2-D", rosenbrock, optimize.rosen_der, optimize.rosen_hess,
     np.array([-1.2, 1.0]), (), TRUST),
    ("Rosenbrock 5-D", rosenbrock, optimize.rosen_der, optimize.rosen_hess,
     np.array([1.3, 0.7, 0.8, 1.9, 1.2]), (), TRUST),
    ("logistic regression", logistic_loss, logistic_grad, logistic_hess, np.zeros(3),
     _logistic_data(), NEWTON_CG),
    ("quadratic plus exp", exp_quadratic, exp_quadratic_grad, exp_quadratic_hess, np.ones(5),
     (_SPRING, np.array([1.0, -2.0, 3.0, 0.5, 4.0])), TRUST),
]


@pytest.mark.parametrize("label, f, jac, hess, x0, args, method", OBJECTIVES,
                         ids=[o[0] for o in OBJECTIVES])
def test_minima_match_scipy(label, f, jac, hess, x0, args, method):
    result = minimize_newton(f, x0, args)
    reference = optimize.minimize(f, x0, args=args, jac=jac, hess=hess, method=method[0],
                                  options=method[1])
    assert result.converged, result.message
    assert np.max(np.abs(result.x - reference.x)) <= 1e-10
    assert abs(result.fun - reference.fun) <= 1e-12 * max(1.0, abs(reference.fun))
    assert result.residual <= 1e-8 and np.max(np.abs(jac(result.x, *args))) <= 1e-8


def test_scalar_minimum_matches_scipy():
    result = minimize_newton(scalar_objective, 2.0, (3.0,))
    reference = optimize.minimize(lambda x, c: scalar_objective(x[0], c), [2.0], args=(3.0,),
                                  jac=scalar_objective_grad, hess=scalar_objective_hess,
                                  method="trust-exact", options={"gtol": 1e-14})
    assert result.converged and isinstance(result.x, float)
    assert abs(result.x - reference.x[0]) <= 1e-10
    bounded = optimize.minimize_scalar(scalar_objective, args=(3.0,), bracket=(0.0, 2.0),
                                       options={"xtol": 1e-14})
    assert abs(result.x - bounded.x) <= 1e-7       # Brent's accuracy is about sqrt(eps)


def test_rosenbrock_never_steps_uphill():
    x0 = np.array([-1.2, 1.0])
    final = minimize_newton(rosenbrock, x0)
    values = [minimize_newton(rosenbrock, x0, maxiter=k).fun for k in range(final.iterations + 1)]
    assert values[0] == rosenbrock(x0)
    assert all(later <= earlier for earlier, later in zip(values, values[1:]))
    assert values[-1] == final.fun == 0.0


def himmelblau(x):
    return (x[0] ** 2 + x[1] - 11.0) ** 2 + (x[0] + x[1] ** 2 - 7.0) ** 2


def test_indefinite_hessian_still_goes_downhill():
    # Near Himmelblau's local maximum the Hessian is negative definite: a plain Newton step
    # would climb to the maximum; the shifted Hessian and the line search go down instead.
    x0 = np.array([-0.3, -0.9])
    hessian = sct.hessian(himmelblau)(x0)
    assert np.all(np.linalg.eigvalsh(hessian) < 0)
    result = minimize_newton(himmelblau, x0)
    assert result.converged, result.message
    assert result.fun < 1e-20 and result.fun < himmelblau(x0)
    assert np.all(np.linalg.eigvalsh(sct.hessian(himmelblau)(result.x)) > 0)
    minima = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    assert min(np.max(np.abs(result.x - m)) for m in minima) < 1e-6


def rosenbrock_scaled(x, s, u, c):
    z = x / u
    return s * (c + np.sum(100.0 * (z[1:] - z[:-1] ** 2) ** 2 + (1.0 - z[:-1]) ** 2))


@pytest.mark.parametrize("s", [1e6, 1e-6])
def test_badly_scaled_rosenbrock_converges(s):
    # f ~ s at the minimum x* = (1e3, ..., 1e3), the Hessian ~ s * 1e-3: its shift, where it
    # is indefinite, has to follow its size (a shift of at least 1e-3 stalled at s = 1e-6)
    x0 = 1e3 * np.array([1.3, 0.7, 0.8, 1.9, 1.2])
    result = minimize_newton(rosenbrock_scaled, x0, (s, 1e3, 1.0))
    assert result.converged, result.message
    assert np.max(np.abs(result.x - 1e3)) <= 1e-7
    assert abs(result.fun - s) <= 4 * np.finfo(float).eps * s
    assert result.residual * 1e3 / s <= 1e-10


def saddle(x):
    return 1.0 + x[0] * x[0] - 0.5 * x[1] * x[1] + x[1] ** 4


def test_saddle_is_not_taken_for_a_minimum():
    # At (0, 1e-8), next to the saddle (0, 0), the predicted decrease is below f's rounding
    # error and the step below sqrt(eps), but the Hessian is indefinite: the solver goes on,
    # to the minimum (0, 1/2).
    result = minimize_newton(saddle, np.array([0.0, 1e-8]))
    assert result.converged, result.message
    np.testing.assert_allclose(result.x, [0.0, 0.5], rtol=0, atol=1e-12)
    assert result.fun == 0.9375


def shifted_log(x):
    return x - np.log(x)


def test_line_search_steps_back_from_nan():
    # The full Newton step from 3 lands on -3, where log is NaN: the line search halves it.
    with np.errstate(invalid="ignore", divide="ignore"):
        result = minimize_newton(shifted_log, 3.0)
    assert result.converged, result.message
    assert abs(result.x - 1.0) <= 1e-12


# ---- stopping at f's rounding error -----------------------------------------------------------
#
# Near a minimum f changes by less than its rounding error long before the Newton step is below
# tol; the gradient still resolves the step. These problems stopped with 'the line search found
# no decrease' (or ran to maxiter) when a step below tol was the only stopping test.

def gp_negative_log_likelihood(log_params, t, y):
    """-log p(y | t) for a zero-mean Gaussian process with a squared-exponential kernel, as a
    function of log(length scale), log(signal variance), log(noise variance)."""
    length, signal, noise = np.exp(log_params[0]), np.exp(log_params[1]), np.exp(log_params[2])
    d = t[:, None] - t[None, :]
    K = signal * np.exp(-0.5 * d * d / (length * length)) + noise * np.eye(t.shape[0])
    L = np.linalg.cholesky(K)
    alpha = np.linalg.solve(L.T, np.linalg.solve(L, y))
    return 0.5 * y @ alpha + np.sum(np.log(np.diag(L))) + 0.5 * t.shape[0] * np.log(2 * np.pi)


# 20 noisy samples of 10 sin t (noise sd 3), rounded to two decimals
GP_T = np.array([1.07, 1.85, 1.94, 2.41, 2.56, 2.57, 3.19, 3.27, 3.73, 3.91,
                 4.23, 4.38, 4.79, 5.91, 6.04, 6.47, 7.89, 8.14, 8.7, 9.87])
GP_Y = np.array([9.86, 10.39, 4.41, 7.76, 5.14, 4.69, -0.95, -0.62, -11.0, -2.29,
                 -11.44, -16.18, -10.22, 0.73, -3.96, 6.51, 14.66, 7.01, -0.77, -8.01])


def test_gaussian_process_hyperparameters_match_scipy():
    args, x0 = (GP_T, GP_Y), np.array([0.0, 0.0, -1.0])
    gradient = sct.grad(gp_negative_log_likelihood, wrt=0)
    hessian = sct.hessian(gp_negative_log_likelihood, wrt=0)
    # sct's derivatives of the Cholesky form, against central differences
    h, eye = 1e-5, np.eye(3)
    central = [(gp_negative_log_likelihood(x0 + h * e, *args)
                - gp_negative_log_likelihood(x0 - h * e, *args)) / (2 * h) for e in eye]
    np.testing.assert_allclose(gradient(x0, *args), central, rtol=1e-8)
    central = [(gradient(x0 + h * e, *args) - gradient(x0 - h * e, *args)) / (2 * h) for e in eye]
    np.testing.assert_allclose(hessian(x0, *args), central, rtol=1e-7, atol=1e-8)

    result = minimize_newton(gp_negative_log_likelihood, x0, args)
    assert result.converged, result.message
    assert result.message == ("the decrease of f predicted by the Newton step is below f's "
                              "rounding error")
    exact = optimize.minimize(gp_negative_log_likelihood, x0, args=args, jac=gradient,
                              hess=hessian, method="trust-exact", options={"gtol": 1e-10})
    quasi = optimize.minimize(gp_negative_log_likelihood, x0, args=args, jac=gradient,
                              method="BFGS")
    assert exact.success and quasi.success
    # Near the minimum x - x* = H^-1 g: each x is within |g|_2 / (least eigenvalue of H) of
    # x*, the two within the sum of those, doubled as f is no quadratic: 2.7e-12 for
    # trust-exact (|g| 2e-12), 3.2e-7 for BFGS (|g| 1.8e-7).
    least = np.linalg.eigvalsh(hessian(result.x, *args))[0]
    for reference in (exact, quasi):
        assert abs(result.fun - reference.fun) <= 1e-13 * abs(reference.fun)
        apart = 2 * (np.linalg.norm(gradient(result.x, *args))
                     + np.linalg.norm(reference.jac)) / least
        assert np.max(np.abs(result.x - reference.x)) <= apart
    assert result.residual == np.max(np.abs(gradient(result.x, *args))) <= 1e-12
    assert result.iterations <= exact.nit


def quadratic_quartic(x, A, b, c, s, u):
    """s * (z.A.z / 2 - b.z + c + sum (z - 1)^4) at z = x / u. Its terms, each ~ 10 s, cancel:
    near the minimum f changes by less than their rounding error."""
    z = x / u
    return s * (0.5 * z @ (A @ z) - b @ z + c + np.sum((z - 1.0) ** 4))


def quadratic_quartic_grad(z, A, b, c):
    return A @ z - b + 4 * (z - 1.0) ** 3


def quadratic_quartic_hess(z, A, b, c):
    return A + np.diag(12 * (z - 1.0) ** 2)


_QQ_A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
_QQ_B = _QQ_A @ np.array([2.0, 3.0, 2.0])
# The minimiser in z, as the root of the hand-written gradient (scipy's trust-exact, which
# judges its steps by f, stops with 'a bad approximation' 4e-8 away from it here).
_QQ_ROOT = optimize.root(quadratic_quartic_grad, np.zeros(3), args=(_QQ_A, _QQ_B, 0.0),
                         jac=quadratic_quartic_hess, tol=1e-15).x
_QQ_MIN = quadratic_quartic(_QQ_ROOT, _QQ_A, _QQ_B, 0.0, 1.0, 1.0)


@pytest.mark.parametrize("s", [1e6, 1e-6])
@pytest.mark.parametrize("c", [10.0, -_QQ_MIN], ids=["f* ~ 10s", "f* ~ 0"])
def test_badly_scaled_quadratic_quartic_converges(s, c):
    # x* ~ 1e3, f* ~ -2e7 or -2e-5 (or ~ 0), the Hessian ~ s * 1e-6. Where f* ~ 0, f's
    # rounding error is far above eps * |f|: the line search measures it.
    u = 1e3
    result = minimize_newton(quadratic_quartic, np.zeros(3), (_QQ_A, _QQ_B, c, s, u))
    assert result.converged, result.message
    assert ("line search" in result.message) == (c != 10.0)
    assert np.max(np.abs(result.x / u - _QQ_ROOT)) <= 1e-14
    assert result.residual * u / s <= 1e-14           # the gradient in z, at rounding level
    assert abs(result.fun - s * (_QQ_MIN + c)) <= 1e-14 * s * np.max(np.abs(_QQ_B))


def offset_line(x, c):
    return (c + x) - c - 1.0 + 0.1 * x * x


def linear_system(x, A, b):
    return A @ x - b


def test_root_at_rounding_error_is_converged():
    # (1e8 + x) - 1e8 rounds x to a multiple of ulp(1e8) = 1.5e-8: |f| cannot go below ~1e-8,
    # and a step below tol is out of reach
    result = newton(offset_line, 0.3, (1e8,))
    assert result.converged, result.message
    assert result.message == ("the Newton step, below sqrt(eps) * max(1, |x|), does not lower "
                              "|f|: f is at its rounding error")
    root = (math.sqrt(1.4) - 1.0) / 0.2
    assert abs(result.x - root) <= np.spacing(1e8)
    assert result.residual == abs(offset_line(result.x, 1e8)) <= 2 * np.spacing(1e8)
    assert result.iterations < 10


def test_ill_conditioned_system_is_converged():
    # the 6x6 Hilbert matrix (condition 1.5e7): the residual is at rounding, the steps
    # cond * eps ~ 1e-9, never below tol
    A = 1.0 / (np.arange(6)[:, None] + np.arange(6)[None, :] + 1.0)
    b = A @ np.ones(6)
    result = newton(linear_system, np.zeros(6), (A, b))
    assert result.converged, result.message
    assert "rounding error" in result.message
    eps = np.finfo(float).eps
    assert result.residual <= 4 * eps * np.max(np.abs(b))
    assert np.max(np.abs(result.x - 1.0)) <= np.linalg.cond(A) * eps * 10
    assert np.max(np.abs(result.x - np.linalg.solve(A, b))) <= np.linalg.cond(A) * eps * 10


# ---- failures are reported ------------------------------------------------------------------

def parabola_above(x):
    return x * x + 1.0


def cycling(x):
    return x ** 3 - 2.0 * x + 2.0


def np_log(x):
    return np.log(x)


def tangent_circles(x):
    return np.array([x[0] ** 2 + x[1] ** 2 - 1.0, x[0] - x[1]])


def nan_at_start(x):
    return np.sqrt(x) - 1.0


def linear(x):
    return 2.0 * x


def shifted_cubes(x):
    x[0] = x[0] - 1.0               # writes into its argument
    return x * x * x + x


def shifted_quartic(x):
    x[0] = x[0] - 1.0
    return np.sum(x * x) + x[0] ** 4


def test_functions_writing_into_their_argument():
    """The iterate is the solvers' own: f writing into its argument must not move it (newton
    ran 50 iterations to x = [-9.7, 0], not converged, when it did)."""
    root = newton(shifted_cubes, np.array([0.5, 2.0]))
    assert root.converged
    np.testing.assert_allclose(root.x, [1.0, 0.0], atol=1e-12)
    minimum = minimize_newton(shifted_quartic, np.array([0.5, 2.0]))
    assert minimum.converged
    np.testing.assert_allclose(minimum.x, [1.0, 0.0], atol=1e-12)


def test_zero_derivative_is_reported():
    result = newton(parabola_above, 0.0)
    assert not result.converged
    assert result.message == "zero derivative at x"
    assert result.x == 0.0 and result.residual == 1.0 and result.iterations == 0


def test_singular_jacobian_is_reported():
    result = newton(tangent_circles, np.array([0.0, 0.0]))
    assert not result.converged
    assert result.message == "singular Jacobian at x"
    np.testing.assert_array_equal(result.x, [0.0, 0.0])


def test_no_convergence_within_maxiter_is_reported():
    result = newton(cycling, 0.0, maxiter=25)         # Newton cycles 0, 1, 0, 1, ...
    assert not result.converged and result.iterations == 25
    assert result.message == "no convergence within maxiter=25 iterations"
    assert result.x in (0.0, 1.0) and math.isfinite(result.residual)


def test_a_step_into_nan_is_reported_and_not_taken():
    with np.errstate(invalid="ignore"):
        result = newton(np_log, 3.0)                  # 3 - 3 log 3 < 0
    assert not result.converged
    assert "NaN or inf" in result.message
    assert result.x == 3.0 and result.residual == math.log(3.0)


def test_nan_at_start_is_reported():
    with np.errstate(invalid="ignore"):
        result = newton(nan_at_start, -1.0)
        found = minimize_newton(nan_at_start, -1.0)
    assert not result.converged and "not finite at x0" in result.message
    assert not found.converged and "not finite" in found.message


def test_unbounded_objective_does_not_converge():
    result = minimize_newton(linear, 0.0, maxiter=10)
    assert not result.converged and result.iterations == 10
    assert result.message == "no convergence within maxiter=10 iterations"
    assert result.fun < -1e3 and math.isfinite(result.x)


def kinked(x):
    return x * x + 10.0 * abs(x - 1.0)


def one_plus_exp(x):
    return 1.0 + math.exp(x)


@pytest.mark.parametrize("x0", [3.0, -2.0])
def test_line_search_failing_away_from_a_stationary_point_is_reported(x0):
    # The minimum is at the kink x = 1, where the gradient is 2 + 10 * (abs' at 0), at least
    # 2 whatever abs' at 0 is taken to be: no step lowers f, and that is no rounding error.
    result = minimize_newton(kinked, x0)
    assert not result.converged
    assert result.message == "the line search found no decrease of f along the Newton direction"
    assert result.x == 1.0 and result.residual >= 2.0


def test_flat_objective_without_minimum_does_not_converge():
    # 1 + exp(x) decreases to 1 as x -> -inf; from x = -36 on f rounds to 1 and no step
    # predicts a decrease above its rounding error, but the Newton step stays 1, far above
    # sqrt(eps) * |x|: x is not near a minimiser.
    result = minimize_newton(one_plus_exp, 0.0)
    assert not result.converged
    assert result.message == "no convergence within maxiter=100 iterations"
    assert result.x == -100.0 and result.fun == 1.0


def test_sct_errors_propagate():
    with pytest.raises(sct.SctError, match="lambda"):
        newton(lambda x: x * x - 2.0, 1.0)
    with pytest.raises(sct.SctError, match="lambda"):
        minimize_newton(lambda x: x * x, 1.0)


def test_result_object():
    result = newton(cubic, 1.0, (2.0,))
    assert isinstance(result, NewtonResult)
    assert set(vars(result)) == {"x", "fun", "converged", "iterations", "residual", "message"}
    assert "converged=True" in repr(result)


# ---- differentiating through a Newton loop written in the subset ------------------------------

def cube_root(a, x0, tol, maxiter):
    """The root of x**3 - a by Newton's method: a while loop with a data-dependent test."""
    x = x0
    step = 1.0
    it = 0
    while abs(step) > tol * abs(x) and it < maxiter:
        step = cubic(x, a) / (3.0 * x ** 2)
        x = x - step
        it += 1
    return x


def circle_cubic_root(r2, x0, tol, maxiter):
    """The root of ``circle_cubic(x, r2)`` by Newton's method with a hand-written Jacobian."""
    x = x0
    size = 1.0
    it = 0
    while size > tol and it < maxiter:
        step = np.linalg.solve(circle_cubic_jac(x, r2), circle_cubic(x, r2))
        x = x - step
        size = np.max(np.abs(step))
        it += 1
    return x


@pytest.mark.parametrize("a", [0.3, 2.0, 27.0, 1000.0])
def test_derivative_of_the_cube_root_through_the_loop(a):
    x, da = sct.forward(cube_root, wrt=0)(a, 1.0, 1e-15, 100, 1.0)
    assert abs(x - a ** (1 / 3)) <= 1e-14 * a ** (1 / 3)
    # implicit function theorem: d root / d a = -f_a / f_x = 1 / (3 x^2) = 1 / (3 a^(2/3))
    _, f_x = sct.forward(cubic, wrt=0)(x, a, 1.0)
    _, f_a = sct.forward(cubic, wrt=1)(x, a, 1.0)
    assert abs(da - (-f_a / f_x)) <= 1e-13 * abs(da)
    assert abs(da - 1 / (3 * a ** (2 / 3))) <= 1e-13 * abs(da)
    assert abs(sct.grad(cube_root, wrt=0)(a, 1.0, 1e-15, 100) - da) <= 1e-13 * abs(da)
    # and the second derivative, forward over reverse: -2 / (9 a^(5/3))
    second = sct.hessian(cube_root, wrt=0)(a, 1.0, 1e-15, 100)
    assert abs(second + 2 / (9 * a ** (5 / 3))) <= 1e-12 * abs(second)


def test_cube_root_loop_agrees_with_the_solver():
    assert abs(cube_root(2.0, 1.0, 1e-15, 100) - newton(cubic, 1.0, (2.0,)).x) <= 1e-15


@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_derivative_of_a_system_root_through_the_loop(mode):
    x0, r2 = np.array([1.0, 0.5]), 2.0
    root = circle_cubic_root(r2, x0, 1e-15, 50)
    np.testing.assert_allclose(root, newton(circle_cubic, x0, (r2,)).x, rtol=0, atol=1e-15)
    d_root = sct.jacobian(circle_cubic_root, wrt=0, mode=mode)(r2, x0, 1e-15, 50)
    # implicit function theorem: d root / d r2 = -J_x^-1 f_r2
    J_x = sct.jacobian(circle_cubic, wrt=0)(root, r2)
    f_r2 = sct.jacobian(circle_cubic, wrt=1)(root, r2)
    np.testing.assert_allclose(d_root, -np.linalg.solve(J_x, f_r2), rtol=1e-13, atol=0)


# ---- the demo ---------------------------------------------------------------------------------

def test_newton_demo_runs(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "samples" / "newton_demo.py")],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "SCT_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "iterations" in done.stdout and "converged" in done.stdout
    assert "Rosenbrock" in done.stdout


def cubic_with_default(x, c=2.0):
    return x ** 3 - c


def system_with_default(x, shift=1.0):
    return np.array([x[0] ** 2 + x[1] - 3.0 * shift, x[0] - x[1] + shift])


def test_newton_on_functions_with_defaults():
    """Omitted defaults and defaults passed in args (the tangents of an f with defaults are
    keyword-only)."""
    assert abs(newton(cubic_with_default, 1.0).x - 2.0 ** (1 / 3)) < 1e-14
    assert abs(newton(cubic_with_default, 1.0, args=(27.0,)).x - 3.0) < 1e-14
    r = newton(system_with_default, np.array([1.0, 1.0]))
    assert r.converged and np.max(np.abs(system_with_default(r.x))) < 1e-14
    r = newton(system_with_default, np.array([1.0, 1.0]), args=(2.0,))
    assert r.converged and np.max(np.abs(system_with_default(r.x, 2.0))) < 1e-14
