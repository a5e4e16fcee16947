"""A Gaussian mixture fitted to 10^7 rows that are never in memory at once: a dask array drawn
chunk by chunk from a known mixture, fitted by EM on a LocalCluster of two worker processes.

    python samples/gmm_dask.py [--rows N] [--chunk-rows N] [--workers N]

Each EM iteration is one pass over the chunks on the workers (the chunks are drawn again at
every pass: ``mixture_samples`` builds them from their seeds, so nothing is stored); the client
sums the per-chunk statistics and makes the M step.  A line per iteration gives the lower
bound (the mean log-likelihood) as it is reached and the time so far; then the error of the
recovered means against the true ones beside the sampling error, and the time.

Needs dask and distributed (``pip install -e '.[dask]'``).  A real cluster instead of the local
one: start ``dask scheduler`` and ``dask worker scheduler-address:8786`` on the machines, and
replace the LocalCluster below by ``client = Client("scheduler-address:8786")``; the fit is the
same code.  Data of your own: any dask array chunked by rows, all columns in one chunk, e.g.
``dask.array.from_zarr(...)`` or ``dask.dataframe.read_parquet(...).to_dask_array(lengths=True)``.
"""
import argparse
import time
import warnings

import numpy as np

D, K = 10, 5
MAX_ITER = 100


def true_mixture(seed=0):
    """Five components ten standard deviations apart or more (means 10 e_k), covariances with
    eigenvalues in [0.5, 2] in random orientations; weights 0.3 to 0.1."""
    rng = np.random.default_rng(seed)
    weights = np.array([0.3, 0.25, 0.2, 0.15, 0.1])
    means = 10.0 * np.eye(K, D)
    covariances = np.empty((K, D, D))
    for k in range(K):
        q = np.linalg.qr(rng.standard_normal((D, D)))[0]
        covariances[k] = (q * rng.uniform(0.5, 2.0, D)) @ q.T
    return weights, means, covariances


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=float, default=1e7, help="rows to draw (default 1e7)")
    parser.add_argument("--chunk-rows", type=float, default=250_000,
                        help="rows per chunk (default 250000: 20 MB)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    args = parser.parse_args()
    rows, chunk_rows = int(args.rows), int(args.chunk_rows)

    from dask.distributed import Client, LocalCluster

    from sct.mixture import ConvergenceWarning, GaussianMixture, mixture_samples

    # One thread per worker process: distributed starts its workers with OMP_NUM_THREADS,
    # OPENBLAS_NUM_THREADS and MKL_NUM_THREADS set to 1, so numpy's BLAS does not
    # oversubscribe the cores.  On a real cluster: client = Client("scheduler-address:8786").
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    try:
        weights, means, covariances = true_mixture()
        X = mixture_samples(rows, weights, means, covariances, chunk_rows=chunk_rows, seed=1)
        print(f"{rows} rows x {D} columns ({rows * D * 8 / 1e9:.2g} GB, never held whole) in "
              f"{X.numblocks[0]} chunks of up to {chunk_rows} rows, on {args.workers} "
              f"worker processes")
        # One EM iteration per fit (warm_start continues from the last one), so that each
        # iteration's lower bound is printed as it comes: a pass over the chunks each.
        model = GaussianMixture(K, max_iter=1, warm_start=True, random_state=0)
        start = time.perf_counter()
        previous, converged = -np.inf, False
        for iteration in range(1, MAX_ITER + 1):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(X)
            print(f"  iteration {iteration:3d}  lower bound {model.lower_bound_:.6f}  "
                  f"{time.perf_counter() - start:6.1f} s", flush=True)
            if abs(model.lower_bound_ - previous) < model.tol:
                converged = True
                break
            previous = model.lower_bound_
        seconds = time.perf_counter() - start
    finally:
        client.close()
        cluster.close()

    nearest = np.argmin(((means[:, None, :] - model.means_[None]) ** 2).sum(axis=2), axis=1)
    error = np.max(np.abs(model.means_[nearest] - means))
    variances = np.diagonal(covariances, axis1=1, axis2=2).max(axis=1)
    standard_error = np.sqrt(np.max(variances / (rows * weights)))
    print(f"converged: {converged} after {iteration} iterations")
    print(f"largest error of the recovered means: {error:.2g} "
          f"({error / standard_error:.2f} standard errors of {standard_error:.2g})")
    print(f"recovered weights: {np.round(model.weights_[nearest], 4)} "
          f"(true: {weights})")
    print(f"fit: {seconds:.1f} s, {seconds / iteration:.2f} s per iteration on average "
          f"(initialisation by k-means over the chunks included)")


if __name__ == "__main__":       # the worker processes re-import this module
    main()
