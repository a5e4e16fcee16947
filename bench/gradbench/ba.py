"""GradBench's ``ba`` eval: ADBench's bundle adjustment, its residuals and their sparse Jacobian.

The input is one camera, one point, one weight and one feature, which ``arguments`` expands
(untimed) into N cameras, M points, P weights and features, observation i seeing point
i mod M from camera i mod N.  Nothing below knows that the copies are equal: every
observation's residuals and derivatives are computed from its own camera and point.

Residuals of observation i: ``w_i (proj(cam, X) - feat_i)`` (two) and ``1 - w_i**2``.  Each
depends on observation i's own 15 unknowns only (11 of its camera, 3 of its point, its weight),
so the Jacobian is block sparse, and one reverse sweep of sct's gradient of the *sum* of one
residual component over all observations, with respect to the cameras and points gathered per
observation, gives that component's row of every observation's block at once (the gradient of
a sum of functions of disjoint arguments is the stack of their gradients).  Two such sweeps
give the 2P reprojection rows, one more the P weight rows; the CSR matrix is assembled from
them (timed: ``jacobian`` builds all 31P entries).
"""
import numpy as np

import sct

from .tool import Function


def cross(a, b):
    """a x b for 3-vectors stored as the columns of (3, P) arrays (np.cross(a, b, axis=0)
    returns a view laid out vector by vector, which makes every later operation on it slow)."""
    return np.stack([a[1] * b[2] - a[2] * b[1],
                     a[2] * b[0] - a[0] * b[2],
                     a[0] * b[1] - a[1] * b[0]])


def rotate(r, X):
    """Rodrigues: column j of X rotated by the angle-axis vector in column j of r.

    With omega = r / theta, X cos(theta) + (omega x X) sin(theta) + omega (omega . X)
    (1 - cos(theta)) is X cos(theta) + (r x X) sin(theta) / theta + r (r . X) (1 - cos(theta)) /
    theta^2, and where theta = 0 the protocol's X + r x X: the same three terms with the
    coefficients 1, 1, 0.  np.where picks each observation's coefficients (numbers, not
    vectors), from theta taken at 1 where r = 0 so that no branch divides 0 by 0 (with theta =
    np.sqrt(theta2), the untaken branch's NaN reaches sct's reverse sweep through products
    that follow a reduction: the gradient would be NaN there)."""
    theta2 = np.sum(r * r, axis=0)
    turned = theta2 != 0.0
    safe2 = np.where(turned, theta2, 1.0)
    theta = np.sqrt(safe2)
    cos = np.cos(theta)
    c_x = np.where(turned, cos, 1.0)
    c_cross = np.where(turned, np.sin(theta) / theta, 1.0)
    c_along = np.where(turned, (1.0 - cos) / safe2, 0.0)
    along = np.sum(r * X, axis=0)
    return X * c_x + cross(r, X) * c_cross + r * (along * c_along)


def project(cams, X):
    """The image point of column j of X seen by the camera in column j of cams."""
    Xc = rotate(cams[0:3], X - cams[3:6])
    p = Xc[0:2] / Xc[2]
    rho = np.sum(p * p, axis=0)
    p = p * (1.0 + cams[9] * rho + cams[10] * rho * rho)
    return cams[6] * p + cams[7:9]


def reprojection_errors(cams, X, w, feats):
    """Observation j's two residuals in column j; cams and X hold observation j's in column j."""
    return w * (project(cams, X) - feats)


def weight_errors(w):
    return 1.0 - w * w


def reprojection_error_sum(cams, X, w, feats, k):
    """Component k of the reprojection residuals, summed over the observations (written out,
    not as reprojection_errors(...)[k]: one call less, and sct's adjoint of a call runs the
    callee's body once more, at every level of the calls)."""
    return np.sum(w * (project(cams, X)[k] - feats[k]))


def weight_error_sum(w):
    return np.sum(weight_errors(w))


def expand(data):
    """The input's one camera, point, weight and feature, copied N, M, P and P times.

    Arrays hold one parameter a row (cams is 11 x N, X is 3 x M, feats 2 x P), so that each
    row is contiguous over the cameras, points or observations: numpy's operations on rows
    of a (3, P) array run over P numbers at a time, on the columns of a (P, 3) one over 3.
    """
    n, m, p = int(data["n"]), int(data["m"]), int(data["p"])
    column = lambda values, count: np.tile(np.asarray(values, dtype=float)[:, None], count)
    cams, X = column(data["cam"], n), column(data["x"], m)
    w, feats = np.full(p, float(data["w"])), column(data["feat"], p)
    observations = np.arange(p)
    return cams, X, w, feats, observations % n, observations % m


def define():
    residual_gradient = sct.grad(reprojection_error_sum, wrt=(0, 1, 2))
    weight_gradient = sct.grad(weight_error_sum)

    def observed(cams, X, cam_of, point_of):
        """Each observation's camera and point, a column each: np.take, because numpy lays
        out cams[:, cam_of] column by column in memory, which would undo expand's layout."""
        return np.take(cams, cam_of, axis=1), np.take(X, point_of, axis=1)

    def objective(cams, X, w, feats, cam_of, point_of):
        seen_by, seen = observed(cams, X, cam_of, point_of)
        return reprojection_errors(seen_by, seen, w, feats), weight_errors(w)

    def jacobian(cams, X, w, feats, cam_of, point_of):
        """The 3P x (11N + 3M + P) Jacobian in CSR form: (row pointers, columns, values)."""
        n, m, p = cams.shape[1], X.shape[1], len(w)
        seen_by, seen = observed(cams, X, cam_of, point_of)
        values, cols = np.empty(31 * p), np.empty(31 * p, dtype=np.int64)
        # rows 2i and 2i + 1 first, 15 entries each: 11 of camera cam_of[i], 3 of point
        # point_of[i], 1 of weight i; then one entry per weight row
        blocks, block_cols = values[:30 * p].reshape(p, 2, 15), cols[:30 * p].reshape(p, 2, 15)
        for k in range(2):
            d_cams, d_X, d_w = residual_gradient(seen_by, seen, w, feats, k)
            blocks[:, k, 0:11] = d_cams.T
            blocks[:, k, 11:14] = d_X.T
            blocks[:, k, 14] = d_w
        values[30 * p:] = weight_gradient(w)
        weights = 11 * n + 3 * m + np.arange(p)
        block_cols[:, :, 0:11] = (11 * cam_of[:, None] + np.arange(11))[:, None, :]
        block_cols[:, :, 11:14] = (11 * n + 3 * point_of[:, None] + np.arange(3))[:, None, :]
        block_cols[:, :, 14] = weights[:, None]
        cols[30 * p:] = weights
        rows = np.concatenate([np.arange(0, 30 * p + 1, 15), 30 * p + np.arange(1, p + 1)])
        return rows, cols, values

    return {"objective": Function(objective, arguments=expand, output=objective_json),
            "jacobian": Function(jacobian, arguments=expand, output=jacobian_json)}


def objective_json(result):
    reprojection, weight = result
    return {"reproj_error": {"elements": [float(v) for v in reprojection[:, 0]],
                             "repeated": len(weight)},
            "w_err": {"element": float(weight[0]), "repeated": len(weight)}}


def jacobian_json(result):
    """GradBench's summary of the CSR arrays: the first 30 entries of each and the last."""
    return {name: [v.item() for v in array[:30]] + [array[-1].item()]
            for name, array in zip(("rows", "cols", "vals"), result)}
