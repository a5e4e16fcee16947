"""``GaussianMixture`` on a dask array of shape (n, d) chunked by rows: data larger than memory,
or spread over a cluster.

Nothing here imports dask until a dask array is given (``is_dask`` reads the class's module).
Fitting never gathers the data: every pass maps a function over the row chunks (as tasks of
whatever scheduler is active: threads by default, a ``dask.distributed.Client`` when one is
made) and sums their small results on the client, where the M step and L-BFGS run.

* ``Chunks(X, ...)`` checks the array (2-D, columns in one chunk, known chunk sizes, finite
  numbers: a NaN or infinity is reported with its chunk and row) and maps over its chunks.
* ``em_step(chunks, params, ...)``: one pass computes the E step's mean log-likelihood and the
  sufficient statistics of the next M step: soft counts, sums of the samples, and per
  covariance type sums of outer products ('full', about the previous means, so that no
  precision is lost to cancellation; 'tied' the whole X^T X) or of squares ('diag',
  'spherical').  ``estimate(sums, ...)`` is then ``gaussian.estimate``'s M step from the sums.
* The gradient fit evaluates the mean log-likelihood and its sct-generated gradient per chunk,
  weighted by the chunk's share of the rows (``objective``), for the same L-BFGS.
* Initial responsibilities are made chunk by chunk: from k-means (k-means++ on a sample of at
  most ``SAMPLE_ROWS`` rows, then Lloyd iterations over all chunks), drawn at random per chunk,
  or from ``K`` rows picked as the in-memory fit picks them.

A task that fails (a worker lost, say) is retried by dask or makes the compute raise: the sums
are only formed once every chunk's result has arrived, so no parameters are ever computed from
part of the data.
"""
import functools
import os

import numpy as np

from . import gaussian, loglik
from .base import check_shape, refuse_nonfinite

SAMPLE_ROWS = 10_000        # rows of the sample k-means++ seeds from
# A pass computes on parts of a chunk, so that its temporaries, (rows, d) or (rows, K), are a
# small fraction of it: PART_BYTES each (a few numpy calls per part, and parts that stay in
# the cache).  dask.distributed starts its workers with MALLOC_TRIM_THRESHOLD_=65536: glibc
# then maps every array above 128 kB afresh and faults its pages in at each use.  The EM pass,
# run every iteration, makes its arrays once per chunk and computes every part in them
# (``_em_sums``); the other passes, run once per fit, keep their parts below the threshold
# where a process sets it (``_part_bytes``).  Measured on one 250,000-row chunk (d = 10,
# K = 5, one core), the EM pass: whole 0.18 s, in parts of 2 MiB 0.13 s; with
# MALLOC_TRIM_THRESHOLD_=65536, in parts of 2 MiB 0.39 s, of 60 kB 0.19 s, and in parts of
# 2 MiB computed in arrays made once per chunk 0.15 s (0.15 s without the setting too).
PART_BYTES = 2 ** 21
PART_MIN_ROWS = 256
LLOYD_TOL = 1e-4            # k-means stops when the centers move less than this (relative)
LLOYD_MAX_ITER = 100


def is_dask(X):
    """Whether X is a dask array (without importing dask)."""
    return type(X).__module__.split(".")[0] == "dask" and hasattr(X, "chunks")


