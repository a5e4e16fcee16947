"""Every construct outside the subset is refused up front with a located, explained SctError.

Each case gives the source, a distinctive piece of the message, and the 1-based line and column
of the construct's first character, together with the text expected there (so a column that is
off by one shows up as a wrong token, not just a wrong number).  ``str(err)`` must be the full
report: ``FILE:LINE:COL: error: MESSAGE``, the source line, a caret under the column, a hint.
"""
import ast
import math
import textwrap

import pytest

import sct
from sct import SctError

FILE = "bad.py"


def refusal(source, **options):
    with pytest.raises(SctError) as info:
        sct.transform(source, filename=FILE, **options)
    return info.value


def assert_report(err, source, line, col, token):
    """The error is at (line, col), the construct there starts with ``token``, and the
    report shows the headline, the source line, a caret under the column and a hint."""
    source_line = source.splitlines()[line - 1]
    assert (err.filename, err.lineno, err.col) == (FILE, line, col), str(err)
    assert source_line[col - 1:].startswith(token), (source_line, col, token)
    assert err.source_line == source_line
    assert err.hint
    lines = str(err).splitlines()
    assert lines[0] == f"{FILE}:{line}:{col}: error: {err.message}"
    assert lines[1] == "    " + source_line.rstrip()
    assert lines[2] == "    " + " " * (col - 1) + "^"
    assert lines[3] == f"hint: {err.hint}"
    assert "Traceback" not in str(err)


def check(source, message, line, col, token, **options):
    source = textwrap.dedent(source)
    err = refusal(source, **options)
    assert message in err.message, err.message
    assert_report(err, source, line, col, token)
    return err


# ------------------------------------------------------------------ statements and definitions

def test_class():
    check("""\
        def f(x):
            class A:
                pass
            return x
        """, "classes are not supported", 2, 5, "class")


def test_returned_closure():
    check("""\
        def f(x):
            def g(y):
                return y * x
            return g
        """, "the function 'g' is used as a value here", 4, 12, "g")


def test_stored_lambda():
    check("""\
        def f(x):
            g = lambda y: y * 2.0
            pair = (g, x)
            return x
        """, "the function 'g' is used as a value here", 3, 13, "g")


def test_lambda_outside_a_call():
    check("""\
        def f(x):
            return x + (lambda y: y)
        """, "a lambda can only be called, assigned to a name or passed", 2, 17, "lambda")


def test_nonlocal_in_a_nested_function():
    err = check("""\
        def f(x):
            c = 1.0
            def g(y):
                nonlocal c
                c = c * y
                return c
            return g(x) + c
        """, "the nested function 'g' assigns to 'c' of 'f' (nonlocal)", 4, 9, "nonlocal")
    assert "return the new value" in err.hint


def test_closure_writing_into_an_enclosing_array():
    check("""\
        import numpy as np
        def f(x):
            a = np.zeros(2)
            def g(y):
                a[0] = y
                return y
            return g(x) + a[0]
        """, "the nested function 'g' writes into 'a' of 'f'", 5, 9, "a[0]")


def test_function_chosen_by_a_branch():
    err = check("""\
        def g(x):
            return x
        def h(x):
            return 2.0 * x
        def f(x):
            k = g if x > 0 else h
            return k(x)
        """, "a function chosen at run time (by a branch)", 6, 9, "g if")
    assert "y = g(x) if c else h(x)" in err.hint


def test_function_bound_in_both_branches():
    check("""\
        def g(x):
            return x
        def h(x):
            return 2.0 * x
        def f(x):
            if x > 0:
                k = g
            else:
                k = h
            return k(x)
        """, "'k' is bound to a function here and to something else elsewhere", 7, 9, "k = g")


def test_nested_def_used_outside_its_block():
    check("""\
        def f(x, n):
            for i in range(n):
                def g(t):
                    return t * i
            return g(x)
        """, "'g' is used outside the block that defines it", 5, 12, "g")


def test_called_parameter_given_a_number():
    err = check("""\
        def apply(g, x):
            return g(x)
        def f(x):
            return apply(2.0, x)
        """, "'g' is called, but it is a parameter of 'apply' that receives no function here "
             "(from the call at bad.py:4)", 2, 12, "g(x)")
    assert "at every call of 'apply'" in err.hint


def test_entry_calling_its_parameter():
    check("""\
        def f(g, x):
            return g(x)
        """, "'g' is called, but it is a parameter of 'f'", 2, 12, "g(x)", name="f")


