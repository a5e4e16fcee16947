"""A battery of hostile and mistaken input: what a user could feed sct, each with its outcome.

Every case is either refused with an ``SctError`` at the right place (file, line, 1-based
column, and the text found there) whose report says what to do (a hint), or works (the
generated module parses and runs).  Never an internal traceback, never a hang: each case runs
under a time limit, through the API (``sct.transform``) and through the command line
(``sct transform FILE``), which also reads the file (encodings, size).

The battery covers every construct the README refuses, syntax errors, empty and function-less
files, unknown function names, non-UTF-8 and multi-megabyte files, deeply nested and very long
code, bad ``wrt``, unknown and recursive calls, names shadowing ``np``/``math``, functions whose
source cannot be read (``sct.forward`` of exec-defined functions, builtins, lambdas...), and
misuse of generated code at run time (wrong arguments, wrong tangent shapes, NaN inputs).
tests/test_refusals.py checks many refusals in more detail (columns in characters, tabs...).
"""
import ast
import contextlib
import functools
import math
import signal
import textwrap
import threading
from dataclasses import dataclass, field

import numpy as np
import pytest
from click.testing import CliRunner

import sct
from sct import SctError
from sct.cli import main
from sct.sources import command_lines

FILE = "bad.py"


@dataclass
class Refused:
    """An SctError whose message contains ``message``, at (line, col) where ``token`` starts
    (line None: the error is about the whole file)."""
    message: str
    line: int = None
    col: int = None
    token: str = None


@dataclass
class Works:
    """The generated module parses and defines ``defines``."""
    defines: str = "d_f"


@dataclass
class Case:
    id: str
    source: object                 # str (dedented) or bytes (read by the CLI only)
    expect: object
    options: dict = field(default_factory=dict)
    seconds: float = 30.0
    cli: bool = True               # also through the command line

    def text(self):
        return textwrap.dedent(self.source) if isinstance(self.source, str) else None

    def data(self):
        text = self.text()
        return text.encode("utf-8") if text is not None else self.source


def big_file():
    """About 5 MB: a long comment, a large table of data, many functions, and f."""
    parts = ["# " + "x" * 98 + "\n"] * 20_000
    parts.append("DATA = [" + ", ".join(f"{k * 0.001:.3f}" for k in range(300_000)) + "]\n")
    for k in range(3_000):
        parts.append(f"\n\ndef helper{k}(x):\n    return x * {k}.0 + 1.0\n")
    parts.append("\n\ndef f(x):\n    return helper7(x) * helper12(x)\n")
    return "".join(parts)