class Chunks:
    """A checked dask array (n, d) of floats chunked by rows, and a map over its chunks."""

    def __init__(self, X, estimator, min_samples=1, n_features=None):
        if X.ndim != 2:
            raise ValueError(f"Expected a 2D dask array, got {X.ndim}D array instead.")
        if len(X.chunks[1]) != 1:
            raise ValueError(f"{estimator} needs a dask array chunked by rows only, with all "
                             f"{X.shape[1]} columns in one chunk (got column chunks "
                             f"{X.chunks[1]}): rechunk it with X.rechunk({{1: -1}}).")
        if any(np.isnan(c) for c in X.chunks[0]):
            raise ValueError(f"{estimator} needs the dask array's row chunk sizes: call "
                             f"X.compute_chunk_sizes() first.")
        if not np.issubdtype(X.dtype, np.number) or np.issubdtype(X.dtype, np.complexfloating):
            raise ValueError(f"{estimator} expects an array of real numbers, got dtype "
                             f"{X.dtype}.")
        self.X = X if X.dtype == np.float64 else X.astype(np.float64)
        self.estimator = estimator
        self.rows = tuple(int(c) for c in X.chunks[0])
        self.starts = tuple(int(s) for s in np.cumsum((0,) + self.rows[:-1]))
        self.n, self.d = int(X.shape[0]), int(X.shape[1])
        self.shape = (self.n, self.d)
        self.blocks = list(self.X.to_delayed().ravel())
        self.checked = False        # NaN and infinities looked for (the first map does)
        check_shape(self.shape, estimator, min_samples, n_features)

    def map(self, fn, *args):
        """``[fn(chunk, position, *args) for each chunk]``, computed as one dask graph.  The
        first pass also looks for NaN and infinities in each chunk, and raises ValueError
        naming the chunk and row of the first it finds (instead of a pass of its own)."""
        import dask
        checking, self.checked = not self.checked, True
        task = dask.delayed(_checked_call if checking else fn, pure=True)
        first = (fn,) if checking else ()
        results = dask.compute(*[task(*first, block, position, *args)
                                 for position, block in enumerate(self.blocks)])
        if not checking:
            return results
        for position, (found, _) in enumerate(results):
            if found is not None:
                self.checked = False
                _refuse_bad_row(self.estimator, position, self.starts[position],
                                self.rows[position], *found)
        return tuple(result for _, result in results)

    def map_rows(self, fn, columns, dtype, *args):
        """A lazy dask array: ``fn(chunk, *args)`` per chunk, each checked for NaN and
        infinity first; one column per row when ``columns`` is None, else that many."""
        extra = {"drop_axis": 1} if columns is None else {"chunks": (self.X.chunks[0],
                                                                    (columns,))}
        return self.X.map_blocks(_checked_rows, fn, self.estimator, self.starts, *args,
                                 dtype=dtype, **extra)

    def moments(self):
        """Per-column (mean, standard deviation), combined from per-chunk moments as
        Chan, Golub and LeVeque do (no loss of precision to large means)."""
        count, mean, squares = 0, np.zeros(self.d), np.zeros(self.d)
        for n, m, s in self.map(_moments):
            delta = m - mean
            total = count + n
            mean = mean + delta * (n / total)
            squares = squares + s + delta ** 2 * (count * n / total)
            count = total
        return mean, np.sqrt(squares / count)

    def take(self, indices):
        """The rows at ``indices`` (a few, or all), as a numpy array in that order; ValueError
        naming the chunk and row of a NaN or infinity among them."""
        indices = np.asarray(indices)
        ordered = np.sort(indices)
        rows = np.asarray(self.X.compute() if len(ordered) == self.n else
                          self.X[ordered].compute())
        found = _first_bad_row(rows)
        if found is not None:
            row = int(ordered[found[0]])
            position = int(np.searchsorted(self.starts, row, side="right")) - 1
            _refuse_bad_row(self.estimator, position, self.starts[position],
                            self.rows[position], row - self.starts[position], found[1])
        return rows[np.argsort(np.argsort(indices))]


def _checked_call(fn, block, position, *args):
    """(first bad row of the chunk or None, fn's result where there is none)."""
    found = _first_bad_row(block)
    return found, fn(block, position, *args) if found is None else None


def _checked_rows(block, fn, estimator, starts, *args, block_info=None):
    found = _first_bad_row(block)
    if found is not None:
        position = block_info[0]["chunk-location"][0]
        _refuse_bad_row(estimator, position, starts[position], len(block), *found)
    return fn(block, *args)


def _first_bad_row(block, position=None):
    """(row in the chunk, 'NaN' or 'infinity') of the first bad value, or None."""
    bad = ~np.isfinite(block)
    if not bad.any():
        return None
    row = int(np.argmax(bad.any(axis=1)))
    return row, "NaN" if np.isnan(block[row]).any() else "infinity"


def _refuse_bad_row(estimator, position, start, rows, row, kind):
    refuse_nonfinite(estimator, kind, f"chunk {position} (rows {start} to {start + rows - 1}), "
                                      f"at row {start + row}")


def _moments(block, position):
    mean = block.mean(axis=0)
    return len(block), mean, np.sum((block - mean) ** 2, axis=0)


