"""Python's containers as values (sct/lists.py, sct/subset.py): lists, dicts and records.

A list display ``[a, b]`` is ``list((a, b))``, linear: its adjoint is the list of its items'
adjoints, as a tuple's is.  ``ys.append(v)`` is ``ys = _appended(ys, v)``: linear in both, the
adjoint of the list before the append is the adjoint's items but the last, that of ``v`` the
last.  ``d['k'] = v`` is ``d = _with_item(d, 'k', v)``, a new dict.  A dict display
``{'w': w, 'b': b}`` is ``_dict(('w', 'b'), (w, b))``, linear in the values; its adjoint is a
dict with the same keys.  A record's field ``p.w`` (a dataclass, a
NamedTuple, an object) is linear in ``p``: the adjoint adds into ``b_p``'s field ``w``, as
``p[i]``'s adds into ``b_p[i]``.  ``d.items()``, ``d.values()``, ``d.get(k, default)`` are linear
in ``d``; ``d.keys()`` carries no derivative.  The results hold their items without copying
them (``view``: the memory analyses treat them as sharing memory with their operands)."""
import ast

from .rule import Scatter
from .table import HELPERS, RULES, helper, linear, nondiff

linear("list", "iterable=()", adjoint={"iterable": "g"})
linear("_appended", "items, item", diff=("items", "item"),
       adjoint={"items": "g[:-1]", "item": "g[-1]"})
linear("_dict", "keys, values", diff=("values",), adjoint={"values": "_dict_values(g, keys)"})
linear("dict", "mapping=()", adjoint={"mapping": "_dict_adjoint(g, mapping)"})
linear("_with_item", "mapping, key, value", diff=("mapping", "value"),
       adjoint={"mapping": "_item_removed(g, mapping, key)", "value": "g[key]"})
linear("field", "value", adjoint={"value": lambda value, g, slot: Scatter(g, value.attr)})
linear("_items", "mapping", adjoint={"mapping": "_from_items(g, mapping)"})
linear("_values", "mapping", adjoint={"mapping": "_from_values(g, mapping)"})
linear("_get", "mapping, key, default=None", diff=("mapping", "default"),
       adjoint={"mapping": "_get_adjoint(g, mapping, key)",
                "default": "_default_adjoint(g, mapping, key)"})
RULES["field"].of_container = True
# a record's field in a tangent record: 0 for an attribute of the class (a constant)
RULES["field"].tangent_of = lambda field: ast.Call(
    ast.Name("_field_tangent", ast.Load()), [field.value, ast.Constant(field.attr)], [])
helper("_field_tangent", "tangent, name", "linear", ("tangent",))
RULES["list"].container, RULES["dict"].container = list, dict


def _dict_of_keywords(args, keywords):
    """dict(a=x, b=y) (Rule.rewrite): the display {'a': x, 'b': y}, or dict(m, a=x) as m's copy
    with those items."""
    if not keywords:
        return None
    display = ast.Dict([ast.Constant(k) for k in keywords], list(keywords.values()))
    if not args:
        return display
    copied = ast.Call(ast.Name("dict", ast.Load()), list(args), [])
    call = ast.Call(ast.Name("_merged", ast.Load()), [copied, display], [])
    call.sct_lowered = "_merged"
    return call


RULES["dict"].rewrite = _dict_of_keywords
linear("_merged", "mapping, items", diff=("mapping", "items"),
       adjoint={"mapping": "_merged_adjoint(g, mapping, items)", "items": "_dict_part(g, items)"})
RULES["_merged"].view = RULES["_merged"].tuple_result = True
nondiff("_keys _zeros_like_param _is_member")
RULES["_is_member"].truth = True        # mode == Mode.L2 (an enum's member): a truth value
for _name in ("list", "dict", "_appended", "_with_item", "_dict", "field", "_items", "_values",
              "_get"):
    RULES[_name].view = True
for _name in ("list", "dict", "_appended", "_with_item", "_dict", "_items", "_values", "_keys"):
    RULES[_name].tuple_result = True
# the helpers generated code calls, and (for Hessians) their derivatives
HELPERS.update(("_appended", "_with_item", "_merged", "_is_member", "_dict", "_items",
                "_values", "_keys", "_get", "_structured", "_zeros_like_param"))
linear("_structured", "adjoint, value", adjoint={"adjoint": "g"})
for _name, _spec in [("_dict_values", "g, keys"), ("_dict_adjoint", "g, mapping"),
                     ("_merged_adjoint", "g, mapping, items"), ("_dict_part", "g, items"),
                     ("_item_removed", "g, mapping, key"), ("_from_items", "g, mapping"),
                     ("_from_values", "g, mapping"), ("_get_adjoint", "g, mapping, key"),
                     ("_default_adjoint", "g, mapping, key")]:
    helper(_name, _spec, "linear", ("g",))
helper("_add_item", "b, index, g", "linear", ("b", "g"))
helper("_add_field", "b, name, g", "linear", ("b", "g"))
for _name in ("_dict_values", "_dict_adjoint", "_item_removed", "_merged_adjoint", "_dict_part",
              "_from_items", "_from_values", "_get_adjoint", "_add_item", "_add_field",
              "_structured"):
    RULES[_name].tuple_result = True      # containers: their tangents are containers too
# the method forms of a dict: d.items() is _items(d)
METHODS = {"items": "_items", "values": "_values", "keys": "_keys", "get": "_get"}
