"""The ``dask`` group: ``GaussianMixture`` on a dask array of rows drawn chunk by chunk from a
known mixture (``sct.mixture.mixture_samples``, never materialised), d = 10, K = 5, full
covariances, against the same EM in memory.

Each measurement runs in a fresh process, ``python -m bench.dask_scale KIND N CHUNK_ROWS
MAX_ITER``, which prints one line of JSON; the harness (``measure``) samples the resident
memory of that process and of all its children (a LocalCluster's worker processes) every
``SAMPLE_SECONDS`` with psutil and keeps the peak.  KIND is

- ``threads``: dask's threaded scheduler, ``WORKERS`` threads;
- ``persisted``: the same on the array's chunks drawn once and kept (``X.persist()``, before
  the timing): the EM pass alone, without drawing the chunks again;
- ``cluster``: a ``dask.distributed.LocalCluster`` of ``WORKERS`` worker processes, one thread
  each;
- ``memory``: sct's ``GaussianMixture`` on the same rows materialised as one numpy array;
- ``sklearn``: scikit-learn's ``GaussianMixture`` on that array.

Every fit starts from the same given parameters near the truth (``initial``: ``weights_init``,
``means_init``, ``precisions_init``), runs ``MAX_ITER`` EM iterations (``tol=0``) with
``verbose=2``, and the seconds per iteration are the median of the per-iteration time lapses it
prints (the first iteration excluded when there are three or more: scikit-learn's includes its
initialisation, which it runs even when the three ``*_init`` are given).  Every process runs
numpy's BLAS on one thread per worker thread (OPENBLAS/OMP/MKL_NUM_THREADS=1 in its
environment, inherited by the cluster's workers), so the two cores are not oversubscribed.
"""
import contextlib
import io
import json
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
D, K = 10, 5
WORKERS = 2                  # threads of the threaded scheduler, processes of the LocalCluster
CHUNK_ROWS = 250_000         # 20 MB of float64 per chunk at d = 10
SEED = 17
SAMPLE_SECONDS = 0.05        # the resident-memory sampling period
ERROR_FACTOR = 4             # the recovered means must be within this many standard errors
KINDS = ("threads", "cluster", "persisted", "memory", "sklearn")
LABELS = {"threads": "dask, threaded scheduler", "cluster": "dask, LocalCluster",
          "persisted": "dask, threaded, chunks persisted",
          "memory": "sct, in memory", "sklearn": "scikit-learn, in memory"}
CORES = {"threads": WORKERS, "cluster": WORKERS, "persisted": WORKERS, "memory": 1,
         "sklearn": 1}
SINGLE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def true_mixture():
    """(weights, means, covariances) of the mixture the rows are drawn from: five components
    ten standard deviations apart or more (means 10 e_k), covariances with eigenvalues in
    [0.5, 2] in random orientations."""
    rng = np.random.default_rng(SEED)
    weights = np.array([0.3, 0.25, 0.2, 0.15, 0.1])
    means = 10.0 * np.eye(K, D)
    covariances = np.empty((K, D, D))
    for k in range(K):
        q = np.linalg.qr(rng.standard_normal((D, D)))[0]
        covariances[k] = (q * rng.uniform(0.5, 2.0, D)) @ q.T
    return weights, means, covariances


def initial():
    """weights_init, means_init, precisions_init: near the truth, not at it (means 0.1 off in
    every coordinate, covariances 1.2 times too wide, equal weights)."""
    weights, means, covariances = true_mixture()
    return (np.full(K, 1.0 / K), means + 0.1, np.linalg.inv(1.2 * covariances))


def sampling_error(n):
    """The standard error of the worst-determined mean coordinate: the largest over k of
    sqrt(largest variance of component k / (n weight_k))."""
    weights, _, covariances = true_mixture()
    variances = np.diagonal(covariances, axis1=1, axis2=2).max(axis=1)
    return float(np.sqrt(np.max(variances / (n * weights))))


def mean_error(means):
    """The largest coordinate error of the recovered means, each true mean matched to the
    nearest recovered one."""
    truth = true_mixture()[1]
    nearest = np.argmin(((truth[:, None, :] - means[None, :, :]) ** 2).sum(axis=2), axis=1)
    return float(np.max(np.abs(means[nearest] - truth)))


def samples(n, chunk_rows):
    from sct.mixture import mixture_samples
    weights, means, covariances = true_mixture()
    return mixture_samples(n, weights, means, covariances, chunk_rows=chunk_rows, seed=SEED)


LAPSE = re.compile(r"Iteration (\d+)\s+time lapse ([0-9.]+)s")


def seconds_per_iteration(lapses):
    """The median lapse, the first iteration left out when three or more were run."""
    return statistics.median(lapses[1:] if len(lapses) >= 3 else lapses)