# -- EM -------------------------------------------------------------------------------------

def weighted_log_prob(block, params, covariance_type):
    with np.errstate(divide="ignore"):
        log_weights = np.log(params.weights)
    return gaussian.log_prob(block, params.means, params.prec_chol, covariance_type) + \
        log_weights


def _log_resp(block, params, covariance_type):
    weighted = weighted_log_prob(block, params, covariance_type)
    log_norm = loglik.log_likelihood_rows(weighted)
    with np.errstate(under="ignore"):
        return float(np.sum(log_norm)), weighted - log_norm[:, None]


def _sums(block, resp, covariance_type, reference, scratch=None):
    """The sufficient statistics of the M step over one chunk, for responsibilities ``resp``:
    (soft counts, sums of the samples, second-order sums).  'full': per component, the sums
    of (x - r_k) and of (x - r_k)(x - r_k)^T about the reference points r (K, d).
    ``scratch``: two arrays shaped as ``block`` to compute in (else made here)."""
    counts, firsts = resp.sum(axis=0), resp.T @ block
    if covariance_type == "tied":
        return counts, firsts, block.T @ block
    diff, scaled = scratch if scratch is not None else (np.empty_like(block),
                                                       np.empty_like(block))
    if covariance_type != "full":
        return counts, firsts, resp.T @ np.multiply(block, block, out=diff)
    seconds = np.empty((resp.shape[1], block.shape[1], block.shape[1]))
    shifts = np.empty((resp.shape[1], block.shape[1]))
    for k in range(resp.shape[1]):
        np.subtract(block, reference[k], out=diff)
        np.multiply(diff, resp[:, k:k + 1], out=scaled)
        seconds[k] = scaled.T @ diff
        shifts[k] = scaled.sum(axis=0)
    return counts, firsts, (seconds, shifts)


