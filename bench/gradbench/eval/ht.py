"""ht: ADBench's hand tracking, both variants ("simple": correspondences index vertices, "us"
empty; "complicated": they index triangles, with barycentric pairs "us").

The inputs are built as GradBench's eval builds them from ADBench's files
(``bench/gradbench/data/ht/``): the small hand model (22 bones, 544 vertices, 1084
triangles; not mirrored: ADBench's model files carry no mirroring and ADBench reads them as
not mirrored) and the instances hand1_t26_c100 and hand2_t26_c192.

The reference is written here independently of the tool's code (``bench/gradbench/ht.py``):
one vertex at a time in plain loops, the bones' chain by recursion over parents, the
rotations by scipy's ``Rotation`` (``from_euler``, ``from_rotvec``), and only the vertices
the correspondences use (the tool skins all of them, as GradBench's tools do).  The Jacobian
is central differences of that primal, with step 1e-6 max(1, |x|) per parameter, a column of
theta and (complicated) a parameter us[i][k] at a time, at every size.
"""
import functools
import lzma
from pathlib import Path

import numpy as np
from scipy.spatial.transform import Rotation

from . import Case

DATA = Path(__file__).resolve().parents[1] / "data" / "ht"
INSTANCES = ("hand1_t26_c100", "hand2_t26_c192")


def _read(path):
    path = Path(path)
    if not path.exists():
        with lzma.open(path.with_name(path.name + ".xz"), "rt") as f:
            return f.read()
    return path.read_text()


@functools.lru_cache(maxsize=None)
def model():
    """The small hand model as GradBench's JSON ``data.model``."""
    names, parents, relatives, inverses = [], [], [], []
    for line in _read(DATA / "model" / "bones.txt").splitlines():
        if not line.strip():
            continue
        fields = line.split(":")
        names.append(fields[0])
        parents.append(int(fields[1]))
        numbers = [float(v) for v in fields[2:34]]
        relatives.append([numbers[4 * r:4 * r + 4] for r in range(4)])
        inverses.append([numbers[16 + 4 * r:16 + 4 * r + 4] for r in range(4)])
    positions, weights = [], []
    for line in _read(DATA / "model" / "vertices.txt").splitlines():
        if not line.strip():
            continue
        fields = line.split(":")
        # x y z, 5 numbers not used (a normal, two zeros), a count n, n (bone, weight) pairs
        positions.append([float(v) for v in fields[0:3]] + [1.0])
        count = int(fields[8])
        row = [0.0] * len(names)
        for k in range(count):
            row[int(fields[9 + 2 * k])] += float(fields[10 + 2 * k])
        weights.append(row)
    triangles = [[int(v) for v in line.split(":")]
                 for line in _read(DATA / "model" / "triangles.txt").splitlines()
                 if line.strip()]
    return {"bone_count": len(names), "bone_names": names, "parents": parents,
            "base_relatives": relatives, "inverse_base_absolutes": inverses,
            "base_positions": positions, "weights": weights, "triangles": triangles,
            "is_mirrored": False}


def instance(variant, name, correspondences=None):
    """The JSON input of ``name`` (``variant`` "simple" or "complicated"), its first
    ``correspondences`` correspondences only if given."""
    lines = _read(DATA / f"{variant}_small" / f"{name}.txt").split("\n")
    count, parameters = (int(v) for v in lines[0].split())
    rows = [line.split() for line in lines[1:1 + count]]
    rest = " ".join(lines[1 + count:]).split()
    if variant == "complicated":
        us = [[float(v) for v in rest[2 * i:2 * i + 2]] for i in range(count)]
        rest = rest[2 * count:]
    else:
        us = []
    theta = [float(v) for v in rest]
    assert len(theta) == parameters == 26, (name, len(theta))
    keep = count if correspondences is None else correspondences
    return {"theta": theta,
            "data": {"model": model(),
                     "correspondences": [int(r[0]) for r in rows[:keep]],
                     "points": [[float(v) for v in r[1:4]] for r in rows[:keep]]},
            "us": us[:keep]}


# ---- the reference, independent of bench/gradbench/ht.py ---------------------------------

def _bone_angles(theta, bone):
    """(e0, e1, e2) of a bone: fingers f = 0..4 have base bone 4f+1 and joints 4f+2..4f+4."""
    if bone < 1 or bone > 20:
        return 0.0, 0.0, 0.0
    finger, joint = divmod(bone - 1, 4)
    first = 6 + 4 * finger
    if joint == 1:
        return theta[first], theta[first + 1], 0.0
    if joint == 2:
        return theta[first + 2], 0.0, 0.0
    if joint == 3:
        return theta[first + 3], 0.0, 0.0
    return 0.0, 0.0, 0.0


