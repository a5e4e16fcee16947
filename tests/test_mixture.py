"""``sct.mixture`` against scikit-learn and scipy.

- the log-likelihood source module against scipy's densities and log-sum-exp, and its
  sct-generated gradient against central differences;
- EM from the same initial parameters as scikit-learn: the same weights, means, covariances,
  lower bound and iteration count, for the four covariance types on Old Faithful and iris;
- score_samples, predict_proba, predict, bic, aic, sample for the same fitted parameters;
- the default initialisation no worse than scikit-learn's; the gradient fit reaching EM's
  mean log-likelihood; warm starts; k-means; L-BFGS;
- bad input answered as scikit-learn answers it; an emptied component staying finite;
- samples/gmm_faithful.py run in a subprocess.
"""
import os
import pathlib
import subprocess
import sys
import warnings

import numpy as np
import pytest
from scipy.special import logsumexp
from scipy.stats import multivariate_normal

import sklearn                                          # the dev extra has it
from sklearn import mixture as skm
from sklearn.base import clone
from sklearn.cluster import KMeans as SkKMeans          # noqa: E402
from sklearn.datasets import load_iris                  # noqa: E402

from sct.mixture import (ConvergenceWarning, GaussianMixture, InvalidParameterError,  # noqa: E402
                         KMeans, NotFittedError, gaussian, kmeans, kmeans_plusplus, lbfgs,
                         load_faithful, loglik, loglik_grad)

ROOT = pathlib.Path(__file__).resolve().parent.parent
TYPES = ("full", "tied", "diag", "spherical")
FAITHFUL = load_faithful()
IRIS = load_iris().data
DATA = {"faithful": (FAITHFUL, 2), "iris": (IRIS, 3)}
FITTED = ("weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_")


def close(actual, expected, rtol=1e-6):
    """Relative agreement; entries that are zero in exact arithmetic (the off-triangle of a
    Cholesky factor, an emptied component's weight) are compared at rtol times the scale."""
    expected = np.asarray(expected, dtype=float)
    scale = np.max(np.abs(expected), initial=0.0)
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=rtol * 1e-6 * scale)


def random_init(X, K, covariance_type, seed):
    """weights, means, precisions of the M step from random responsibilities."""
    resp = np.random.RandomState(seed).uniform(size=(len(X), K)) ** 4
    resp /= resp.sum(axis=1, keepdims=True)
    nk, means, covariances = gaussian.estimate(X, resp, 1e-6, covariance_type)
    prec_chol = gaussian.precision_cholesky(covariances, covariance_type)
    return nk / nk.sum(), means, gaussian.precisions(prec_chol, covariance_type)


def both(X, K, covariance_type, **options):
    """The same model fitted by sct and by scikit-learn."""
    ours = GaussianMixture(K, covariance_type=covariance_type, **options).fit(X)
    theirs = skm.GaussianMixture(K, covariance_type=covariance_type, **options).fit(X)
    return ours, theirs


def copy_into_sklearn(ours):
    theirs = skm.GaussianMixture(ours.n_components, covariance_type=ours.covariance_type,
                                 random_state=ours.random_state)
    for name in FITTED + ("n_features_in_", "converged_", "n_iter_", "lower_bound_"):
        setattr(theirs, name, getattr(ours, name))
    return theirs


# ---- the log-likelihood module and its generated gradient -----------------------------------

def random_params(covariance_type, K=3, d=3, seed=0):
    rng = np.random.RandomState(seed)
    means = rng.normal(size=(K, d))
    if covariance_type in ("full", "tied"):
        A = rng.normal(size=(K, d, d))
        covariances = A @ np.swapaxes(A, 1, 2) + d * np.eye(d)
        covariances = covariances if covariance_type == "full" else covariances[0]
    else:
        covariances = rng.uniform(0.5, 2.0, size=(K, d) if covariance_type == "diag" else K)
    return means, covariances


@pytest.mark.parametrize("covariance_type", TYPES)
def test_log_prob_is_the_gaussian_log_density(covariance_type):
    X = np.random.RandomState(1).normal(size=(20, 3))
    means, covariances = random_params(covariance_type)
    prec_chol = gaussian.precision_cholesky(covariances, covariance_type)
    for k, mean in enumerate(means):
        cov = {"full": lambda: covariances[k], "tied": lambda: covariances,
               "diag": lambda: np.diag(covariances[k]),
               "spherical": lambda: covariances[k] * np.eye(3)}[covariance_type]()
        expected = multivariate_normal(mean, cov).logpdf(X)
        close(gaussian.log_prob(X, means, prec_chol, covariance_type)[:, k], expected, 1e-12)
        source = getattr(loglik, f"log_prob_{covariance_type}")    # what sct differentiates
        close(source(X, means, prec_chol)[:, k], expected, 1e-12)