CASES = [
    # ------------------------------------------------------------ refused constructs
    Case("class", """\
        def f(x):
            class A:
                pass
            return x
        """, Refused("classes are not supported", 2, 5, "class")),
    Case("attribute-of-object", """\
        def f(x):
            return x.flat
        """, Refused("the attribute '.flat' is not supported", 2, 12, "x.flat")),
    Case("attribute-assignment", """\
        def f(x):
            x.a = 1.0
            return x
        """, Refused("assignment to an attribute is not supported", 2, 5, "x.a")),
    Case("method-of-object", """\
        def f(x):
            return x.argsort()
        """, Refused("the method '.argsort()' is not supported", 2, 12, "x.argsort")),
    Case("closure", """\
        def f(x):
            def g(y):
                return x * y
            return g(x)
        """, Works()),
    Case("escaping-closure", """\
        def f(x):
            def g(y):
                return x * y
            return g
        """, Refused("the function 'g' is used as a value here", 4, 12, "g")),
    Case("lambda", """\
        def f(x):
            g = lambda y: y * 2.0
            return x
        """, Works()),
    Case("list-comprehension", """\
        def f(x):
            y = [x * i for i in range(3)]
            return y[2]
        """, Works()),
    Case("set-comprehension", """\
        def f(x):
            y = {x * i for i in range(3)}
            return x
        """, Refused("comprehensions are not supported", 2, 9, "{x * i")),
    Case("dict-comprehension", """\
        def f(x):
            y = {i: x * i for i in range(3)}
            return y[2]
        """, Works()),
    Case("generator-expression", """\
        def f(x):
            g = (x * i for i in range(3))
            return sum(g)
        """, Refused("a generator expression is supported only as the argument of", 2, 9,
                     "(x * i")),
    Case("generator-reduction", """\
        def f(x):
            return sum(x * i for i in range(3)) + max(x * i for i in range(3))
        """, Works()),
    Case("yield", """\
        def f(x):
            yield x
        """, Refused("generators (yield) are not supported", 2, 5, "yield")),
    Case("yield-from", """\
        def f(x):
            y = yield from x
            return y
        """, Refused("generators (yield) are not supported", 2, 9, "yield from")),
    Case("try", """\
        def f(x):
            try:
                y = 1.0 / x
            except ZeroDivisionError:
                y = 0.0
            return y
        """, Refused("try is not supported", 2, 5, "try")),
    Case("with", """\
        def f(x):
            with open("log") as fh:
                y = x
            return y
        """, Refused("with is not supported", 2, 5, "with")),
    Case("raise", """\
        def f(x):
            if x < 0.0:
                raise ValueError("negative")
            return x
        """, Works()),
    Case("assert", """\
        def f(x):
            assert x > 0.0, f"x={x} must be positive"
            return x
        """, Works()),
    Case("raise-not-builtin", """\
        import numpy as np
        def f(x):
            if x < 0.0:
                raise np.linalg.LinAlgError("negative")
            return x
        """, Refused("raise is supported with Python's built-in exceptions only", 4, 15,
                     "np.linalg")),
    Case("bare-raise", """\
        def f(x):
            raise
            return x
        """, Refused("a bare 'raise'", 2, 5, "raise")),
    Case("global", """\
        total = 0.0
        def f(x):
            global total
            total = x
            return x
        """, Refused("global is not supported", 3, 5, "global")),
    Case("nonlocal", """\
        def f(x):
            nonlocal y
            return x
        """, Refused("nonlocal", 2, 5, "nonlocal")),
    Case("star-args", """\
        def f(x, *args):
            return x
        """, Refused("'f' takes '*args'", 1, 11, "args")),
    Case("star-star-kwargs", """\
        def f(x, **options):
            return x
        """, Refused("'**options': **kwargs parameters are not supported", 1, 10, "**options")),
    Case("keyword-only", """\
        def f(x, *, scale):
            return x * scale
        """, Works()),
    Case("string", """\
        def f(x):
            return x + "a"
        """, Refused("strings are not supported", 2, 16, '"a"')),
    Case("f-string", """\
        def f(x):
            label = f"x = {x}"
            return x
        """, Refused("strings are not supported", 2, 13, 'f"x')),
    Case("bytes", """\
        def f(x):
            return x + b"a"
        """, Refused("a bytes literal is not supported", 2, 16, 'b"a"')),
    Case("complex", """\
        def f(x):
            return x * 1j
        """, Refused("the returned value may be complex", 2, 5, "return")),
    Case("dict", """\
        def f(x):
            d = {"a": x}
            return d["a"]
        """, Works()),
    Case("dict-computed-key", """\
        def f(x, k):
            d = {k: x}
            return x
        """, Refused("keys must be strings or integers written out", 2, 10, "k: x")),
    Case("set", """\
        def f(x):
            s = {x, 1.0}
            return x
        """, Refused("sets are not supported", 2, 9, "{")),
    Case("for-over-array", """\
        def f(xs):
            s = 0.0
            for v in xs:
                s = s + v
            return s
        """, Works()),
    Case("for-over-map", """\
        def f(xs):
            s = 0.0
            for v in map(abs, xs):
                s = s + v
            return s
        """, Refused("a loop over map(...) is not supported", 3, 14, "map")),
    Case("for-else", """\
        def f(x):
            for i in range(3):
                x = x * 2.0
            else:
                x = 0.0
            return x
        """, Works()),
    Case("while-else", """\
        def f(x):
            while x < 10.0:
                x = x * 2.0
            else:
                x = 0.0
            return x
        """, Works()),
    Case("and-as-value", """\
        def f(x, y):
            z = x and y
            return z
        """, Refused("'and'/'or' are supported in conditions only", 2, 9, "x and y")),
    Case("or-as-value", """\
        def f(x, y):
            return x or y
        """, Refused("'and'/'or' are supported in conditions only", 2, 12, "x or y")),
    Case("in", """\
        def f(x, y):
            if "k" in y:
                x = 2.0 * x
            return x
        """, Works()),
    Case("is", """\
        def f(x, y):
            if x is None:
                x = 2.0
            return x
        """, Refused("the comparison 'is' is not supported", 2, 8, "x is None")),
    Case("calls-itself", """\
        def f(x, n):
            if n == 0:
                return x
            return f(x * x, n - 1)
        """, Refused("recursive call of 'f' (f -> f)", 4, 12, "f(x * x")),
    Case("mutual-recursion", """\
        def f(x):
            return g(x) + 1.0

        def g(x):
            return 2.0 * f(x)
        """, Refused("recursive call of 'f' (f -> g -> f)", 5, 18, "f(x)")),
    Case("unknown-function", """\
        def f(x):
            return 2.0 * foo(x)
        """, Refused("unknown function 'foo'", 2, 18, "foo(x)")),
    Case("standard-library-function", """\
        import statistics
        def f(x):
            return statistics.mean(x)
        """, Refused("unknown function 'statistics.mean'", 3, 12, "statistics.mean")),
    Case("module-that-does-not-exist", """\
        from no_such_module_anywhere import g
        def f(x):
            return g(x)
        """, Refused("unknown function 'g'", 3, 12, "g(x)")),
    Case("numpy-function-without-rule", """\
        import numpy as np
        def f(x):
            return np.polyfit(x, x, 1)
        """, Refused("'np.polyfit' has no derivative rule", 3, 12, "np.polyfit")),
    Case("variable-named-np", """\
        import numpy as np
        def f(x):
            np = 2.0
            return x * np
        """, Refused("the name 'np' is reserved", 3, 5, "np")),
    Case("parameter-named-math", """\
        def f(x, math):
            return x * math
        """, Refused("the name 'math' is reserved", 1, 10, "math")),
    Case("loop-variable-named-np", """\
        def f(x):
            for np in range(3):
                x = x * 2.0
            return x
        """, Refused("the name 'np' is reserved", 2, 9, "np")),
    Case("module-constant-named-np", """\
        np = 3.0
        def f(x):
            return x * np
        """, Refused("the module-level name 'np' is reserved", 3, 16, "np")),
    Case("function-named-math", """\
        def math(x):
            return x * x
        def f(x):
            return math(x) + 1.0
        """, Refused("a function named 'math' would hide the module", 1, 1, "def math")),
    Case("function-named-np-after-import", """\
        import numpy as np
        def np(x):
            return x
        def f(x):
            return np(x)
        """, Refused("a function named 'np' would hide the module", 2, 1, "def np")),
    Case("own-range", """\
        def range(n):
            return n
        def f(x):
            for i in range(3):
                x = x * 2.0
            return x
        """, Refused("this module defines its own 'range'", 4, 14, "range(3)")),
    Case("async-def", """\
        async def f(x):
            return x
        """, Refused("async functions are not supported", 1, 1, "async")),
    Case("match", """\
        def f(x):
            match x:
                case 0:
                    x = 1.0
            return x
        """, Refused("match is not supported", 2, 5, "match")),
    Case("walrus", """\
        def f(x):
            y = (z := x * 2.0) + 1.0
            return y
        """, Refused("walrus", 2, 10, "z :=")),
    Case("del", """\
        def f(x):
            y = x
            del y
            return x
        """, Works()),
    Case("del-of-an-item", """\
        def f(x):
            y = {"a": x}
            del y["a"]
            return x
        """, Refused("del is supported for local names only", 3, 9, 'y["a"]')),
    Case("import-in-function", """\
        def f(x):
            import math
            return math.sin(x)
        """, Refused("import inside a function is not supported", 2, 5, "import")),
    Case("starred", """\
        def f(x):
            a, *rest = x
            return a
        """, Refused("starred", 2, 8, "*rest")),
    Case("foreign-decorator", """\
        import functools
        @functools.lru_cache
        def f(x):
            return x * x
        """, Refused("decorators other than sct's are not supported", 2, 1, "@")),
    Case("bare-return", """\
        def f(x):
            return
        """, Refused("a bare 'return'", 2, 5, "return")),
    Case("no-return", """\
        def f(x):
            y = x * 2.0
        """, Refused("'f' has no return statement", 1, 1, "def")),
    Case("print", """\
        def f(x):
            print(x)
            return x
        """, Works()),
    Case("call-without-effect", """\
        import math
        def f(x):
            math.sin(x)
            return x
        """, Refused("a call whose result is not used", 3, 5, "math.sin")),
    Case("string-in-arithmetic", """\
        def f(x):
            print("x")
            name = "x" * x
            return x
        """, Refused("strings are not supported in arithmetic", 3, 12, '"x"')),
    Case("undefined-name", """\
        def f(x):
            return x + y
        """, Refused("undefined name 'y'", 2, 16, "y")),
    Case("module-variable", """\
        DATA = [1.0, 2.0]
        def f(x):
            return x * DATA
        """, Refused("the module-level variable 'DATA' is not a number constant", 3, 16,
                     "DATA")),
    Case("function-as-value", """\
        def g(x):
            return x
        def f(x):
            h = (g, x)
            return x
        """, Refused("'g' is used as a value", 4, 10, "g")),
    Case("wrong-arguments", """\
        def g(x, y):
            return x * y
        def f(x):
            return g(x)
        """, Refused("'g' is missing its argument 'y'", 4, 12, "g(x)")),
    Case("range-as-value", """\
        def f(x):
            r = range(3)
            return x
        """, Refused("range(...) is supported only as the iterable of a for loop", 2, 9,
                     "range")),
    Case("min-with-a-key", """\
        def f(x):
            return min(x, 1.0, key=0.5)
        """, Refused("min() is supported over two or more values", 2, 12, "min(")),
    # ------------------------------------------------------------ syntax
    Case("invalid-syntax", """\
        def f(x):
            return x + * 2
        """, Refused("invalid Python syntax", 2, 16, "* 2")),
    Case("unclosed-parenthesis", """\
        def f(x):
            return (x
        """, Refused("'(' was never closed", 2, 12, "(x")),
    Case("bad-indentation", "def f(x):\n    y = x\n      return y\n",
         Refused("invalid Python syntax: unexpected indent", 3, None)),
    Case("break-outside-loop", """\
        def f(x):
            break
            return x
        """, Refused("'break' outside loop", 2, 5, "break")),
    Case("null-byte", "def f(x):\n    return x\0\n",
         Refused("source code string cannot contain null bytes")),
    Case("python-2", "def f(x):\n    print x\n    return x\n",
         Refused("invalid Python syntax", 2, 5, "print x")),
    # ------------------------------------------------------------ files and names
    Case("empty-file", "", Refused("the file defines no function to differentiate")),
    Case("only-comments", "# nothing here\n\n", Refused("the file defines no function")),
    Case("no-function", "import math\nX = math.pi\n", Refused("the file defines no function")),
    Case("no-such-function", "def f(x):\n    return x\n",
         Refused("no function named 'g' at the top level of the file (functions found: f)"),
         {"name": "g"}),
    Case("not-utf-8", b"def f(x):\n    return x  # caf\xe9\n",
         Refused("the file is not valid UTF-8 (invalid continuation byte at byte 29)")),
    Case("utf-16", "def f(x):\n    return x\n".encode("utf-16"),
         Refused("the file is not valid UTF-8")),
    Case("byte-order-mark", b"\xef\xbb\xbfdef f(x):\n    return x * x\n", Works()),
    Case("windows-line-ends", "def f(x):\r\n    return x * x\r\n", Works()),
    Case("several-megabytes", big_file(), Works(), {"name": "f"}, seconds=60),
    # ------------------------------------------------------------ deep and long
    Case("parentheses-500-deep", "def f(x):\n    return " + "1.0 + (" * 500 + "x" + ")" * 500
         + "\n", Refused("too many nested parentheses", 2)),
    Case("sum-500-deep", "def f(x):\n    return " + "x * 1.0 + " * 500 + "x\n", Works(),
         seconds=120),
    Case("conditional-200-deep", "def f(x):\n    return " + "x if x > 0.0 else " * 200
         + "x\n", Works(), seconds=120),
    Case("sum-5000-deep", "def f(x):\n    return " + "x * 1.0 + " * 5000 + "x\n",
         Refused("nested too deeply", 2, 5, "return")),
    Case("blocks-101-deep", "def f(x):\n" + "".join("    " * (k + 1) + "if x > 0.0:\n"
                                                     for k in range(101))
         + "    " * 102 + "x = x * 2.0\n    return x\n",
         Refused("too many levels of indentation", 101)),
    Case("10000-statements", "def f(x):\n    y = x\n" + "    y = y * 1.0001\n" * 10_000
         + "    return y\n", Works(), seconds=300, cli=False),
    Case("unary-minus-500-reverse", "def f(x):\n    y = x\n" + "    y = -y\n" * 500
         + "    return y\n", Works("b_f"), {"mode": "reverse"}, seconds=60),
    # ------------------------------------------------------------ wrt
    Case("wrt-missing-name", "def f(x, y):\n    return x * y\n",
         Refused("'f' has no parameter 'z' (parameters: x, y)", 1, 1, "def"), {"wrt": "z"}),
    Case("wrt-index-out-of-range", "def f(x, y):\n    return x * y\n",
         Refused("'f' has no parameter number 2", 1, 1, "def"), {"wrt": 2}),
    Case("wrt-integer-loop-bound", """\
        def f(x, n):
            s = x
            for i in range(n):
                s = s * x
            return s
        """, Refused("parameter 'n' of 'f' is used only where no derivative flows", 3, 20, "n"),
         {"wrt": "n", "strict": True}),
    Case("wrt-index-only", """\
        def f(v, k):
            return v[k] * 2.0
        """, Refused("parameter 'k' of 'f' is used only where no derivative flows", 2, 14, "k"),
         {"wrt": ("v", "k"), "strict": True}),
    Case("wrt-twice", "def f(x, y):\n    return x * y\n",
         Refused("parameter 'x' is named twice in wrt", 1, 1, "def"), {"wrt": ("x", 0)}),
    Case("arange-with-moving-start", """\
        import numpy as np
        def f(x):
            a = np.arange(x, x + 3.0)
            return np.sum(a * a)
        """, Refused("the entries of np.arange(start, stop, step) move with start", 3, 9,
                     "np.arange(x, x + 3.0)")),
    Case("heaviside-with-moving-value-at-zero", """\
        import numpy as np
        def f(x, y):
            h = np.heaviside(x, y)
            return np.sum(h * x)
        """, Refused("np.heaviside(x1, x2) is x2 where x1 is 0", 3, 9, "np.heaviside(x, y)"),
         {"wrt": "y"}),
    Case("nan-to-num-with-moving-replacement", """\
        import numpy as np
        def f(x, y):
            c = np.nan_to_num(x, posinf=y)
            return np.sum(c)
        """, Refused("the values np.nan_to_num puts in place of NaN", 3, 9,
                     "np.nan_to_num(x, posinf=y)")),
    Case("arange-with-moving-step-reverse", """\
        import numpy as np
        def f(x):
            a = np.arange(0.0, 4.0, x)
            return np.sum(a)
        """, Refused("the entries of np.arange(start, stop, step) move with start", 3, 9,
                     "np.arange(0.0, 4.0, x)"), {"mode": "reverse"}),
    Case("arange-with-moving-stop-only", """\
        import numpy as np
        def f(x, n):
            a = np.arange(n) * x + np.arange(1.0, 4.0 + x)
            return np.sum(a)
        """, Works("d_f"), {"wrt": ("x",)}),
    # ------------------------------------------------------------ reverse mode only
    Case("reverse-write-into-shared-array", """\
        import numpy as np
        def f(x):
            w = np.zeros(3)
            y = np.reshape(w, (3, 1))
            y[0, 0] = x
            return np.sum(w * w) + np.sum(y)
        """, Refused("'y' may share memory with 'w'", 5, 5, "y[0, 0] = x"), {"mode": "reverse"}),
    Case("reverse-write-through-a-copy-of-the-name", """\
        import numpy as np
        def f(x):
            w = np.zeros(3)
            y = w
            y[0] = x
            return np.sum(w * w) + np.sum(y)
        """, Works("b_f"), {"mode": "reverse"}),
    Case("reverse-callee-writes-parameter", """\
        import numpy as np
        def g(a, x):
            a[0] = x
            return np.sum(a * a)
        def f(x):
            return g(np.ones(3), x)
        """, Refused("'g' writes into its parameter 'a'", 3, 5, "a[0] = x"), {"mode": "reverse"}),
]


