"""What the estimators share with scikit-learn's: parameters read from the constructor
(``get_params``, ``set_params``, the repr), input checks with its kind of messages, the
random-state convention, and its exception and warning classes (own classes of the same names
and bases, since scikit-learn is not a dependency).

The estimators follow scikit-learn's estimator protocol without importing it:
``__sklearn_tags__`` imports ``sklearn.utils`` only when scikit-learn calls it, and once
scikit-learn is imported (by the user, never by sct) ``NotFittedError`` and
``ConvergenceWarning`` are raised as classes deriving from both sct's class and
scikit-learn's, so that ``except sklearn.exceptions.NotFittedError`` and a warnings filter on
scikit-learn's ``ConvergenceWarning`` catch them too.
"""
import inspect
import sys
import warnings

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """A method that needs a fitted estimator was called before ``fit``."""


class InvalidParameterError(ValueError, TypeError):
    """A constructor parameter has a wrong type or value (raised by fit)."""


class ConvergenceWarning(UserWarning):
    """A fit stopped before meeting its convergence criterion."""


def _both(ours):
    """``ours``, or once scikit-learn is imported, a subclass of it and of the class of the
    same name in ``sklearn.exceptions`` (made once, and reachable as an attribute of this
    module so that its instances pickle)."""
    if "sklearn.exceptions" not in sys.modules:
        return ours
    return _sklearn_class(ours.__name__)


def _sklearn_class(name):
    import sklearn.exceptions
    qualname = f"_Sklearn{name}"
    cls = globals().get(qualname)
    if cls is None:
        ours = {"NotFittedError": NotFittedError, "ConvergenceWarning": ConvergenceWarning}[name]
        cls = type(name, (ours, getattr(sklearn.exceptions, name)),
                   {"__module__": __name__, "__qualname__": qualname, "__doc__": ours.__doc__})
        globals()[qualname] = cls
    return cls


def __getattr__(name):          # the combined classes, for unpickling in a fresh process
    if name in ("_SklearnNotFittedError", "_SklearnConvergenceWarning"):
        return _sklearn_class(name[len("_Sklearn"):])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def convergence_warning():
    """The class to warn with: ``ConvergenceWarning``, also scikit-learn's once it is imported."""
    return _both(ConvergenceWarning)


class Estimator:
    """get_params / set_params / repr from the constructor's keyword parameters, and the rest
    of scikit-learn's estimator protocol (tags, input validation, feature names)."""

    #: scikit-learn's ``estimator_type`` tag: ``"density_estimator"``, ``"clusterer"``...
    _sklearn_estimator_type = None

    def __sklearn_tags__(self):
        """scikit-learn's estimator tags (``sklearn.utils.Tags``), imported only when
        scikit-learn asks for them: a dense 2-D float input without NaN, no target, and
        ``estimator_type`` from the class."""
        from sklearn.utils import InputTags, Tags, TargetTags
        return Tags(estimator_type=self._sklearn_estimator_type,
                    target_tags=TargetTags(required=False), transformer_tags=None,
                    regressor_tags=None, classifier_tags=None,
                    input_tags=InputTags(two_d_array=True, sparse=False, allow_nan=False))

    @classmethod
    def _param_names(cls):
        signature = inspect.signature(cls.__init__)
        return sorted(p.name for p in signature.parameters.values() if p.name != "self")

    def get_params(self, deep=True):
        """The estimator's parameters: the constructor's keyword arguments, by name.

        Parameters
        ----------
        deep : bool, default=True
            Ignored: no parameter is itself an estimator.  There for scikit-learn's API.

        Returns
        -------
        params : dict
            Each constructor parameter's name and current value.

        Examples
        --------
        >>> from sct.mixture import GaussianMixture
        >>> GaussianMixture(3).get_params()["n_components"]
        3
        """
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params):
        """Set constructor parameters; they take effect at the next ``fit``.

        Parameters
        ----------
        **params : dict
            New values, by constructor parameter name.  An unknown name is a ValueError.

        Returns
        -------
        self : Estimator
            The estimator itself.

        Examples
        --------
        >>> from sct.mixture import GaussianMixture
        >>> GaussianMixture().set_params(n_components=2, covariance_type="diag")
        GaussianMixture(covariance_type='diag', n_components=2)
        """
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"Invalid parameter {name!r} for estimator {self!r}. Valid "
                                 f"parameters are: {valid!r}.")
            setattr(self, name, value)
        return self

    def __repr__(self):
        defaults = {p.name: p.default for p in
                    inspect.signature(type(self).__init__).parameters.values()}
        changed = [f"{name}={value!r}" for name, value in self.get_params().items()
                   if not _same(value, defaults[name])]
        return f"{type(self).__name__}({', '.join(changed)})"

    def _remember_features(self, X, names):
        """At the end of fit: ``n_features_in_``, and ``feature_names_in_`` if X had string
        column names (a pandas DataFrame's), else no ``feature_names_in_``."""
        self.n_features_in_ = X.shape[1]
        if names is None:
            self.__dict__.pop("feature_names_in_", None)
        else:
            self.feature_names_in_ = names

    def _check_feature_names(self, X):
        """Before a fitted model reads X: X's column names must be the ones seen by fit."""
        names, fitted = feature_names(X), getattr(self, "feature_names_in_", None)
        who = type(self).__name__
        if names is None and fitted is not None:
            warnings.warn(f"X does not have valid feature names, but {who} was fitted with "
                          f"feature names", UserWarning, stacklevel=3)
        elif names is not None and fitted is None:
            warnings.warn(f"X has feature names, but {who} was fitted without feature names",
                          UserWarning, stacklevel=3)
        elif names is not None and (len(names) != len(fitted) or np.any(names != fitted)):
            unseen = sorted(set(names) - set(fitted))
            missing = sorted(set(fitted) - set(names))
            message = "The feature names should match those that were passed during fit.\n"
            if unseen:
                message += "Feature names unseen at fit time:\n" + _listed(unseen)
            if missing:
                message += "Feature names seen at fit time, yet now missing:\n" + \
                    _listed(missing)
            if not unseen and not missing:
                message += "Feature names must be in the same order as they were in fit.\n"
            raise ValueError(message)

    def _check_fitted(self, attribute):
        if not hasattr(self, attribute):
            raise _both(NotFittedError)(
                f"This {type(self).__name__} instance is not fitted yet. Call 'fit' with "
                f"appropriate arguments before using this estimator.")


