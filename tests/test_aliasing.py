"""Writes into arrays and the names that share their memory.

* ``x op= v`` on a name: numpy updates an array in place, and every name sharing its memory
  sees it; sct follows that where such a name is read afterwards, rebinds where none is (the
  two agree), and refuses where it cannot tell whether ``x`` holds an array or a number;
* a function that may update its parameter in place (``x += v`` on the caller's array) is
  refused where its caller reads that argument after the call, and generated code calls a
  copy of it that leaves the caller's array as sct's derivatives assume;
* a forward derivative never writes into the tangents its caller passed, even where the
  function writes into its own argument (the function's value and side effect stay its own);
* reverse mode writes through a view into its array and takes the view again after the
  write; it refuses a write that a part of unknown shape (``row = m[0]``: a row or a number)
  may see.

Derivatives are checked against central differences (``checker``) and closed forms.
"""
import math
import textwrap

import numpy as np
import pytest

import sct
from checker import check_forward, check_reverse
from sct.api import compile_module

HEADER = "import math\nimport numpy as np\n\n\n"


def compiled(body, mode="forward", name="f", wrt=None):
    source = HEADER + textwrap.dedent(body)
    text, names = compile_module(source, "inplace.py", [name], mode, wrt)
    namespace, reference = {}, {}
    exec(compile(text, "<generated>", "exec"), namespace)
    exec(compile(source, "inplace.py", "exec"), reference)
    return reference[name], namespace[names[name]]


def refusal(body, mode="forward"):
    with pytest.raises(sct.SctError) as info:
        compiled(body, mode)
    return info.value


VIEW_UPDATE = """\
    def f(x):
        s = x.copy()
        v = s[1:]
        v += 2.0 * x[1:]
        return np.sum(s ** 2)
    """


def test_augmented_assignment_through_a_view_updates_the_array():
    f, d_f = compiled(VIEW_UPDATE)
    x = np.array([1.0, 2.0, 3.0])
    value, tangent = d_f(x, np.ones(3))
    assert value == f(x) == 118.0           # s = [1, 6, 9]
    assert tangent == 2 * (1 * 1 + 6 * 3 + 9 * 3)
    check_forward(f, d_f, (x,))


@pytest.mark.parametrize("op", ["+=", "-=", "*=", "/="])
def test_every_augmented_operator_updates_in_place(op):
    f, d_f = compiled(f"""\
        def f(x, a):
            state = np.concatenate([x, x * a])
            q = state[:2]
            q {op} a + x[::-1]
            return np.sum(state * state)
        """)
    args = (np.array([0.5, 1.5]), 0.7)
    check_forward(f, d_f, args)
    value, _ = d_f(*args, np.zeros(2), 0.0)
    assert value == f(*args)


def test_augmented_assignment_no_other_name_sees_stays_a_rebinding():
    f, d_f = compiled("""\
        def f(x):
            s = 0.0
            t = x * 2.0
            for i in range(3):
                s += x[i]
                t *= 1.5
            return s * np.sum(t)
        """)
    check_forward(f, d_f, (np.array([0.3, -1.2, 2.0]),))
    text = sct.transform(HEADER + "def f(x):\n    t = x * 2.0\n    t *= 1.5\n    return t\n")
    assert "[...]" not in text