def test_parameter_given_a_function_reassigned():
    check("""\
        def g(t):
            return t
        def apply(h, x):
            h = 2.0
            return x * h
        def f(x):
            return apply(g, x)
        """, "'h' stands for the function 'g' it is given, and is assigned here", 4, 5, "h = 2.0",
          name="f")


def test_string_option_reassigned():
    check("""\
        def g(x, kind="l2"):
            if x > 0:
                kind = "l1"
            if kind == "l2":
                return x * x
            return abs(x)
        def f(x):
            return g(x)
        """, "'kind' holds the string 'l2' it is given", 3, 9, "kind", name="f")


def test_closure_changing_an_enclosing_list():
    check("""\
        def f(x):
            s = []
            def g(t):
                s.append(t)
                return t
            return g(x)
        """, "the nested function 'g' changes the list 's' of 'f'", 4, 9, "s.append")


def test_partial_keyword_given_again_by_position():
    check("""\
        from functools import partial
        def g(a, b):
            return a * b
        def f(x):
            p = partial(g, b=2.0)
            return p(x, x)
        """, "'g' got multiple values for the argument 'b'", 6, 12, "p(x, x)")


def test_function_among_star_args():
    check("""\
        def g(t):
            return t
        def total(*hs):
            return 1.0
        def f(x):
            return total(g) * x
        """, "a function among *args is not supported", 6, 18, "g)", name="f")


def test_recursion_through_a_function_argument():
    err = check("""\
        def apply(g, x, n):
            if n == 0:
                return g(x)
            return apply(g, g(x), n - 1)
        def sq(t):
            return t * t
        def f(x):
            return apply(sq, x, 3)
        """, "recursive call of 'apply__sq'", 4, 12, "apply(g, g(x)", name="f")
    assert "through a function argument" in err.message


def test_recursive_nested_function():
    check("""\
        def f(x, n):
            def g(t, k):
                if k == 0:
                    return t
                return g(t * x, k - 1)
            return g(1.0, n)
        """, "recursive call of 'f__g'", 5, 16, "g(t * x")


@pytest.mark.parametrize("expr, kind", [
    ("{x * i for i in range(3)}", "set"),      # list and dict comprehensions build values
])
def test_comprehension(expr, kind):
    check(f"""\
        def f(x):
            y = {expr}
            return x
        """, "comprehensions are not supported", 2, 9, expr[:4])


def test_generator_expression():
    # a generator that escapes (bound to a name) has no loop to be lowered into
    check("""\
        def f(x):
            g = (x * i for i in range(3))
            return sum(g)
        """, "a generator expression is supported only as the argument of sum(), max(), "
             "min(), any() or all()", 2, 9, "(x * i")


def test_generator_in_a_numpy_call():
    # refused even as the argument of a call sct does not know (the first problem in the text)
    check("""\
        def f(x):
            s = np.sum(x * i for i in range(3))
            return s
        """, "a generator expression is supported only as the argument", 2, 15, "(x * i")


def test_yield():
    check("""\
        def f(x):
            yield x * 2.0
        """, "generators (yield) are not supported", 2, 5, "yield")


def test_yield_from():
    check("""\
        def f(x):
            y = yield from g(x)
            return y
        """, "generators (yield) are not supported", 2, 9, "yield from")


def test_try():
    check("""\
        def f(x):
            try:
                y = 1.0 / x
            except ZeroDivisionError:
                y = 0.0
            return y
        """, "try is not supported", 2, 5, "try")


def test_with():
    check("""\
        def f(x):
            with open("log") as fh:
                y = x
            return y
        """, "with is not supported", 2, 5, "with")


def test_global():
    check("""\
        total = 0.0
        def f(x):
            global total
            total = x
            return x
        """, "global is not supported", 3, 5, "global")


def test_nonlocal():
    # at the top level of a function, nonlocal can only be invalid Python: refused as such
    check("""\
        def f(x):
            nonlocal y
            y = x
            return y
        """, "nonlocal", 2, 5, "nonlocal")


def test_varargs_of_an_entry():
    err = check("""\
        def f(x, *args):
            return x
        """, "'f' takes '*args', whose number of arguments is known only at each call", 1,
                11, "args")
    assert "tuple parameter 'args'" in err.hint


def test_kwargs():
    check("""\
        def f(x, **options):
            return x
        """, "'**options': **kwargs parameters are not supported", 1, 10, "**options")


