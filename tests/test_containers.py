"""Python's containers as values and as parameters (issue 13): lists built by appends and
displays, tuples, lists and dicts as parameters with gradients of the same structure, checked
against central differences entry by entry (``checker.check_grad_tree``), and the refusals that
keep lists exact (an append that another name could see)."""
import dataclasses
import textwrap
import typing

import numpy as np
import pytest

import sct
from checker import check_forward_tree, check_grad_tree
from test_refusals import assert_report, refusal


def appended(x, y):
    ys = []
    for i in range(3):
        ys.append(x * i + y)
    return ys[-1] * ys[0]


def test_a_list_built_by_appends_has_its_derivative():
    # this gave zero gradients, silently, before lists were values
    grads = check_grad_tree(appended, (1.0, 2.0), (0, 1))
    assert np.allclose(grads, (2 * 2.0, 2 * 1.0 + 2 * 2.0))
    check_forward_tree(appended, (1.0, 2.0), (0, 1))


def layered(x, s):
    """A recurrence whose state is a list of arrays updated item by item (an LSTM's layers):
    ``hidden[i] = ...`` replaces an item while ``v`` and ``outputs`` hold the old ones."""
    hidden = [s[i] for i in range(2)]
    outputs = []
    for t in range(3):
        v = x * t
        for i in range(2):
            hidden[i] = np.tanh(hidden[i] * v + x)
            v = hidden[i]
        outputs.append(v)
        hidden[-1] = hidden[-1] * 0.5
    return np.sum(np.array(outputs) ** 2) + np.sum(hidden[0])


def test_items_of_a_list_assigned_in_a_loop():
    """Reverse mode refused this ('hidden' may share memory with 'outputs'): a list's item
    assignment is a new list, as a dict's is, not a write into an array."""
    args = (np.array([0.3, -0.5]), np.array([[0.2, 0.1], [-0.4, 0.6]]))
    check_grad_tree(layered, args, (0, 1))
    check_forward_tree(layered, args, (0, 1))


def rows_of(x):
    rows = []
    for i in range(3):
        row = []
        for j in range(2):
            row.append(x[i] * x[j] + i)
        rows.append(row)
    return rows[1][0] * rows[2][0] + rows[0][1] * rows[2][1] + np.sum(np.array(rows))


def test_nested_lists_of_numbers_and_arrays():
    check_grad_tree(rows_of, (np.array([0.3, 0.5, -0.7]),), (0,))
    check_forward_tree(rows_of, (np.array([0.3, 0.5, -0.7]),), (0,))


def tuple_param(p):
    a, b = p
    return a * b + p[0] ** 2


def nested_param(p):
    (a, b), c = p
    return a * c[0] + b * np.sum(c ** 2)


def list_of_arrays(ps, x):
    return np.sum(ps[0] * x) + np.sum(ps[1] * x ** 2) + len(ps)


@pytest.mark.parametrize("f, args, wrt", [
    (tuple_param, ((1.5, -2.0),), (0,)),
    (nested_param, (((1.0, 2.0), np.array([0.5, 0.7])),), (0,)),
    (list_of_arrays, ([1.5, np.array([0.2, 0.4])], np.array([0.3, 0.9])), (0, 1)),
    (list_of_arrays, ([np.array([1.5, 2.0]), np.array([0.2, 0.4])], np.array([0.3, 0.9])),
     (0, 1)),
])
def test_gradients_have_the_structure_of_the_parameter(f, args, wrt):
    grads = check_grad_tree(f, args, wrt)
    for g, i in zip(grads, wrt):
        assert type(g) is type(args[i]) or isinstance(args[i], (float, np.ndarray))
    check_forward_tree(f, args, wrt)


def horner(coeffs, x):
    r = 0.0
    for i in range(len(coeffs)):
        r = r * x + coeffs[i]
    return r


def test_a_list_of_numbers_gets_a_list_gradient_an_array_an_array():
    g = sct.grad(horner, wrt=0)
    as_list, as_tuple = g([1.0, 2.0, 3.0], 0.5), g((1.0, 2.0, 3.0), 0.5)
    as_array = g(np.array([1.0, 2.0, 3.0]), 0.5)
    assert isinstance(as_list, list) and isinstance(as_tuple, tuple)
    assert isinstance(as_array, np.ndarray)
    assert np.allclose(as_list, [0.25, 0.5, 1.0]) and np.allclose(as_tuple, as_array)


def grown(x):
    ys = [x, 2.0 * x]
    ys.append(x * x)
    return ys


