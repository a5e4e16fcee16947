"""GradBench's ``kmeans`` eval: the k-means cost and the Newton direction for the
centroids, from sct's gradient and one sct Hessian-vector product.

``cost`` is sum_i min_j |p_i - c_j|^2, the squared distances expanded as
|p|^2 - 2 p.c + |c|^2 (one matrix product, instead of an n x k x d array of differences),
with |p_i|^2, the same for every j, taken out of the minimum (one n x k pass less).  The
k x n layout (a row per centroid, the minimum over the first axis) makes the minimum and
the sums of the derivatives elementwise operations on rows of n: numpy's reductions over a
short last axis are 4-10 times slower (np.min over k = 10 columns of 10,000 rows: 0.42 ms,
over 10 rows of 10,000 columns: 0.026 ms).
``dir`` is J / diag(H), J = d cost / dC by ``sct.grad``; H is diagonal (each coordinate of
a centroid appears only in its own cluster's terms), so its diagonal is H times the all-ones
vector of C's shape: one ``sct.hvp`` (forward over reverse), as GradBench's JAX and PyTorch
tools do.  No closed form (c_j - mean of its cluster) is used.
"""
import numpy as np

import sct

from .tool import Function


def cost(points, centroids):
    # shifted[j, i] = |p_i - c_j|^2 - |p_i|^2: a row per centroid
    shifted = np.sum(centroids * centroids, axis=1)[:, None] - 2.0 * centroids @ points.T
    return np.sum(points * points) + np.sum(np.min(shifted, axis=0))


def _arguments(data):
    return (np.asarray(data["points"], dtype=float),
            np.asarray(data["centroids"], dtype=float))


def define():
    gradient = sct.grad(cost, wrt=1)
    hvp = sct.hvp(cost, wrt=1)

    def direction(points, centroids):
        return gradient(points, centroids) / hvp(points, centroids, np.ones_like(centroids))

    return {"cost": Function(cost, arguments=_arguments),
            "dir": Function(direction, arguments=_arguments)}