def test_kwargs_of_a_nested_function():
    check("""\
        def f(x):
            g = lambda t, **options: t
            return g(x)
        """, "**kwargs parameters are not supported", 2, 21, "options")


def test_missing_keyword_only_argument():
    check("""\
        def g(x, *, scale):
            return x * scale
        def f(x):
            return g(x)
        """, "'g' is missing its keyword-only argument 'scale'", 4, 12, "g(x)")


def test_keyword_only_parameter_passed_by_position():
    check("""\
        def g(x, *, scale=1.0):
            return x * scale
        def f(x):
            return g(x, 2.0)
        """, "'g' takes 1 positional argument but 2 were given", 4, 12, "g(x, 2.0)")


def test_string_in_arithmetic():
    check("""\
        def f(x):
            return x + "a"
        """, "strings are not supported", 2, 16, '"a"')


def test_f_string():
    check("""\
        def f(x):
            label = f"x = {x}"
            return x
        """, "strings are not supported", 2, 13, 'f"x')


@pytest.mark.parametrize("statement", ["import math", "from math import sin"])
def test_import_inside_function(statement):
    check(f"""\
        def f(x):
            {statement}
            return x
        """, "import inside a function is not supported", 2, 5, statement.split()[0])


def test_del_of_an_item():
    check("""\
        def f(x):
            y = [x, 2.0 * x]
            del y[0]
            return y[0]
        """, "del is supported for local names only", 3, 9, "y[0]")


def test_raise_of_a_class_not_builtin():
    check("""\
        class Bad(Exception):
            pass


        def f(x):
            if x < 0:
                raise Bad("negative")
            return x
        """, "raise is supported with Python's built-in exceptions only", 7, 15, "Bad")


def test_bare_raise():
    check("""\
        def f(x):
            if x < 0:
                raise
            return x
        """, "a bare 'raise'", 3, 9, "raise")


def test_raise_from():
    check("""\
        def f(x):
            if x < 0:
                raise ValueError("negative") from None
            return x
        """, "'raise ... from ...' is not supported", 3, 43, "None")


def test_user_function_in_a_message():
    check("""\
        def g(x):
            return x * 2.0


        def f(x):
            print("g is", g(x))
            return x
        """, "a call of the user function 'g' inside assert", 6, 19, "g(x)")


def test_print_to_a_file():
    check("""\
        import sys


        def f(x):
            print(x, file=sys.stderr)
            return x
        """, "print(..., file=...) is not supported", 5, 19, "sys")


def test_warning_of_a_category_not_builtin():
    check("""\
        import warnings
        import numpy as np


        def f(x):
            warnings.warn("odd", np.VisibleDeprecationWarning)
            return x
        """, "must be one of Python's built-in warnings", 6, 26, "np.")


def test_f_string_outside_inert_statements():
    check("""\
        def f(x):
            print("x")
            label = f"x = {x}"
            return x
        """, "strings are not supported", 3, 13, 'f"x')


def test_dict_literal_with_a_computed_key():
    check("""\
        def f(x, k):
            d = {k: x}
            return d[k]
        """, "keys must be strings or integers written out", 2, 10, "k: x")


def test_dict_literal_spread():
    check("""\
        def f(x, e):
            d = {"a": x, **e}
            return d["a"]
        """, "'**' in a dict display", 2, 9, "{")


def test_set_literal():
    check("""\
        def f(x):
            s = {x, 1.0}
            return x
        """, "sets are not supported", 2, 9, "{")


def test_walrus():
    check("""\
        def f(x):
            y = (z := x * 2.0) + 1.0
            return y
        """, "walrus", 2, 10, "z :=")


def test_starred_assignment():
    check("""\
        def f(x):
            a, *rest = x
            return a
        """, "starred", 2, 8, "*rest")


def test_starred_in_list():
    check("""\
        import numpy as np
        def f(x):
            y = np.array([*x])
            return y
        """, "starred", 3, 19, "*x")


def test_match():
    check("""\
        def f(x):
            match x:
                case 0:
                    y = 1.0
            return x
        """, "match is not supported", 2, 5, "match")