def test_log_likelihood_rows_is_logsumexp_without_overflow():
    a = np.array([[0.0, 1.0, 2.0], [-1000.0, -1001.0, -np.inf], [800.0, 799.0, -5.0]])
    close(loglik.log_likelihood_rows(a), logsumexp(a, axis=1), 1e-14)


@pytest.mark.parametrize("covariance_type", TYPES)
def test_generated_gradient_matches_central_differences(covariance_type):
    rng = np.random.RandomState(2)
    K, d = 3, 2
    X = rng.normal(size=(30, d))
    shape = {"full": (K, d, d), "tied": (d, d), "diag": (K, d), "spherical": (K,)}
    args = [rng.normal(size=K), rng.normal(size=(K, d)),
            0.3 * rng.normal(size=shape[covariance_type])]
    objective = getattr(loglik, f"objective_{covariance_type}")
    value, grads = getattr(loglik_grad, f"b_objective_{covariance_type}")(X, *args)
    assert value == pytest.approx(objective(X, *args), rel=1e-14)
    for i, grad in enumerate(grads):
        assert grad.shape == args[i].shape
        numeric = np.zeros_like(args[i])
        for index in np.ndindex(args[i].shape):
            plus = [a.copy() for a in args]
            minus = [a.copy() for a in args]
            plus[i][index] += 1e-6
            minus[i][index] -= 1e-6
            numeric[index] = (objective(X, *plus) - objective(X, *minus)) / 2e-6
        np.testing.assert_allclose(grad, numeric, atol=1e-8)


def test_unconstrained_parameters_round_trip():
    for covariance_type in TYPES:
        _, covariances = random_params(covariance_type)
        prec_chol = gaussian.precision_cholesky(covariances, covariance_type)
        t = gaussian.unconstrained(prec_chol, covariance_type)
        close(gaussian.constrained(t, covariance_type), prec_chol, 1e-12)
    lower = np.linalg.cholesky(np.array([[4.0, 1.0], [1.0, 3.0]]))     # a precisions_init factor
    upper = gaussian.constrained(gaussian.unconstrained(lower, "tied"), "tied")
    close(upper @ upper.T, lower @ lower.T, 1e-12)
    assert upper[1, 0] == 0


# ---- EM against scikit-learn ----------------------------------------------------------------

@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("covariance_type", TYPES)
def test_em_from_the_same_initial_parameters(data, covariance_type):
    X, K = DATA[data]
    weights, means, precisions = random_init(X, K, covariance_type, seed=4)
    ours, theirs = both(X, K, covariance_type, weights_init=weights, means_init=means,
                        precisions_init=precisions)
    assert ours.n_iter_ == theirs.n_iter_ and ours.converged_ and theirs.converged_
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, rel=1e-6)
    for name in FITTED:
        close(getattr(ours, name), getattr(theirs, name))
    close(ours.lower_bounds_, theirs.lower_bounds_)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("init_params", ["random", "random_from_data"])
def test_random_initialisations_draw_as_sklearn_does(data, init_params):
    X, K = DATA[data]
    for covariance_type in TYPES:
        ours, theirs = both(X, K, covariance_type, init_params=init_params, random_state=3)
        assert ours.n_iter_ == theirs.n_iter_
        assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, rel=1e-6)
        close(ours.means_, theirs.means_)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("covariance_type", TYPES)
def test_methods_agree_for_the_same_fitted_parameters(data, covariance_type):
    X, K = DATA[data]
    ours = GaussianMixture(K, covariance_type=covariance_type, random_state=0).fit(X)
    theirs = copy_into_sklearn(ours)
    Y = X[::2] + 0.25                                   # not the training data
    close(ours.score_samples(Y), theirs.score_samples(Y), 1e-10)
    assert ours.score(Y) == pytest.approx(theirs.score(Y), rel=1e-10)
    np.testing.assert_allclose(ours.predict_proba(Y), theirs.predict_proba(Y), atol=1e-10)
    assert np.array_equal(ours.predict(Y), theirs.predict(Y))
    assert ours.bic(Y) == pytest.approx(theirs.bic(Y), rel=1e-10)
    assert ours.aic(Y) == pytest.approx(theirs.aic(Y), rel=1e-10)
    assert ours._n_parameters() == theirs._n_parameters()
    for a, b in zip(ours.sample(7), theirs.sample(7)):  # the same draws from the same seed
        np.testing.assert_allclose(a, b, rtol=1e-10)


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("n_init", [1, 3])
def test_default_initialisation_is_no_worse_than_sklearn(data, n_init):
    X, K = DATA[data]
    for covariance_type in TYPES:
        for seed in (0, 1):
            ours, theirs = both(X, K, covariance_type, n_init=n_init, random_state=seed)
            assert ours.lower_bound_ >= theirs.lower_bound_ - 1e-3, (covariance_type, seed)


