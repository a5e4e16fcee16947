"""ht (hand tracking): the model as the eval builds it, the rotation conventions, and the
tool against the reference where the exchange's small cases do not go: a mirrored model,
a global rotation below the 1e-4 threshold (the identity branch), whole instances."""
import copy
import math

import numpy as np
import pytest

from bench.gradbench import ht, tool
from bench.gradbench.eval import driver
from bench.gradbench.eval import ht as ev


@pytest.fixture(scope="module")
def functions():
    return ht.define()


def _check(functions, inp):
    for name, reference in (("objective", ev.reference_objective),
                            ("jacobian", ev.reference_jacobian)):
        f = functions[name]
        output = tool.to_json(f.compute(*f.arguments(inp)))
        assert driver.compare(reference(inp), output) == [], name


def test_model_is_protocols_small_model():
    m = ev.model()
    assert m["bone_count"] == 22 and len(m["bone_names"]) == 22
    fingers = [f"{f}{j}" for f in ("thumb", "index", "middle", "ring", "pinky")
               for j in range(1, 5)]
    assert m["bone_names"] == ["wrist", *fingers, "forearm"]
    assert m["parents"][0] == -1 and all(0 <= p < b for b, p in enumerate(m["parents"]) if b)
    assert len(m["base_positions"]) == 544 and len(m["weights"]) == 544
    assert all(p[3] == 1.0 for p in m["base_positions"])
    assert all(abs(sum(w) - 1.0) < 1e-6 and len(w) == 22 for w in m["weights"])
    assert len(m["triangles"]) == 1084
    assert all(0 <= v < 544 for t in m["triangles"] for v in t)
    for matrices in (m["base_relatives"], m["inverse_base_absolutes"]):
        assert np.allclose(np.array(matrices)[:, 3], [0.0, 0.0, 0.0, 1.0])   # homogeneous rows
    assert m["is_mirrored"] is False
    for variant, count in (("simple", 544), ("complicated", 1084)):
        for name, p in (("hand1_t26_c100", 100), ("hand2_t26_c192", 192)):
            inp = ev.instance(variant, name)
            assert len(inp["theta"]) == 26 and len(inp["data"]["points"]) == p
            assert len(inp["us"]) == (p if variant == "complicated" else 0)
            assert all(0 <= c < count for c in inp["data"]["correspondences"])


def _rx(a):
    return np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])


def _ry(a):
    return np.array([[math.cos(a), 0, math.sin(a)], [0, 1, 0], [-math.sin(a), 0, math.cos(a)]])


def _rz(a):
    return np.array([[math.cos(a), -math.sin(a), 0], [math.sin(a), math.cos(a), 0], [0, 0, 1]])


def test_euler_convention_is_rz_e1_ry_e2_rx_e0():
    """PROTOCOL.md: R(e) = Rz(e1) Ry(e2) Rx(e0); the reference's scipy call and the tool's
    code both give it."""
    from scipy.spatial.transform import Rotation
    angles = np.array([[0.3, -1.2, 0.7], [2.0, 0.1, -0.4], [0.0, 0.0, 0.0]])
    tool_rotations = ht.euler_rotations(angles)
    for e, r in zip(angles, tool_rotations):
        expected = _rz(e[1]) @ _ry(e[2]) @ _rx(e[0])
        assert np.allclose(r, expected, atol=1e-14)
        assert np.allclose(Rotation.from_euler("ZYX", [e[1], e[2], e[0]]).as_matrix(),
                           expected, atol=1e-14)
    w = np.array([0.4, -0.2, 1.1])
    assert np.allclose(ht.angle_axis_rotation(w), Rotation.from_rotvec(w).as_matrix(),
                       atol=1e-14)
    assert np.array_equal(ht.angle_axis_rotation(np.array([5e-5, 0.0, 5e-5])), np.eye(3))


@pytest.mark.parametrize("variant", ["simple", "complicated"])
def test_mirrored_model(functions, variant):
    inp = copy.deepcopy(ev.instance(variant, "hand1_t26_c100", 6))
    inp["data"]["model"]["is_mirrored"] = True
    _check(functions, inp)


@pytest.mark.parametrize("variant", ["simple", "complicated"])
def test_global_rotation_below_threshold_is_identity(functions, variant):
    inp = copy.deepcopy(ev.instance(variant, "hand2_t26_c192", 6))
    inp["theta"][0:3] = [3e-5, -2e-5, 4e-5]           # norm 5.4e-5 < 1e-4
    _check(functions, inp)
    f = functions["jacobian"]
    jacobian = f.compute(*f.arguments(inp))
    first = 2 if variant == "complicated" else 0
    assert np.all(jacobian[:, first:first + 3] == 0.0)   # the identity does not move


@pytest.mark.parametrize("variant,name", [("simple", "hand1_t26_c100"),
                                          ("complicated", "hand2_t26_c192")])
def test_whole_instance(functions, variant, name):
    _check(functions, ev.instance(variant, name))
