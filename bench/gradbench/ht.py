"""GradBench's ``ht`` eval (ADBench's hand tracking), by sct.

A hand model of 22 bones skins its vertices (linear blend skinning) in the pose that theta
gives: theta[0:3] an angle-axis rotation and theta[3:6] a translation of the whole hand,
theta[6:26] the Euler angles of the finger joints.  The residuals are the observed points
minus the posed vertices they correspond to ("simple", ``us`` empty) or minus a barycentric
combination of a triangle's posed vertices ("complicated").  PROTOCOL.md's ht section is
the definition followed here.

The Jacobian is sct's forward mode, a sweep per column: ``sct.forward`` with respect to each
part of theta (the rotation theta[0:3], the translation theta[3:6], the finger angles
theta[6:26]) alone, with unit tangents, so that the global pose's six sweeps carry no tangent
through the skinning (sct's activity analysis drops it); in the complicated variant two more
sweeps, with tangents on all of ``us[:, 0]`` and then on all of ``us[:, 1]`` at once:
residual i depends only on ``us[i]``, so each sweep gives one of the two packed columns.
Every sweep skins all the vertices, as GradBench's tools do.  ``define()`` compiles all of
them (``sct.jacobian`` would compile at its first call, inside the first timed run).
"""
import numpy as np

import sct

from .tool import Function


def euler_rotations(angles):
    """R(e) = Rz(e1) Ry(e2) Rx(e0) for each row e of ``angles``: shape (B, 3, 3)."""
    c = np.cos(angles)
    s = np.sin(angles)
    rx = np.zeros((len(angles), 3, 3))
    rx[:, 0, 0] = 1.0
    rx[:, 1, 1] = c[:, 0]
    rx[:, 1, 2] = -s[:, 0]
    rx[:, 2, 1] = s[:, 0]
    rx[:, 2, 2] = c[:, 0]
    rz = np.zeros((len(angles), 3, 3))
    rz[:, 0, 0] = c[:, 1]
    rz[:, 0, 1] = -s[:, 1]
    rz[:, 1, 0] = s[:, 1]
    rz[:, 1, 1] = c[:, 1]
    rz[:, 2, 2] = 1.0
    ry = np.zeros((len(angles), 3, 3))
    ry[:, 0, 0] = c[:, 2]
    ry[:, 0, 2] = s[:, 2]
    ry[:, 1, 1] = 1.0
    ry[:, 2, 0] = -s[:, 2]
    ry[:, 2, 2] = c[:, 2]
    return rz @ ry @ rx


def angle_axis_rotation(w):
    """The rotation by angle |w| about the axis w (Rodrigues); the identity for |w| < 1e-4."""
    angle = np.sqrt(np.sum(w * w))
    if angle < 1e-4:
        return np.eye(3)
    k = w / angle
    cross = np.array([[0.0, -k[2], k[1]],
                      [k[2], 0.0, -k[0]],
                      [-k[1], k[0], 0.0]])
    return np.eye(3) + np.sin(angle) * cross + (1.0 - np.cos(angle)) * (cross @ cross)


def joint_angles(finger_angles, bone_count):
    """The Euler angles of every bone (theta[6:26] = ``finger_angles``: four a finger): zero
    but the three joints of each finger."""
    fingers = finger_angles.reshape(5, 4)
    angles = np.zeros((bone_count, 3))
    angles[2:22:4, 0] = fingers[:, 0]       # bone 4f+2: (theta[6+4f], theta[7+4f], 0)
    angles[2:22:4, 1] = fingers[:, 1]
    angles[3:22:4, 0] = fingers[:, 2]       # bone 4f+3: (theta[8+4f], 0, 0)
    angles[4:22:4, 0] = fingers[:, 3]       # bone 4f+4: (theta[9+4f], 0, 0)
    return angles