def test_augmented_assignment_of_unknown_kind_on_a_copy_follows_numpy():
    """y = x; y += v: for an array x, numpy updates it in place and x sees it; for a number, y
    alone is rebound. The generated code does both, deciding at run time."""
    body = """\
        def f(x, v):
            y = x
            y += v
            y *= x
            return np.sum(x * y) + np.sum(y)
        """
    f, d_f = compiled(body)

    def fresh(args):            # f writes into an array x
        return [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]
    for args in [(0.7, 1.3), (np.array(0.7), 1.3), (np.array([0.7, -0.2]), 1.3),
                 (np.array([0.7, -0.2]), np.array([0.5, 2.0]))]:
        value, _ = d_f(*fresh(args), *[np.ones(np.shape(a)) for a in args])
        assert value == f(*fresh(args))
        if np.ndim(args[0]):        # (the checker makes numbers of arrays of no dimensions)
            check_forward(lambda *a: f(*fresh(a)), d_f, args)
    # x an array of no dimensions: y is x; y = (x + v) ** 2 and f = y * y + y
    assert d_f(np.array(0.7), 1.3, 1.0, 0.0) == (20.0, 36.0)
    assert d_f(0.7, 1.3, 1.0, 0.0)[0] == 0.7 * (2.0 * 0.7) + 2.0 * 0.7   # y alone rebound
    f, b_f = compiled(body, mode="reverse")
    assert b_f(np.array([0.7, -0.2]), 1.3, 1.0)[0] == f(np.array([0.7, -0.2]), 1.3)


def test_augmented_assignment_of_unknown_kind_through_a_view_is_refused():
    err = refusal("""\
        def f(m):
            v = m[0]
            v += 1.0
            return np.sum(m * m)
        """)
    assert "sct cannot tell whether it holds an array" in err.message
    assert err.lineno == 7 and err.source_line.strip() == "v += 1.0"
    assert "v = v + ..." in err.hint and "v[...] += ..." in err.hint


def test_augmented_assignment_of_a_number_is_a_rebinding():
    f, d_f = compiled("""\
        def f(x: float):
            y = x
            y += 1.0
            return x * y
        """)
    assert d_f(2.0, 1.0) == (6.0, 5.0)


STEP = """\
    def step(x, v):
        x += 0.1 * v
        return x

    def halved(x, v):
        r = step(x, v)
        return 0.5 * r

    """


@pytest.mark.parametrize("mode", ["forward", "reverse"])
@pytest.mark.parametrize("body, line", [
    ("""\
     def f(a, v):
         r = step(a, v)
         return np.sum(r * a)
     """, 14),
    ("""\
     def f(a, v):
         s = 0.0
         for i in range(3):
             r = step(a, v)
             s = s + np.sum(r)
         return s
     """, 16),
    ("""\
     def f(a, v):
         b = a[1:]
         r = halved(a, v)
         return np.sum(r) + np.sum(b)
     """, 15),
], ids=["read-after", "loop", "through-a-caller"])
def test_a_call_updating_an_argument_read_after_it_is_refused(mode, body, line):
    """numpy updates an array argument in place, which the caller would see (a, or its view
    b); sct rebinds, and cannot tell whether a holds an array: refused at the call."""
    err = refusal(textwrap.dedent(STEP) + textwrap.dedent(body), mode)
    assert "may update 'a' in place: 'x += ...' ('step', line 6)" in err.message
    assert "sct cannot tell whether it holds an array" in err.message
    assert err.lineno == line and "(a, v)" in err.source_line
    assert "np.copy(a)" in err.hint and "x = x + ..." in err.hint


@pytest.mark.parametrize("body", ["""\
    def f(a, v):
        for i in range(3):
            a = step(a, v)
        return np.sum(a * a) + np.sum(v)
    """, """\
    def f(a, v):
        b = a * 2.0
        r = halved(b, v)
        return np.sum(r * a)
    """, """\
    def f(a, v):
        r = step(np.sin(a), v)
        return np.sum(r * r) * np.sum(a)
    """], ids=["rebound", "own-copy", "fresh-value"])
def test_a_call_updating_an_argument_nobody_reads_again_is_exact(body):
    args = (np.array([0.3, -1.2, 2.0]), np.array([1.0, 0.5, -0.7]))
    source = textwrap.dedent(STEP) + textwrap.dedent(body)
    f, d_f = compiled(source)
    pure = lambda *a: f(*[np.copy(x) for x in a])      # f updates a in place ("rebound")
    check_forward(pure, d_f, args)
    f, b_f = compiled(source, mode="reverse")
    check_reverse(pure, b_f, args)