def _absolute(m, theta, bone, memo):
    if bone not in memo:
        e0, e1, e2 = _bone_angles(theta, bone)
        local = np.eye(4)
        # intrinsic z, then y, then x: Rz(e1) Ry(e2) Rx(e0)
        local[:3, :3] = Rotation.from_euler("ZYX", [e1, e2, e0]).as_matrix()
        relative = np.asarray(m["base_relatives"][bone]) @ local
        parent = m["parents"][bone]
        memo[bone] = relative if parent < 0 else _absolute(m, theta, parent, memo) @ relative
    return memo[bone]


def _vertex(m, theta, transforms, v):
    """The posed vertex v, one bone at a time."""
    base = m["base_positions"][v]
    x = [0.0, 0.0, 0.0]
    for b, w in enumerate(m["weights"][v]):
        if w == 0.0:
            continue
        t = transforms[b]
        for r in range(3):
            x[r] += w * sum(t[r][c] * base[c] for c in range(4))
    if m["is_mirrored"]:
        x[0] = -x[0]
    w = theta[0:3]
    if sum(a * a for a in w) ** 0.5 < 1e-4:
        g = np.eye(3)
    else:
        g = Rotation.from_rotvec(w).as_matrix()
    return [sum(g[r][c] * x[c] for c in range(3)) + theta[3 + r] for r in range(3)]


def posed(data, theta):
    """The posed vertex v as a function of v (each computed once)."""
    m = data["model"]
    memo = {}
    transforms = [_absolute(m, theta, b, memo) @ np.asarray(m["inverse_base_absolutes"][b])
                  for b in range(m["bone_count"])]
    cache = {}

    def vertex(v):
        if v not in cache:
            cache[v] = _vertex(m, theta, transforms, v)
        return cache[v]
    return vertex


def residual(data, vertex, i, u):
    """err[3i:3i+3] of correspondence i, for the barycentric pair u (None: simple)."""
    c = data["correspondences"][i]
    if u is None:
        pos = vertex(c)
    else:
        a, b, d = data["model"]["triangles"][c]
        pa, pb, pd = vertex(a), vertex(b), vertex(d)
        pos = [u[0] * pa[j] + u[1] * pb[j] + (1.0 - u[0] - u[1]) * pd[j] for j in range(3)]
    return [data["points"][i][j] - pos[j] for j in range(3)]


def residuals(data, theta, us):
    """The residuals err (a list of 3P numbers), correspondence by correspondence."""
    vertex = posed(data, theta)
    err = []
    for i in range(len(data["correspondences"])):
        err.extend(residual(data, vertex, i, us[i] if len(us) else None))
    return err


def _central(f, x, i):
    h = 1e-6 * max(1.0, abs(x[i]))
    up, down = list(x), list(x)
    up[i] += h
    down[i] -= h
    return [(a - b) / (2 * h) for a, b in zip(f(up), f(down))]


def reference_objective(inp):
    return residuals(inp["data"], inp["theta"], inp["us"])


def reference_jacobian(inp):
    """Central differences: a column per theta parameter; in the complicated variant, per
    correspondence i the derivatives of its own three residuals in us[i][0] and us[i][1]
    (the reference's residual i reads no other pair)."""
    data, theta, us = inp["data"], inp["theta"], inp["us"]
    columns = [_central(lambda t: residuals(data, t, us), theta, k) for k in range(26)]
    rows = [list(r) for r in zip(*columns)]
    if len(us) == 0:
        return rows
    vertex = posed(data, theta)
    for i in range(len(us)):
        pair = [_central(lambda u: residual(data, vertex, i, u), us[i], k) for k in range(2)]
        for j in range(3):
            rows[3 * i + j] = [pair[0][j], pair[1][j]] + rows[3 * i + j]
    return rows


def cases(size="small"):
    """"small": each instance of both variants with its first 10 correspondences; "baselines":
    the whole instances (100 and 192 correspondences), as BASELINES.md's ht and ht_simple."""
    keep = 10 if size == "small" else None
    result = []
    for variant in ("simple", "complicated"):
        for name in INSTANCES:
            inp = instance(variant, name, keep)
            description = f"{variant} {name}" + (f" (first {keep})" if keep else "")
            result.append(Case("objective", inp, description,
                               lambda inp=inp: reference_objective(inp)))
            result.append(Case("jacobian", inp, description,
                               lambda inp=inp: reference_jacobian(inp)))
    return result