def _same(value, default):
    if isinstance(value, np.ndarray) or isinstance(default, np.ndarray):
        return False
    return type(value) is type(default) and value == default


def feature_names(X):
    """X's column names as an object array when they are all strings (a DataFrame's), None
    when X has no column names or none is a string; TypeError for a mix, as scikit-learn."""
    columns = getattr(X, "columns", None)
    if columns is None:
        return None
    names = np.asarray(columns, dtype=object)
    is_str = [isinstance(name, str) for name in names]
    if names.ndim != 1 or not any(is_str):
        return None
    if not all(is_str):
        kinds = sorted({type(name).__name__ for name in names})
        raise TypeError(f"Feature names are only supported if all input features have string "
                        f"names, but your input has {kinds} as feature name / column name "
                        f"types. Convert them all to strings (X.columns = "
                        f"X.columns.astype(str)) or all to another type.")
    return names


def _listed(names, at_most=5):
    lines = [f"- {name}\n" for name in names[:at_most]]
    return "".join(lines) + ("- ...\n" if len(names) > at_most else "")


def check_array(X, estimator, min_samples=1, n_features=None):
    """X as a 2-D float array of finite numbers, or the error scikit-learn raises: TypeError
    for sparse input and for items that are not numbers, ValueError for the rest."""
    sparse = sys.modules.get("scipy.sparse")
    if sparse is not None and sparse.issparse(X):
        raise TypeError(f"Sparse data was passed for X, but dense data is required by "
                        f"{estimator}. Use '.toarray()' to convert to a dense numpy array.")
    if np.iscomplexobj(X):
        raise ValueError(f"Complex data not supported: {estimator} expects real numbers.")
    try:
        array = np.asarray(X, dtype=float)
    except (TypeError, ValueError) as err:
        raise type(err)(f"{estimator} expects an array of numbers: {err}") from None
    if array.ndim != 2:
        kind = "scalar" if array.ndim == 0 else f"{array.ndim}D"
        raise ValueError(f"Expected 2D array, got {kind} array instead. Reshape your data "
                         f"either using array.reshape(-1, 1) if your data has a single feature "
                         f"or array.reshape(1, -1) if it contains a single sample.")
    if np.isnan(array).any():
        refuse_nonfinite(estimator, "NaN")
    if np.isinf(array).any():
        refuse_nonfinite(estimator, "infinity")
    check_shape(array.shape, estimator, min_samples, n_features)
    return array


def refuse_nonfinite(estimator, kind, where=None):
    """The ValueError for a NaN or an infinity ``kind`` in X, ``where`` it is if known (a
    dask array's chunk and row)."""
    place = f" in {where}" if where else ""
    if kind == "NaN":
        raise ValueError(f"Input X contains NaN{place}. {estimator} does not accept missing "
                         f"values encoded as NaN: drop or impute them first.")
    raise ValueError(f"Input X contains infinity or a value too large for dtype('float64')"
                     f"{place}.")


def check_shape(shape, estimator, min_samples=1, n_features=None):
    """ValueError, as scikit-learn words it, for too few rows or columns of a 2-D X, or a
    number of columns other than ``n_features``."""
    if shape[0] < min_samples:
        raise ValueError(f"Found array with {shape[0]} sample(s) (shape={shape}) while a "
                         f"minimum of {min_samples} is required by {estimator}.")
    if shape[1] < 1:
        raise ValueError(f"Found array with 0 feature(s) (shape={shape}) while a minimum of 1 "
                         f"is required by {estimator}.")
    if n_features is not None and shape[1] != n_features:
        raise ValueError(f"X has {shape[1]} features, but {estimator} is expecting "
                         f"{n_features} features as input.")


def check_random_state(seed):
    """A numpy RandomState from None (numpy's global one), an int, or a RandomState."""
    if seed is None or seed is np.random:
        return np.random.mtrand._rand
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        return np.random.RandomState(seed)
    if isinstance(seed, np.random.RandomState):
        return seed
    raise ValueError(f"{seed!r} cannot be used to seed a numpy.random.RandomState instance")