def test_generated_code_keeps_lists_as_lists():
    d_f = sct.forward(grown)
    value, tangent = d_f(1.5, 1.0)
    assert value == [1.5, 3.0, 2.25] and isinstance(value, list)
    assert np.allclose(tangent, [1.0, 2.0, 3.0]) and isinstance(tangent, list)
    assert "_appended(" in sct.source(d_f)


@pytest.mark.parametrize("source, message, line, col, token", [
    ("""
     def f(xs, v):
         xs.append(v)
         return xs[0]
     """, "would change the container the caller passed", 3, 5,
     "xs.append"),
    ("""
     def f(x):
         ys = [x]
         zs = ys
         ys.append(x)
         return zs[0]
     """, "another value may come to hold it", 4, 10, "ys"),
    ("""
     def f(x, xs):
         ys = xs
         ys.append(x)
         return ys[0]
     """, "must be bound to a new list", 3, 5, "ys = xs"),
    ("""
     def f(x):
         ys = [x]
         t = (ys, x)
         ys.append(x)
         return t[0][0]
     """, "another value may come to hold it", 4, 10, "ys"),
    ("""
     def keep(v):
         return v
     def f(x):
         ys = [x]
         zs = keep(ys)
         ys.append(x)
         return zs[0]
     """, "another value may come to hold it", 6, 15, "ys"),
])
def test_appends_another_name_could_see_are_refused(source, message, line, col, token):
    source = textwrap.dedent(source)
    err = refusal(source, name="f", mode="reverse")
    assert message in err.message
    assert_report(err, source, line, col, token)


def total(v):
    s = 0.0
    for i in range(len(v)):
        s = s + v[i]
    return s


def powers(x):
    ys = [x]
    for i in range(3):
        ys.append(ys[-1] * x)
    return total(ys) * ys[2]


def test_a_list_passed_to_a_function_that_only_reads_it():
    check_grad_tree(powers, (0.7,), (0,))


# ---------------------------------------------------------------- dicts, records, options
@dataclasses.dataclass
class Params:
    w: np.ndarray
    b: float
    name: str = "model"


@dataclasses.dataclass(frozen=True)
class Frozen:
    w: np.ndarray
    b: float


class Pair(typing.NamedTuple):
    w: np.ndarray
    b: float


class Plain:
    def __init__(self, w, b):
        self.w = w
        self.b = b
        self.label = "small"


def dict_param(p, x):
    return np.sum(p["w"] * x) + p["b"] ** 2 * np.sum(x)


def record_param(p, x):
    return np.sum(p.w * x) + p.b ** 2 + p.b * np.sum(p.w ** 2)


def nested_dicts(w, b):
    p = {"w": w, "b": 2.0 * b}
    q = {"inner": p, "s": 3.0, "rows": [w, w * b]}
    return np.sum(q["inner"]["w"] ** 2) * q["s"] + p["b"] + np.sum(q["rows"][1])


def options(x, config):
    if config["mode"] == "l2":
        r = np.sum(x ** 2)
    else:
        r = np.sum(np.abs(x))
    if "reg" in config:
        r = r + config["reg"] * np.sum(x)
    return r


def dict_methods(p, s):
    out = {}
    keys = list(p.keys())
    pairs = list(p.items())
    for i in range(len(keys)):
        out[keys[i]] = pairs[i][1] * s
    values = list(out.values())
    return np.sum(values[0]) * values[1] + out.get("c", 0.5) * s + out.get("b", 1.0)


def popped(x):
    stack = []
    stack.append(x)
    stack.append(2.0 * x)
    top = stack.pop()
    stack.pop()
    stack.append(x * x)
    return x * top * top + stack[-1] + len(stack)


W, X = np.array([1.0, 2.0]), np.array([0.3, -0.2])


@pytest.mark.parametrize("f, args, wrt", [
    (dict_param, ({"w": W, "b": 0.5}, X), (0, 1)),
    (record_param, (Params(W, 0.5), X), (0, 1)),
    (record_param, (Frozen(W, 0.5), X), (0, 1)),
    (record_param, (Pair(W, 0.5), X), (0, 1)),
    (record_param, (Plain(W, 0.5), X), (0, 1)),
    (nested_dicts, (W, 0.5), (0, 1)),
    (options, (X, {"mode": "l2", "reg": 0.1}), (0, 1)),
    (options, (X, {"mode": "l1"}), (0,)),
    (dict_methods, ({"w": W, "b": 0.5}, 1.5), (0, 1)),
    (popped, (1.3,), (0,)),
], ids=["dict", "dataclass", "frozen-dataclass", "namedtuple", "plain-object", "nested",
        "options-l2", "options-l1", "dict-methods", "pop"])
def test_dicts_and_records(f, args, wrt):
    grads = check_grad_tree(f, args, wrt)
    check_forward_tree(f, args, wrt)
    for g, i in zip(grads, wrt):
        if not isinstance(args[i], (float, np.ndarray)):
            assert type(g) is type(args[i])