def _in_parts(fn):
    """``fn(block, position, ...)``, a sum over the block's rows, computed on parts of the
    rows and added (PART_BYTES): a chunk's temporaries stay a small fraction of the chunk."""
    @functools.wraps(fn)
    def summed(block, position, *args):
        widest = max(block.shape[1], _components(args))      # (rows, d), (rows, K)
        rows = max(PART_MIN_ROWS, _part_bytes() // (8 * widest))
        if len(block) <= rows:
            return fn(block, position, *args)
        return _added([fn(block[start:start + rows], position, *args)
                       for start in range(0, len(block), rows)])
    return summed


def _em_sums(block, position, params, covariance_type):
    """(sum of the rows' log-likelihoods, the M step's sums) over a chunk: the EM pass, run
    every iteration, computes its parts of PART_BYTES in arrays made once per chunk, and so
    allocates nothing per part whatever glibc's settings (see PART_BYTES)."""
    n_features, n_components = block.shape[1], len(params.weights)
    rows = min(len(block), max(PART_MIN_ROWS,
                               PART_BYTES // (8 * max(n_features, n_components))))
    work = (np.empty((rows, n_components)), np.empty(rows), np.empty((rows, n_features)),
            np.empty((rows, n_features)))
    with np.errstate(divide="ignore"):
        log_weights = np.log(params.weights)
    return _added([_em_part(block[start:start + rows], params, log_weights, covariance_type,
                            work) for start in range(0, len(block), rows)])


def _em_part(block, params, log_weights, covariance_type, work):
    """``_em_sums`` of a part of at most as many rows as the arrays of ``work``."""
    weighted, norm, y, scaled = (a[:len(block)] for a in work)
    gaussian.log_prob(block, params.means, params.prec_chol, covariance_type, out=weighted,
                      scratch=y)
    weighted += log_weights
    shift = np.max(weighted, axis=1, out=norm)[:, None]
    weighted -= shift
    with np.errstate(under="ignore"):
        resp = np.exp(weighted, out=weighted)        # exp(a - shift): rows sum to >= 1
    total = float(np.sum(shift))
    np.sum(resp, axis=1, out=norm)
    resp /= norm[:, None]
    total += float(np.sum(np.log(norm, out=norm)))
    return total, _sums(block, resp, covariance_type, params.means, scratch=(y, scaled))


def _part_bytes():
    trim = os.environ.get("MALLOC_TRIM_THRESHOLD_", "")
    return min(PART_BYTES, int(trim) - 4096) if trim.isdigit() else PART_BYTES


def _components(args):
    """The longest first axis among the arrays in ``args`` (tuples searched): K."""
    return max([a.shape[0] for a in args if isinstance(a, np.ndarray) and a.ndim] +
               [_components(a) for a in args if isinstance(a, tuple)] + [1])


def _added(parts):
    """The element-wise sum of equal structures of arrays (tuples nest)."""
    first = parts[0]
    if isinstance(first, tuple):
        return tuple(_added([p[i] for p in parts]) for i in range(len(first)))
    total = first.copy() if isinstance(first, np.ndarray) else first
    for p in parts[1:]:
        total = total + p
    return total


def em_step(chunks, params, reg_covar, covariance_type):
    """(mean log-likelihood under ``params``, (nk, means, covariances) of the M step) in one
    pass over the chunks."""
    results = chunks.map(_em_sums, params, covariance_type)
    total = sum(r[0] for r in results)
    reference = params.means
    return total / chunks.n, estimate(_added([r[1] for r in results]), reg_covar,
                                      covariance_type, reference)


def estimate(sums, reg_covar, covariance_type, reference=None):
    """``gaussian.estimate``'s (nk, means, covariances) from the summed statistics."""
    counts, firsts, seconds = sums
    nk = counts + 10 * np.finfo(float).eps
    means = firsts / nk[:, None]
    d = means.shape[1]
    if covariance_type == "full":
        moment, shift = seconds
        covariances = np.empty((len(nk), d, d))
        for k in range(len(nk)):
            e = means[k] - reference[k]     # sum r (x-m)(x-m)^T from the sums about r
            centered = moment[k] - np.outer(shift[k], e) - np.outer(e, shift[k]) + \
                counts[k] * np.outer(e, e)
            covariances[k] = centered / nk[k]
            covariances[k].flat[::d + 1] += reg_covar
    elif covariance_type == "tied":
        covariances = (seconds - (nk * means.T) @ means) / nk.sum()
        covariances.flat[::d + 1] += reg_covar
    else:
        variances = seconds / nk[:, None] - means ** 2 + reg_covar
        covariances = variances if covariance_type == "diag" else variances.mean(axis=1)
    return nk, means, covariances


# -- initial responsibilities --------------------------------------------------------------

@_in_parts
def _nearest_sums(block, position, centers, covariance_type, reference):
    labels = np.argmin(_squared_distances(block, centers), axis=1)
    resp = np.zeros((len(block), len(centers)))
    resp[np.arange(len(block)), labels] = 1.0
    return _sums(block, resp, covariance_type, reference)


def _random_sums(block, position, seeds, n_components, covariance_type, reference):
    rng = np.random.RandomState(seeds[position])
    resp = rng.uniform(size=(len(block), n_components))
    resp = resp / resp.sum(axis=1)[:, None]
    return _sums(block, resp, covariance_type, reference)


def initial_estimate(chunks, init_params, n_components, reg_covar, covariance_type, rng):
    """(nk, means, covariances) of the M step from initial responsibilities, chunk by chunk:
    'kmeans' (each row to the nearest of k-means' centers), 'random' (drawn per chunk),
    'k-means++' and 'random_from_data' (K rows, each the one member of its component, picked
    as the in-memory fit picks them: from a sample of at most SAMPLE_ROWS rows for
    'k-means++')."""
    from .kmeans import kmeans_plusplus
    K = n_components
    if init_params == "random_from_data":
        points = chunks.take(rng.choice(chunks.n, size=K, replace=False))
        return _from_rows(chunks, points, reg_covar, covariance_type)
    if init_params == "k-means++":
        points = kmeans_plusplus(_sample(chunks, rng), K, random_state=rng)[0]
        return _from_rows(chunks, points, reg_covar, covariance_type)
    if init_params == "random":
        mean = np.broadcast_to(chunks.moments()[0], (K, chunks.d))
        seeds = rng.randint(np.iinfo(np.int32).max, size=len(chunks.rows))
        parts = chunks.map(_random_sums, seeds, K, covariance_type, mean)
        return estimate(_added(list(parts)), reg_covar, covariance_type, mean)
    centers = kmeans_centers(chunks, K, rng)
    parts = chunks.map(_nearest_sums, centers, covariance_type, centers)
    return estimate(_added(list(parts)), reg_covar, covariance_type, centers)


def _from_rows(chunks, points, reg_covar, covariance_type):
    """The M step of responsibilities that make each of ``points`` (rows of X) the one member
    of its component; 'tied' also sums X^T X over every row, as the in-memory M step does."""
    K, d = points.shape
    if covariance_type == "full":
        seconds = (np.zeros((K, d, d)), np.zeros((K, d)))
    elif covariance_type == "tied":
        seconds = _added(list(chunks.map(_gram)))
    else:
        seconds = points * points
    return estimate((np.ones(K), points.copy(), seconds), reg_covar, covariance_type, points)


@_in_parts
def _gram(block, position):
    return block.T @ block


def _sample(chunks, rng):
    """At most SAMPLE_ROWS rows drawn without replacement, in the order of X."""
    if chunks.n <= SAMPLE_ROWS:
        return chunks.take(np.arange(chunks.n))
    return chunks.take(np.sort(rng.choice(chunks.n, size=SAMPLE_ROWS, replace=False)))


def _squared_distances(X, centers):
    from .kmeans import squared_distances
    return squared_distances(X, centers)


@_in_parts
def _lloyd_sums(block, position, centers):
    labels = np.argmin(_squared_distances(block, centers), axis=1)
    counts = np.bincount(labels, minlength=len(centers))
    sums = np.zeros(centers.shape)
    np.add.at(sums, labels, block)
    return counts, sums


def kmeans_centers(chunks, n_clusters, rng):
    """k-means++ on a sample, then Lloyd iterations over every chunk until the centers move by
    at most LLOYD_TOL times the data's mean variance (in total squared distance); a cluster
    left empty keeps its center."""
    from .kmeans import kmeans_plusplus
    centers = kmeans_plusplus(_sample(chunks, rng), n_clusters, random_state=rng)[0]
    threshold = LLOYD_TOL * np.mean(chunks.moments()[1] ** 2)
    for _ in range(LLOYD_MAX_ITER):
        counts, sums = _added(list(chunks.map(_lloyd_sums, centers)))
        new = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], centers)
        shift = np.sum((new - centers) ** 2)
        centers = new
        if shift <= threshold:
            break
    return centers


# -- the gradient fit ------------------------------------------------------------------------

@_in_parts
def _objective_part(block, position, adjoint, center, scale, parts, n):
    value, grads = adjoint((block - center) / scale, *parts)
    share = len(block) / n
    return value * share, tuple(g * share for g in grads)


def objective(chunks, adjoint, center, scale):
    """``parts -> (mean log-likelihood, its gradient)`` of the standardized data, summed over
    the chunks as each chunk's mean weighted by its share of the rows."""
    def evaluate(*parts):
        results = chunks.map(_objective_part, adjoint, center, scale, parts, chunks.n)
        return sum(r[0] for r in results), _added([r[1] for r in results])
    return evaluate


# -- per-sample methods and totals ------------------------------------------------------------

def _rows_log_likelihood(block, params, covariance_type):
    return loglik.log_likelihood_rows(weighted_log_prob(block, params, covariance_type))


def _rows_component(block, params, covariance_type):
    return weighted_log_prob(block, params, covariance_type).argmax(axis=1)


def _rows_proba(block, params, covariance_type):
    return np.exp(_log_resp(block, params, covariance_type)[1])


def score_samples(chunks, params, covariance_type):
    return chunks.map_rows(_rows_log_likelihood, None, float, params, covariance_type)


def predict(chunks, params, covariance_type):
    return chunks.map_rows(_rows_component, None, np.intp, params, covariance_type)


def predict_proba(chunks, params, covariance_type):
    return chunks.map_rows(_rows_proba, len(params.weights), float, params, covariance_type)


@_in_parts
def _total_log_likelihood(block, position, params, covariance_type):
    return float(np.sum(_rows_log_likelihood(block, params, covariance_type)))


def score(chunks, params, covariance_type):
    """The mean log-likelihood of the rows, a number (a first pass: NaN and infinities
    refused)."""
    return sum(chunks.map(_total_log_likelihood, params, covariance_type)) / chunks.n
