"""Lists in user code, as values.

A list display is the call ``list((a, b))`` of the rule table's ``list`` (its items, as a list),
and ``ys.append(v)`` is the assignment ``ys = _appended(ys, v)``: a new list each time, so that
the passes see values and never a list changed in place.  That is exact as long as no other name
holds the list being appended to: ``check_owned`` refuses, at the line, the code where one could
(``zs = ys``, a list put in a tuple, passed to a user function that may return it, a parameter
appended to, which is the caller's list)."""
import ast

from .ir import walk

def appended(call, stmt):
    """``ys = _appended(ys, v)`` for the statement ``ys.append(v)``."""
    name = call.func.value
    value = ast.Call(ast.Name("_appended", ast.Load()),
                     [ast.Name(name.id, ast.Load()), call.args[0]], [])
    value.sct_lowered = "_appended"
    assign = ast.Assign([ast.Name(name.id, ast.Store())], value)
    for node in ast.walk(assign):
        if not hasattr(node, "lineno"):
            ast.copy_location(node, stmt)
    return assign


def _is_append(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
        node.func.attr == "append" and isinstance(node.func.value, ast.Name)


def check_owned(fdef, local_names, fail, callee_of):
    """Refuse appends to a list another name may hold (``ys.append`` of a local ``ys``, not
    ``np.append``).  ``callee_of(call)`` is the ``ast.FunctionDef`` a call of a user function
    calls (None for an intrinsic or a builtin)."""
    appends = {}
    for node in walk(fdef):
        if _is_append(node) and node.func.value.id in local_names:
            appends.setdefault(node.func.value.id, node)
    if not appends:
        return
    params = {a.arg for a in fdef.args.posonlyargs + fdef.args.args + fdef.args.kwonlyargs}
    parents = {child: parent for parent in walk(fdef) for child in ast.iter_child_nodes(parent)}
    for name, call in appends.items():
        if name in params:
            fail(call, f"'{name}.append(...)' would change the list the caller passed as "
                       f"'{name}'", f"append to a new list: {name}_new = list({name}), "
                                    f"then {name}_new.append(...)")
    for node in walk(fdef):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name) and t.id in appends and not _new_list(node.value):
                    fail(node, f"'{t.id}' is appended to, so it must be bound to a new list "
                               f"(a display [...] or list(...)), not to a value another name "
                               f"may hold", f"write {t.id} = list(...) to copy it first")
        elif isinstance(node, (ast.For, ast.comprehension)) and \
                isinstance(node.iter, ast.Name) and node.iter.id in appends and \
                isinstance(node, ast.For) and any(_is_append(n) and n.func.value.id ==
                                                  node.iter.id for n in walk(node)):
            fail(node, f"the loop appends to '{node.iter.id}', the list it runs over",
                 f"loop over a copy: for ... in list({node.iter.id}):")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and \
                node.id in appends and not _safe_use(node, parents, callee_of):
            fail(node, f"the list '{node.id}' is appended to, and here another value may come "
                       f"to hold it (then it would see later appends)",
                 f"use a copy here, list({node.id}), or read its items")


def _new_list(value):
    if isinstance(value, ast.List):
        return True
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and \
        value.func.id == "list" or isinstance(value, (ast.ListComp,))


def _safe_use(node, parents, callee_of):
    """Whether the list read at ``node`` cannot end up held by another name."""
    parent = parents.get(node)
    if isinstance(parent, ast.Attribute):
        return parent.attr == "append"
    if isinstance(parent, ast.Subscript) and parent.value is node:
        return True
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
    if isinstance(parent, ast.Call) and node in parent.args:
        fdef = callee_of(parent)       # None: an intrinsic or a builtin, which copies a list
        return fdef is None or not _retains(fdef, parent.args.index(node), callee_of)
    return False


def _retains(fdef, position, callee_of, depth=0):
    """Whether a user function may return (or keep in a value) its parameter at ``position``."""
    params = fdef.args.posonlyargs + fdef.args.args
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
