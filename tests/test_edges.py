"""Domain edges and kinks: points where a rule's formula divides by zero, takes log(0), or meets
an infinite slope, while the function itself is finite there.

Each case gives a function, a point and the partial derivatives sct must give there, from a
closed form (the README's conventions: sign(0) = 0 for abs, the subgradient 0 at the kink of a
norm, hypot or standard deviation at zero, 0 ** b and a ** 0 as constants where they are).
Each partial is computed three ways: forward mode along each unit direction, reverse mode
compiled as a Jacobian row (``scalar_output=False``) and as a gradient (``scalar_output=True``).
Where the function has a symmetric kink or is flat, the expected value is also the central
difference, which is checked too.
"""
import math

import numpy as np
import pytest

import sct.api
from checker import central_difference

HEADER = "import math\nimport numpy as np\n\n\n"
INF = math.inf

# (id, parameters, body, point, expected partials for the parameters in wrt, wrt, whether
# central differences agree with the expected partials)
CASES = [
    # zero variance: std has a kink there (|t| std(v) along t v), its subgradient 0
    ("std-of-a-number", "x", "np.std(x) + np.var(x)", (2.0,), (0.0,), None, True),
    ("std-constant-array", "x", "np.std(x)", (np.array([2.0, 2.0, 2.0]),), (np.zeros(3),),
     None, True),
    ("std-axis-of-length-1", "x", "np.sum(np.std(x, axis=1))", (np.ones((3, 1)),),
     (np.zeros((3, 1)),), None, True),
    ("std-ddof-constant-columns", "x", "np.sum(np.std(x, axis=0, ddof=1))",
     (np.array([[1.0, 2.0], [1.0, 2.0]]),), (np.zeros((2, 2)),), None, True),
    ("std-keepdims-mixed", "x", "np.sum(np.std(x, axis=1, keepdims=True) * x)",
     (np.array([[1.0, 1.0], [0.0, 2.0]]),), (np.array([[0.0, 0.0], [0.0, 2.0]]),), None,
     False),
    # 0 ** b = 0 for b > 0, a ** 0 = 1
    ("np.power-zero-base", "y", "np.power(0.0, y)", (2.0,), (0.0,), None, True),
    ("pow-zero-base", "y", "0.0 ** y + math.pow(0.0, y)", (0.5,), (0.0,), None, True),
    ("np.power-zero-base-array", "y", "np.sum(np.power(0.0, y))", (np.array([0.5, 2.0]),),
     (np.zeros(2),), None, True),
    ("np.power-zero-exponent", "x", "np.power(x, 0.0)", (0.0,), (0.0,), None, True),
    ("pow-zero-exponent", "x", "x ** 0 + x ** 0.0 + math.pow(x, 0.0)", (0.0,), (0.0,), None,
     True),
    ("np.power-zero-exponent-array", "x", "np.sum(np.power(x, 0.0) + x ** 0)",
     (np.array([0.0, 2.0]),), (np.zeros(2),), None, True),
    ("pow-both-at-zero-base", "x, y", "x ** y", (0.0, 2.0), (0.0, 0.0), None, True),
    ("pow-both-at-zero-exponent", "x, y", "x ** y", (2.0, 0.0), (0.0, math.log(2.0)), None,
     True),
    ("pow-both-arrays", "x, y", "np.sum(x ** y)", (np.array([0.0, 2.0]), np.array([2.0, 0.0])),
     (np.zeros(2), np.array([0.0, math.log(2.0)])), None, True),
    # x ** n at x = 0 for an integer n that carries no derivative (a loop index, a parameter)
    ("pow-integer-parameter-0", "x, n", "x ** n", (0.0, 0), (0.0,), (0,), True),
    ("pow-integer-parameter-1", "x, n", "x ** n", (0.0, 1), (1.0,), (0,), True),
    ("pow-integer-parameter-2", "x, n", "x ** n", (0.0, 2), (0.0,), (0,), True),
    ("pow-integer-parameter-3", "x, n", "x ** n", (0.0, 3), (0.0,), (0,), True),
    ("polynomial-loop-at-zero", "x",
     "s = 0.0\n    for i in range(4):\n        s = s + (i + 1.0) * x ** i\n    return s",
     (0.0,), (2.0,), None, True),
    ("polynomial-loop-array", "x",
     "s = 0.0\n    for i in range(3):\n        s = s + np.sum(x ** i)\n    return s",
     (np.array([0.0, 1.0]),), (np.array([1.0, 3.0]),), None, True),
    # abs and its relatives: sign(0) = 0
    ("abs-at-zero", "x", "abs(x) + np.abs(x) + math.fabs(x) + np.fabs(x)", (0.0,), (0.0,),
     None, True),
    ("abs-at-negative-zero", "x", "abs(x) + math.fabs(x)", (-0.0,), (0.0,), None, True),
    ("abs-array", "x", "np.sum(np.abs(x) + abs(x))", (np.array([0.0, 1.0, -2.0]),),
     (np.array([0.0, 2.0, -2.0]),), None, True),
    ("copysign-at-zero", "x", "math.copysign(x, 1.0) + np.copysign(x, -1.0)", (0.0,), (0.0,),
     None, True),
    # hypot and norms at zero: the subgradient 0
    ("math.hypot-origin", "x, y", "math.hypot(x, y)", (0.0, 0.0), (0.0, 0.0), None, True),
    ("np.hypot-origin", "x, y", "np.sum(np.hypot(x, y))",
     (np.array([0.0, 3.0]), np.array([0.0, 4.0])), (np.array([0.0, 0.6]), np.array([0.0, 0.8])),
     None, True),
    ("norm-of-zero-vector", "x", "np.linalg.norm(x)", (np.zeros(3),), (np.zeros(3),), None,
     True),
    ("norm-rows-one-zero", "x", "np.sum(np.linalg.norm(x, axis=1))",
     (np.array([[0.0, 0.0], [3.0, 4.0]]),), (np.array([[0.0, 0.0], [0.6, 0.8]]),), None, True),
    # an infinite slope: +-inf where the direction moves the operand, exactly 0 where it does
    # not (so the other partials stay exact)
    ("sqrt-at-zero", "x, y", "math.sqrt(x) + y", (0.0, 1.0), (INF, 1.0), None, False),
    ("sqrt-at-zero-times", "x, y", "math.sqrt(x) * y", (0.0, 2.0), (INF, 0.0), None, False),
    ("np.sqrt-at-zero", "x, y", "np.sum(np.sqrt(x) * y)",
     (np.array([0.0, 4.0]), np.array([3.0, 1.0])), (np.array([INF, 0.25]), np.array([0.0, 2.0])),
     None, False),
    ("asin-at-one", "x, y", "math.asin(x) * y", (1.0, 2.0), (INF, math.pi / 2), None, False),
    ("arccos-at-one", "x, y", "np.arccos(x) + y", (1.0, 2.0), (-INF, 1.0), None, False),
    ("acosh-at-one", "x, y", "math.acosh(x) + y", (1.0, 1.0), (INF, 1.0), None, False),
    # an infinite slope met by a zero factor of the chain rule: 0 inf = 0 in both modes (the
    # kink of |x| = sqrt(x * x), as central differences give)
    ("sqrt-of-a-square-at-zero", "x", "np.sqrt(x * x) + math.sqrt(x ** 2)", (0.0,), (0.0,),
     None, True),
    ("arccos-of-cos-at-zero", "x", "np.arccos(np.cos(x)) + math.acos(math.cos(x))", (0.0,),
     (0.0,), None, True),
    ("norm-by-hand-of-zero-vector", "x", "np.sqrt(np.sum(x * x))", (np.zeros(3),),
     (np.zeros(3),), None, True),
    ("sqrt-of-squares-array", "x", "np.sum(np.sqrt(x * x))", (np.array([0.0, -2.0]),),
     (np.array([0.0, -1.0]),), None, True),
    # selections: the branch not taken is inf or NaN there, its adjoint stays exactly zero
    ("where-sinc-at-zero", "x", "np.sum(np.where(x != 0, np.sin(x) / x, 1.0))",
     (np.array([0.0, 2.0]),), (np.array([0.0, (math.cos(2.0) * 2.0 - math.sin(2.0)) / 4.0]),),
     None, False),
    ("where-log-of-negative", "x", "np.sum(np.where(x > 0, np.log(x), 0.0) + x)",
     (np.array([-1.0, 0.0, 2.0]),), (np.array([1.0, 1.0, 1.5]),), None, False),
    ("maximum-log-of-zero", "x", "np.sum(np.maximum(np.log(np.abs(x)), -1.0) * x)",
     (np.array([0.0, 2.0]),), (np.array([-1.0, math.log(2.0) + 1.0]),), None, True),
    ("where-sinc-of-a-number", "x", "np.where(x != 0, np.sin(x) / x, 1.0)", (0.0,), (0.0,),
     None, False),
    ("where-sqrt-of-a-negative-number", "x", "np.where(x > 0, np.sqrt(x), 0.0) + x", (-0.5,),
     (1.0,), None, True),
    ("clip-reciprocal-of-zero", "x", "np.sum(np.clip(1.0 / x, -2.0, 2.0))",
     (np.array([0.0, 1.0]),), (np.array([0.0, -1.0]),), None, False),
    ("half-power-at-zero", "x, y", "x ** 0.5 + y * np.power(x, 0.25)", (0.0, 1.0), (INF, 0.0),
     None, False),
    # the breadth issue's functions at their edges and ties
    ("np.cbrt-at-zero", "x, y", "np.cbrt(x) + y", (0.0, 1.0), (INF, 1.0), None, False),
    ("np.cbrt-of-a-cube-at-zero", "x", "np.cbrt(x * x * x)", (0.0,), (0.0,), None, False),
    ("np.fmax-tie", "x, y", "np.fmax(x, y)", (0.5, 0.5), (1.0, 0.0), None, False),
    ("np.fmin-tie", "x, y", "np.fmin(x, y)", (0.5, 0.5), (1.0, 0.0), None, False),
    ("np.fmax-nan", "x, y", "np.fmax(x, y * np.nan)", (0.5, 0.5), (1.0, 0.0), (0,), False),
    ("np.nan_to_num-at-inf", "x", "np.sum(np.nan_to_num(x * np.array([1.0, np.inf])))",
     (np.array([0.5, 2.0]),), (np.array([1.0, 0.0]),), None, False),
    ("np.ptp-ties", "x", "np.ptp(x)", (np.array([1.0, 3.0, 3.0, 1.0]),),
     (np.array([-0.5, 0.5, 0.5, -0.5]),), None, False),
]


