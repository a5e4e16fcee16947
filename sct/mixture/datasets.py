"""Data shipped with sct (``sct/data/``)."""
from importlib import resources

import numpy as np


def load_faithful():
    """Old Faithful: 272 eruptions, columns (eruption time, waiting time to the next), minutes.

    See ``sct/data/faithful/README.md`` for the source."""
    path = resources.files("sct").joinpath("data", "faithful", "faithful.csv")
    with resources.as_file(path) as csv:
        return np.loadtxt(csv, delimiter=",", skiprows=1)


def mixture_samples(n_samples, weights, means, covariances, chunk_rows=100_000, seed=0):
    """A dask array (n_samples, d) of draws from the Gaussian mixture (weights (K,), means
    (K, d), full covariances (K, d, d)), chunked by rows and drawn chunk by chunk when
    computed, never held whole: chunk i comes from ``np.random.default_rng((seed, i))``, so
    the same arguments give the same rows, whatever computes them.  Needs dask."""
    import dask
    import dask.array as da
    weights, means = np.asarray(weights, float), np.asarray(means, float)
    factors = np.linalg.cholesky(np.asarray(covariances, float))
    sizes = [chunk_rows] * (n_samples // chunk_rows) + \
        ([n_samples % chunk_rows] if n_samples % chunk_rows else [])
    draw = dask.delayed(_draw_chunk, pure=True)
    parts = [da.from_delayed(draw(rows, weights, means, factors, (seed, i)),
                             (rows, means.shape[1]), dtype=float)
             for i, rows in enumerate(sizes)]
    return da.concatenate(parts, axis=0)


def _draw_chunk(rows, weights, means, factors, seed, part=2 ** 12):
    """One chunk's rows, drawn ``part`` rows at a time into the chunk: each row's component,
    then per component its rows' normal draws mapped through it in buffers made once per
    chunk and written to their places.  What is allocated per part (the labels and the
    places, tens of kB) stays below the size glibc hands back to the system at once on
    dask.distributed's workers (MALLOC_TRIM_THRESHOLD_=65536, see chunked.PART_BYTES)."""
    rng = np.random.default_rng(seed)
    out = np.empty((rows, means.shape[1]))
    normal, mapped = np.empty((2, min(rows, part), means.shape[1]))
    for start in range(0, rows, part):
        piece = out[start:start + part]
        labels = rng.choice(len(weights), size=len(piece), p=weights)
        for k in range(len(weights)):
            places = np.flatnonzero(labels == k)
            rows_k = mapped[:len(places)]
            np.matmul(rng.standard_normal(out=normal[:len(places)]), factors[k].T, out=rows_k)
            rows_k += means[k]
            piece[places] = rows_k
    return out
