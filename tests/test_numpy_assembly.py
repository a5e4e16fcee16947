"""numpy's assembly and splitting functions and scipy.signal's convolutions: the adjoint
helpers against Jacobians built from numpy's and scipy's own functions (all of them linear in
the operand, so the Jacobian's columns are their values at the unit vectors), for every mode
and small shapes on both sides of each edge; list results used in part; the calls refused at
their line with a hint; Hessians against closed forms."""
import itertools
import textwrap

import numpy as np
import pytest
import scipy.signal

import sct
from sct import SctError
from sct.rules import RULES, prelude

RNG = np.random.default_rng(12)


def jacobian(fn, shape):
    """The Jacobian of a linear ``fn`` at an argument of ``shape``: value.shape + shape."""
    size = int(np.prod(shape))
    columns = [np.asarray(fn(np.reshape(np.eye(size)[k], shape)), dtype=float)
               for k in range(size)]
    return np.moveaxis(np.array(columns), 0, -1).reshape(np.shape(columns[0]) + tuple(shape))


def assert_adjoint(fn, shape, adjoint):
    """``adjoint(g)`` is J^T g for the linear ``fn`` at operands of ``shape``, for a random g."""
    jac = jacobian(fn, shape)
    out_shape = jac.shape[:jac.ndim - len(shape)]
    g = RNG.standard_normal(out_shape)
    expected = np.tensordot(g, jac, axes=len(out_shape))
    got = adjoint(g)
    assert np.shape(got) == tuple(shape)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


def compiled(body, params="x"):
    source = "import numpy as np\nimport scipy.signal\n\n\ndef f(" + params + "):\n" + \
        textwrap.indent(textwrap.dedent(body), "    ")
    namespace = {}
    exec(sct.transform(source, mode="both"), namespace)
    return namespace


def refused(body, params="x"):
    source = "import numpy as np\n\n\ndef f(" + params + "):\n" + \
        textwrap.indent(textwrap.dedent(body), "    ")
    with pytest.raises(SctError) as info:
        sct.transform(source, mode="both", filename="bad.py")
    return info.value


# ---------------------------------------------------------------- convolutions
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_numpy_convolution_windows(mode):
    """Every pair of lengths 1..6 (the longer first or second, as numpy swaps them)."""
    for n, m in itertools.product(range(1, 7), repeat=2):
        a, v = RNG.standard_normal(n), RNG.standard_normal(m)
        assert_adjoint(lambda t: np.convolve(t, v, mode), (n,),
                       lambda g: prelude._convolve_adjoint(g, np.zeros(n), v, mode))
        assert_adjoint(lambda t: np.convolve(a, t, mode), (m,),
                       lambda g: prelude._convolve_adjoint(g, np.zeros(m), a, mode))
        assert_adjoint(lambda t: np.correlate(t, v, mode), (n,),
                       lambda g: prelude._correlate_adjoint_a(g, np.zeros(n), v, mode))
        assert_adjoint(lambda t: np.correlate(a, t, mode), (m,),
                       lambda g: prelude._correlate_adjoint_v(g, a, np.zeros(m), mode))


