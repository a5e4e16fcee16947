"""k-means: EM with hard assignments.

The E step gives each sample responsibility 1 for its nearest center and 0 for the others; the
M step moves each center to the mean of its samples.  A cluster left empty takes the sample
farthest from its own center, so every center keeps a sample.  Centers start from k-means++
(``kmeans_plusplus``), from distinct samples drawn at random, or from given positions.

``kmeans`` is the function, ``KMeans`` the scikit-learn style estimator around it; the
``'kmeans'`` initialisation of ``GaussianMixture`` runs one k-means.
"""
import warnings

import numpy as np

from .base import (Estimator, check_array, check_random_state, convergence_warning,
                   feature_names)


def squared_distances(X, centers):
    """|x_i - c_k|^2: (n, K)."""
    dist = (np.sum(X * X, axis=1)[:, None] - 2 * X @ centers.T
            + np.sum(centers * centers, axis=1)[None, :])
    return np.maximum(dist, 0.0)


def kmeans_plusplus(X, n_clusters, random_state=None, n_local_trials=None):
    """Initial centers by greedy k-means++: ``(centers, indices)``.

    The first center is a sample drawn uniformly; each next one is the best, by the total
    squared distance it leaves, of ``n_local_trials`` samples drawn with probability
    proportional to their squared distance to the nearest center chosen so far (Arthur and
    Vassilvitskii 2007; default 2 + log K trials).
    """
    X = np.asarray(X, dtype=float)
    rng = check_random_state(random_state)
    n = len(X)
    if not 1 <= n_clusters <= n:
        raise ValueError(f"n_clusters={n_clusters} should be between 1 and n_samples={n}")
    trials = n_local_trials or 2 + int(np.log(n_clusters))
    indices = [int(rng.randint(n))]
    closest = squared_distances(X, X[indices])[:, 0]
    for _ in range(1, n_clusters):
        total = closest.sum()
        if total > 0:
            candidates = rng.choice(n, size=trials, p=closest / total)
        else:                                       # every sample sits on a center
            candidates = rng.randint(n, size=trials)
        leaves = np.minimum(closest[None, :], squared_distances(X[candidates], X))
        best = int(np.argmin(leaves.sum(axis=1)))
        indices.append(int(candidates[best]))
        closest = leaves[best]
    indices = np.array(indices)
    return X[indices].copy(), indices


def kmeans(X, n_clusters, init="k-means++", max_iter=300, tol=1e-4, random_state=None):
    """Lloyd's k-means from one start: ``(centers, labels, inertia, n_iter)``.

    ``init``: 'k-means++', 'random' (distinct samples drawn uniformly) or an array of centers.
    Stops when no label changes or the centers move by at most ``tol`` times the mean variance
    of the features (in total squared distance).
    """
    X = np.asarray(X, dtype=float)
    rng = check_random_state(random_state)
    if isinstance(init, str) and init == "k-means++":
        centers, _ = kmeans_plusplus(X, n_clusters, rng)
    elif isinstance(init, str) and init == "random":
        centers = X[rng.choice(len(X), size=n_clusters, replace=False)].copy()
    elif isinstance(init, str):
        raise ValueError(f"init must be 'k-means++', 'random' or an array, not {init!r}")
    else:
        centers = np.array(init, dtype=float)
        if centers.shape != (n_clusters, X.shape[1]):
            raise ValueError(f"init should have the shape {(n_clusters, X.shape[1])}, "
                             f"got {centers.shape}")
    threshold = tol * np.mean(np.var(X, axis=0))
    labels = None
    for n_iter in range(1, max_iter + 1):
        dist = squared_distances(X, centers)
        new_labels = np.argmin(dist, axis=1)                        # E step
        if labels is not None and np.array_equal(new_labels, labels):
            n_iter -= 1
            break
        labels = new_labels
        new_centers = _centers(X, labels, dist, n_clusters)         # M step
        shift = np.sum((new_centers - centers) ** 2)
        centers = new_centers
        if shift <= threshold:
            break
    labels = np.argmin(squared_distances(X, centers), axis=1)
    inertia = float(np.sum((X - centers[labels]) ** 2))
    if len(np.unique(labels)) < n_clusters:
        warnings.warn(f"Number of distinct clusters ({len(np.unique(labels))}) found smaller "
                      f"than n_clusters ({n_clusters}). Possibly due to duplicate points in X.",
                      convergence_warning(), stacklevel=2)
    return centers, labels, inertia, max(n_iter, 1)