def posed_vertices(rotation, translation, finger_angles, model):
    """Every vertex of the hand in the pose theta = (rotation, translation, finger_angles):
    shape (V, 3)."""
    bone_count = len(model["parents"])
    rotations = euler_rotations(joint_angles(finger_angles, bone_count))
    homogeneous = np.zeros((bone_count, 4, 4))
    homogeneous[:, :3, :3] = rotations
    homogeneous[:, 3, 3] = 1.0
    relatives = model["base_relatives"] @ homogeneous
    absolutes = []
    for b in range(bone_count):
        parent = model["parents"][b]
        if parent < 0:
            absolutes.append(relatives[b])
        else:
            absolutes.append(absolutes[parent] @ relatives[b])
    transforms = np.stack(absolutes) @ model["inverse_base_absolutes"]
    # each vertex's blend of the bones' transforms (its 3 x 4 top rows), applied to it
    blended = (model["weights"] @ transforms[:, :3, :].reshape(bone_count, 12)).reshape(-1, 3, 4)
    positions = np.einsum("vij,vj->vi", blended, model["base_positions"])
    if model["is_mirrored"]:
        positions = positions * np.array([-1.0, 1.0, 1.0])
    return positions @ angle_axis_rotation(rotation).T + translation


def objective_simple(rotation, translation, finger_angles, model, correspondences, points):
    """points[i] - pos[correspondences[i]], flattened row by row: shape (3P,)."""
    positions = posed_vertices(rotation, translation, finger_angles, model)
    return np.ravel(points - positions[correspondences])


def objective_complicated(rotation, translation, finger_angles, us, model, correspondences,
                          points):
    """points[i] - (u0 pos_a + u1 pos_b + (1 - u0 - u1) pos_c) for triangle (a, b, c) =
    triangles[correspondences[i]] and (u0, u1) = us[i], flattened row by row."""
    positions = posed_vertices(rotation, translation, finger_angles, model)
    corners = model["triangles"][correspondences]
    u0 = us[:, 0:1]
    u1 = us[:, 1:2]
    surface = u0 * positions[corners[:, 0]] + u1 * positions[corners[:, 1]] + \
        (1.0 - u0 - u1) * positions[corners[:, 2]]
    return np.ravel(points - surface)


def arguments(data):
    """The JSON input as the arguments of the objective of its variant (theta split into its
    three parts), after a flag saying which variant it is."""
    model = data["data"]["model"]
    arrays = {
        "parents": tuple(int(p) for p in model["parents"]),
        "base_relatives": np.array(model["base_relatives"], dtype=float),
        "inverse_base_absolutes": np.array(model["inverse_base_absolutes"], dtype=float),
        "base_positions": np.array(model["base_positions"], dtype=float),
        "weights": np.array(model["weights"], dtype=float),
        "triangles": np.array(model["triangles"], dtype=np.int64).reshape(-1, 3),
        "is_mirrored": bool(model["is_mirrored"]),
    }
    theta = np.array(data["theta"], dtype=float)
    pose = (theta[0:3], theta[3:6], theta[6:26])
    us = np.array(data["us"], dtype=float).reshape(-1, 2)
    rest = (arrays, np.array(data["data"]["correspondences"], dtype=np.int64),
            np.array(data["data"]["points"], dtype=float).reshape(-1, 3))
    if len(us) == 0:
        return (False, *pose, *rest)
    return (True, *pose, us, *rest)


POSE = ("rotation", "translation", "finger_angles")     # theta[0:3], theta[3:6], theta[6:26]


def forward_columns(tangent, args, position):
    """The Jacobian's columns with respect to the vector args[position], one forward sweep of
    ``tangent`` (sct.forward with respect to that parameter alone) with each unit tangent."""
    columns = []
    for k in range(len(args[position])):
        direction = np.zeros(len(args[position]))
        direction[k] = 1.0
        columns.append(tangent(*args, direction)[1])
    return columns


def define():
    simple = [sct.forward(objective_simple, wrt=name) for name in POSE]
    complicated = [sct.forward(objective_complicated, wrt=name) for name in POSE]
    tangent_us = sct.forward(objective_complicated, wrt="us")

    def objective(is_complicated, *args):
        if is_complicated:
            return objective_complicated(*args)
        return objective_simple(*args)

    def jacobian(is_complicated, *args):
        """The complicated variant's two us columns first, each a forward sweep with tangents
        on all of us[:, k] at once; then d err / d theta, a forward sweep per column, by the
        derivative with respect to the part of theta the column is in."""
        columns = []
        if is_complicated:
            us = args[3]
            for k in range(2):
                direction = np.zeros_like(us)
                direction[:, k] = 1.0
                columns.append(tangent_us(*args, direction)[1])
        for position, tangent in enumerate(complicated if is_complicated else simple):
            columns.extend(forward_columns(tangent, args, position))
        return np.stack(columns, axis=1)

    return {"objective": Function(objective, arguments=arguments),
            "jacobian": Function(jacobian, arguments=arguments)}