@pytest.mark.parametrize("iterable, message, token", [
    ("map(g, xs)", "a loop over map(...) is not supported", "map"),
    ("iter(xs)", "a loop over iter(...) is not supported", "iter"),
    ("'abc'", "a loop over a string is not supported", "'abc'"),
    ("3.0", "a loop over the constant 3.0 is not supported", "3.0"),
    ("reversed(enumerate(xs))", "a enumerate object cannot be reversed", "enumerate"),
    ("reversed(zip(xs, xs))", "a zip object cannot be reversed", "zip"),
    ("zip(xs, xs, strict=True)", "zip() with keywords (strict=) is not supported", "zip"),
    ("enumerate(xs, 1, 2)", "enumerate() takes an iterable and optionally start", "enumerate"),
    ("zip(*xs)", "zip(*...) is not supported: sct must know how many sequences it reads",
     "*xs"),
    ("enumerate(range(0, 9, 0))", "range() arg 3 must not be zero", "0)"),
])
def test_for_over_what_sct_cannot_count(iterable, message, token):
    source = textwrap.dedent(f"""\
        def g(v):
            return v


        def f(xs, d, n):
            s = 0.0
            for v in {iterable}:
                s = s + v
            return s
        """)
    err = refusal(source)
    assert message in err.message, err.message
    assert_report(err, source, 7, source.splitlines()[6].index(token) + 1, token)


def test_for_over_a_list_it_appends_to():
    check("""\
        def f(x):
            xs = []
            xs.append(x)
            for v in xs:
                xs.append(v * 2.0)
            return x
        """, "the loop appends to 'xs', which it iterates over", 4, 14, "xs")


def test_for_unpacking_a_display_of_another_length():
    check("""\
        def f(xs, ys):
            s = 0.0
            for a, b, c in zip(xs, ys):
                s = s + a * b
            return s
        """, "each item has 2 parts, which cannot be unpacked into 3 names", 3, 9, "a, b, c")


def test_for_unpacking_a_range():
    check("""\
        def f(x):
            for a, b in reversed(range(3)):
                x = x * a
            return x
        """, "the items of a range are numbers, which cannot be unpacked", 2, 9, "a, b")


def test_reduction_with_key():
    check("""\
        def f(xs):
            return max((x for x in xs), key=abs)
        """, "max() of a generator takes the generator and default only (no key=)", 2, 12,
          "max(")


@pytest.mark.parametrize("op", ["and", "or"])
def test_and_or_as_value(op):
    check(f"""\
        def f(x, y):
            z = x {op} y
            return z
        """, "'and'/'or' are supported in conditions only", 2, 9, f"x {op} y")


def test_and_in_condition_is_fine():
    sct.transform("def f(x, y):\n    if x > 0 and y > 0:\n        x = x * y\n    return x\n")


@pytest.mark.parametrize("body", ["ok = x > 0.0 and y > 0.0", "ok = x > 0.0\n    ok = ok or y > 5.0",
                                  "ok = not (x > 0.0) or False"])
def test_and_or_over_truth_values_is_a_flag(body):
    """and/or of comparisons, flags and True/False is a truth value wherever it stands (the
    same rule that reads the flags of sct's own reverse-mode code): no derivative, no
    refusal; over numbers it stays refused (it would pick one of them)."""
    from sct.api import compile_module
    source = f"def f(x, y):\n    {body}\n    return x * y if ok else x\n"
    primal, generated = {}, {}
    exec(source, primal)
    text, names = compile_module(source, "flags.py", ["f"], "forward", (0,))
    exec(text, generated)
    for x in (0.5, -0.5):
        value = primal["f"](x, 2.0)
        assert generated[names["f"]](x, 2.0, 1.0) == (value, 2.0 if value != x else 1.0)
    check("""\
        def f(x, y):
            ok = x > 0.0
            ok = ok or y
            return x if ok else y
        """, "'and'/'or' are supported in conditions only", 3, 10, "ok or y")


@pytest.mark.parametrize("op", ["is", "is not"])   # 'in' tests membership of a container
def test_in_is_comparisons(op):
    check(f"""\
        def f(x, y):
            if x {op} y:
                x = 2.0 * x
            return x
        """, f"the comparison '{op}' is not supported", 2, 8, f"x {op} y")


@pytest.mark.parametrize("default", ["[]", "g()", "x0", "((1, 2), 'a')"])
def test_non_constant_default(default):
    check(f"""\
        def f(x, y={default}):
            return x * y
        """, "a parameter default must be a constant", 1, 12, default)


def test_constant_defaults_are_fine():
    sct.transform("def f(x, y=2.0, z=-1, flag=True, w=None, v=(1.0, 2), m='a'):\n"
                  "    return x * y * z\n")


@pytest.mark.parametrize("decorator", ["functools.lru_cache", "staticmethod",
                                       "functools.lru_cache(maxsize=8)"])