def _centers(X, labels, dist, n_clusters):
    """The mean of each cluster; an empty one takes the sample farthest from its center."""
    counts = np.bincount(labels, minlength=n_clusters)
    sums = np.zeros((n_clusters, X.shape[1]))
    np.add.at(sums, labels, X)
    empty = np.flatnonzero(counts == 0)
    if len(empty):
        own = dist[np.arange(len(X)), labels]
        donors = iter(np.argsort(-own, kind="stable"))
        for k in empty:
            i = next(i for i in donors if counts[labels[i]] > 1)
            counts[labels[i]] -= 1
            sums[labels[i]] -= X[i]
            labels[i] = k
            counts[k], sums[k] = 1, X[i]
    return sums / np.maximum(counts, 1)[:, None]


class KMeans(Estimator):
    """k-means clustering with scikit-learn's estimator API (a subset of its parameters).

    Lloyd's algorithm from ``n_init`` starts; the one with the least inertia (total squared
    distance of the samples to their centers) is kept.  It is a scikit-learn clusterer
    (``clone`` and ``Pipeline`` take it) without needing scikit-learn.

    Parameters
    ----------
    n_clusters : int, default=8
        The number of clusters K.
    init : {'k-means++', 'random'} or array-like of shape (n_clusters, n_features), \
default='k-means++'
        The initial centers: k-means++ seeding, K distinct samples drawn at random, or the
        given centers.
    n_init : int, default=1
        The number of starts.
    max_iter : int, default=300
        The largest number of iterations per start.
    tol : float, default=1e-4
        A start stops when its centers move, in total squared distance, by at most ``tol``
        times the mean variance of the features (or when no label changes).
    random_state : int, RandomState instance or None, default=None
        The seed of the initial centers; None for numpy's global random state.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        The centers of the kept start.
    labels_ : ndarray of shape (n_samples,)
        The cluster of each training sample.
    inertia_ : float
        The total squared distance of the training samples to their centers.
    n_iter_ : int
        The number of iterations of the kept start.
    n_features_in_ : int
        The number of features seen by ``fit``.
    feature_names_in_ : ndarray of shape (n_features_in_,)
        The column names of X seen by ``fit``, set only when X had string column names.

    See Also
    --------
    sklearn.cluster.KMeans : scikit-learn's estimator, with more parameters.
    kmeans : the function this estimator runs.
    GaussianMixture : soft clustering by a mixture of Gaussians.

    Examples
    --------
    >>> from sct.mixture import KMeans, load_faithful
    >>> km = KMeans(2, random_state=0).fit(load_faithful())
    >>> km.cluster_centers_.round(1)
    array([[ 4.3, 80.3],
           [ 2.1, 54.8]])
    >>> km.predict([[2.0, 50.0], [4.5, 80.0]])
    array([1, 0])
    """

    _sklearn_estimator_type = "clusterer"

    def __init__(self, n_clusters=8, *, init="k-means++", n_init=1, max_iter=300, tol=1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X, y=None):
        """Cluster X: ``n_init`` starts of Lloyd's algorithm, the best one kept.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The samples, one per row.
        y : None
            Ignored; there for scikit-learn's API.

        Returns
        -------
        self : KMeans
            The fitted estimator.
        """
        names = feature_names(X)
        X = check_array(X, "KMeans", min_samples=self.n_clusters)
        rng = check_random_state(self.random_state)
        best = None
        for _ in range(self.n_init):
            result = kmeans(X, self.n_clusters, self.init, self.max_iter, self.tol, rng)
            if best is None or result[2] < best[2]:
                best = result
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = best
        self._remember_features(X, names)
        return self

    def fit_predict(self, X, y=None):
        """Cluster X as ``fit`` does and return ``labels_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The samples, one per row.
        y : None
            Ignored; there for scikit-learn's API.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            The cluster of each sample.
        """
        return self.fit(X).labels_

    def predict(self, X):
        """The nearest fitted center of each sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            The samples, one per row.

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            The index of the nearest center of each sample.
        """
        self._check_fitted("cluster_centers_")
        self._check_feature_names(X)
        X = check_array(X, "KMeans", n_features=self.n_features_in_)
        return np.argmin(squared_distances(X, self.cluster_centers_), axis=1)
