"""``sct.mixture.GaussianMixture`` (and ``KMeans``) as scikit-learn estimators.

- ``sklearn.utils.estimator_checks.check_estimator`` on several parameterisations, with the
  same checks as scikit-learn's own GaussianMixture gets, and none expected to fail;
- ``clone``, ``Pipeline`` with ``StandardScaler``, ``GridSearchCV`` and ``cross_val_score``
  against the same computations done by hand;
- scikit-learn's exception and warning classes catching sct's once sklearn is imported;
- input checks (sparse, complex, objects, feature names) as scikit-learn's;
- the numpydoc docstrings: complete, and their examples run (doctest);
- ``import sct.mixture`` (and a fit) without importing scikit-learn, in a subprocess.
"""
import doctest
import importlib
import inspect
import os
import pathlib
import pickle
import re
import subprocess
import sys
import warnings

import numpy as np
import pytest
import scipy.sparse

import sklearn
import sklearn.exceptions
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils import get_tags
from sklearn.utils import estimator_checks
from sklearn.utils.estimator_checks import check_estimator, estimator_checks_generator

from sct.mixture import (ConvergenceWarning, GaussianMixture, KMeans, NotFittedError,
                         load_faithful)

ROOT = pathlib.Path(__file__).resolve().parent.parent
FAITHFUL = load_faithful()

# Checks of check_estimator that GaussianMixture is expected to fail: none.  (scikit-learn
# itself skips check_array_api_input, raising SkipTest, because neither estimator declares
# array API support and SCIPY_ARRAY_API is unset; a skip is not a failure.)
EXPECTED_FAILED_CHECKS = {}
SKIPPED_BY_SKLEARN = {"check_array_api_input"}

PARAMETERISATIONS = [
    {},
    {"covariance_type": "diag"},
    {"n_components": 2, "covariance_type": "tied", "init_params": "random"},
    {"n_components": 3, "covariance_type": "spherical", "init_params": "k-means++"},
    {"optimizer": "gradient"},
    {"n_components": 2, "covariance_type": "diag", "optimizer": "gradient"},
]


def run_checks(estimator):
    """check_estimator's results, with the 'does not inherit from BaseEstimator' notice and
    the fits' own warnings silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return check_estimator(estimator, expected_failed_checks=EXPECTED_FAILED_CHECKS,
                               on_fail=None)


def check_names(estimator):
    return sorted(getattr(check, "func", check).__name__
                  for _, check in estimator_checks_generator(estimator))


# ---- check_estimator -----------------------------------------------------------------------

@pytest.mark.parametrize("params", PARAMETERISATIONS, ids=lambda p: repr(p) if p else "default")
def test_check_estimator_passes(params):
    results = run_checks(GaussianMixture(**params))
    assert len(results) >= 40
    not_passed = {r["check_name"]: r for r in results if r["status"] != "passed"}
    assert set(not_passed) <= SKIPPED_BY_SKLEARN, {
        name: repr(r["exception"]) for name, r in not_passed.items()}
    assert all(r["status"] == "skipped" for r in not_passed.values())


def test_the_checks_are_those_of_sklearns_gaussian_mixture():
    """Same tags, same checks: ours is checked as a density estimator, like sklearn's."""
    from sklearn.mixture import GaussianMixture as SkGaussianMixture
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert check_names(GaussianMixture()) == check_names(SkGaussianMixture())
    ours, theirs = get_tags(GaussianMixture()), get_tags(SkGaussianMixture())
    assert ours.estimator_type == theirs.estimator_type == "density_estimator"
    assert ours.input_tags == theirs.input_tags and ours.target_tags == theirs.target_tags
    assert ours.requires_fit and not ours.non_deterministic and ours.transformer_tags is None


