"""The generic derivative checker: sct's derivatives against central differences.

``check_forward(f, d_f, args, wrt)`` draws random directions for the parameters ``wrt``
(indices), calls the forward derivative, and compares its value with ``f(*args)`` and its tangent
with a central difference of ``f`` along the same direction.  The step is chosen per argument:
each argument's direction is scaled by its own magnitude, max(1, max |x_i|), and the common step
is eps**(1/3), the optimum for a central difference.

``check_reverse(f, b_f, args, wrt)`` checks an adjoint ``b_f(*args, b_out)`` the same way through
<u, J v> = <J^T u, v>, and ``check_forward_reverse(f, d_f, b_f, args, wrt)`` checks sct's forward
and reverse derivatives against each other, to rounding (1e-10 relative).
"""
import inspect

import numpy as np

STEP = np.finfo(float).eps ** (1 / 3)


def call_forward(d_f, args, tangents):
    """``d_f(*args, *tangents)``, or with the tangents by name when d_f takes them as
    keywords (the entry of a function with defaults: ``d_f(x, a=3.0, *, dx, da=0.0)``), f's
    own keyword-only parameters by name too."""
    params = list(inspect.signature(d_f).parameters.values())
    names = [p.name for p in params if p.kind is p.KEYWORD_ONLY]
    if not names:
        return d_f(*args, *tangents)
    n = len(params) - len(names)
    own = names[:len(names) - len(tangents)]        # f's keyword-only parameters
    return d_f(*args[:n], **dict(zip(own, args[n:])), **dict(zip(names[len(own):], tangents)))


def leaves(value):
    """The float arrays in a (nested tuple of) results, in order."""
    if isinstance(value, (tuple, list)):
        out = []
        for v in value:
            out += leaves(v)
        return out
    return [np.asarray(value, dtype=float)]


def random_direction(args, wrt, rng):
    """A direction per differentiated argument, scaled to the argument's size."""
    directions = []
    for i in wrt:
        x = np.asarray(args[i], dtype=float)
        scale = max(1.0, float(np.max(np.abs(x)))) if x.size else 1.0
        v = rng.standard_normal(x.shape) * scale
        directions.append(float(v) if np.ndim(args[i]) == 0 else v)
    return directions


def shifted(args, wrt, directions, t):
    out = list(args)
    for i, v in zip(wrt, directions):
        out[i] = np.asarray(args[i], dtype=float) + t * np.asarray(v)
        if np.ndim(args[i]) == 0:
            out[i] = float(out[i])
    return out


def central_difference(f, args, wrt, directions, step=STEP):
    plus = leaves(f(*shifted(args, wrt, directions, step)))
    minus = leaves(f(*shifted(args, wrt, directions, -step)))
    return [(p - m) / (2 * step) for p, m in zip(plus, minus)]


def assert_close(actual, expected, rtol, atol, what):
    actual, expected = leaves(actual), leaves(expected)
    assert len(actual) == len(expected), f"{what}: {len(actual)} outputs, expected {len(expected)}"
    for a, e in zip(actual, expected):
        assert np.shape(a) == np.shape(e) or np.size(a) == np.size(e) or np.ndim(a) == 0, \
            f"{what}: shape {np.shape(a)}, expected {np.shape(e)}"
        np.testing.assert_allclose(a, e, rtol=rtol, atol=atol, err_msg=what)


def check_forward(f, d_f, args, wrt=None, seed=0, directions=2, rtol=1e-5, atol=1e-6):
    """Value and tangent of ``d_f`` against ``f`` and central differences."""
    rng = np.random.default_rng(seed)
    wrt = list(range(len(args))) if wrt is None else list(wrt)
    expected_value = f(*args)
    for _ in range(directions):
        v = random_direction(args, wrt, rng)
        value, tangent = call_forward(d_f, args, v)
        assert_close(value, expected_value, 1e-12, 1e-12, "value")
        reference = central_difference(f, args, wrt, v)
        scale = max([1.0] + [float(np.max(np.abs(r))) for r in reference if r.size])
        assert_close(tangent, reference, rtol, atol * scale, "tangent")