def test_faithful_reference_figures():
    X = FAITHFUL
    assert X.shape == (272, 2)
    np.testing.assert_allclose(X.mean(axis=0), [3.487783, 70.897059], atol=1e-6)
    gm = GaussianMixture(2, covariance_type="full", random_state=0).fit(X)
    assert gm.lower_bound_ == pytest.approx(-4.155389, abs=1e-6) and gm.n_iter_ == 4
    order = np.argsort(gm.weights_)
    np.testing.assert_allclose(gm.weights_[order], [0.356, 0.644], atol=1e-3)
    np.testing.assert_allclose(gm.means_[order], [[2.037, 54.48], [4.29, 79.97]], atol=1e-2)


def test_warm_start_continues_as_sklearn_does():
    ours = GaussianMixture(2, warm_start=True, max_iter=1, init_params="random", random_state=0)
    theirs = skm.GaussianMixture(2, warm_start=True, max_iter=1, init_params="random",
                                 random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", sklearn.exceptions.ConvergenceWarning)
        for _ in range(4):
            ours.fit(FAITHFUL)
            theirs.fit(FAITHFUL)
            assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, rel=1e-10)
            assert ours.converged_ == theirs.converged_
            close(ours.means_, theirs.means_, 1e-10)


def test_fit_predict_max_iter_zero_and_convergence_warning():
    gm = GaussianMixture(2, random_state=0)
    assert np.array_equal(gm.fit_predict(FAITHFUL), gm.predict(FAITHFUL))
    start = GaussianMixture(2, max_iter=0, random_state=0).fit(FAITHFUL)
    assert start.n_iter_ == 0 and start.lower_bound_ == -np.inf and not start.converged_
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        GaussianMixture(3, max_iter=2, random_state=0).fit(IRIS)


def test_verbose_messages(capsys):
    GaussianMixture(2, random_state=0, verbose=2, verbose_interval=1).fit(FAITHFUL)
    out = capsys.readouterr().out
    assert "Initialization 0" in out and "Iteration 4" in out and "ll change" in out
    assert "Initialization converged." in out and "lower bound -4.15539" in out
    GaussianMixture(2, random_state=0, verbose=1, verbose_interval=2).fit(FAITHFUL)
    assert capsys.readouterr().out.split("\n")[:3] == [
        "Initialization 0", "  Iteration 2", "  Iteration 4"]


def test_params_api():
    gm = GaussianMixture(3, covariance_type="diag", optimizer="gradient")
    expected = set(skm.GaussianMixture().get_params()) | {"optimizer"}
    assert set(gm.get_params()) == expected
    assert {k: v for k, v in GaussianMixture().get_params().items() if k != "optimizer"} == \
        skm.GaussianMixture().get_params()
    assert repr(gm) == "GaussianMixture(covariance_type='diag', n_components=3, " \
                       "optimizer='gradient')"
    assert gm.set_params(n_components=2, tol=1e-4) is gm and gm.n_components == 2
    with pytest.raises(ValueError, match="Invalid parameter 'bogus'"):
        gm.set_params(bogus=1)
    assert clone(gm).get_params() == gm.get_params()


# ---- gradient ascent ------------------------------------------------------------------------

@pytest.mark.parametrize("covariance_type", TYPES)
def test_gradient_fit_reaches_em_on_faithful(covariance_type):
    em = GaussianMixture(2, covariance_type=covariance_type, random_state=0).fit(FAITHFUL)
    gd = GaussianMixture(2, covariance_type=covariance_type, random_state=0,
                         optimizer="gradient").fit(FAITHFUL)
    assert gd.converged_
    assert gd.score(FAITHFUL) >= em.score(FAITHFUL) - 1e-4
    assert gd.lower_bound_ == pytest.approx(gd.score(FAITHFUL), abs=1e-12)
    order_em, order_gd = np.argsort(em.means_[:, 0]), np.argsort(gd.means_[:, 0])
    np.testing.assert_allclose(gd.means_[order_gd], em.means_[order_em], rtol=1e-2)
    precisions = gaussian.precisions(gd.precisions_cholesky_, covariance_type)
    close(gd.precisions_, precisions, 1e-12)
    if covariance_type in ("full", "tied"):         # the covariances invert the precisions
        eye = np.broadcast_to(np.eye(2), np.shape(precisions))
        np.testing.assert_allclose(gd.covariances_ @ precisions, eye, atol=1e-10)


