"""Jacobians and Hessians over the program corpus, against finite differences.

For every corpus program whose value is a number, ``sct.hessian`` (forward mode over sct's own
reverse-mode code) is compared, for each differentiated argument, with central differences of
``sct.grad``, and ``sct.hvp`` with the Hessian times a random vector.  For every program whose
value is an array, ``sct.jacobian`` in forward and in reverse mode is compared with central
differences of the function.  A program sct cannot take to second order says so with
``HESSIAN_REFUSED`` (a substring of the expected ``SctError``); one that reverse mode refuses
with ``REVERSE_REFUSED``.
"""
import numpy as np
import pytest

import sct
from checker import STEP
from sct.errors import SctError
from test_corpus import PROGRAMS, corpus_on_path, load, wrt_of  # noqa: F401 (fixture)


def _kind(path):
    module = load(path)
    if getattr(module, "REVERSE_REFUSED", None):
        return None
    value = module.f(*module.ARGS)
    if isinstance(value, tuple):
        return None
    return "scalar" if np.ndim(value) == 0 else "array"


def _programs(kind):
    import sys
    sys.path.insert(0, str(PROGRAMS[0].parent))
    try:
        return [p for p in PROGRAMS if _kind(p) == kind]
    finally:
        sys.path.remove(str(PROGRAMS[0].parent))


SCALAR = _programs("scalar")
ARRAY = _programs("array")


def _shift(args, i, delta):
    out = list(args)
    out[i] = np.asarray(args[i], dtype=float) + delta
    if np.ndim(args[i]) == 0:
        out[i] = float(out[i])
    return out


def _scale(x):
    return max(1.0, float(np.max(np.abs(x)))) if np.size(x) else 1.0


def test_enough_programs():
    assert len(SCALAR) >= 30 and len(ARRAY) >= 5


@pytest.mark.parametrize("path", SCALAR, ids=[p.stem for p in SCALAR])
def test_hessian(path):
    module = load(path)
    refused = getattr(module, "HESSIAN_REFUSED", None)
    rng = np.random.default_rng(1)
    for i in wrt_of(module):
        x = module.ARGS[i]
        if refused:
            with pytest.raises(SctError, match=refused):
                sct.hessian(module.f, wrt=i)(*module.ARGS)
            return
        hessian = sct.hessian(module.f, wrt=i)(*module.ARGS)
        assert np.shape(hessian) == np.shape(x) + np.shape(x)
        gradient = sct.grad(module.f, wrt=i)
        h = STEP * _scale(x)
        columns = []
        for e in np.eye(np.size(x)):
            e = e.reshape(np.shape(x))
            plus = gradient(*_shift(module.ARGS, i, h * e))
            minus = gradient(*_shift(module.ARGS, i, -h * e))
            columns.append(np.ravel((np.asarray(plus) - np.asarray(minus)) / (2 * h)))
        reference = np.reshape(np.stack(columns, axis=-1), np.shape(hessian))
        scale = max(1.0, float(np.max(np.abs(reference))))
        np.testing.assert_allclose(hessian, reference, rtol=1e-5, atol=1e-6 * scale)
        v = rng.standard_normal(np.shape(x))
        v = float(v) if np.ndim(x) == 0 else v
        product = sct.hvp(module.f, wrt=i)(*module.ARGS, v)
        expected = np.tensordot(hessian, v, axes=np.ndim(x))
        np.testing.assert_allclose(product, expected, rtol=1e-10, atol=1e-10 * scale)


@pytest.mark.parametrize("mode", ["forward", "reverse", "auto"])
@pytest.mark.parametrize("path", ARRAY, ids=[p.stem for p in ARRAY])
def test_jacobian(path, mode):
    module = load(path)
    for i in wrt_of(module):
        x = module.ARGS[i]
        jac = sct.jacobian(module.f, wrt=i, mode=mode)(*module.ARGS)
        value = module.f(*module.ARGS)
        assert np.shape(jac) == np.shape(value) + np.shape(x)
        h = STEP * _scale(x)
        columns = []
        for e in np.eye(np.size(x)):
            e = e.reshape(np.shape(x))
            plus = module.f(*_shift(module.ARGS, i, h * e))
            minus = module.f(*_shift(module.ARGS, i, -h * e))
            columns.append(np.ravel((np.asarray(plus) - np.asarray(minus)) / (2 * h)))
        reference = np.reshape(np.stack(columns, axis=-1), np.shape(jac))
        scale = max(1.0, float(np.max(np.abs(reference))))
        np.testing.assert_allclose(jac, reference, rtol=1e-5, atol=1e-6 * scale)