def check_reverse(f, b_f, args, wrt=None, seed=0, directions=2, rtol=1e-5, atol=1e-6):
    """Value and adjoints of ``b_f(*args, b_out)`` against ``f`` and central differences.

    The adjoints u^T J for a random output weight u are checked through the identity
    <u, J v> = <J^T u, v>, with J v from a central difference along a random direction v.
    """
    rng = np.random.default_rng(seed)
    wrt = list(range(len(args))) if wrt is None else list(wrt)
    expected_value = f(*args)
    for _ in range(directions):
        u = [rng.standard_normal(np.shape(e)) for e in leaves(expected_value)]
        seed_value = _like(expected_value, u)
        value, adjoints = b_f(*args, seed_value)
        assert_close(value, expected_value, 1e-12, 1e-12, "value")
        assert len(adjoints) == len(wrt)
        for a, i in zip(adjoints, wrt):
            assert np.shape(a) == np.shape(args[i]), \
                f"adjoint of argument {i}: shape {np.shape(a)}, expected {np.shape(args[i])}"
        v = random_direction(args, wrt, rng)
        jv = central_difference(f, args, wrt, v)
        lhs = sum(float(np.sum(ui * ji)) for ui, ji in zip(u, jv))
        rhs = sum(float(np.sum(np.asarray(a) * np.asarray(vi))) for a, vi in zip(adjoints, v))
        scale = max(1.0, abs(lhs), sum(float(np.sum(np.abs(ui * ji))) for ui, ji in zip(u, jv)))
        assert abs(lhs - rhs) <= rtol * scale + atol, f"<u, J v> = {lhs}, <J^T u, v> = {rhs}"


def _like(value, parts):
    """``parts`` (one array per leaf of ``value``) shaped as ``value``: a number, array or tuple."""
    parts = list(parts)

    def build(v):
        if isinstance(v, (tuple, list)):
            return tuple(build(e) for e in v)
        p = parts.pop(0)
        return float(p) if np.ndim(v) == 0 else p
    return build(value)


def check_forward_reverse(f, d_f, b_f, args, wrt=None, seed=0, directions=2, rtol=1e-10,
                          atol=1e-300):
    """sct's forward and reverse derivatives against each other: <u, J v> from the tangent
    ``d_f(*args, *v)`` equals <J^T u, v> from the adjoint ``b_f(*args, u)``, for random u, v.

    Both sides are exact up to rounding, so the tolerance is relative to the sums of the
    magnitudes of the terms (which bounds the rounding error of either inner product).
    """
    rng = np.random.default_rng(seed)
    wrt = list(range(len(args))) if wrt is None else list(wrt)
    expected_value = f(*args)
    for _ in range(directions):
        v = random_direction(args, wrt, rng)
        value, tangent = call_forward(d_f, args, v)
        assert_close(value, expected_value, 1e-12, 1e-12, "forward value")
        u = [rng.standard_normal(np.shape(e)) for e in leaves(expected_value)]
        value, adjoints = b_f(*args, _like(expected_value, u))
        assert_close(value, expected_value, 1e-12, 1e-12, "reverse value")
        assert len(adjoints) == len(wrt)
        jv = leaves(tangent)
        assert len(jv) == len(u), f"{len(jv)} tangents for {len(u)} outputs"
        lhs = sum(float(np.sum(ui * ji)) for ui, ji in zip(u, jv))
        rhs = sum(float(np.sum(np.asarray(a) * np.asarray(vi))) for a, vi in zip(adjoints, v))
        scale = max(sum(float(np.sum(np.abs(ui * ji))) for ui, ji in zip(u, jv)),
                    sum(float(np.sum(np.abs(np.asarray(a) * np.asarray(vi))))
                        for a, vi in zip(adjoints, v)))
        assert np.isfinite(lhs) and np.isfinite(rhs), f"<u, J v> = {lhs}, <J^T u, v> = {rhs}"
        assert abs(lhs - rhs) <= rtol * scale + atol, \
            f"forward <u, J v> = {lhs!r}, reverse <J^T u, v> = {rhs!r}"


