"""ba (bench/gradbench/ba.py) beyond the exchange: observations that all differ (the exchange's
are copies of one), rotations of angle zero (Rodrigues' other branch) and tiny ones, the whole
CSR Jacobian against central differences of the eval's reference, and the reference itself
against scipy's rotations."""
import warnings

import numpy as np
import pytest
import scipy.sparse
from scipy.spatial.transform import Rotation

import sct
from bench.gradbench import ba
from bench.gradbench.eval import ba as reference


def _problem(seed=0):
    """3 cameras (one unrotated, one turned by 1e-8), 4 points, 7 observations, all distinct,
    observation i seeing camera cam_of[i] and point point_of[i] (not i mod N, i mod M)."""
    rng = np.random.default_rng(seed)
    n, m, p = 3, 4, 7
    cams = np.empty((11, n))
    cams[0:3] = rng.normal(scale=0.5, size=(3, n))
    cams[0:3, 1] = 0.0
    cams[0:3, 2] = 1e-8 * np.array([1.0, -2.0, 0.5])
    cams[3:6] = rng.normal(size=(3, n))
    cams[3:6, :] += [[0.0], [0.0], [-10.0]]           # points in front of every camera
    cams[6] = rng.uniform(300, 500, n)
    cams[7:9] = rng.normal(scale=5, size=(2, n))
    cams[9:11] = rng.normal(scale=0.01, size=(2, n))
    X = rng.normal(size=(3, m))
    w = rng.uniform(0.3, 1.5, p)
    feats = rng.normal(scale=100, size=(2, p))
    cam_of = np.array([1, 0, 2, 1, 2, 0, 1])
    point_of = np.array([3, 1, 0, 2, 2, 3, 0])
    return cams, X, w, feats, cam_of, point_of


def _reference_residuals(cams, X, w, feats, cam_of, point_of):
    """The 3P residuals by the eval's per-observation reference."""
    pairs = [reference.residuals(list(cams[:, cam_of[i]]), list(X[:, point_of[i]]), w[i],
                                 list(feats[:, i])) for i in range(len(w))]
    return np.array([v for pair, _ in pairs for v in pair] + [weight for _, weight in pairs])