def test_generated_code_calls_a_helper_that_leaves_its_argument_as_it_was():
    """The reverse sweep passes the argument again to the helper's adjoint, after the
    forward sweep called the helper: that must see the argument as it was (it saw it
    updated in place, a wrong gradient, before)."""
    source = """\
        def scaled(x):
            x *= np.sin(x)
            return x

        def f(x):
            y = x * 1.0
            r = scaled(y)
            return np.sum(r)
        """
    f, b_f = compiled(source, mode="reverse")
    x = np.array([1.0, 2.0, 3.0])
    value, (gradient,) = b_f(x, 1.0)
    assert value == f(x)
    np.testing.assert_allclose(gradient, np.sin(x) + x * np.cos(x), rtol=1e-14)
    text = compile_module(HEADER + textwrap.dedent(source), "s.py", ["f"], "reverse")[0]
    assert "def scaled(x):\n    x = _own_value(x)\n    x *= np.sin(x)" in text
    f, d_f = compiled(source)
    check_forward(f, d_f, (x,))


def test_forward_mode_never_writes_into_the_callers_tangents():
    f, d_f = compiled("""\
        def f(x, a, b):
            x[0] = a * b
            return np.sum(x * x)
        """)
    x, dx = np.zeros(3), np.array([1.0, 2.0, 3.0])
    value, tangent = d_f(x, 2.0, 3.0, dx, 1.0, 1.0)
    assert value == 36.0 and tangent == 2 * 6.0 * 5.0 + 2 * 0.0
    assert list(dx) == [1.0, 2.0, 3.0]           # the caller's direction is untouched
    assert list(x) == [6.0, 0.0, 0.0]            # as f itself writes into its argument
    value, tangent = d_f(np.array([0.0, 1.0, 1.0]), 2.0, 3.0, 1.0, 0.0, 0.0)  # a number
    assert tangent == 4.0                       # as the direction: ones, but x[0] written


def test_forward_mode_copies_a_tangent_written_through_a_view():
    f, d_f = compiled("""\
        def f(x):
            v = x[1:]
            v *= 3.0
            return np.sum(x * x)
        """)
    x, dx = np.array([1.0, 2.0, 3.0]), np.ones(3)
    value, tangent = d_f(x.copy(), dx)
    assert value == f(x.copy()) and tangent == 2 * (1 + 6 * 3 + 9 * 3)
    assert list(dx) == [1.0, 1.0, 1.0]


def test_reverse_mode_refuses_a_row_of_unknown_shape_written_then_read_through_its_array():
    err = refusal("""\
        def f(m, v):
            n = m.copy()
            row = n[0]
            row[1] = v
            return np.sum(n ** 2)
        """, mode="reverse")
    assert "'row' is taken from 'n' by an index of numbers" in err.message
    assert err.source_line.strip() == "row[1] = v"


def test_a_row_of_a_known_matrix_is_a_view_in_both_modes():
    body = """\
        def f(v):
            n = np.zeros((2, 2))
            row = n[0]
            row[1] = v
            return np.sum(n ** 2)
        """
    assert compiled(body)[1](2.5, 1.0) == (6.25, 5.0)
    assert compiled(body, mode="reverse")[1](2.5, 1.0) == (6.25, (5.0,))


def test_reverse_mode_writes_through_views_into_their_array():
    """The issue's case: the gradient of sum(s ** 2) after v = s[1:]; v += 2 x[1:] is
    2 s * ds/dx = [2, 36, 54] at x = [1, 2, 3] (s = [1, 6, 9])."""
    f, b_f = compiled(VIEW_UPDATE, mode="reverse")
    value, (gradient,) = b_f(np.array([1.0, 2.0, 3.0]), 1.0)
    assert value == 118.0 and list(gradient) == [2.0, 36.0, 54.0]
    text = sct.transform(HEADER + textwrap.dedent(VIEW_UPDATE), mode="reverse")
    assert "s[1:] = " in text               # the update written into s