# ---------------------------------------------------------------- structured arguments (pytrees)
def tree_flatten(value):
    """(the float leaves of a structured value, a function rebuilding it from new leaves):
    tuples, lists, NamedTuples, dicts, dataclasses and plain records of numbers and arrays;
    strings, None, True/False and integers are kept as they are (they carry no derivative)."""
    import dataclasses
    if isinstance(value, (str, bool, int, np.integer)) or value is None:
        return [], lambda leaves: value
    if isinstance(value, (tuple, list)):
        parts = [tree_flatten(v) for v in value]

        def rebuild(leaves):
            items, k = [], 0
            for found, build in parts:
                items.append(build(leaves[k:k + len(found)]))
                k += len(found)
            if hasattr(value, "_fields"):
                return type(value)(*items)
            return type(value)(items)
        return [leaf for found, _ in parts for leaf in found], rebuild
    if isinstance(value, dict) or dataclasses.is_dataclass(value) or hasattr(value, "__dict__"):
        fields = value if isinstance(value, dict) else vars(value)
        keys = list(fields)
        found, build = tree_flatten([fields[k] for k in keys])

        def rebuild(leaves):
            new = dict(zip(keys, build(leaves)))
            if isinstance(value, dict):
                return new
            import copy
            out = copy.copy(value)
            for k, v in new.items():
                object.__setattr__(out, k, v)
            return out
        return found, rebuild
    return [np.asarray(value, dtype=float)], \
        lambda leaves: float(leaves[0]) if np.ndim(value) == 0 else leaves[0]


def check_grad_tree(f, args, wrt, rtol=1e-6, atol=1e-7, derivative=None):
    """``sct.grad(f, wrt)`` (or ``derivative``, made otherwise: a method's) against central
    differences, entry by entry of every float leaf of structured arguments; the gradient must
    have each argument's structure (the same types, keys and shapes; None where a leaf carries
    no derivative)."""
    import sct
    grads = (derivative or sct.grad(f, wrt=tuple(wrt)))(*args)
    assert len(grads) == len(wrt)
    for g, i in zip(grads, wrt):
        leaves_, rebuild = tree_flatten(args[i])
        g_leaves, _ = tree_flatten(g)
        assert type(g) is type(args[i]) or np.ndim(args[i]) == 0 or \
            isinstance(args[i], np.ndarray), (type(g), type(args[i]))
        assert len(g_leaves) == len(leaves_), (g, args[i])
        for k, leaf in enumerate(leaves_):
            assert np.shape(g_leaves[k]) == np.shape(leaf)
            scale = max(1.0, float(np.max(np.abs(leaf)))) if leaf.size else 1.0
            step = STEP * scale
            for j in range(leaf.size):
                def moved(t):
                    new = [np.array(x, dtype=float) for x in leaves_]
                    new[k].reshape(-1)[j] += t
                    out = list(args)
                    out[i] = rebuild(new)
                    return f(*out)
                fd = (moved(step) - moved(-step)) / (2 * step)
                got = np.reshape(g_leaves[k], -1)[j]
                assert abs(got - fd) <= rtol * max(1.0, abs(fd)) + atol, \
                    f"argument {i}, leaf {k}, entry {j}: {got} != {fd}"
    return grads


def check_forward_tree(f, args, wrt, seed=0, rtol=1e-6, atol=1e-7, derivative=None):
    """``sct.forward(f, wrt)`` with tangents given in each argument's structure, against a
    central difference along the same direction."""
    import sct
    rng = np.random.default_rng(seed)
    tangents, directions = [], []
    for i in wrt:
        leaves_, rebuild = tree_flatten(args[i])
        v = [rng.standard_normal(np.shape(leaf)) for leaf in leaves_]
        directions.append((leaves_, rebuild, v))
        tangents.append(rebuild(v))
    value, tangent = (derivative or sct.forward(f, wrt=tuple(wrt)))(*args, *tangents)
    assert np.allclose(value, f(*args), rtol=1e-12, atol=1e-12)

    def moved(t):
        out = list(args)
        for i, (leaves_, rebuild, v) in zip(wrt, directions):
            out[i] = rebuild([leaf + t * d for leaf, d in zip(leaves_, v)])
        return np.asarray(f(*out), dtype=float)
    fd = (moved(STEP) - moved(-STEP)) / (2 * STEP)
    np.testing.assert_allclose(tangent, fd, rtol=rtol, atol=atol * max(1.0, np.max(np.abs(fd))))