def test_jacobian_of_several_arguments():
    module = load(ARRAY[0])
    wrt = wrt_of(module)
    together = sct.jacobian(module.f, wrt=tuple(wrt))(*module.ARGS)
    assert isinstance(together, tuple) and len(together) == len(wrt)
    for k, i in enumerate(wrt):
        np.testing.assert_allclose(together[k], sct.jacobian(module.f, wrt=i)(*module.ARGS))


def test_forward_jacobian_of_several_arguments_one_block_each(tmp_path, monkeypatch):
    """Forward mode with a tuple wrt: each block from a derivative with respect to its own
    parameter (keyword-only ones with defaults too), against central differences; the blocks
    in the order of wrt."""
    import importlib
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "blocks.py").write_text(
        "import numpy as np\n\n\ndef f(a, b, *, c=(1.0, 1.0), scale=2.0):\n"
        "    heavy = np.tanh(np.outer(a, a)) @ np.sin(a)\n"
        "    return scale * heavy + b[0] * np.cos(a) * c[1] + b[1] * c[0] ** 2\n")
    m = importlib.import_module("blocks")
    a, b, c = np.array([0.3, -0.7, 1.1]), np.array([0.5, -1.5]), np.array([0.8, 1.7])
    blocks = sct.jacobian(m.f, wrt=("c", "a", "b", "scale"), mode="forward")(a, b, c=c)
    args = {"a": a, "b": b, "c": c, "scale": 2.0}
    for name, block in zip(("c", "a", "b", "scale"), blocks):
        x = np.atleast_1d(args[name])
        columns = []
        for e in np.eye(np.size(x)):
            up, down = dict(args), dict(args)
            up[name], down[name] = x + STEP * e, x - STEP * e
            if name == "scale":
                up[name], down[name] = float(up[name][0]), float(down[name][0])
            columns.append((m.f(up.pop("a"), up.pop("b"), **up)
                            - m.f(down.pop("a"), down.pop("b"), **down)) / (2 * STEP))
        expected = np.stack(columns, axis=-1).reshape(np.shape(block))
        np.testing.assert_allclose(block, expected, rtol=1e-6, atol=1e-8)


def test_jacobian_mode_is_checked():
    with pytest.raises(ValueError, match="mode must be"):
        sct.jacobian(load(ARRAY[0]).f, mode="sideways")


def test_hessian_through_np_average(tmp_path, monkeypatch):
    """np.average with weights: the Hessian in the averaged values is exact (against central
    differences of the gradient); in the weights it would be a second derivative of the
    adjoint that sct does not have, refused by name rather than given as zero."""
    import importlib
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "averages.py").write_text(
        "import numpy as np\n\n\ndef f(x, w):\n"
        "    return np.average(np.sin(x) * x, axis=1, weights=w) @ np.cos(x[:, 0])\n")
    m = importlib.import_module("averages")
    x, w = np.array([[0.3, -0.7, 1.1], [0.5, 0.2, -0.4]]), np.array([1.0, 2.0, 0.5])
    hessian = sct.hessian(m.f, wrt=0)(x, w)
    gradient = sct.grad(m.f, wrt=0)
    h = STEP
    columns = [np.ravel((gradient(x + h * e, w) - gradient(x - h * e, w)) / (2 * h))
               for e in np.eye(6).reshape(6, 2, 3)]
    np.testing.assert_allclose(hessian, np.reshape(np.stack(columns, -1), (2, 3, 2, 3)),
                               rtol=1e-5, atol=1e-6)
    with pytest.raises(SctError, match="_average_adjoint"):
        sct.hessian(m.f, wrt=1)(x, w)


def test_hvp_carries_no_tangent_of_the_value(tmp_path, monkeypatch):
    """A Hessian-vector product reads only the tangent of the gradient: the forward sweep
    over the adjoint computes no tangent of f's value (here np.min's, a pass over the whole
    matrix), and the product stays exact (against central differences of the gradient)."""
    import importlib
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "nearest.py").write_text(
        "import numpy as np\n\n\ndef f(p, c):\n"
        "    d = np.sum(c * c, axis=1)[:, None] - 2.0 * c @ p.T\n"
        "    return np.sum(np.min(d, axis=0)) + np.sum(np.sin(c))\n")
    m = importlib.import_module("nearest")
    rng = np.random.default_rng(0)
    p, c, v = rng.random((7, 2)), rng.random((3, 2)), rng.normal(size=(3, 2))
    hvp = sct.hvp(m.f, wrt=1)
    assert "_extremum_tangent" not in sct.source(hvp)
    gradient = sct.grad(m.f, wrt=1)
    h = STEP
    expected = (gradient(p, c + h * v) - gradient(p, c - h * v)) / (2 * h)
    np.testing.assert_allclose(hvp(p, c, v), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(sct.hessian(m.f, wrt=1)(p, c).reshape(6, 6) @ v.ravel(),
                               expected.ravel(), rtol=1e-5, atol=1e-6)