def test_kmeans_passes_check_estimator_and_the_clustering_checks():
    results = run_checks(KMeans(3, n_init=2))
    not_passed = {r["check_name"] for r in results if r["status"] != "passed"}
    assert len(results) >= 40 and not_passed <= SKIPPED_BY_SKLEARN
    assert get_tags(KMeans()).estimator_type == "clusterer"
    assert sklearn.base.is_clusterer(KMeans())
    # check_estimator runs these only for subclasses of sklearn's ClusterMixin: run them here.
    estimator_checks.check_clustering("KMeans", KMeans())
    estimator_checks.check_clustering("KMeans", KMeans(), readonly_memmap=True)
    estimator_checks.check_clusterer_compute_labels_predict("KMeans", KMeans())


# ---- clone, Pipeline, GridSearchCV, cross_val_score ---------------------------------------

def test_clone_copies_parameters_not_the_fit():
    means = np.array([[2.0, 55.0], [4.3, 80.0]])
    gm = GaussianMixture(2, covariance_type="diag", means_init=means, random_state=3,
                         optimizer="gradient").fit(FAITHFUL)
    copy = clone(gm)
    assert type(copy) is GaussianMixture and copy is not gm
    assert repr(copy) == repr(gm) and copy.means_init is not means   # deep-copied
    np.testing.assert_array_equal(copy.means_init, means)
    assert not hasattr(copy, "means_") and not hasattr(copy, "n_features_in_")
    with pytest.raises(NotFittedError):
        copy.predict(FAITHFUL)
    np.testing.assert_array_equal(copy.fit(FAITHFUL).means_, gm.means_)


def test_pipeline_with_standard_scaler():
    pipe = make_pipeline(StandardScaler(), GaussianMixture(2, random_state=0)).fit(FAITHFUL)
    Z = (FAITHFUL - FAITHFUL.mean(axis=0)) / FAITHFUL.std(axis=0)
    alone = GaussianMixture(2, random_state=0).fit(Z)
    np.testing.assert_allclose(pipe[-1].means_, alone.means_, rtol=1e-10)
    assert pipe.score(FAITHFUL) == pytest.approx(alone.score(Z), rel=1e-12)
    np.testing.assert_array_equal(pipe.predict(FAITHFUL), alone.predict(Z))
    np.testing.assert_allclose(pipe.predict_proba(FAITHFUL), alone.predict_proba(Z),
                               atol=1e-12)
    np.testing.assert_allclose(pipe.score_samples(FAITHFUL), alone.score_samples(Z),
                               rtol=1e-12)
    pipe.set_params(gaussianmixture__n_components=3).fit(FAITHFUL)
    assert pipe[-1].means_.shape == (3, 2)


def manual_cv_scores(estimator, X, cv):
    return np.array([clone(estimator).fit(X[train]).score(X[test])
                     for train, test in cv.split(X)])


def test_cross_val_score_is_the_manual_kfold_loop():
    cv = KFold(5, shuffle=True, random_state=0)
    gm = GaussianMixture(2, covariance_type="full", random_state=0)
    scores = cross_val_score(gm, FAITHFUL, cv=cv)
    np.testing.assert_allclose(scores, manual_cv_scores(gm, FAITHFUL, cv), rtol=1e-12)
    assert np.all(np.isfinite(scores))


def test_grid_search_picks_what_a_manual_loop_over_score_picks():
    grid = {"n_components": [1, 2, 3], "covariance_type": ["full", "diag", "spherical"]}
    cv = KFold(3, shuffle=True, random_state=1)
    search = GridSearchCV(GaussianMixture(random_state=0), grid, cv=cv).fit(FAITHFUL)
    manual = {}
    for covariance_type in grid["covariance_type"]:
        for n_components in grid["n_components"]:
            gm = GaussianMixture(n_components, covariance_type=covariance_type, random_state=0)
            manual[(n_components, covariance_type)] = manual_cv_scores(gm, FAITHFUL, cv).mean()
    best = max(manual, key=manual.get)
    assert search.best_params_ == {"n_components": best[0], "covariance_type": best[1]}
    assert search.best_score_ == pytest.approx(manual[best], rel=1e-12)
    for params, mean in zip(search.cv_results_["params"],
                            search.cv_results_["mean_test_score"]):
        assert mean == pytest.approx(manual[(params["n_components"],
                                             params["covariance_type"])], rel=1e-12)
    refit = GaussianMixture(best[0], covariance_type=best[1], random_state=0).fit(FAITHFUL)
    assert search.best_estimator_.score(FAITHFUL) == pytest.approx(refit.score(FAITHFUL),
                                                                    rel=1e-12)