def test_decorator_not_sct(decorator):
    check(f"""\
        import functools
        @{decorator}
        def f(x):
            return x * x
        """, "decorators other than sct's are not supported", 2, 1, "@")


def test_sct_decorators_are_accepted():
    for decorator in ["sct.forward", "sct.forward(wrt='x')"]:
        sct.transform(f"import sct\n@{decorator}\ndef f(x):\n    return x * x\n")
    sct.transform("from sct import forward\n@forward\ndef f(x):\n    return x * x\n")


def test_direct_recursion():
    check("""\
        def f(x, n):
            if n == 0:
                return x
            return f(x * x, n - 1)
        """, "recursive call of 'f' (f -> f)", 4, 12, "f(x * x")


def test_mutual_recursion():
    err = check("""\
        def f(x):
            return g(x) + 1.0

        def g(x):
            return 2.0 * f(x)
        """, "recursive call of 'f' (f -> g -> f)", 5, 18, "f(x)")
    assert "recursive functions" in err.message


def test_unknown_function():
    check("""\
        def f(x):
            return 2.0 * foo(x)
        """, "unknown function 'foo'", 2, 18, "foo(x)")


@pytest.mark.parametrize("call, message, token", [
    ("np.einsum(a, x, a, [1, 2])", "subscripts must be a string literal or literal lists",
     "x, a"),
    ("np.einsum(a, [0, x], a, [1, 2])", "sublist holds integers from 0 to 51", "x]"),
    ("np.einsum(a, [0, 52])", "sublist holds integers from 0 to 51", "52"),
    ("np.einsum(a, [0, 1.0])", "sublist holds integers from 0 to 51", "1.0"),
    ("np.einsum(a)", "needs subscripts for its operand", "np.einsum"),
    ("np.einsum('ij,jk->ik', a)", "do not fit its 1 operand", "np.einsum"),
    ("np.einsum('ij->k', a)", "do not fit its 1 operand", "np.einsum"),
    ("np.einsum('i1', a)", "do not fit its 1 operand", "np.einsum"),
    ("np.einsum('ij', a, out=a)", "keyword 'out' is not supported", "np.einsum"),
])
def test_einsum_subscripts(call, message, token):
    source = f"""\
        import numpy as np
        def f(a, x):
            return {call}
        """
    check(source, message, 3, textwrap.dedent(source).splitlines()[2].index(token) + 1, token)


def test_unknown_numpy_function():
    check("""\
        import numpy as np
        def f(x):
            return np.polyfit(x, x, 1)
        """, "'np.polyfit' has no derivative rule", 3, 12, "np.polyfit")


def test_unknown_numpy_function_with_other_alias():
    err = check("""\
        import numpy
        def f(x):
            return numpy.polyfit(x, x, 1)
        """, "'np.polyfit' has no derivative rule", 3, 12, "numpy.polyfit")
    assert "README" in err.hint


@pytest.mark.parametrize("call, nearest", [("np.logaddexpp(x, a)", "np.logaddexp"),
                                           ("np.linalg.slodget(x)", "np.linalg.slogdet"),
                                           ("np.cumsun(x)", "np.cumsum")])
def test_misspelt_function_hint_names_the_supported_one(call, nearest):
    err = check(f"""\
        import numpy as np
        def f(a, x):
            return {call}
        """, f"'{call.split('(')[0]}' has no derivative rule", 3, 12, call.split("(")[0])
    assert f"did you mean {nearest}?" in err.hint


@pytest.mark.parametrize("imports, call", [("import os", "os.path.join(x)"),
                                           ("from statistics import mean", "mean(x)")])
def test_standard_library_function(imports, call):
    check(f"""\
        {imports}
        def f(x):
            return {call}
        """, f"unknown function '{call[:-3]}'", 3, 12, call)


def test_sct_itself_inside_a_function():
    check("""\
        import sct
        def f(x):
            return sct.forward(x)
        """, "'sct.forward' is part of sct", 3, 12, "sct.forward")


def test_unsupported_method():
    check("""\
        def f(x):
            return x.argsort()
        """, "the method '.argsort()' is not supported", 2, 12, "x.argsort")


def test_unsupported_attribute():
    check("""\
        def f(x):
            return x.flat
        """, "the attribute '.flat' is not supported", 2, 12, "x.flat")


def test_undefined_name():
    check("""\
        def f(x):
            return x + y
        """, "undefined name 'y'", 2, 16, "y")


def test_module_variable_that_is_not_a_constant():
    check("""\
        import numpy as np
        A = np.ones(3)
        def f(x):
            return x * A
        """, "the module-level variable 'A' is not a number constant", 4, 16, "A")


