"""The intermediate form as a contract: ``sct.ir.verify`` checks the forms each pass hands on.

The whole suite runs with ``sct.ir.VERIFY`` set (``conftest.py``), so every compilation checks
its functions after parsing, decomposition, the resolution of augmented assignments and
control-flow normalisation; here every corpus program goes through each stage explicitly, and
malformed functions are shown to be refused.
"""
import ast
import pathlib
import sys

import pytest

from sct import ir
from sct.aliasing import resolve_views
from sct.compilation import Compilation
from sct.controlflow import normalize
from sct.decompose import decompose
from sct.frontend import parse_program

CORPUS = pathlib.Path(__file__).parent / "corpus"
PROGRAMS = sorted(p for p in CORPUS.glob("*.py") if not p.stem.endswith("_helpers"))


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_every_stage_of_the_corpus_holds_its_forms(path, monkeypatch):
    monkeypatch.syspath_prepend(str(CORPUS))
    program = parse_program(path.read_text(), str(path), ["f"])
    comp = Compilation(program)
    for fn in program.functions:
        ir.verify(fn.node, "parse")
        ir.verify(decompose(fn), "decompose")
        ir.verify(comp.ir(fn), "resolved")
        ir.verify(normalize(resolve_views(comp.ir(fn))), "normalize")


def function(text):
    return ast.parse(text).body[0]


def marked(text):
    """A function whose calls are marked as intrinsics (``sct_op``), as the frontend marks them."""
    fdef = function(text)
    for node in ast.walk(fdef):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node.sct_op = ast.unparse(node.func)
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "range":
            node.sct_op = "range"
    return fdef


@pytest.mark.parametrize("text, stage, message", [
    ("def f(x):\n    y = x * x + 1.0\n    return y", "decompose", "other than atoms"),
    ("def f(x):\n    return x + 1.0", "decompose", "a return of something other than atoms"),
    ("def f(x):\n    y = np.sin(np.cos(x))\n    return y", "decompose",
     "a call argument other than an atom"),
    ("def f(x):\n    y = np.frobnicate(x)\n    return y", "decompose",
     "no rule for the operation 'np.frobnicate'"),
    ("def f(x):\n    a = b = x\n    return a", "decompose", "several targets"),
    ("def f(x):\n    y = x[x + 1]\n    return y", "decompose", "an index part"),
    ("def f(x):\n    for i in x:\n        pass\n    return x", "decompose", "a for loop other"),
    ("def f(x):\n    if x > 1.0 + x:\n        x = 1.0\n    return x", "decompose",
     "a condition over something other than atoms"),
    ("def f(x):\n    if x > 1.0:\n        return x\n    return 0.0", "normalize",
     "the one return is the last statement"),
    ("def f(x):\n    for i in range(3):\n        i = 2\n    return x", "normalize",
     "rebinds its variable"),
    ("def f(x):\n    while x > 1.0:\n        continue\n    return x", "normalize",
     "a continue after normalize"),
])
def test_verify_refuses_what_breaks_the_forms(text, stage, message):
    with pytest.raises(ir.FormError, match=message):
        ir.verify(marked(text), stage)


def test_verify_accepts_the_forms():
    text = ("def f(x, n):\n    y = np.sin(x)\n    for i in range(n):\n        y = y * x\n"
            "    (a, b) = t\n    y[0] = a\n    if y > 0.0:\n        y = -y\n    return y")
    ir.verify(marked(text), "normalize")


def test_a_call_without_a_rule_has_no_key():
    """Once a fallback: a call neither intrinsic nor of a user function took the key 'call',
    whose missing rule would have meant a derivative of zero."""
    call = ast.parse("g(x)", mode="eval").body
    with pytest.raises(ValueError, match="a call without a rule"):
        ir.op_key(call)
    call.sct_op = "np.sin"
    assert ir.op_key(call) == "np.sin"


def test_clone_keeps_every_mark():
    node = ast.parse("x + y", mode="eval").body
    for mark in ir.MARKS:
        setattr(node, mark, mark)
    copy = ir.clone(node)
    assert copy is not node and all(getattr(copy, m) == m for m in ir.MARKS)