# ------------------------------------------------------------------ running a case

@contextlib.contextmanager
def time_limit(seconds):
    """Fail (not hang) if the body takes longer than ``seconds``."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TimeoutError(f"sct took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def assert_refusal(err, case, text):
    """The SctError is where the case says, and its report is complete."""
    expect = case.expect
    assert expect.message in err.message, err.message
    assert err.filename == FILE
    assert err.hint, f"no hint in: {err}"
    assert "Traceback" not in str(err)
    if expect.line is None:
        assert err.lineno is None, str(err)
        assert str(err).splitlines()[0] == f"{FILE}: error: {err.message}"
        return
    assert err.lineno == expect.line, str(err)
    if expect.col is not None:
        assert err.col == expect.col, str(err)
        line = text.splitlines()[expect.line - 1]
        assert err.source_line == line
        assert line[err.col - 1:].startswith(expect.token), (line, err.col, expect.token)
        report = str(err).splitlines()
        assert report[0] == f"{FILE}:{expect.line}:{expect.col}: error: {err.message}"
        assert report[2] == "    " + " " * (expect.col - 1) + "^"
    assert str(err).splitlines()[-1] == f"hint: {err.hint}"


def cli_options(options):
    args = []
    if "name" in options:
        args += ["-f", options["name"]]
    if "mode" in options:
        args += ["--mode", options["mode"]]
    if "wrt" in options:
        wrt = options["wrt"]
        args += ["--wrt", ",".join(map(str, wrt)) if isinstance(wrt, tuple) else str(wrt)]
    if options.get("strict"):
        args.append("--strict")
    return args


def test_the_battery_is_large_enough():
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [c for c in CASES if c.text() is not None], ids=lambda c: c.id)
def test_api(case):
    text = case.text()
    with time_limit(case.seconds):
        if isinstance(case.expect, Refused):
            with pytest.raises(SctError) as info:
                sct.transform(text, filename=FILE, **case.options)
            assert_refusal(info.value, case, text)
        else:
            generated = sct.transform(text, filename=FILE, **case.options)
            tree = ast.parse(generated)
            assert case.expect.defines in {n.name for n in tree.body
                                           if isinstance(n, ast.FunctionDef)}


@pytest.mark.parametrize("case", [c for c in CASES if c.cli], ids=lambda c: c.id)
def test_cli(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / FILE).write_bytes(case.data())
    with time_limit(case.seconds):
        result = CliRunner().invoke(main, ["transform", FILE, *cli_options(case.options)])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exc_info
    assert "Traceback" not in result.output
    if isinstance(case.expect, Refused):
        assert result.exit_code == 1, result.output
        assert result.stdout == ""
        headline = result.stderr.splitlines()[0]
        where = FILE if case.expect.line is None else f"{FILE}:{case.expect.line}:"
        assert headline.startswith(where), headline
        assert case.expect.message in headline
        assert result.stderr.splitlines()[-1].startswith("hint: ")
    else:
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("# Generated by sct")
        namespace = {}
        exec(compile(result.stdout, "<generated>", "exec"), namespace)
        assert case.expect.defines in namespace


# ------------------------------------------------------------------ sct.forward on what is not
# a function of readable source

class Holder:
    def method(self, x):
        return x * x


def exec_defined():
    namespace = {}
    exec("def g(x):\n    return x * x\n", namespace)
    return namespace["g"]


def exec_class():
    namespace = {}
    exec("class K:\n    def method(self, x):\n        return x * x\n\n"
         "    @staticmethod\n    def static(x):\n        return x * x\n", namespace)
    return namespace["K"]


def closure():
    def inner(x):
        return x * x
    return inner


def deleted_source(tmp_path):
    path = tmp_path / "sct_battery_vanishing.py"
    path.write_text("def h(x):\n    return x * x\n")
    namespace = {"__name__": "sct_battery_vanishing"}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    path.unlink()
    return namespace["h"]


UNREADABLE = [
    ("exec", lambda tmp: exec_defined(), "the source of 'g' cannot be read"),
    ("builtin", lambda tmp: math.sin, "'sin' is not a Python function"),
    ("numpy-ufunc", lambda tmp: np.sin, "is not a Python function"),
    ("lambda", lambda tmp: (lambda x: x * x), "a lambda cannot be differentiated"),
    ("closure", lambda tmp: closure(), "is defined inside another function"),
    ("bound-method", lambda tmp: exec_class()().method, "the source of 'method' cannot be read"),
    ("method", lambda tmp: exec_class().static, "the source of 'static' cannot be read"),
    ("class", lambda tmp: Holder, "is not a Python function"),
    ("partial", lambda tmp: functools.partial(math.pow, 2.0), "is not a Python function"),
    ("number", lambda tmp: 42, "is not a Python function"),
    ("source-deleted", deleted_source, "the source of 'h' cannot be read"),
]


@pytest.mark.parametrize("kind, make, message", UNREADABLE, ids=[u[0] for u in UNREADABLE])
@pytest.mark.parametrize("api", [sct.forward, sct.grad, sct.value_and_grad, sct.hessian],
                         ids=["forward", "grad", "value_and_grad", "hessian"])
def test_function_without_readable_source(kind, make, message, api, tmp_path):
    fn = make(tmp_path)
    with time_limit(30), pytest.raises(SctError) as info:
        api(fn)
    err = info.value
    if kind in ("bound-method", "method") and command_lines():
        # this process runs `python -c` text (pytest-xdist's workers): '<string>' may be it
        message = "sct reads methods of classes in .py files only"
    assert message in err.message
    assert err.hint
    assert "Traceback" not in str(err)
    if kind in ("lambda", "closure"):        # located at the definition in this file
        assert err.filename == __file__
        assert err.source_line[err.col - 1:].startswith("lambda" if kind == "lambda" else "def")


# ------------------------------------------------------------------ run-time misuse of
# generated code (README, "Run-time behaviour")

SOURCE = """\
import math

