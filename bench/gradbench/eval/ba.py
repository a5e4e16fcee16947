"""ba: ADBench's bundle adjustment (PROTOCOL.md, ba), checked against a primal of our own.

The reference is one observation's residuals written with ``math`` and plain loops over the
coordinates, the protocol's formulas as they read (nothing of ``bench/gradbench/ba.py``); its
30 Jacobian entries are central differences, one per unknown of observation 0 (step
1e-6 * max(1, |v|)), and the weight row's entry a central difference of 1 - w².  The CSR
structure (the row pointers and the column indices) is built from the protocol's description,
entry by entry, and must match exactly.  ADBench publishes no conformance values for BA (its
README and data hold none), so there are none to check against.

The reference costs one observation's primal 32 times at every size, so the "baselines"
cases (ADBench's ba1 and ba2, whole) are checked in full too.
"""
import math
from pathlib import Path

from . import Case

DATA = Path(__file__).resolve().parents[1] / "data" / "ba"


def read(name):
    """An ADBench BA file as GradBench's input: n, m, p and the one camera, point, weight and
    feature that the tool repeats."""
    numbers = (DATA / name).read_text().split()
    n, m, p = (int(v) for v in numbers[:3])
    values = [float(v) for v in numbers[3:]]
    return {"n": n, "m": m, "p": p, "cam": values[0:11], "x": values[11:14], "w": values[14],
            "feat": values[15:17]}


def residuals(cam, x, w, feat):
    """One observation's two reprojection residuals and its weight residual."""
    r, centre, focal, principal, kappa = cam[0:3], cam[3:6], cam[6], cam[7:9], cam[9:11]
    xo = [x[j] - centre[j] for j in range(3)]
    theta2 = r[0] ** 2 + r[1] ** 2 + r[2] ** 2
    if theta2 != 0:
        theta = math.sqrt(theta2)
        omega = [r[j] / theta for j in range(3)]
        cos, sin = math.cos(theta), math.sin(theta)
        across = cross3(omega, xo)
        along = sum(omega[j] * xo[j] for j in range(3))
        xc = [xo[j] * cos + across[j] * sin + omega[j] * along * (1 - cos) for j in range(3)]
    else:
        across = cross3(r, xo)
        xc = [xo[j] + across[j] for j in range(3)]
    image = [xc[0] / xc[2], xc[1] / xc[2]]
    rho = image[0] ** 2 + image[1] ** 2
    scale = 1 + kappa[0] * rho + kappa[1] * rho ** 2
    proj = [focal * image[j] * scale + principal[j] for j in range(2)]
    return [w * (proj[j] - feat[j]) for j in range(2)], 1 - w * w


def cross3(a, b):
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]


def reference_objective(data):
    reprojection, weight = residuals(data["cam"], data["x"], data["w"], data["feat"])
    return {"reproj_error": {"elements": reprojection, "repeated": data["p"]},
            "w_err": {"element": weight, "repeated": data["p"]}}


def reference_jacobian(data):
    n, m, p = data["n"], data["m"], data["p"]
    unknowns = list(data["cam"]) + list(data["x"]) + [data["w"]]

    def rows_of(v):
        return residuals(v[0:11], v[11:14], v[14], data["feat"])[0]

    derivatives = []                       # derivatives[j] = (d row 0, d row 1) / d unknown j
    for j, v in enumerate(unknowns):
        h = 1e-6 * max(1.0, abs(v))
        up, down = list(unknowns), list(unknowns)
        up[j], down[j] = v + h, v - h
        derivatives.append([(a - b) / (2 * h) for a, b in zip(rows_of(up), rows_of(down))])
    h = 1e-6 * max(1.0, abs(data["w"]))
    weight_slope = ((1 - (data["w"] + h) ** 2) - (1 - (data["w"] - h) ** 2)) / (2 * h)
    # observation 0: camera 0, point 0, weight 0; each of its rows lists those 15 columns
    columns = list(range(11)) + [11 * n + j for j in range(3)] + [11 * n + 3 * m]
    pointers = [0]
    for count in [15] * (2 * p) + [1] * p:
        pointers.append(pointers[-1] + count)
    return {"rows": pointers[:30] + [pointers[-1]],
            "cols": columns + columns + [11 * n + 3 * m + p - 1],
            "vals": [d[0] for d in derivatives] + [d[1] for d in derivatives] + [weight_slope]}


def _cases(inputs):
    return [Case(function, data, description, lambda f=reference, d=data: f(d))
            for description, data in inputs
            for function, reference in (("objective", reference_objective),
                                        ("jacobian", reference_jacobian))]


def cases(size="small"):
    if size == "small":
        ba1 = read("ba1_n49_m7776_p31843.txt")
        unturned = {**read("test.txt"), "n": 3, "m": 4, "p": 12}
        unturned["cam"] = [0.0, 0.0, 0.0] + unturned["cam"][3:]
        return _cases([("test", read("test.txt")),
                       ("ba1's values, n=3 m=7 p=20", {**ba1, "n": 3, "m": 7, "p": 20}),
                       ("test's values without rotation, n=3 m=4 p=12", unturned)])
    return _cases([(name, read(f"{name}.txt"))
                   for name in ("ba1_n49_m7776_p31843", "ba2_n21_m11315_p36455")])