# ---- scikit-learn's exception and warning classes ------------------------------------------

def test_sklearn_exception_classes_catch_ours():
    with pytest.raises(sklearn.exceptions.NotFittedError) as info:
        GaussianMixture(2).score(FAITHFUL)
    assert isinstance(info.value, NotFittedError)
    assert isinstance(info.value, ValueError) and isinstance(info.value, AttributeError)
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is type(info.value) and str(again) == str(info.value)
    with pytest.raises(sklearn.exceptions.NotFittedError):
        KMeans(2).predict(FAITHFUL)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        GaussianMixture(3, max_iter=2, random_state=0).fit(FAITHFUL)
    assert [w.category for w in caught if issubclass(w.category, ConvergenceWarning)]
    assert all(issubclass(w.category, sklearn.exceptions.ConvergenceWarning) for w in caught
               if issubclass(w.category, ConvergenceWarning))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", sklearn.exceptions.ConvergenceWarning)
        GaussianMixture(3, max_iter=2, random_state=0).fit(FAITHFUL)


# ---- input checks --------------------------------------------------------------------------

def test_input_refused_as_sklearn_refuses_it():
    with pytest.raises(TypeError, match="Sparse data was passed"):
        GaussianMixture(2).fit(scipy.sparse.csr_matrix(FAITHFUL))
    fitted = GaussianMixture(2, random_state=0).fit(FAITHFUL)
    with pytest.raises(TypeError, match="Sparse data was passed"):
        fitted.predict(scipy.sparse.csr_array(FAITHFUL))
    with pytest.raises(ValueError, match="Complex data not supported"):
        GaussianMixture(2).fit(FAITHFUL + 1j)
    with pytest.raises(ValueError, match="Complex data not supported"):
        fitted.score_samples(FAITHFUL + 0j)
    bad = FAITHFUL.astype(object)
    bad[0, 0] = {"a": 1}
    with pytest.raises(TypeError, match="argument must be a string or a real number"):
        GaussianMixture(2).fit(bad)
    fitted_on_objects = GaussianMixture(2, random_state=0).fit(FAITHFUL.astype(object))
    np.testing.assert_array_equal(fitted_on_objects.means_, fitted.means_)


class Frame:
    """A stand-in for a pandas DataFrame (pandas is not in the dev extra): columns and data."""

    def __init__(self, data, columns):
        self.data, self.columns = np.asarray(data), list(columns)
        self.shape = self.data.shape

    def __array__(self, dtype=None, copy=None):
        return self.data if dtype is None else self.data.astype(dtype)


def test_feature_names_as_sklearn_keeps_them():
    frame = Frame(FAITHFUL, ["eruptions", "waiting"])
    gm = GaussianMixture(2, random_state=0).fit(frame)
    assert gm.feature_names_in_.dtype == object
    assert list(gm.feature_names_in_) == ["eruptions", "waiting"]
    plain = GaussianMixture(2, random_state=0).fit(FAITHFUL)
    np.testing.assert_array_equal(gm.means_, plain.means_)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for method in ("predict", "predict_proba", "score_samples", "score", "bic", "aic"):
            np.testing.assert_array_equal(getattr(gm, method)(frame),
                                          getattr(plain, method)(FAITHFUL))
    with pytest.warns(UserWarning, match="X does not have valid feature names, but "
                                         "GaussianMixture was fitted with feature names"):
        gm.predict(FAITHFUL)
    with pytest.warns(UserWarning, match="X has feature names, but GaussianMixture was "
                                         "fitted without feature names"):
        plain.predict(frame)
    cases = [(["waiting", "eruptions"], "Feature names must be in the same order"),
             (["eruptions", "duration"], "Feature names unseen at fit time:\n- duration\n"
                                         "Feature names seen at fit time, yet now missing:\n"
                                         "- waiting\n")]
    for columns, message in cases:
        with pytest.raises(ValueError, match=re.escape(
                "The feature names should match those that were passed during fit.\n"
                + message)):
            gm.score(Frame(FAITHFUL, columns))
    with pytest.raises(TypeError, match="Feature names are only supported if all input "
                                        "features have string names"):
        GaussianMixture(2).fit(Frame(FAITHFUL, ["eruptions", 1]))
    assert not hasattr(GaussianMixture(2).fit(Frame(FAITHFUL, [0, 1])), "feature_names_in_")
    assert not hasattr(gm.fit(FAITHFUL), "feature_names_in_")     # a refit forgets them
    km = KMeans(2, random_state=0).fit(frame)
    assert list(km.feature_names_in_) == ["eruptions", "waiting"]


