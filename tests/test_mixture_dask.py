"""``GaussianMixture`` on dask arrays chunked by rows, against the same fit in memory.

- from the same initial parameters: the same weights, means, covariances, lower bound and
  iteration count (1e-10 relative), for the four covariance types, both optimizers and
  chunkings regular, irregular and of one chunk;
- initialisations made chunk by chunk: 'random_from_data' (and 'k-means++' and 'kmeans' on
  data no larger than the k-means++ sample) as in memory; 'kmeans', 'k-means++' and 'random'
  recovering a known mixture from data three times the sample;
- per-sample methods lazy, equal to the in-memory ones; score, bic and aic numbers;
- no task holds more than a chunk's rows: the fit never gathers the data;
- bad input: NaN and infinity named by chunk and row, column chunks, unknown chunk sizes,
  feature counts, too few rows;
- ``import sct.mixture`` imports no dask;
- a ``dask.distributed.LocalCluster`` of two worker processes, the same answer; a worker killed
  during a fit: the fit completes with the in-memory answer or raises, never part of the data.
"""
import os
import signal
import subprocess
import sys
import threading
import time
import warnings

import numpy as np
import pytest

import dask
import dask.array as da
from dask.callbacks import Callback

from sct.mixture import GaussianMixture, mixture_samples
from sct.mixture.chunked import SAMPLE_ROWS

TYPES = ("full", "tied", "diag", "spherical")
TRUE_WEIGHTS = np.array([0.5, 0.3, 0.2])
TRUE_MEANS = np.array([[0.0, 0.0, 0.0], [5.0, 5.0, 0.0], [-5.0, 4.0, 6.0]])
TRUE_COVARIANCES = np.array([np.eye(3), np.diag([0.5, 1.0, 2.0]),
                             [[1.0, 0.3, 0.0], [0.3, 1.0, 0.2], [0.0, 0.2, 0.8]]])