@pytest.mark.parametrize("op", ["convolve", "correlate"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
def test_signal_convolution_windows(op, mode):
    """2-d operands of every shape up to 3 x 3 on each side ('valid' where one operand is at
    least as large as the other on every axis, as scipy requires); each method."""
    shapes = list(itertools.product(range(1, 4), repeat=2))
    fn = getattr(scipy.signal, op)
    for s1, s2 in itertools.product(shapes, repeat=2):
        larger = all(p >= q for p, q in zip(s1, s2)) or all(p <= q for p, q in zip(s1, s2))
        if mode == "valid" and not larger:
            continue
        a, b = RNG.standard_normal(s1), RNG.standard_normal(s2)
        for method in ("direct", "fft"):
            assert_adjoint(lambda t: fn(t, b, mode, method), s1,
                           lambda g: getattr(prelude, f"_signal_{op}_adjoint_1")(g, a, b, mode))
            assert_adjoint(lambda t: fn(a, t, mode, method), s2,
                           lambda g: getattr(prelude, f"_signal_{op}_adjoint_2")(g, a, b, mode))


def test_convolution_gradient_through_sct():
    ns = compiled("return np.sum(np.correlate(x, y, 'same') ** 2)", "x, y")
    x, y = RNG.standard_normal(3), RNG.standard_normal(5)
    _, (bx, by) = ns["b_f"](x, y)
    c = np.correlate(x, y, "same")
    jx = jacobian(lambda t: np.correlate(t, y, "same"), (3,))
    jy = jacobian(lambda t: np.correlate(x, t, "same"), (5,))
    np.testing.assert_allclose(bx, 2 * c @ jx, rtol=1e-12)
    np.testing.assert_allclose(by, 2 * c @ jy, rtol=1e-12)


def self_convolution(a):
    return np.sum(np.convolve(a, a, "full"))


def test_hessian_of_a_self_convolution():
    """sum(a * a) over the full convolution is (sum a)^2: its Hessian is 2 everywhere."""
    h = sct.hessian(self_convolution)(np.array([0.3, -1.2, 0.7, 2.0]))
    np.testing.assert_allclose(h, 2.0 * np.ones((4, 4)), rtol=1e-12)


# ---------------------------------------------------------------- padding
PADS = [1, (2, 3), ((0, 2), (3, 1)), ((5, 4),), 7]


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect"])
def test_pad_adjoint(mode):
    """Widths past the array's length too (reflect then reflects again)."""
    for shape, width in itertools.product([(3,), (2, 3), (4, 2)], PADS):
        if np.ndim(width) == 2 and len(width) not in (1, len(shape)):
            continue
        assert_adjoint(lambda t: np.pad(t, width, mode), shape,
                       lambda g: prelude._pad_adjoint(g, np.zeros(shape), width, mode))


@pytest.mark.parametrize("values", [2.5, (1.5, -2.0), ((1.0, 2.0), (3.0, 4.0)),
                                    [[1.0], [2.0]], [[1.0, 2.0]], [0.5]])
def test_pad_constant_values_adjoint(values):
    """Each form numpy reads as (before, after) pairs, the corners filled by the last axis."""
    values = np.array(values)
    shape, width = (2, 3), ((1, 2), (2, 1))
    assert_adjoint(lambda c: np.pad(np.zeros(shape), width, constant_values=c), values.shape,
                   lambda g: prelude._pad_constant_adjoint(g, np.ones(shape), width, values))


@pytest.mark.parametrize("mode", ["wrap", "symmetric", "linear_ramp", "mean"])
def test_pad_other_modes_refused(mode):
    err = refused(f"return np.pad(x, 1, mode='{mode}')")
    assert "np.pad is supported with mode 'constant', 'edge' or 'reflect'" in err.message
    assert err.lineno == 5 and err.hint


def test_pad_mode_held_in_a_name_refused():
    err = refused("return np.pad(x, 1, m)", "x, m")
    assert "written as a string" in err.message and (err.lineno, err.col) == (5, 25)


# ---------------------------------------------------------------- gradient
@pytest.mark.parametrize("edge_order", [1, 2])
def test_gradient_adjoint(edge_order):
    for n, spacing in itertools.product(range(edge_order + 1, 7), [1.0, 0.3]):
        assert_adjoint(lambda t: np.gradient(t, spacing, edge_order=edge_order), (n,),
                       lambda g: prelude._gradient_adjoint(g, np.zeros(n), spacing, None,
                                                           edge_order))
    coordinates = np.array([0.0, 0.4, 1.0, 1.1, 2.5])
    assert_adjoint(lambda t: np.gradient(t, coordinates, edge_order=edge_order), (5,),
                   lambda g: prelude._gradient_adjoint(g, np.zeros(5), coordinates, None,
                                                       edge_order))


@pytest.mark.parametrize("axis", [None, 0, -1, (2, 0), (1,)])
def test_gradient_adjoint_axes(axis):
    """numpy returns one array for one axis, a tuple of them for several."""
    shape = (3, 4, 3)

    def stacked(t):
        return np.array(np.gradient(t, 0.5, axis=axis))
    jac = jacobian(stacked, shape)
    g = RNG.standard_normal(jac.shape[:jac.ndim - 3])
    expected = np.tensordot(g, jac, axes=g.ndim)
    parts = g if isinstance(np.gradient(np.zeros(shape), axis=axis), np.ndarray) else list(g)
    got = prelude._gradient_adjoint(parts, np.zeros(shape), 0.5, axis, 1)
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


def test_gradient_two_spacings_refused():
    err = refused("return np.gradient(x, 1.0, 2.0)")
    assert "one spacing" in err.message and err.lineno == 5


def test_gradient_spacing_with_a_derivative_refused():
    err = refused("return np.gradient(x, h)", "x, h")
    assert "spacing" in err.message and "np.gradient(f) / h" in err.hint


# ---------------------------------------------------------------- splitting and grids
def test_split_parts_used_in_part():
    """sum(parts[1] ** 2): 2 x on the middle piece, nothing through the pieces not used."""
    ns = compiled("parts = np.split(x, [1, 3])\nreturn np.sum(parts[1] ** 2)")
    x = np.array([0.5, -1.5, 2.0, 3.0, 0.25])
    _, (bx,) = ns["b_f"](x)
    np.testing.assert_array_equal(bx, [0.0, -3.0, 4.0, 0.0, 0.0])
    _, dy = ns["d_f"](x, np.ones(5))
    assert dy == pytest.approx(-3.0 + 4.0)


def test_unequal_pieces_unpacked():
    ns = compiled("a, b, c = np.array_split(x, 3, axis=1)\nreturn np.sum(a) * np.sum(c * c)")
    x = np.arange(10.0).reshape(2, 5)          # pieces of 2, 2 and 1 columns
    _, (bx,) = ns["b_f"](x)
    sum_c2 = np.sum(x[:, 4] ** 2)
    expected = np.zeros((2, 5))
    expected[:, :2] = sum_c2
    expected[:, 4] = 2 * x[:, 4] * np.sum(x[:, :2])
    np.testing.assert_allclose(bx, expected)


def test_meshgrid_gradient():
    """sum(X * Y) over the grid is sum(x) sum(y), in either indexing."""
    for indexing in ("xy", "ij"):
        ns = compiled(f"a, b = np.meshgrid(x, y, indexing='{indexing}')\n"
                      f"return np.sum(a * b * b)", "x, y")
        x, y = np.array([1.0, 2.0, -0.5]), np.array([0.5, 3.0])
        _, (bx, by) = ns["b_f"](x, y)
        np.testing.assert_allclose(bx, np.full(3, np.sum(y * y)))
        np.testing.assert_allclose(by, 2 * y * np.sum(x))


def test_results_that_view_their_operand():
    for name in ("np.split", "np.array_split", "np.hsplit", "np.vsplit", "np.dsplit",
                 "np.meshgrid"):
        assert RULES[name].view and RULES[name].tuple_result, name


def test_write_into_a_piece_refused():
    """A piece is a view of the array: a write into it is one into the array."""
    with pytest.raises(SctError, match="may share memory"):
        compiled("a, b = np.split(x, 2)\na[0] = 1.0\nreturn np.sum(x * b)")


# ---------------------------------------------------------------- np.r_ and np.c_
def test_r_and_c_values_and_gradients():
    ns = compiled("return np.sum(np.r_[x, 2.0 * x[0], 1.0] ** 2) + np.sum(np.c_[x, x * x])")
    x = np.array([0.5, -1.0, 2.0])
    _, (bx,) = ns["b_f"](x)
    expected = 2 * x + 1.0 + 2 * x
    expected[0] += 8 * x[0]
    np.testing.assert_allclose(bx, expected)


@pytest.mark.parametrize("index, message", [("'r', x, x", "string directive"),
                                            ("'0,2', x", "string directive"),
                                            ("'-1', x", "string directive"),
                                            ("0:3, x", "slice range"),
                                            ("x, 0:3:1", "slice range")])
def test_r_directives_and_ranges_refused(index, message):
    err = refused(f"y = x * 2.0\nreturn np.r_[{index}]")
    assert message in err.message and err.lineno == 6 and err.hint


def test_c_directive_refused():
    err = refused("return np.c_['0', x]")
    assert "np.c_[...] with a string directive" in err.message
