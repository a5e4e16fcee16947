"""Python's containers as values (sct/lists.py): lists, built by displays and appends.

A list display ``[a, b]`` is ``list((a, b))``, linear: its adjoint is the list of its items'
adjoints, as a tuple's is.  ``ys.append(v)`` is ``ys = _appended(ys, v)``: linear in both, the
adjoint of the list before the append is the adjoint's items but the last, that of ``v`` the
last.  Both results hold their items without copying them (``view``: the memory analyses treat
them as sharing memory with their operands)."""
from .table import HELPERS, RULES, linear, nondiff

linear("list", "iterable=()", adjoint={"iterable": "g"})
linear("_appended", "items, item", diff=("items", "item"), adjoint={"items": "g[:-1]", "item": "g[-1]"})
HELPERS.update(("_appended", "_structured", "_zeros_like_param"))
for _name in ("list", "_appended"):
    RULES[_name].view = RULES[_name].tuple_result = True
linear("_structured", "adjoint, value", adjoint={"adjoint": "g"})
nondiff("_zeros_like_param")