def sample(n, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.choice(3, size=n, p=TRUE_WEIGHTS)
    factors = np.linalg.cholesky(TRUE_COVARIANCES)
    return TRUE_MEANS[labels] + np.einsum("nij,nj->ni", factors[labels],
                                          rng.standard_normal((n, 3))) + 10.0


X = sample(1500)
CHUNKINGS = {"one": (1500, 3), "regular": (400, 3), "irregular": ((1, 700, 299, 500), (3,))}


def relative(actual, expected):
    actual, expected = np.asarray(actual, float), np.asarray(expected, float)
    return float(np.max(np.abs(actual - expected)) / np.max(np.abs(expected)))


def initial(covariance_type):
    """Initial parameters away from the optimum, the same for both fits."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = GaussianMixture(3, covariance_type=covariance_type, max_iter=2,
                                random_state=1).fit(X)
    return dict(weights_init=np.array([0.2, 0.2, 0.6]), means_init=start.means_ + 1.0,
                precisions_init=start.precisions_)


def assert_same_fit(ours, theirs, rtol=1e-10):
    for name in ("weights_", "means_", "covariances_", "precisions_cholesky_",
                 "lower_bound_", "lower_bounds_"):
        error = relative(getattr(ours, name), getattr(theirs, name))
        assert error <= rtol, f"{name}: relative difference {error:.1e}"
    assert (ours.n_iter_, ours.converged_) == (theirs.n_iter_, theirs.converged_)


@pytest.mark.parametrize("optimizer", ["em", "gradient"])
@pytest.mark.parametrize("covariance_type", TYPES)
@pytest.mark.parametrize("chunking", CHUNKINGS)
def test_fit_equals_the_fit_in_memory(covariance_type, optimizer, chunking):
    # tol: 12 to 20 iterations of either.  (At tol=1e-6 L-BFGS runs 58 iterations on 'full'
    # and the fits differ by 1e-9: sums in another order, a last bit apart, amplified along
    # the likelihood's flattest direction, well inside what that tol determines.)
    options = dict(covariance_type=covariance_type, optimizer=optimizer,
                   tol=1e-6 if optimizer == "em" else 1e-4, **initial(covariance_type))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = GaussianMixture(3, **options).fit(X)
        ours = GaussianMixture(3, **options).fit(da.from_array(X, chunks=CHUNKINGS[chunking]))
    assert theirs.n_iter_ > 3       # the comparison spans iterations
    assert_same_fit(ours, theirs)


@pytest.mark.parametrize("init_params", ["random_from_data", "k-means++", "kmeans"])
@pytest.mark.parametrize("covariance_type", TYPES)
def test_initialisations_on_data_within_the_sample_are_those_in_memory(init_params,
                                                                      covariance_type):
    """On data no larger than k-means++'s sample, the chunked k-means++ and k-means make the
    in-memory choices (Lloyd's sums in another order aside), and 'random_from_data' always."""
    assert len(X) <= SAMPLE_ROWS            # k-means++ then runs on all the rows
    options = dict(covariance_type=covariance_type, init_params=init_params, random_state=3)
    theirs = GaussianMixture(3, **options).fit(X)
    ours = GaussianMixture(3, **options).fit(da.from_array(X, chunks=(400, 3)))
    assert_same_fit(ours, theirs)


@pytest.mark.parametrize("init_params", ["kmeans", "random", "k-means++"])
def test_initialisations_recover_a_known_mixture(init_params):
    n = 3 * SAMPLE_ROWS                     # k-means++ on a sample of the rows
    data = mixture_samples(n, TRUE_WEIGHTS, TRUE_MEANS, TRUE_COVARIANCES, chunk_rows=7000,
                           seed=5)
    gm = GaussianMixture(3, init_params=init_params, random_state=0, tol=1e-8,
                         max_iter=500).fit(data)
    order = np.argsort(gm.weights_)[::-1]
    # sampling error of a mean: sqrt(variance / (n weight)), below 0.02 here; 5 of them
    np.testing.assert_allclose(gm.means_[order], TRUE_MEANS, atol=0.1)
    np.testing.assert_allclose(gm.weights_[order], TRUE_WEIGHTS, atol=0.02)
    np.testing.assert_allclose(gm.covariances_[order], TRUE_COVARIANCES, atol=0.1)


def test_per_sample_methods_are_lazy_and_equal_in_memory():
    gm = GaussianMixture(3, random_state=0).fit(X)
    chunked = da.from_array(X, chunks=(400, 3))
    for method in ("score_samples", "predict", "predict_proba"):
        lazy = getattr(gm, method)(chunked)
        assert isinstance(lazy, da.Array), method
        expected = getattr(gm, method)(X)
        assert lazy.shape == expected.shape and lazy.dtype == expected.dtype, method
        np.testing.assert_allclose(lazy.compute(), expected, rtol=1e-13, atol=1e-300)
    for method in ("score", "bic", "aic"):
        value = getattr(gm, method)(chunked)
        assert isinstance(value, float), method
        assert relative(value, getattr(gm, method)(X)) < 1e-13, method
    labels = GaussianMixture(3, random_state=0, init_params="random_from_data").fit_predict(
        chunked)
    assert isinstance(labels, da.Array)
    np.testing.assert_array_equal(labels.compute(), GaussianMixture(
        3, random_state=0, init_params="random_from_data").fit_predict(X))


class _Largest(Callback):
    """The most rows any task's result held."""

    def __init__(self):
        super().__init__()
        self.rows = 0

    def _posttask(self, key, result, dsk, state, worker_id):
        if isinstance(result, np.ndarray) and result.ndim == 2:
            self.rows = max(self.rows, result.shape[0])


@pytest.mark.parametrize("optimizer", ["em", "gradient"])
@pytest.mark.parametrize("init_params, most", [("random", 2500), ("kmeans", SAMPLE_ROWS)])
def test_no_task_holds_more_than_a_chunk(optimizer, init_params, most):
    """Every task's result holds at most a chunk's rows, or for k-means' seeding the sample of
    at most SAMPLE_ROWS rows (here a quarter of the data)."""
    data = mixture_samples(4 * SAMPLE_ROWS, TRUE_WEIGHTS, TRUE_MEANS, TRUE_COVARIANCES,
                           chunk_rows=2500)
    largest = _Largest()
    with largest, dask.config.set(scheduler="threads"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gm = GaussianMixture(3, optimizer=optimizer, init_params=init_params, random_state=0,
                             max_iter=5, tol=1e-8).fit(data)
        gm.score_samples(data).sum().compute()
    assert gm.n_iter_ >= 2
    assert 0 < largest.rows <= most


def _with(X, row, column, value):
    X = X.copy()
    X[row, column] = value
    return X


@pytest.mark.parametrize("value, word", [(np.nan, "NaN"), (np.inf, "infinity")])
def test_bad_values_are_named_by_chunk_and_row(value, word):
    bad = da.from_array(_with(X, 905, 1, value), chunks=(400, 3))
    for init_params in ("kmeans", "k-means++", "random", "random_from_data"):
        with pytest.raises(ValueError, match=rf"Input X contains {word}.* in chunk 2 \(rows "
                                             rf"800 to 1199\), at row 905"):
            GaussianMixture(3, init_params=init_params, random_state=0).fit(bad)
    with pytest.raises(ValueError, match=rf"{word}.* chunk 2 .* row 905"):
        GaussianMixture(3, **initial("full")).fit(bad)
    taken = np.random.RandomState(0).choice(len(X), size=3, replace=False)[1]    # row 9
    first = da.from_array(_with(X, taken, 0, value), chunks=(400, 3))  # a row taken first
    with pytest.raises(ValueError, match=rf"{word}.* chunk 0 \(rows 0 to 399\), at row "
                                         rf"{taken}\b"):
        GaussianMixture(3, init_params="random_from_data", random_state=0).fit(first)
    gm = GaussianMixture(3, random_state=0).fit(X)
    for method in ("score", "bic"):
        with pytest.raises(ValueError, match=rf"{word}.* chunk 2 .* row 905"):
            getattr(gm, method)(bad)
    with pytest.raises(ValueError, match=rf"{word}.* chunk 2 .* row 905"):
        gm.predict(bad).compute()


def test_badly_shaped_dask_arrays_are_refused():
    gm = GaussianMixture(3, random_state=0).fit(X)
    with pytest.raises(ValueError, match=r"chunked by rows only.*rechunk"):
        GaussianMixture(3).fit(da.from_array(X, chunks=(400, 2)))
    with pytest.raises(ValueError, match=r"X has 2 features, but GaussianMixture is "
                                         r"expecting 3 features"):
        gm.predict(da.from_array(X[:, :2], chunks=(400, 2)))
    with pytest.raises(ValueError, match=r"minimum of 2 is required"):
        GaussianMixture(1).fit(da.from_array(X[:1], chunks=(1, 3)))
    with pytest.raises(ValueError, match=r"n_samples >= n_components"):
        GaussianMixture(4).fit(da.from_array(X[:3], chunks=(2, 3)))
    unknown = da.from_array(X, chunks=(400, 3))
    unknown = unknown[unknown[:, 0] > -np.inf]          # row chunk sizes now unknown
    with pytest.raises(ValueError, match=r"compute_chunk_sizes"):
        GaussianMixture(3).fit(unknown)
    with pytest.raises(ValueError, match=r"Expected a 2D dask array"):
        GaussianMixture(3).fit(da.from_array(X[:, 0], chunks=400))


def test_importing_the_mixture_imports_no_dask():
    code = ("import sys, numpy as np, sct.mixture as m\n"
            "m.GaussianMixture(2, random_state=0).fit(np.random.default_rng(0)"
            ".standard_normal((50, 2)))\n"
            "assert 'dask' not in sys.modules, sorted(k for k in sys.modules if 'dask' in k)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_chunked_fit_imports_neither_the_compiler_nor_scipy():
    """What dask's workers import for a task: numpy alone (the compiler's rule table imports
    scipy, a second and tens of MB per worker process)."""
    code = ("import sys, sct.mixture.chunked\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'scipy' or m in "
            "('sct.api', 'sct.rules')], sorted(sys.modules)\n"
            "import sct, sct.cli\n"          # the compiler's modules imported first
            "assert sct.hessian is sct.higher.hessian and sct.forward is sct.api.forward\n")
    subprocess.run([sys.executable, "-c", code], check=True)


# -- a cluster of two worker processes --------------------------------------------------------

@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None, silence_logs=40)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.parametrize("covariance_type, optimizer", [("full", "em"), ("tied", "gradient"),
                                                        ("diag", "gradient"),
                                                        ("spherical", "em")])
def test_fit_on_a_local_cluster_equals_the_fit_in_memory(client, covariance_type, optimizer):
    options = dict(covariance_type=covariance_type, optimizer=optimizer, tol=1e-4,
                   **initial(covariance_type))
    theirs = GaussianMixture(3, **options).fit(X)
    ours = GaussianMixture(3, **options).fit(da.from_array(X, chunks=(300, 3)))
    assert_same_fit(ours, theirs)


def test_a_worker_killed_during_a_fit(client):
    """The nanny restarts the worker and dask reruns its tasks: the fit completes with the
    in-memory answer, or it raises; it never returns parameters from part of the data."""
    data = mixture_samples(200_000, TRUE_WEIGHTS, TRUE_MEANS, TRUE_COVARIANCES,
                           chunk_rows=10_000, seed=2)
    in_memory = data.compute()
    options = dict(covariance_type="full", tol=0.0, max_iter=12, **initial("full"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = GaussianMixture(3, **options).fit(in_memory)
    pids = list(client.run(os.getpid).values())
    killed = []

    def kill_one():
        time.sleep(1.0)
        os.kill(pids[0], signal.SIGKILL)
        killed.append(time.time())
    killer = threading.Thread(target=kill_one)
    started = time.time()
    killer.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ours = GaussianMixture(3, **options).fit(data)
    except Exception as err:            # dask gave up on the task: an error, not a result
        assert "KilledWorker" in type(err).__name__ or "worker" in str(err).lower(), err
    else:
        assert_same_fit(ours, theirs)
    ended = time.time()
    killer.join()
    assert killed and started < killed[0] < ended, "the worker was not killed during the fit"


@pytest.mark.parametrize("covariance_type, optimizer", [
    ("full", "em"), ("full", "gradient"), ("tied", "em"), ("diag", "em"), ("spherical", "em")])
def test_chunks_computed_in_parts_give_the_same_fit(monkeypatch, covariance_type, optimizer):
    """A chunk's pass runs on parts of its rows (chunked.PART_BYTES): here parts of 64 rows."""
    from sct.mixture import chunked
    monkeypatch.setattr(chunked, "PART_BYTES", 64 * 8 * 3)
    monkeypatch.setattr(chunked, "PART_MIN_ROWS", 1)
    options = dict(covariance_type=covariance_type, optimizer=optimizer, tol=1e-4,
                   **initial(covariance_type))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = GaussianMixture(3, **options).fit(X)
        ours = GaussianMixture(3, **options).fit(da.from_array(X, chunks=(700, 3)))
    assert_same_fit(ours, theirs)
    assert relative(ours.score(da.from_array(X, chunks=(700, 3))), theirs.score(X)) < 1e-13


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc settings")
def test_an_em_pass_faults_its_arrays_in_once_per_chunk_not_per_part():
    """dask.distributed starts its workers with MALLOC_TRIM_THRESHOLD_=65536: glibc then maps
    every array above 128 kB afresh, so parts of 2 MiB that made their own temporaries would
    fault in their pages at every part (47,000 page faults for this chunk, against 1,300 for
    arrays made once per chunk), and parts small enough to avoid that cost their overhead
    (a chunk's pass 0.19 s instead of 0.15 s)."""
    code = """if True:
        import resource, numpy as np
        from types import SimpleNamespace
        from sct.mixture import chunked, gaussian
        rng = np.random.default_rng(0)
        X = rng.standard_normal((100_000, 10))                 # 4 parts of 2 MiB per array
        params = SimpleNamespace(weights=np.full(5, 0.2), means=rng.standard_normal((5, 10)),
                                 prec_chol=np.stack([np.eye(10)] * 5))
        sizes, em_part = [], chunked._em_part
        chunked._em_part = lambda block, *args: sizes.append(len(block)) or em_part(block, *args)
        chunked._em_sums(X, 0, params, "full")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        chunked._em_sums(X, 0, params, "full")
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
        rows = chunked.PART_BYTES // (8 * 10)
        pages = rows * (5 + 1 + 2 * 10) * 8 // 4096           # the arrays made per chunk
        assert faults < 2 * pages, (faults, pages)
        assert max(sizes) == rows, sizes                       # the parts of PART_BYTES
    """
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536", "OPENBLAS_NUM_THREADS": "1"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_mixture_samples_are_the_same_rows_however_computed():
    data = mixture_samples(10_000, TRUE_WEIGHTS, TRUE_MEANS, TRUE_COVARIANCES,
                           chunk_rows=3000, seed=4)
    rows = data.compute()
    np.testing.assert_array_equal(rows, data.compute(scheduler="sync"))
    np.testing.assert_array_equal(rows[6000:9000], data.blocks[2].compute())
    assert not np.array_equal(rows[:3000], rows[3000:6000])
    nearest = np.argmin(((rows[:, None, :] - TRUE_MEANS) ** 2).sum(axis=2), axis=1)
    # each row's component drawn independently: any 1,000 consecutive rows hold all three
    assert all(len(np.unique(nearest[i:i + 1000])) == 3 for i in range(0, 10_000, 1000))


def test_parts_stay_under_the_trim_threshold_a_process_sets(monkeypatch):
    from sct.mixture import chunked
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    assert chunked._part_bytes() == chunked.PART_BYTES
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")     # a dask.distributed worker's
    assert chunked._part_bytes() == 65536 - 4096