def test_module_constant_bound_twice():
    check("""\
        C = 2.0
        C = 3.0
        def f(x):
            return x * C
        """, "'C' is not a number constant", 4, 16, "C")


@pytest.mark.parametrize("value", ["len", "np"])
def test_function_used_as_value(value):       # h = len alone is a function's name: fine
    check(f"""\
        import numpy as np
        def g(x):
            return x

        def f(x):
            h = ({value}, x)
            return x
        """, f"'{value}' is used as a value", 6, 10, value)


def test_variable_named_np():
    check("""\
        import numpy as np
        def f(x):
            np = 2.0
            return x * np
        """, "the name 'np' is reserved", 3, 5, "np")


def test_parameter_named_math():
    check("""\
        def f(x, math):
            return x * math
        """, "the name 'math' is reserved", 1, 10, "math")


def test_wrt_unknown_name():
    check("""\
        def f(x, y):
            return x * y
        """, "'f' has no parameter 'z' (parameters: x, y)", 1, 1, "def", wrt="z")


@pytest.mark.parametrize("index", [2, -3, "7"])
def test_wrt_index_out_of_range(index):
    check("""\
        def f(x, y):
            return x * y
        """, f"'f' has no parameter number {int(index)}", 1, 1, "def", wrt=index)


def test_wrt_bad_type_and_duplicates():
    source = "def f(x, y):\n    return x * y\n"
    assert "wrt must hold parameter indices or names" in refusal(source, wrt=1.5).message
    assert "wrt must hold parameter indices or names" in refusal(source, wrt=True).message
    assert "named twice" in refusal(source, wrt=("x", 0)).message


def test_wrt_decorated_function_points_at_def():
    source = "import sct\n@sct.forward\ndef f(x, y):\n    return x * y\n"
    assert_report(refusal(source, wrt="q"), source, 3, 1, "def")


@pytest.mark.parametrize("wrt", ["n", 1, ("x", "n")])
def test_wrt_integer_loop_bound(wrt):
    check("""\
        def f(x, n):
            s = x
            for i in range(n):
                s = s * x
            return s
        """, "no derivative flows", 3, 20, "n", wrt=wrt, strict=True)


def test_loop_bound_without_explicit_wrt_is_fine():
    text = sct.transform("def f(x, n):\n    s = x\n    for i in range(n):\n"
                         "        s = s * x\n    return s\n")
    assert "def d_f(" in text


@pytest.mark.parametrize("args", ["x, key=0.5", "[]", "x, 1.0, default=2.0"])
@pytest.mark.parametrize("fn", ["min", "max"])
def test_min_max_forms(fn, args):
    check(f"""\
        def f(x):
            return {fn}({args})
        """, f"{fn}() is supported over two or more values, a list or tuple display, or an "
             f"array", 2, 12, f"{fn}(")


@pytest.mark.parametrize("call", ["sum(x, 1.0, 2.0)", "sum(x, key=0.5)"])
def test_sum_forms(call):
    check(f"""\
        def f(x):
            return {call}
        """, "sum() is supported over a list or tuple display, or an array", 2, 12, "sum(")


def test_range_outside_for():
    check("""\
        def f(x):
            r = range(3)
            return x
        """, "range(...) is supported only as the iterable of a for loop", 2, 9, "range")


def test_module_function_used_as_value():
    check("""\
        def g(x):
            return x

        def f(x):
            h = (g, x)
            return x
        """, "'g' is used as a value", 5, 10, "g")


def test_async_def():
    check("""\
        async def f(x):
            return x
        """, "async functions are not supported", 1, 1, "async")


def test_break_outside_loop():
    check("""\
        def f(x):
            break
            return x
        """, "'break' outside loop", 2, 5, "break")


def test_no_return():
    check("""\
        def f(x):
            y = x * 2.0
        """, "'f' has no return statement", 1, 1, "def")


def test_bare_return():
    check("""\
        def f(x):
            return
        """, "a bare 'return'", 2, 5, "return")


def test_expression_statement():
    check("""\
        import numpy as np


        def f(x):
            np.sin(x)
            return x
        """, "a call whose result is not used", 5, 5, "np.sin")


def test_user_function_called_with_wrong_arguments():
    check("""\
        def g(x, y):
            return x * y
        def f(x):
            return g(x)
        """, "'g' is missing its argument 'y'", 4, 12, "g(x)")