def test_fields_that_carry_no_derivative_are_none():
    g = sct.grad(options, wrt=1)(X, {"mode": "l2", "reg": 0.1})
    assert g["mode"] is None and np.isclose(g["reg"], np.sum(X))
    g = sct.grad(record_param, wrt=0)(Params(W, 0.5), X)
    assert g.name is None and isinstance(g, Params)


def test_the_generated_code_reads_keys_and_fields():
    text = sct.source(sct.grad(record_param, wrt=0))
    assert "p.w" in text and "_add_field(b_p, 'w'," in text
    text = sct.source(sct.grad(dict_param, wrt=0))
    assert "p['w']" in text and "_add_item(b_p, 'w'," in text


@pytest.mark.parametrize("source, message, line, col, token", [
    ("""
     def f(p, x):
         p["w"] = x
         return p["w"]
     """, "would change the container the caller passed", 3, 5, 'p["w"]'),
    ("""
     def f(x):
         d = {"a": x}
         e = d
         d["a"] = 2.0 * x
         return e["a"]
     """, "another value may come to hold it", 4, 9, "d"),
    ("""
     def f(x):
         ys = [x, x]
         zs = ys
         ys[0] = 2.0 * x
         return zs[0]
     """, "another value may come to hold it", 4, 10, "ys"),
    ("""
     def f(x):
         ys = [x]
         s = x + ys.pop()
         return s
     """, "'.pop()' is supported as a statement of its own only", 4, 13, "ys.pop()"),
    ("""
     def f(x):
         return x + "a"
     """, "strings are not supported in arithmetic", 3, 16, '"a"'),
])
def test_changes_of_containers_another_name_could_see_are_refused(source, message, line, col,
                                                                  token):
    source = textwrap.dedent(source)
    err = refusal(source, name="f", mode="reverse")
    assert message in err.message
    assert_report(err, source, line, col, token)


# ---------------------------------------------------------------- comprehensions, del
def comprehensions(x, ws):
    ys = [w * x for w in ws if w > 0]
    sq = {k: v ** 2 for k, v in {"a": x, "b": 2.0 * x}.items()}
    m = np.array([[xi * xj for xj in ws] for xi in ws])
    return sum(ys) * np.sum(np.stack([np.sin(y) for y in ys])) + sq["b"] + np.sum(m) * x


def keywords_dict(x, y):
    d = dict(a=x, b=y * x)
    e = dict(d, b=2.0 * y)
    return d["a"] * d["b"] + e["b"] * e["a"]


def test_comprehensions_build_lists_and_dicts():
    args = (0.7, np.array([0.5, -1.0, 2.0]))
    check_grad_tree(comprehensions, args, (0, 1))
    check_forward_tree(comprehensions, args, (0, 1))
    text = sct.source(sct.forward(comprehensions))
    assert "_appended(" in text and "_with_item(" in text


def test_dicts_made_by_keywords():
    check_grad_tree(keywords_dict, (0.7, -1.3), (0, 1))
    check_forward_tree(keywords_dict, (0.7, -1.3), (0, 1))


# ---------------------------------------------------------------- enums, tuple constants
def test_enum_members_steer_branches_and_tuples_are_constants():
    import sys
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent / "corpus"))
    try:
        import options_enums_constants as m
    finally:
        sys.path.pop(0)
    x = np.array([0.7, -1.3])
    for member in m.Penalty:
        check_grad_tree(m.f, (x, 1.5, member), (0, 1))
        check_forward_tree(m.f, (x, 1.5, member), (0, 1))
    text = sct.source(sct.grad(m.f, wrt=(0, 1)))
    assert "WEIGHTS = (0.5555555555555556" in text and "_is_member(penalty, 'Penalty', 'L2')" \
        in text


@pytest.mark.parametrize("source, message, line, col, token", [
    ("""
     from enum import Enum
     class Mode(Enum):
         A = 1
     def g(x, m):
         return x
     def f(x):
         return g(x, Mode.A)
     """, "the enum member 'Mode.A' is supported in comparisons only", 8, 17, "Mode.A"),
    ("""
     from enum import Enum
     class Mode(Enum):
         A = 1
     def f(x, m):
         if m == Mode.A == m:
             x = 2.0 * x
         return x
     """, "an enum member is supported in one comparison", 6, 8, "m == Mode.A"),
])
def test_enum_members_elsewhere_are_refused(source, message, line, col, token):
    source = textwrap.dedent(source)
    err = refusal(source, name="f", mode="reverse")
    assert message in err.message
    assert_report(err, source, line, col, token)