def _compile(params, body, wrt, scalar_output):
    if "\n" not in body:
        body = f"return {body}"
    source = HEADER + f"def f({params}):\n    {body}\n"
    text, _ = sct.api.compile_module(source, "<edge>", ["f"], "both", wrt,
                                     scalar_output=scalar_output)
    namespace, reference = {}, {}
    exec(compile(text, "<generated>", "exec"), namespace)
    exec(compile(source, "<source>", "exec"), reference)
    return reference["f"], namespace["d_f"], namespace["b_f"]


def _unit_directions(args, wrt):
    """For each parameter in wrt, for each of its entries: the tangents of a unit direction."""
    for k, i in enumerate(wrt):
        for j in range(np.size(args[i])):
            tangents = [0.0 if np.ndim(args[m]) == 0 else np.zeros(np.shape(args[m]))
                        for m in wrt]
            if np.ndim(args[i]) == 0:
                tangents[k] = 1.0
            else:
                tangents[k] = np.zeros(np.size(args[i]))
                tangents[k][j] = 1.0
                tangents[k] = tangents[k].reshape(np.shape(args[i]))
            yield k, j, tangents


def _assert_equal(actual, expected, what):
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    assert np.shape(actual) == np.shape(expected), f"{what}: shape {np.shape(actual)}"
    assert np.allclose(actual, expected, rtol=1e-12, atol=1e-12, equal_nan=False), \
        f"{what}: {actual}, expected {expected}"


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("id, params, body, args, expected, wrt, central", CASES,
                         ids=[c[0] for c in CASES])
def test_edge(id, params, body, args, expected, wrt, central):
    wrt = tuple(range(len(args))) if wrt is None else wrt
    f, d_f, b_f = _compile(params, body, wrt, scalar_output=False)
    value = f(*args)
    for k, j, tangents in _unit_directions(args, wrt):
        v, t = d_f(*args, *tangents)
        assert v == value
        _assert_equal(t, np.ravel(expected[k])[j], f"forward, parameter {wrt[k]} entry {j}")
    for scalar_output in (False, True):
        b_f = _compile(params, body, wrt, scalar_output)[2]
        v, adjoints = b_f(*args, 1.0)
        assert v == value
        for k, a in enumerate(adjoints):
            _assert_equal(a, expected[k], f"reverse ({'gradient' if scalar_output else 'row'}),"
                                          f" parameter {wrt[k]}")
    if central:
        for k, j, tangents in _unit_directions(args, wrt):
            (reference,) = central_difference(f, args, wrt, tangents)
            assert np.isclose(reference, np.ravel(expected[k])[j], rtol=1e-7, atol=1e-9), \
                f"central difference {reference}, expected {np.ravel(expected[k])[j]}"