# ------------------------------------------------------------------ files and names

def test_syntax_error():
    check("""\
        def f(x):
            return x + * 2
        """, "invalid Python syntax", 2, 16, "* 2")


def test_syntax_error_unclosed():
    check("""\
        def f(x):
            return (x
        """, "'(' was never closed", 2, 12, "(x")


@pytest.mark.parametrize("source", ["", "\n\n", "# only a comment\n", "x = 1.0\n",
                                    "import math\nY = math.pi\n"])
def test_file_without_functions(source):
    err = refusal(source)
    assert "the file defines no function to differentiate" in err.message
    assert (err.lineno, err.col) == (None, None)
    assert str(err).splitlines()[0] == f"{FILE}: error: {err.message}"
    assert "hint: " in str(err)


def test_unknown_function_name_asked_for():
    source = "def f(x):\n    return x\n\ndef g(x):\n    return x\n"
    err = refusal(source, name="h")
    assert "no function named 'h'" in err.message
    assert "functions found: f, g" in err.message
    assert str(err).startswith(f"{FILE}: error: ")
    assert "hint: " in str(err)
    assert "no function named 'zz'" in refusal(source, name=["f", "zz"]).message


def test_unknown_mode_and_bad_wrt_container():
    source = "def f(x):\n    return x\n"
    assert "unknown mode" in refusal(source, mode="sideways").message


# ------------------------------------------------------------------ columns are characters

def test_column_counts_characters_not_bytes():
    source = "def f(x):\n    é = x\n    return é + 'ü'\n"
    err = refusal(source)
    assert_report(err, source, 3, 16, "'ü'")


def test_compiler_syntax_error_column_counts_characters():
    source = "def f(x):\n    é = 1.0; break\n    return x\n"
    assert_report(refusal(source), source, 2, 14, "break")


def test_tab_indentation_keeps_caret_aligned():
    source = "def f(x):\n\tclass A:\n\t\tpass\n\treturn x\n"
    err = refusal(source)
    assert (err.lineno, err.col) == (2, 2)
    assert str(err).splitlines()[2] == "    \t^"


# ------------------------------------------------------------------ sct.forward on non-functions

def test_forward_on_lambda():
    with pytest.raises(SctError) as info:
        sct.forward(lambda x: x * x)
    err = info.value
    assert "a lambda cannot be differentiated" in err.message
    assert err.filename == __file__
    assert err.source_line[err.col - 1:].startswith("lambda")
    assert "hint: " in str(err)


def test_forward_on_builtin():
    with pytest.raises(SctError) as info:
        sct.forward(math.sin)
    assert "'sin' is not a Python function" in info.value.message


def test_forward_on_non_callable():
    with pytest.raises(SctError, match="not a Python function"):
        sct.forward(42)


def test_forward_on_exec_function():
    namespace = {}
    exec("def g(x):\n    return x * x\n", namespace)
    with pytest.raises(SctError) as info:
        sct.forward(namespace["g"])
    assert "the source of 'g' cannot be read" in info.value.message


def test_forward_on_closure():
    def outer():
        def inner(x):
            return x * x
        return inner

    with pytest.raises(SctError) as info:
        sct.forward(outer())
    err = info.value
    assert "'test_forward_on_closure.<locals>.outer.<locals>.inner' is defined inside " \
           "another function" in err.message
    assert err.source_line[err.col - 1:].startswith("def inner")


class Holder:
    def method(self, x):
        return x * x


def test_forward_on_methods():
    """Methods are differentiated (tests/test_methods.py); a class that is not at the top level
    of its file is refused."""
    assert sct.forward(Holder().method)(3.0, 1.0) == (9.0, 6.0)

    def make():
        class Inner:
            def method(self, x):
                return x * x
        return Inner()
    with pytest.raises(SctError, match="Inner', a class that is not defined at the top level"):
        sct.forward(make().method)


# ------------------------------------------------------------------ no internal exception escapes