class WithConstant:
    C = 3.0          # an attribute of the class: a constant, not a field of the instance

    def __init__(self, a):
        self.a = a


def class_constant(p, x):
    return p.C * p.a * x


def test_an_attribute_of_the_class_is_a_constant():
    # the gradient w.r.t. p once held C = 6.0 (the class's 3.0 plus an adjoint)
    g = check_grad_tree(class_constant, (WithConstant(1.5), 2.0), (0, 1))
    assert vars(g[0]) == {"a": 6.0}
    value, tangent = sct.forward(class_constant, wrt=0)(WithConstant(1.5), 2.0,
                                                        WithConstant(1.0))
    assert np.isclose(tangent, 3.0 * 2.0)


def dict_of_pairs(x, y):
    d = dict([("a", x), ("b", y), ("a", 2.0 * y)], c=x)
    return d["a"] * np.sin(d["b"]) + d["c"] ** 2


def dict_of_pairs_only(x, y):
    d = dict([("a", x), ("b", y)])
    return d["a"] * d["b"]


def test_dicts_made_from_pairs():
    # autograd's test_dict.py::test_make_dict: reverse mode added the dict's adjoint into the
    # list of pairs as if it were that list's (KeyError: 0); a later pair of a key replaces the
    # earlier one, whose value gets no derivative
    for f in (dict_of_pairs, dict_of_pairs_only):
        check_grad_tree(f, (0.7, -1.3), (0, 1))
        check_forward_tree(f, (0.7, -1.3), (0, 1))
    assert np.allclose(sct.grad(dict_of_pairs, wrt=(0, 1))(0.7, -1.3),
                       (2 * 0.7, 2 * np.sin(-1.3) + 2 * -1.3 * np.cos(-1.3)))


def repeated_rows(w):
    inds = np.ones(5)[:, None]
    glued = np.concatenate((w, inds), axis=1)
    new_w = w[:, :-1]
    new_inds = np.int64(glued[:, -1])
    return np.sum(new_w[new_inds])


def test_an_index_that_repeats_rows_of_a_view_adds_their_adjoints():
    # autograd's test_numpy.py::test_cast_to_int: new_w, a slice of a parameter sct cannot
    # tell from a list, indexed by a computed integer array repeating row 1 five times; its
    # adjoint was scattered by b[index] = b[index] + g, which counts a repeated row once
    w = np.arange(20.0).reshape(5, 4) / 10
    (grad,) = check_grad_tree(repeated_rows, (w,), (0,))
    expected = np.zeros((5, 4))
    expected[1, :3] = 5.0
    assert np.allclose(grad, expected)


def picked(x, k):
    return np.sum(x[k] * x[k]) + np.sum(x[k])


@pytest.mark.parametrize("k", [1, np.int64(2), np.array([1, 1, 2]), (slice(None), 0),
                               np.array([True, False, True]), -1],
                         ids=["int", "np.integer", "repeats", "tuple", "mask", "negative"])
def test_an_index_parameter_scatters_its_adjoint_exactly(k):
    # k may be a number or an integer array at run time: the adjoint goes through _add_at,
    # which adds in place for a basic index and counts repeats (np.add.at) otherwise
    x = np.arange(1.0, 7.0).reshape(3, 2)
    (grad,) = check_grad_tree(picked, (x, k), (0,))
    expected = np.zeros((3, 2))
    np.add.at(expected, k, 2 * x[k] + 1)
    assert np.array_equal(grad, expected)


def test_add_at_tells_basic_indices():
    from sct.rules.prelude_core import _add_at, _basic_index
    assert all(_basic_index(i) for i in (0, np.int32(1), slice(1), None, Ellipsis,
                                         (0, slice(None)), (Ellipsis, None, -1)))
    assert not any(_basic_index(i) for i in (True, np.bool_(False), np.array([0, 0]),
                                             (0, np.array([1])), [0, 1], np.array(1)))
    b = _add_at(np.zeros(3), np.array([2, 2, 0]), 1.0)
    assert list(b) == [1.0, 0.0, 2.0]
    assert list(_add_at(np.zeros(3), 2, 1.5)) == [0.0, 0.0, 1.5]


def computed_key(p, k, x):
    p[k] = x * 2.0          # in place, as Python: the caller's dict changes
    return p["a"] * x + p[k] * x


@pytest.mark.parametrize("key", ["a", "c"], ids=["existing-key", "new-key"])
def test_a_dict_parameter_assigned_at_a_computed_key(key):
    check_grad_tree(computed_key, ({"a": 1.0, "b": 2.0}, key, 3.0), (2,))
    check_forward_tree(computed_key, ({"a": 1.0, "b": 2.0}, key, 3.0), (2,))