def fit(kind, n, chunk_rows, max_iter):
    """One timed fit in this process; its figures (a dict)."""
    weights_init, means_init, precisions_init = initial()
    options = dict(max_iter=max_iter, tol=0, weights_init=weights_init, means_init=means_init,
                   precisions_init=precisions_init, verbose=2, verbose_interval=1)
    X = samples(n, chunk_rows)
    client = cluster = None
    if kind == "sklearn":
        from sklearn.mixture import GaussianMixture
        X = X.compute(scheduler="threads")
        options["init_params"] = "random_from_data"     # its cheapest; the result is replaced
    else:
        from sct.mixture import GaussianMixture
        if kind == "memory":
            X = X.compute(scheduler="threads")
        elif kind == "persisted":
            X = X.persist(scheduler="threads")
        elif kind == "cluster":
            from dask.distributed import Client, LocalCluster
            cluster = LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    import dask
    model = GaussianMixture(K, **options)
    import psutil
    before = tree_rss(psutil.Process())
    children_before = process_rss(psutil.Process(), children_only=True)
    out = io.StringIO()
    scheduler = {"scheduler": "threads", "num_workers": WORKERS} \
        if kind in ("threads", "persisted") else {}
    try:
        with dask.config.set(**scheduler), contextlib.redirect_stdout(out), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")             # ConvergenceWarning: tol=0
            start = time.perf_counter()
            model.fit(X)
            seconds = time.perf_counter() - start
    finally:
        if client is not None:
            client.close()
            cluster.close()
    lapses = [float(t) for _, t in LAPSE.findall(out.getvalue())]
    if len(lapses) != max_iter:
        raise RuntimeError(f"expected {max_iter} iteration lines from verbose=2, got "
                           f"{len(lapses)}: {out.getvalue()[-500:]!r}")
    return {"kind": kind, "n": n, "chunk_rows": chunk_rows, "max_iter": max_iter,
            "lapses": lapses, "iteration": seconds_per_iteration(lapses), "fit": seconds,
            "lower_bound": float(model.lower_bound_), "mean_error": mean_error(model.means_),
            "sampling_error": sampling_error(n), "rss_before": before,
            "children_rss_before": children_before}


def tree_rss(process):
    """Resident bytes of a psutil process and all its descendants (those that vanish while
    being read count nothing)."""
    return sum(process_rss(process).values())


def process_rss(process, children_only=False):
    """{pid: resident bytes} of a psutil process (unless ``children_only``) and of all its
    descendants (a LocalCluster's worker processes), those that vanish while being read left
    out; the pids as strings (JSON's keys)."""
    import psutil
    found = {}
    for p in [*([] if children_only else [process]), *process.children(recursive=True)]:
        try:
            found[str(p.pid)] = p.memory_info().rss
        except psutil.Error:
            pass
    return found


def measure(kind, n, chunk_rows, max_iter, timeout=3600):
    """Run ``fit`` in a fresh process, sampling the resident memory of its process tree every
    SAMPLE_SECONDS; its figures plus ``peak_rss`` (bytes) and ``wall`` (seconds, the whole
    process: imports, data, cluster start and stop).  ``rss_before`` is the tree's resident
    memory just before the fit (modules imported, the cluster started, in-memory data made);
    ``child_growth`` the largest growth of one child process (a LocalCluster's worker) from
    then to its peak, None without children."""
    import psutil
    env = {**os.environ, **SINGLE_THREAD}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.dask_scale", kind, str(n),
                             str(chunk_rows), str(max_iter)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched, peak, peaks = psutil.Process(proc.pid), 0, {}
    try:
        while proc.poll() is None:
            sample = process_rss(watched)
            peak = max(peak, sum(sample.values()))
            peaks.update({pid: max(rss, peaks.get(pid, 0)) for pid, rss in sample.items()})
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"dask {kind} n={n}: no answer after {timeout} s")
            time.sleep(SAMPLE_SECONDS)
        stdout, stderr = proc.communicate()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    if proc.returncode != 0:
        lines = [line for line in stderr.strip().splitlines() if line.strip()]
        raise RuntimeError(f"dask {kind} n={n} failed: {lines[-1] if lines else '?'}")
    result = json.loads(stdout.strip().splitlines()[-1])
    before = result.pop("children_rss_before")
    growth = [peaks[pid] - rss for pid, rss in before.items() if pid in peaks]
    result.update(peak_rss=peak, wall=time.perf_counter() - start,
                  child_growth=max(growth, default=None))
    return result


def main(argv):
    kind, n, chunk_rows, max_iter = argv
    if kind not in KINDS:
        raise SystemExit(f"unknown kind {kind!r}: one of {', '.join(KINDS)}")
    print(json.dumps(fit(kind, int(float(n)), int(float(chunk_rows)), int(max_iter))))


if __name__ == "__main__":
    main(sys.argv[1:])
