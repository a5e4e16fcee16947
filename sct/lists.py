"""Lists and dicts in user code, as values.

A list display is the call ``list((a, b))`` of the rule table's ``list`` (its items, as a list),
and ``ys.append(v)`` is the assignment ``ys = _appended(ys, v)``: a new list each time, so that
the passes see values and never a list changed in place; ``v = ys.pop()`` is
``v = ys[-1]; ys = ys[:-1]``, ``d['k'] = v`` is ``d = _with_item(d, 'k', v)`` and ``ys[i] = v``
``ys = _with_item(ys, i, v)``.  That is exact
as long as no other name holds the list being appended to: ``check_owned`` refuses, at the
line, the code where one could (``zs = ys``, a list put in a tuple, passed to a user function
that may return it, a parameter appended to, which is the caller's list)."""
import ast

from . import rules
from .ir import walk


def _located(node, where):
    """``node`` with ``where``'s location on every part that has none."""
    for part in ast.walk(node):
        if not hasattr(part, "lineno"):
            ast.copy_location(part, where)
    return node


def appended(call, stmt):
    """``ys = _appended(ys, v)`` for the statement ``ys.append(v)``."""
    name = call.func.value
    value = ast.Call(ast.Name("_appended", ast.Load()),
                     [ast.Name(name.id, ast.Load()), call.args[0]], [])
    value.sct_lowered = "_appended"
    return _located(ast.Assign([ast.Name(name.id, ast.Store())], value), stmt)


def is_pop(node, local_names):
    """Whether ``node`` is ``ys.pop()`` of a local ``ys``."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        node.func.attr == "pop" and isinstance(node.func.value, ast.Name) and \
        node.func.value.id in local_names and not node.args and not node.keywords


def popped(call, target, stmt):
    """``v = ys[-1]; ys = ys[:-1]`` for ``v = ys.pop()`` (``ys = ys[:-1]`` without a target)."""
    name = call.func.value.id
    last = ast.Subscript(ast.Name(name, ast.Load()), ast.Constant(-1), ast.Load())
    rest = ast.Subscript(ast.Name(name, ast.Load()), ast.Slice(None, ast.Constant(-1)),
                         ast.Load())
    out = [] if target is None else [ast.Assign([target], last)]
    out.append(ast.Assign([ast.Name(name, ast.Store())], rest))
    return [_located(new, stmt) for new in out]


def dict_names(fdef):
    """Local names bound only to new dicts (displays, dict(...), comprehensions)."""
    bound = {}
    for node in walk(fdef):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    bound.setdefault(t.id, []).append(node.value)
    return {name for name, values in bound.items()
            if all(isinstance(v, (ast.Dict, ast.DictComp)) or _made(v) is dict
                   for v in values)}


def list_names(fdef):
    """Local names bound only to new lists (displays, list(...), comprehensions)."""
    bound = {}
    for node in walk(fdef):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    bound.setdefault(t.id, []).append(node.value)
    return {name for name, values in bound.items()
            if all(isinstance(v, (ast.List, ast.ListComp)) or _made(v) is list
                   for v in values)}


def is_key_assign(stmt, local_names, dicts=(), lists=()):
    """Whether ``stmt`` is ``d[key] = v`` of a local dict ``d`` (a string key, or a name of
    ``dicts``) or ``ys[i] = v`` of a local list of ``lists`` (an index, not a slice)."""
    if not isinstance(stmt, ast.Assign) or len(stmt.targets) != 1:
        return False
    t = stmt.targets[0]
    return isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and \
        t.value.id in local_names and _item_of(t, dicts, lists)


def _item_of(target, dicts, lists):
    """Whether the subscript ``target`` is an item of a dict or of a list of ``lists``."""
    return target.value.id in dicts or isinstance(target.slice, ast.Constant) and \
        isinstance(target.slice.value, str) or target.value.id in lists and \
        not isinstance(target.slice, (ast.Slice, ast.Tuple))


def with_item(stmt):
    """``d = _with_item(d, 'k', v)`` for ``d['k'] = v`` (``ys = _with_item(ys, i, v)`` for
    ``ys[i] = v``: a new list, as a new dict)."""
    t = stmt.targets[0]
    value = ast.Call(ast.Name("_with_item", ast.Load()),
                     [ast.Name(t.value.id, ast.Load()), t.slice, stmt.value], [])
    value.sct_lowered = "_with_item"
    return _located(ast.Assign([ast.Name(t.value.id, ast.Store())], value), stmt)


def _is_append(node, dicts=(), lists=()):
    """``ys.append(v)`` or ``ys.pop()``: a call that changes the list ``ys``; or the target
    ``d[key]`` (``ys[i]``) of an assignment, which changes the dict ``d`` (the list ``ys``)."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
        return isinstance(node.value, ast.Name) and _item_of(node, dicts, lists)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        node.func.attr in ("append", "pop") and isinstance(node.func.value, ast.Name)