def test_sklearn_dataframe_column_names_check():
    pytest.importorskip("pandas")
    estimator_checks.check_dataframe_column_names_consistency(
        "GaussianMixture", GaussianMixture(2, random_state=0))
    estimator_checks.check_dataframe_column_names_consistency(
        "KMeans", KMeans(2, random_state=0))


# ---- docstrings ----------------------------------------------------------------------------

@pytest.mark.parametrize("module", ["sct.mixture.estimator", "sct.mixture.kmeans",
                                    "sct.mixture.base"])
def test_doctests_run(module):
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def section(doc, title):
    """The names documented in a numpydoc section (``name : type`` lines)."""
    text = inspect.cleandoc(doc)
    match = re.search(rf"^{title}\n-+\n(.*?)(?:\n\n[A-Z][A-Za-z ]+\n-+\n|\Z)", text,
                      re.S | re.M)
    assert match, title
    return set(re.findall(r"^(\*{0,2}\w+) :", match.group(1), re.M))


@pytest.mark.parametrize("cls, fit_args", [(GaussianMixture, (2,)), (KMeans, (2,))])
def test_docstrings_are_complete(cls, fit_args):
    doc = cls.__doc__
    parameters = set(inspect.signature(cls).parameters)
    assert section(doc, "Parameters") == parameters
    fitted = cls(*fit_args, random_state=0).fit(Frame(FAITHFUL, ["eruptions", "waiting"]))
    attributes = {name for name in vars(fitted) if name.endswith("_")
                  and not name.startswith("_")}
    assert section(doc, "Attributes") == attributes
    for title in ("See Also", "Examples"):
        assert re.search(rf"^    {title}\n    -+$", doc, re.M), title
    for name, method in inspect.getmembers(cls, inspect.isfunction):
        if name.startswith("_"):
            continue
        method_doc = method.__doc__
        assert method_doc and "Returns\n" in method_doc, name
        arguments = set(inspect.signature(method).parameters) - {"self"}
        documented = {n.lstrip("*") for n in section(method_doc, "Parameters")} \
            if arguments else set()
        assert documented == arguments, name
        if cls is GaussianMixture and "X" in arguments:
            assert "or a dask array of that shape chunked by rows" in \
                " ".join(method_doc.split()), name


# ---- scikit-learn stays optional -----------------------------------------------------------

def test_sct_mixture_does_not_import_sklearn():
    code = """if True:
        import sys, warnings
        import numpy as np
        import sct.mixture
        assert 'sklearn' not in sys.modules
        from sct.mixture import GaussianMixture, KMeans, NotFittedError, load_faithful
        X = load_faithful()
        try:
            GaussianMixture(2).predict(X)
        except NotFittedError as err:
            assert type(err) is NotFittedError
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            gm = GaussianMixture(3, max_iter=2, random_state=0).fit(X)
        assert caught and caught[0].category is sct.mixture.ConvergenceWarning
        GaussianMixture(2, optimizer='gradient', random_state=0).fit(X).bic(X)
        KMeans(2, random_state=0).fit(X).predict(X)
        assert 'sklearn' not in sys.modules, sorted(m for m in sys.modules if 'sklearn' in m)
        print('ok')
    """
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