def test_the_suite_verifies_every_pass():
    assert ir.VERIFY, "conftest.py sets sct.ir.VERIFY for the whole suite"
    assert "sct.ir" in sys.modules


@pytest.mark.parametrize("mode", ["forward", "reverse"])
def test_a_users_name_like_a_temporary_is_kept_as_any_other(mode):
    """The optimizer replaces only the temporaries sct made (as its namers know them): a
    user's own variable named w1 was once propagated away while the same code with v1 kept
    it."""
    import sct
    texts = [sct.transform(f"def f(x):\n    {n} = x\n    y = {n} * 2.0\n    return y * {n}\n",
                           mode=mode) for n in ("w1", "v1")]
    body = [t.split("def ", 1)[1] for t in texts]
    assert "    w1 = x\n" in body[0] and "    v1 = x\n" in body[1]
    renamed = body[1].replace("v1", "W1").replace("w1", "w2").replace("W1", "w1")
    assert body[0] == renamed


def test_the_copy_of_an_updated_part_is_reverse_modes_alone():
    """y[1:] *= x[1:]: the adjoint of * reads the old part after the write, so reverse mode
    copies it (normalize); forward mode reads it before and makes no copy."""
    from sct.api import compile_module
    source = ("import numpy as np\n\n\ndef f(x):\n    y = np.copy(x)\n    y[1:] *= x[1:]\n"
              "    return y\n")
    forward, _ = compile_module(source, mode="forward")
    reverse, _ = compile_module(source, mode="reverse")
    assert "np.copy(w" not in forward and "= np.copy(w1)" in reverse


@pytest.mark.parametrize("body, kept", [
    ("t = (a, b)\nc = t[1] * 2.0\nreturn c", False),
    ("t = (a, b)\nb = a + 1.0\nc = t[1] * b\nreturn c", True),          # b rebound before
    ("t = (a, np.zeros(3))\nc = t[1] + t[1]\nreturn c", True),          # computed twice
    ("t = (a, b)\nc = t[0] + t[1]\nd = t\nreturn d", True),             # read whole
])
def test_a_temporary_tuple_read_only_by_index_is_dropped(body, kept):
    """The optimizer replaces t[k] by the tuple's item where that changes nothing (the
    adjoint of np.linalg.slogdet built one to read its second item)."""
    from sct.optimize import optimize
    fdef = ast.parse("def f(a, b):\n" + "".join(f"    {line}\n" for line in body.split("\n")))
    text = ast.unparse(optimize(fdef.body[0], {"t", "c", "d"}))
    assert ("t = (" in text) == kept, text


def inert(text):
    """``marked``, its assert, raise and print statements marked inert (``ir``'s form 10)."""
    fdef = marked(text)
    for node in ast.walk(fdef):
        if isinstance(node, (ast.Assert, ast.Raise, ast.Expr)):
            node.sct_inert = True
    return fdef


@pytest.mark.parametrize("text, message", [
    ("def f(x):\n    print(y := x)\n    return x", "binds a name"),
    ("def f(x):\n    print(g(x))\n    return x", "other than an intrinsic's"),
    ("def f(x):\n    raise ValueError('x') from None\n    return x", "a raise other than"),
    ("def f(x):\n    np.sin(x)\n    return x", "other than assert, raise, print"),
])
def test_verify_refuses_inert_statements_out_of_form(text, message):
    with pytest.raises(ir.FormError, match=message):
        ir.verify(inert(text), "decompose")


def test_verify_accepts_inert_statements_as_the_user_wrote_them():
    text = ("def f(x):\n    assert np.all(x > 0.0), f'x={np.min(x):.3g}'\n"
            "    if x > 1.0:\n        raise ValueError('big', x[0] * 2.0)\n"
            "    print('x', np.sum(x), sep=': ')\n    return x")
    ir.verify(inert(text), "parse")
    ir.verify(inert(text), "normalize")