@pytest.mark.parametrize("view", ["np.reshape(s, (2, 1))", "s.reshape(2, 1)", "s[None]",
                                  "s.T", "np.ravel(s)"])
def test_numpys_views_are_arrays(view):
    """Found by the fuzzer: a reshape of an array of unknown number of dimensions was taken to
    be maybe a number; numpy's views are arrays whatever their operand."""
    f, d_f = compiled(f"""\
        def f(x):
            s = np.zeros(2) + x
            v = {view}
            v += 0.5
            return np.sum(s ** 2)
        """)
    assert d_f(0.3, 1.0) == (f(0.3), 4 * 0.8)


def test_a_row_of_a_constructed_matrix_updated_in_place():
    """Found by the fuzzer: s[0] of s = np.zeros((2, 3)) is a row (s has two dimensions), even
    where the row is updated by values of unknown shape."""
    f, d_f = compiled("""\
        def f(x):
            s = np.zeros((2, 3))
            v = s[0]
            v += 0.5 * x
            return np.sum(s ** 2)
        """)
    value, tangent = d_f(0.7, 1.0)
    assert value == f(0.7) and abs(tangent - 3 * 2 * 0.35 * 0.5) < 1e-15


EINSUM_VIEW = """\
    def f(x, v):
        m = np.outer(x, x)
        d = np.einsum('ii->i', m)
        d[0] = v
        return np.sum(m * m)
    """


def test_a_write_through_an_einsum_view_in_forward_mode():
    """np.einsum('ii->i', m) is a view of m's diagonal: writing into it writes into m (the
    derivative with respect to v was 0 and the one to x[0] was 28 for 16, in both modes)."""
    f, d_f = compiled(EINSUM_VIEW)
    args = (np.array([1.0, 2.0]), 3.0)
    check_forward(f, d_f, args)
    assert d_f(*args, np.zeros(2), 1.0) == (33.0, 6.0)


def test_a_write_through_an_einsum_view_is_refused_in_reverse_mode():
    err = refusal(EINSUM_VIEW, mode="reverse")
    assert "'d' may share memory with 'm'" in err.message and err.lineno == 8


FLIP_VIEW = """\
    def f(x, v):
        m = np.outer(x, x)
        r = np.flip(m)
        r[0, 0] = v
        return np.sum(m * m)
    """


def test_a_write_through_a_flipped_view():
    """np.flip(m) is a view of m (its last entry is r[0, 0]): forward mode follows the write,
    reverse mode refuses it, as for every rule marked a view."""
    f, d_f = compiled(FLIP_VIEW)
    args = (np.array([1.0, 2.0]), 3.0)
    check_forward(f, d_f, args)
    assert d_f(*args, np.zeros(2), 1.0) == (f(*args), 6.0)
    err = refusal(FLIP_VIEW, mode="reverse")
    assert "'r' may share memory with 'm'" in err.message and err.lineno == 8


SHAPE_NAMES = """\
    def f(l, x, mu):
        n, d = x.shape
        Q = np.zeros((3, d, d))
        Q[:, 1, 0] = l
        Q[:, 0, 0] = 1.0
        Qmu = np.einsum('krc,kc->kr', Q, mu)
        z = np.reshape(x @ np.reshape(Q, (3 * d, d)).T, (n, 3, d)) - Qmu
        return np.sum(z * z) + d
    """


def test_a_view_shares_its_array_not_the_names_of_its_shape():
    """np.reshape(Q, (3, d)) may view Q, not d; np.einsum of two operands makes a new array:
    the writes into Q before them stay exact in reverse mode (they were refused, Q said to
    share memory with d and with mu)."""
    f, b_f = compiled(SHAPE_NAMES, mode="reverse", wrt=(0, 2))
    rng = np.random.default_rng(3)
    check_reverse(f, b_f, (rng.standard_normal(3), rng.standard_normal((4, 2)),
                           rng.standard_normal((3, 2))), wrt=(0, 2))
