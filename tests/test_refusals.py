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


def test_closure():
    check("""\
        def f(x):
            def g(y):
                return y * x
            return g(x)
        """, "nested functions (closures) are not supported", 2, 5, "def g")


def test_lambda():
    check("""\
        def f(x):
            g = lambda y: y * 2.0
            return x
        """, "lambda is not supported", 2, 9, "lambda")


@pytest.mark.parametrize("expr, kind", [
    ("[x * i for i in range(3)]", "list"),
    ("{x * i for i in range(3)}", "set"),
    ("{i: x for i in range(3)}", "dict"),
])
def test_comprehension(expr, kind):
    check(f"""\
        def f(x):
            y = {expr}
            return x
        """, "comprehensions are not supported", 2, 9, expr[:4])


def test_generator_expression():
    # refused even as the argument of a call sct does not know (the first problem in the text)
    check("""\
        def f(x):
            s = sum(x * i for i in range(3))
            return s
        """, "generator expressions are not supported", 2, 12, "(x * i")


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


def test_varargs():
    check("""\
        def f(x, *args):
            return x
        """, "*args and **kwargs", 1, 10, "*args")


def test_kwargs():
    check("""\
        def f(x, **options):
            return x
        """, "*args and **kwargs", 1, 10, "**options")


def test_keyword_only_parameter():
    check("""\
        def f(x, *, scale):
            return x * scale
        """, "keyword-only parameters are not supported ('scale')", 1, 13, "scale")


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


def test_del():
    check("""\
        def f(x):
            y = x * 2.0
            del y
            return x
        """, "del is not supported", 3, 5, "del")


def test_stack_of_active_values_in_reverse_mode():
    """s.append(v) / s.pop() of a value carrying a derivative: forward mode differentiates it,
    reverse mode refuses it (its sweep carried no adjoint through the stack: a wrong gradient,
    Tangent's stack_pushing)."""
    source = """\
        def f(a):
            stack = []
            y = a * a
            stack.append(a)
            aa = stack.pop()
            return y * aa
        """
    check(source, "'stack.append(a)': a list used as a stack of values that carry a "
                  "derivative is not differentiated in reverse mode", 4, 5, "stack.append",
          mode="reverse")
    sct.transform(textwrap.dedent(source), filename=FILE, mode="forward")


def test_assert():
    check("""\
        def f(x):
            assert x > 0
            return x
        """, "assert is not supported", 2, 5, "assert")


def test_raise():
    check("""\
        def f(x):
            if x < 0:
                raise ValueError("negative")
            return x
        """, "raise is not supported", 3, 9, "raise")


def test_dict_literal():
    check("""\
        def f(x):
            d = {"a": x}
            return x
        """, "dictionaries are not supported", 2, 9, "{")


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


def test_for_over_non_range():
    check("""\
        def f(xs):
            s = 0.0
            for v in xs:
                s = s + v
            return s
        """, "for loops must iterate over range(...)", 3, 14, "xs")


def test_for_else():
    check("""\
        def f(x):
            for i in range(3):
                x = x * 2.0
            else:
                x = 0.0
            return x
        """, "for ... else is not supported", 2, 5, "for")


def test_while_else():
    check("""\
        def f(x):
            while x < 10.0:
                x = x * 2.0
            else:
                x = 0.0
            return x
        """, "while ... else is not supported", 2, 5, "while")


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


@pytest.mark.parametrize("op", ["in", "not in", "is", "is not"])
def test_in_is_comparisons(op):
    check(f"""\
        def f(x, y):
            if x {op} y:
                x = 2.0 * x
            return x
        """, f"the comparison '{op}' is not supported", 2, 8, f"x {op} y")


@pytest.mark.parametrize("default", ["[]", "g()", "x0", "(1, 2)"])
def test_non_constant_default(default):
    check(f"""\
        def f(x, y={default}):
            return x * y
        """, "a parameter default must be a number", 1, 12, default)


def test_constant_defaults_are_fine():
    sct.transform("def f(x, y=2.0, z=-1, flag=True, w=None):\n    return x * y * z\n")


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
            return x.real
        """, "the attribute '.real' is not supported", 2, 12, "x.real")


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


@pytest.mark.parametrize("value", ["g", "len", "np"])
def test_function_used_as_value(value):
    check(f"""\
        import numpy as np
        def g(x):
            return x

        def f(x):
            h = {value}
            return x
        """, f"'{value}' is used as a value", 6, 9, value)


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


def test_lambda_called_directly():
    check("""\
        def f(x):
            return (lambda y: y)(x)
        """, "lambda is not supported", 2, 13, "lambda")


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
        def f(x):
            print(x)
            return x
        """, "a call whose result is not used", 2, 5, "print")


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
    with pytest.raises(SctError, match="'Holder.method' is a bound method"):
        sct.forward(Holder().method)
    with pytest.raises(SctError, match="'Holder.method' is defined in a class"):
        sct.forward(Holder.method)


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