def test_gradient_fit_from_given_precisions_and_warm_start():
    weights, means, precisions = random_init(FAITHFUL, 2, "full", seed=5)
    gd = GaussianMixture(2, weights_init=weights, means_init=means, precisions_init=precisions,
                         optimizer="gradient", warm_start=True).fit(FAITHFUL)
    first = gd.lower_bound_
    assert first == pytest.approx(-4.155382, abs=1e-5)
    gd.set_params(tol=1e-8).fit(FAITHFUL)                # continues from the fitted model
    assert first - 1e-12 <= gd.lower_bound_ <= first + 1e-5


def test_lbfgs_on_rosenbrock_and_an_overflowing_function():
    def rosenbrock(x):
        r = x[1:] - x[:-1] ** 2
        g = np.zeros_like(x)
        g[:-1] = -400 * x[:-1] * r - 2 * (1 - x[:-1])
        g[1:] += 200 * r
        return np.sum(100 * r ** 2 + (1 - x[:-1]) ** 2), g

    result = lbfgs.minimize(rosenbrock, np.array([-1.2, 1.0, -0.5, 0.8]), max_iter=500,
                            gtol=1e-9)
    assert result.converged
    np.testing.assert_allclose(result.x, 1.0, atol=1e-6)

    def steep(x):                                   # exp overflows far along the first step
        return np.exp(50 * x[0]) - x[0], np.array([50 * np.exp(50 * x[0]) - 1])

    result = lbfgs.minimize(steep, np.array([-1.0]), gtol=1e-10)
    assert result.converged and result.x[0] == pytest.approx(np.log(1 / 50) / 50, abs=1e-8)


# ---- k-means --------------------------------------------------------------------------------

def test_kmeans_recovers_blobs_and_matches_sklearn_on_iris():
    rng = np.random.RandomState(0)
    centers = np.array([[0.0, 0.0], [10.0, 0.0], [0.0, 10.0]])
    X = np.vstack([c + rng.normal(size=(50, 2)) for c in centers])
    found, labels, inertia, n_iter = kmeans(X, 3, random_state=0)
    order = np.argsort(found[:, 0] + 2 * found[:, 1])
    np.testing.assert_allclose(found[order], centers, atol=0.5)
    assert len(np.unique(labels)) == 3 and n_iter >= 1
    ours = KMeans(3, n_init=5, random_state=0).fit(IRIS)
    theirs = SkKMeans(3, n_init=5, random_state=0).fit(IRIS)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-9)
    assert np.array_equal(ours.predict(IRIS), ours.labels_)
    centers, indices = kmeans_plusplus(IRIS, 3, random_state=0)
    assert np.array_equal(centers, IRIS[indices]) and len(set(indices)) == 3


def test_kmeans_refills_an_empty_cluster():
    X = np.array([[0.0], [0.1], [5.0], [5.1], [9.0]])
    centers, labels, _, _ = kmeans(X, 3, init=np.array([[0.0], [5.0], [100.0]]))
    assert np.all(np.isfinite(centers)) and sorted(np.bincount(labels)) == [1, 2, 2]


# ---- bad input ------------------------------------------------------------------------------

def test_bad_data_is_refused_like_sklearn():
    for bad, message in ((np.nan, "Input X contains NaN"), (np.inf, "contains infinity")):
        X = FAITHFUL.copy()
        X[3, 1] = bad
        with pytest.raises(ValueError, match=message):
            GaussianMixture(2).fit(X)
    with pytest.raises(ValueError, match="Expected n_samples >= n_components but got "
                                         "n_components = 3, n_samples = 2"):
        GaussianMixture(3).fit(FAITHFUL[:2])
    with pytest.raises(ValueError, match="minimum of 2 is required"):
        GaussianMixture(1).fit(FAITHFUL[:1])
    with pytest.raises(ValueError, match="Expected 2D array, got 1D array"):
        GaussianMixture(2).fit(FAITHFUL[:, 0])
    fitted = GaussianMixture(2, random_state=0).fit(FAITHFUL)
    for method in ("predict", "predict_proba", "score_samples", "score", "bic", "aic"):
        with pytest.raises(ValueError, match="X has 3 features, but GaussianMixture is "
                                             "expecting 2 features as input"):
            getattr(fitted, method)(np.ones((4, 3)))


