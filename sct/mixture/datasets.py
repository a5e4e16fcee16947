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


def _draw_chunk(rows, weights, means, factors, seed, part=2 ** 15):
    """One chunk's rows, drawn ``part`` rows at a time into the chunk (the temporaries of a
    part only beside it)."""
    rng = np.random.default_rng(seed)
    out = np.empty((rows, means.shape[1]))
    for start in range(0, rows, part):
        piece = out[start:start + part]
        labels = rng.choice(len(weights), size=len(piece), p=weights)
        z = rng.standard_normal(piece.shape)
        for k in range(len(weights)):
            chosen = labels == k
            piece[chosen] = means[k] + z[chosen] @ factors[k].T
    return out
