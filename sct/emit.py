"""Emit: generated functions -> the source text of a standalone module.

``emit(parts, origin, mode)`` writes, in this order: the header (``HEADER`` marks files sct
generated), the imports the code uses (``math``, ``numpy as np``, ``scipy.special`` and the
other scipy modules it calls), module constants, the prelude helpers the code calls (found by
scanning its calls, with the helpers those call), the user functions that generated code calls
without derivative, then the generated functions.  Output depends only on the input: same
input, same bytes.
"""
import ast
import copy
import math
import re

from .version import __version__
from .ir import function_def, walk
from .program import HEADER
from .rules import helper_source, is_helper



def emit(parts, origin, mode):
    """``parts``: a compilation.Derivatives (or anything with the same fields)."""
    copied = getattr(parts, "copied", {})
    primals = [_strip(f.node, copied.get(f.name, ())) for f in parts.primals]
    trees = primals + list(parts.functions)
    defined = {f.name for f in trees}
    called = {n.func.id for f in trees for n in walk(f)
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    needed = {n for n in called if is_helper(n)} - defined     # and the helpers they call
    helpers = helper_source(needed) if needed else ""
    functions = [unparse(f) for f in parts.functions]
    primals = [unparse(f) for f in primals]
    body = "\n\n\n".join(primals + functions)
    used = body + helpers + "".join(repr(v) for v in parts.constants.values())
    lines = [f"{HEADER} {__version__} from {origin} ({mode} mode). Do not edit: "
             f"regenerate it with sct."]
    if "math." in used:
        lines.append("import math")
    if "warnings.warn(" in used:           # an inert statement's (ir's form 10)
        lines.append("import warnings")
    if "np." in used:
        lines.append("import numpy as np")
    lines += [f"import scipy.{name}" for name in sorted(set(re.findall(r"\bscipy\.(\w+)\.",
                                                                       used)))]
    lines.append("")
    constants = sorted((k, v) for k, v in parts.constants.items() if _mentions(used, k))
    if constants:
        lines += [f"{name} = {value!r}" for name, value in constants] + [""]
    text = "\n".join(lines) + "\n"
    if helpers:
        text += "\n" + helpers.rstrip() + "\n\n"
    return text + "\n" + body + "\n"


def unparse(tree):
    """``ast.unparse`` of a tree of the intermediate form, whose negative numbers are single
    constants (``Constant(-1.0)``, an atom): ``ast.unparse`` writes those bare, so that
    ``Constant(-1.0) ** w`` became ``-1.0 ** w``, which Python reads as ``-(1.0 ** w)``.
    They are written as the unary minus they stand for, which ``ast.unparse`` parenthesises
    where precedence needs it: ``(-1.0) ** w``.  ``tree`` itself is left as it is."""
    if any(_negative(n) for n in ast.walk(tree)):
        tree = _Signed().visit(copy.deepcopy(tree))
    return ast.unparse(tree)


def _negative(node):
    return isinstance(node, ast.Constant) and type(node.value) in (int, float) and \
        math.copysign(1.0, node.value) < 0


class _Signed(ast.NodeTransformer):
    def visit_Constant(self, node):
        if _negative(node):
            return ast.copy_location(ast.UnaryOp(ast.USub(), ast.Constant(-node.value)), node)
        return node


def _strip(fdef, copied=()):
    """A user function as generated code calls it; each parameter in ``copied`` (which it
    may update in place, ``x += v``, where sct's derivatives rebind) taken as a value of its
    own first (``x = _own_value(x)``), so that the caller's array stays as they assume."""
    body = list(fdef.body)
    doc = body[:1] if body and isinstance(body[0], ast.Expr) and \
        isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str) else []
    first = [ast.parse(f"{p} = _own_value({p})").body[0] for p in copied]
    return ast.fix_missing_locations(function_def(fdef.name, fdef.args,
                                                  doc + first + body[len(doc):]))


def _mentions(text, name):
    return re.search(rf"\b{name}\b", text) is not None