ODD_INPUTS = [
    "def f(x):\n    return x.T.T\n",
    "def f(x):\n    for i in range(stop=3):\n        x = x + 1\n    return x\n",
    "def f(x):\n    for i, j in range(3):\n        x = x + 1\n    return x\n",
    "def f(x):\n    for i in range(1, 2, 3, 4):\n        x = x + 1\n    return x\n",
    "def f(x, x):\n    return x\n",
    "def f(x):\n    continue\n    return x\n",
    "def f(x):\n    return await x\n",
    "def f(x):\n    x.a = 1.0\n    return x\n",
    "def f(x):\n    x.a[0] = 1.0\n    return x\n",
    "def f(x):\n    return (1.0).hex()\n",
    "def f(x):\n    return None(x)\n",
    "def f(x):\n    return x(1.0)\n",
    "def f(x):\n    return x.shape.foo\n",
    "def g(x):\n    return x\ndef f(x):\n    return g(x)(x)\n",
    "def g(x):\n    return x\ndef f(x):\n    return g(x, z=1.0)\n",
    "def g(x):\n    return x\ndef f(x):\n    return g(x, x)\n",
    "import numpy as np\ndef f(x):\n    return np.sum(x, **{'axis': 0})\n",
    "import numpy as np\ndef f(x):\n    return np.sum(x, foo=1)\n",
    "import numpy as np\ndef f(x):\n    return np.linalg.norm(x, ord=1)\n",
    "import numpy as np\ndef f(x):\n    return np.foo\n",
    "import math\ndef f(x):\n    return math.sin(x, 1.0)\n",
    "import math\ndef f(x):\n    return math.sin()\n",
    "import os\ndef f(x):\n    return os.path.join(x)\n",
    "import os\ndef f(x):\n    return os.sep\n",
    "from nonexistent_module_zz import g\ndef f(x):\n    return g(x)\n",
    "from .helper import g\ndef f(x):\n    return g(x)\n",
    "from sct import forward\ndef f(x):\n    return forward(x)\n",
    "def f(x, range):\n    for i in range(3):\n        x = x + 1.0\n    return x\n",
    "from math import sin\ndef f(x, sin):\n    return sin(x)\n",
    "def f(x):\n    return x + 1j\n",
    "def f(x):\n    return x + b'a'\n",
    "def f(x):\n    return [x]\n",
    "def f(x):\n    y = slice(1, 2)\n    return x\n",
    "def f(x):\n    return x + \0\n",
    "def f(x):\n    return " + "(" * 300 + "x" + ")" * 300 + "\n",
    "def f(x):\n    return " + "x + " * 5000 + "x\n",
    "\ufeffdef f(x):\n    return x\n",
    "def f(x):\n    return x\n" + "def f(x):\n    return 2.0 * x\n",
]


@pytest.mark.parametrize("source", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_input_gives_sct_error_or_code(source):
    """Bad input is an SctError with a location and a hint, never an internal exception."""
    try:
        text = sct.transform(source, filename=FILE)
    except SctError as err:
        assert err.message and err.hint, str(err)
        assert str(err).startswith(f"{FILE}:")
    else:
        ast.parse(text)


def test_error_inside_a_rewritten_sum_points_at_its_operand():
    """sum([...]) is rewritten in the frontend; an error in one of its items still points at
    that item."""
    check("""\
        import numpy as np
        def f(x):
            return sum([x, np.polyfit(x, x, 1)])
        """, "'np.polyfit' has no derivative rule", 3, 20, "np.polyfit")


def test_constructor_dtype_other_than_float_or_integer():
    check("""\
        import numpy as np


        def f(x):
            return np.sum(np.array(x, dtype="complex128") * x)
        """, "np.array(..., dtype=...) is supported with float", 5, 37, '"complex128"')


def test_linspace_retstep():
    check("""\
        import numpy as np


        def f(x):
            return np.sum(np.linspace(0.0, x, 4, retstep=True, dtype=float))
        """, "np.linspace is supported with retstep=False only", 5, 50, "True")


def test_isinstance_of_a_class_not_builtin():
    check("""\
        class A:
            pass


        def f(x):
            assert not isinstance(x, A)
            return x
        """, "isinstance is supported with Python's built-in classes", 6, 30, "A)")


def test_call_of_a_function_without_effects_as_a_statement():
    check("""\
        def g(x):
            return x * 2.0


        def f(x):
            g(x)
            return x
        """, "a call whose result is not used has no effect", 6, 5, "g(x)")


def test_sorted_with_a_key():
    check("""\
        def f(x, y):
            t = sorted((x, y), key=abs)
            return t[0]
        """, "sorted() with key= is not supported", 2, 28, "abs")


def test_reduction_in_a_chained_comparison():
    # computed before the statement, it would run where Python's chain stops before it
    check("""\
        def f(xs, t):
            if 0.0 < t < max(x for x in xs):
                t = t * 2.0
            return t
        """, "max(...) over a generator is supported where it is always computed, not in a "
             "later operand of a chained comparison", 2, 18, "max(")
