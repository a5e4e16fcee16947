"""kmeans: n points (seeded uniform in [0, 1)^d), centroids the last k of them, so that no
cluster is empty.  References computed here with plain Python loops over points and
centroids: ``cost`` = sum_i min_j |p_i - c_j|^2 (differences, not the tool's expanded form),
``dir`` the closed form c_j - mean(S_j), S_j the points whose nearest centroid is j (ties:
the lowest j)."""
import math

import numpy as np

from . import Case

SIZES = {"small": ((1, 1, 1), (2, 5, 2), (3, 40, 3), (10, 200, 8)),
         "baselines": ((10, 1000, 8), (10, 10000, 8), (100, 1000, 8), (100, 10000, 8))}


def _assign(points, centroids):
    """Per point: (index of its nearest centroid, lowest on ties; squared distance)."""
    result = []
    for p in points:
        best, where = math.inf, -1
        for j, c in enumerate(centroids):
            dist = math.fsum((a - b) ** 2 for a, b in zip(p, c))
            if dist < best:
                best, where = dist, j
        result.append((where, best))
    return result


def _cost(points, centroids):
    return math.fsum(dist for _, dist in _assign(points, centroids))


def _direction(points, centroids):
    d = len(centroids[0])
    sums = [[0.0] * d for _ in centroids]
    counts = [0] * len(centroids)
    for p, (j, _) in zip(points, _assign(points, centroids)):
        counts[j] += 1
        sums[j] = [s + a for s, a in zip(sums[j], p)]
    return [[c - s / counts[j] for c, s in zip(centroids[j], sums[j])]
            for j in range(len(centroids))]


def cases(size="small"):
    result = []
    for k, n, d in SIZES[size]:
        points = np.random.default_rng(1000 * k + n + d).random((n, d)).tolist()
        data = {"points": points, "centroids": points[n - k:]}
        name = f"k={k},n={n},d={d}"
        result.append(Case("cost", data, name, lambda d=data: _cost(d["points"], d["centroids"])))
        result.append(Case("dir", data, name,
                           lambda d=data: _direction(d["points"], d["centroids"])))
    return result