def test_objective_of_distinct_observations():
    problem = _problem()
    reprojection, weight = ba.define()["objective"].compute(*problem)
    expected = _reference_residuals(*problem)
    p = len(weight)
    np.testing.assert_allclose(reprojection.T.ravel(), expected[:2 * p], rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(weight, expected[2 * p:], rtol=1e-14)


def test_whole_csr_jacobian_against_central_differences():
    cams, X, w, feats, cam_of, point_of = problem = _problem()
    rows, cols, vals = ba.define()["jacobian"].compute(*problem)
    n, m, p = cams.shape[1], X.shape[1], len(w)
    assert rows.dtype.kind == cols.dtype.kind == "i"
    assert len(rows) == 3 * p + 1 and len(cols) == len(vals) == 31 * p
    for i in range(p):       # each row's columns in the protocol's order, not only sorted
        expected = (list(range(11 * cam_of[i], 11 * cam_of[i] + 11))
                    + list(range(11 * n + 3 * point_of[i], 11 * n + 3 * point_of[i] + 3))
                    + [11 * n + 3 * m + i])
        for k in range(2):
            assert list(cols[rows[2 * i + k]:rows[2 * i + k + 1]]) == expected
        assert list(cols[rows[2 * p + i]:rows[2 * p + i + 1]]) == [11 * n + 3 * m + i]
    dense = scipy.sparse.csr_matrix((vals, cols, rows), shape=(3 * p, 11 * n + 3 * m + p))
    unknowns = np.concatenate([cams.T.ravel(), X.T.ravel(), w])

    def residuals(v):
        c = v[:11 * n].reshape(n, 11).T
        x = v[11 * n:11 * n + 3 * m].reshape(m, 3).T
        return _reference_residuals(c, x, v[11 * n + 3 * m:], feats, cam_of, point_of)

    differences = np.empty(dense.shape)
    for j, v in enumerate(unknowns):
        h = 1e-6 * max(1.0, abs(v))
        up, down = unknowns.copy(), unknowns.copy()
        up[j], down[j] = v + h, v - h
        differences[:, j] = (residuals(up) - residuals(down)) / (2 * h)
    scale = np.maximum(1.0, np.abs(differences))
    assert np.max(np.abs(dense.toarray() - differences) / scale) < 1e-6


@pytest.mark.parametrize("r", [[0.0, 0.0, 0.0], [1e-8, -2e-8, 5e-9], [0.3, -0.2, 0.9]])
def test_rotation_derivative_in_both_modes_at_and_near_angle_zero(r):
    """Rodrigues' branch at θ = 0 (Xo + r × Xo): its derivative in r and X is the rotation's,
    by forward and reverse mode alike; np.where sends no NaN of the other branch."""
    rng = np.random.default_rng(1)
    r = np.tile(np.array(r)[:, None], 2)
    X = rng.normal(size=(3, 2))
    weights = rng.normal(size=(3, 2))

    def rotated(r, X):        # the rotation by scipy, independent of ba.rotate
        return Rotation.from_rotvec(r.T).apply(X.T).T

    def differences(which):
        out = np.empty((3, 2))
        for a in range(3):
            for b in range(2):
                args = [r.copy(), X.copy()]
                up, down = [v.copy() for v in args], [v.copy() for v in args]
                up[which][a, b] += 1e-6
                down[which][a, b] -= 1e-6
                out[a, b] = np.sum(weights * (rotated(*up) - rotated(*down))) / 2e-6
        return out

    with warnings.catch_warnings():
        warnings.simplefilter("error")          # no 0/0 anywhere, in either branch
        np.testing.assert_allclose(ba.rotate(r, X), rotated(r, X), rtol=1e-12, atol=1e-14)
        b_r, b_X = sct.grad(_weighted_rotation, wrt=(0, 1))(r, X, weights)
        d_rotate = sct.forward(ba.rotate)
        for which, adjoint in ((0, b_r), (1, b_X)):
            np.testing.assert_allclose(adjoint, differences(which), atol=1e-8)
            for a in range(3):
                seed = np.zeros((3, 2))
                seed[a] = 1.0
                tangents = (seed, np.zeros((3, 2))) if which == 0 else (np.zeros((3, 2)), seed)
                _, tangent = d_rotate(r, X, *tangents)
                np.testing.assert_allclose(np.sum(weights * tangent, axis=0), adjoint[a],
                                           rtol=1e-12, atol=1e-12)


def _weighted_rotation(r, X, weights):
    return np.sum(weights * ba.rotate(r, X))


def test_reference_against_scipy_rotation():
    """The eval's reference projection against the protocol's formulas with scipy's Rodrigues."""
    data = reference.read("test.txt")
    cam, x, w, feat = np.array(data["cam"]), np.array(data["x"]), data["w"], data["feat"]
    for r in (cam[0:3], np.zeros(3)):
        c = np.concatenate([r, cam[3:]])
        xc = Rotation.from_rotvec(r).apply(x - c[3:6])
        image = xc[:2] / xc[2]
        rho = image @ image
        proj = c[6] * image * (1 + c[9] * rho + c[10] * rho ** 2) + c[7:9]
        reprojection, weight = reference.residuals(list(c), list(x), w, feat)
        np.testing.assert_allclose(reprojection, w * (proj - feat), rtol=1e-12)
        assert weight == 1 - w * w


def test_small_cases_reach_both_branches_and_short_row_pointers():
    small = reference.cases("small")
    assert any(case.input["cam"][:3] == [0.0, 0.0, 0.0] for case in small)
    assert any(case.input["p"] < 15 for case in small)     # row pointers into the weight rows
    jacobian = next(case for case in small if case.input["p"] < 15 and case.function == "jacobian")
    rows = jacobian.reference()["rows"]
    p = jacobian.input["p"]
    assert rows[2 * p] == 30 * p and rows[2 * p + 1] == 30 * p + 1 and rows[-1] == 31 * p