import numpy as np


def f(x, v):
    return math.sin(x) * np.sum(v * v)
"""


@pytest.fixture
def generated():
    namespace = {}
    exec(compile(sct.transform(SOURCE, mode="both"), "<generated>", "exec"), namespace)
    return namespace


def test_wrong_number_of_arguments(generated):
    d_f, b_f = generated["d_f"], generated["b_f"]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'dv'"):
        d_f(0.5, np.ones(3), 1.0)
    with pytest.raises(TypeError, match="takes 4 positional arguments but 5 were given"):
        d_f(0.5, np.ones(3), 1.0, np.ones(3), 2.0)
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'v'"):
        b_f(0.5)


def test_tangent_of_the_wrong_shape(generated):
    d_f = generated["d_f"]
    with pytest.raises(ValueError, match="could not be broadcast"):
        d_f(0.5, np.ones(3), 1.0, np.ones(2))
    # a tangent that broadcasts is broadcast, as numpy does: a number for an array
    value, tangent = d_f(0.5, np.ones(3), 0.0, 1.0)
    assert tangent == pytest.approx(d_f(0.5, np.ones(3), 0.0, np.ones(3))[1])


def test_nan_and_infinite_inputs_propagate(generated):
    d_f, b_f = generated["d_f"], generated["b_f"]
    with np.errstate(invalid="ignore"):
        value, tangent = d_f(math.nan, np.ones(3), 1.0, np.zeros(3))
        assert math.isnan(value) and math.isnan(tangent)
        value, tangent = d_f(0.5, np.array([1.0, np.nan, 2.0]), 1.0, np.zeros(3))
        assert math.isnan(value) and math.isnan(tangent)
        value, (b_x, b_v) = b_f(0.5, np.array([1.0, np.inf, 2.0]))
        assert value == math.inf and b_x == math.inf and np.isinf(b_v[1])
    with pytest.raises(ValueError, match="math domain error"):   # as math.sin(inf) does
        d_f(math.inf, np.ones(3), 1.0, np.zeros(3))


def test_wrong_number_of_arguments_to_higher_derivatives(tmp_path, monkeypatch):
    """sct.hessian, sct.hvp and sct.jacobian call generated code after some work of their own:
    wrong arguments are a TypeError naming them, not an IndexError from inside sct."""
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "battery_runtime.py").write_text(SOURCE)
    import importlib
    module = importlib.import_module("battery_runtime")
    try:
        cases = [(sct.hessian(module.f), (), "missing a required argument: 'x'"),
                 (sct.hessian(module.f), (0.5, np.ones(3), 1.0), "too many positional"),
                 (sct.hvp(module.f), (), "missing the arguments (x, v, then v)"),
                 (sct.hvp(module.f), (0.5, 1.0), "missing a required argument: 'v'"),
                 (sct.jacobian(module.f, wrt=1), (0.5,), "missing a required argument: 'v'")]
        for fn, args, message in cases:
            with pytest.raises(TypeError) as info:
                fn(*args)
            assert message in str(info.value)
            assert str(info.value).startswith("f: ")
        assert sct.hvp(module.f)(0.5, np.ones(3), 1.0) == pytest.approx(-math.sin(0.5) * 3.0)
    finally:
        import sys
        sys.modules.pop("battery_runtime", None)