def test_methods_before_fit_raise_not_fitted():
    for method in ("predict", "predict_proba", "score_samples", "score", "bic", "aic"):
        with pytest.raises(NotFittedError, match="not fitted yet") as info:
            getattr(GaussianMixture(2), method)(FAITHFUL)
        assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)
    with pytest.raises(NotFittedError):
        GaussianMixture(2).sample(3)
    with pytest.raises(NotFittedError):
        KMeans(2).predict(FAITHFUL)


@pytest.mark.parametrize("covariance_type", TYPES)
def test_singular_covariance_asks_for_reg_covar(covariance_type):
    X = np.full((12, 2), 3.0)                           # collapsed samples
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        with pytest.raises(ValueError, match="increase reg_covar"):
            GaussianMixture(2, covariance_type=covariance_type, reg_covar=0.0).fit(X)
        fitted = GaussianMixture(2, covariance_type=covariance_type, random_state=0).fit(X)
    assert np.isfinite(fitted.lower_bound_)


@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("optimizer", ["em", "gradient"])
def test_a_component_that_loses_its_points_stays_finite(covariance_type, optimizer):
    far = [[2.0, 55.0], [4.3, 80.0], [1e4, -1e4]]       # no sample is near the third mean
    gm = GaussianMixture(3, covariance_type=covariance_type, means_init=far,
                         optimizer=optimizer, random_state=0).fit(FAITHFUL)
    for name in FITTED + ("lower_bound_",):
        assert np.all(np.isfinite(getattr(gm, name))), name
    assert gm.weights_[2] < 1e-4 and gm.converged_
    assert np.all(np.isfinite(gm.predict_proba(FAITHFUL)))
    two = GaussianMixture(2, covariance_type=covariance_type, means_init=far[:2]).fit(FAITHFUL)
    assert gm.score(FAITHFUL) == pytest.approx(two.score(FAITHFUL), abs=1e-3)


def test_bad_parameters_are_refused():
    cases = [(dict(n_components=0), "'n_components' parameter .* must be an int in the range"),
             (dict(covariance_type="banana"), "'covariance_type' parameter"),
             (dict(init_params="nope"), "'init_params' parameter"),
             (dict(optimizer="sgd"), "'optimizer' parameter"),
             (dict(tol=-1.0), "'tol' parameter"), (dict(max_iter=1.5), "'max_iter' parameter"),
             (dict(weights_init=[0.5, 0.6]), r"normalized, but got sum\(weights\) = 1.10000"),
             (dict(weights_init=[0.5, 0.2, 0.3]), r"'weights' should have the shape of \(2,\)"),
             (dict(means_init=np.zeros((3, 2))), r"'means' should have the shape of \(2, 2\)"),
             (dict(precisions_init=np.zeros((2, 2, 2))), "'full precision' should be "
                                                         "symmetric, positive-definite"),
             (dict(covariance_type="diag", precisions_init=-np.ones((2, 2))),
              "'diag precision' should be positive")]
    for params, message in cases:
        with pytest.raises(ValueError, match=message):
            GaussianMixture(**{"n_components": 2, **params}).fit(FAITHFUL)
    with pytest.raises(InvalidParameterError):
        GaussianMixture(2, n_init=0).fit(FAITHFUL)
    with pytest.raises(ValueError, match="Invalid value for 'n_samples': 0"):
        GaussianMixture(2, random_state=0).fit(FAITHFUL).sample(0)


# ---- the sample -----------------------------------------------------------------------------

def test_sample_runs_without_matplotlib(tmp_path):
    code = ("import runpy, sys; sys.modules['matplotlib'] = None; "
            f"sys.argv = ['gmm_faithful.py', '--png', {str(tmp_path / 'g.png')!r}]; "
            "runpy.run_path('samples/gmm_faithful.py', run_name='__main__')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PYTHONWARNINGS": "error"})
    assert out.returncode == 0, out.stderr
    assert "mixture of two (EM)" in out.stdout and "BIC" in out.stdout
    assert "gradient ascent" in out.stdout and "matplotlib is not installed" in out.stdout
    assert not (tmp_path / "g.png").exists()


def test_sample_draws_the_png_with_matplotlib(tmp_path):
    png = tmp_path / "out" / "gmm.png"
    out = subprocess.run([sys.executable, "samples/gmm_faithful.py", "--png", str(png)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "MPLBACKEND": "Agg"})
    assert out.returncode == 0, out.stderr
    assert png.read_bytes().startswith(b"\x89PNG") and f"picture: {png}" in out.stdout