def _changed(node):
    """The name a change ``_is_append`` found is made to."""
    return node.value.id if isinstance(node, ast.Subscript) else node.func.value.id


def check_owned(fdef, local_names, fail, callee_of):
    """Refuse appends to a list another name may hold (``ys.append`` of a local ``ys``, not
    ``np.append``).  ``callee_of(call)`` is the ``ast.FunctionDef`` a call of a user function
    calls (None for an intrinsic or a builtin)."""
    appends, dicts, lists = {}, dict_names(fdef), list_names(fdef)
    for node in walk(fdef):
        if _is_append(node, dicts, lists) and _changed(node) in local_names:
            appends.setdefault(_changed(node), node)
    if not appends:
        return
    params = {a.arg for a in fdef.args.posonlyargs + fdef.args.args + fdef.args.kwonlyargs}
    parents = {child: parent for parent in walk(fdef) for child in ast.iter_child_nodes(parent)}
    for name, call in appends.items():
        if name in params:
            what = "[...] = ..." if isinstance(call, ast.Subscript) else \
                f".{call.func.attr}(...)"
            fail(call, f"'{name}{what}' would change the container the caller passed as "
                       f"'{name}'", f"change a copy: {name}_new = list({name}) or "
                                    f"dict({name}), then {name}_new{what}")
    for node in walk(fdef):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name) and t.id in appends and not _new_list(node.value):
                    fail(node, f"'{t.id}' is changed in place, so it must be bound to a new "
                               f"list or dict (a display, list(...) or dict(...)), not to a "
                               f"value another name may hold",
                         f"write {t.id} = list(...) or dict(...) to copy it first")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and \
                node.id in appends and not _safe_use(node, parents, callee_of):
            fail(node, f"'{node.id}' is changed in place (an append, a pop, d['k'] = v), and "
                       f"here another value may come to hold it (then it would see the "
                       f"changes)", f"use a copy here, list({node.id}) or dict({node.id}), "
                                    f"or read its items")


def _made(value):
    """list or dict (the type) for a call of Python's list(...) or dict(...), else None."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and \
            value.func.id in rules.BUILTINS:
        return rules.RULES[value.func.id].container if value.func.id in rules.RULES else None
    return None


def _new_list(value):
    return isinstance(value, (ast.List, ast.Dict, ast.ListComp, ast.DictComp)) or \
        _made(value) is not None


def _safe_use(node, parents, callee_of):
    """Whether the list read at ``node`` cannot end up held by another name."""
    parent = parents.get(node)
    if isinstance(parent, ast.Attribute):
        if parent.attr in ("append", "pop", "get"):
            return True
        call = parents.get(parent)          # d.items(): a live view in Python, a list here
        return parent.attr in ("items", "values", "keys") and isinstance(call, ast.Call) \
            and _safe_use(call, parents, callee_of)
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return True              # ys[i], and d['k'] = v
    if isinstance(parent, (ast.For, ast.comprehension)) and parent.iter is node:
        return True
    if isinstance(parent, (ast.Return, ast.Compare, ast.BinOp, ast.UnaryOp)):
        return True
    while isinstance(parent, (ast.Tuple, ast.List)) and isinstance(parent.ctx, ast.Load):
        if isinstance(parents.get(parent), ast.Return):   # return (ys, x): the function ends
            return True
        parent = parents.get(parent)
        if not isinstance(parent, (ast.Tuple, ast.List)):
            return False
    if isinstance(parent, ast.keyword):
        call = parents.get(parent)
        fdef = callee_of(call)
        return fdef is None or not _retains(fdef, parent.arg, callee_of)
    if isinstance(parent, ast.Call) and node in parent.args:
        fdef = callee_of(parent)       # None: an intrinsic or a builtin, which copies a list
        return fdef is None or not _retains(fdef, parent.args.index(node), callee_of)
    return False


def _retains(fdef, position, callee_of, depth=0):
    """Whether a user function may return (or keep in a value) its parameter at ``position``
    (or of that name)."""
    params = fdef.args.posonlyargs + fdef.args.args
    if isinstance(position, str):
        names = [a.arg for a in params + fdef.args.kwonlyargs]
        if position not in names:
            return True
        position = names.index(position)
        params = params + fdef.args.kwonlyargs
    if position >= len(params) or depth > 8:
        return True
    param = params[position].arg
    parents = {child: parent for parent in walk(fdef) for child in ast.iter_child_nodes(parent)}
    for node in walk(fdef):
        if isinstance(node, ast.Name) and node.id == param and isinstance(node.ctx, ast.Load):
            parent = parents.get(node)
            if isinstance(parent, ast.Return):
                return True
            if isinstance(parent, ast.Call) and node in parent.args:
                inner = callee_of(parent)
                if inner is not None and _retains(inner, parent.args.index(node), callee_of,
                                                  depth + 1):
                    return True
                continue
            if isinstance(parent, (ast.Subscript, ast.For, ast.comprehension, ast.Compare,
                                   ast.BinOp, ast.UnaryOp, ast.Attribute)):
                continue
            return True
    return False
