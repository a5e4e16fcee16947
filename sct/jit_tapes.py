"""Callees' tapes for numba (sct/jit.py): a reverse sweep passes its stack to each callee's
recorded forward sweep (``r_g(..., tape)``, which pushes what ``b_g`` reads) and to its adjoint
(``b_g(..., tape, b_out)``, which pops it).  numba types a list only from what the function
that makes it does with it, so the push and the pop move into the caller:

- a recorder whose one use of its tape is ``tape.append(saved)`` just before its last
  ``return value`` returns ``(value, saved)`` instead, and the caller pushes ``saved``;
- a replayer whose one use of its tape is ``x = tape.pop()`` in its body takes the popped
  value in the tape's place (``x = tape``), and the caller passes ``stack.pop()``.

Order is kept: each push and pop happens where it did, in the caller.  A callee whose tape is
used otherwise is left as it is (numba's refusal, if any, is then an SctError).
"""
import ast


def _tape_use(fdef):
    """(parameter, the one statement using it, 'append' or 'pop') if ``fdef`` uses a
    parameter once, as a recorder's push or a replayer's pop, at the top of its body."""
    params = [a.arg for a in fdef.args.args]
    for p in params:
        uses = [n for n in ast.walk(fdef) if isinstance(n, ast.Name) and n.id == p]
        if len(uses) != 1:
            continue
        for i, stmt in enumerate(fdef.body):
            call = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign)) else None
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and
                    isinstance(call.func.value, ast.Name) and call.func.value.id == p):
                continue
            if call.func.attr == "append" and isinstance(stmt, ast.Expr) and \
                    len(call.args) == 1 and i == len(fdef.body) - 2 and \
                    isinstance(fdef.body[-1], ast.Return) and fdef.body[-1].value is not None:
                return p, stmt, "append"
            if call.func.attr == "pop" and isinstance(stmt, ast.Assign) and not call.args:
                return p, stmt, "pop"
    return None


def move_tapes(tree):
    """Rewrite ``tree``'s recorders and replayers, and their calls, as the module says."""
    callees = {}
    for fdef in tree.body:
        if isinstance(fdef, ast.FunctionDef):
            use = _tape_use(fdef)
            if use is not None and _calls_fit(tree, fdef, *use):
                callees[fdef.name] = (fdef, *use)
    if not callees:
        return
    for name, (fdef, param, stmt, kind) in callees.items():
        index = [a.arg for a in fdef.args.args].index(param)
        callees[name] = (index, kind)
        if kind == "append":
            fdef.body.remove(stmt)
            ret = fdef.body[-1]
            ret.value = ast.Tuple([ret.value, stmt.value.args[0]], ast.Load())
            del fdef.args.args[index]
        else:
            stmt.value = ast.Name(param, ast.Load())
    for fdef in tree.body:
        if isinstance(fdef, ast.FunctionDef):
            _rewrite_calls(fdef, callees)


def _calls_fit(tree, fdef, param, stmt, kind):
    """Whether every call of ``fdef`` passes a name as its tape, a recorder's each as the
    whole value of an assignment to one name."""
    index = [a.arg for a in fdef.args.args].index(param)
    assigned = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Assign) and
                len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == fdef.name and \
                not isinstance(node.ctx, ast.Load):
            return False
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id == fdef.name:
            if node.keywords or index >= len(node.args) or \
                    not isinstance(node.args[index], ast.Name) or \
                    kind == "append" and id(node) not in assigned:
                return False
    calls = sum(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and
                n.func.id == fdef.name for n in ast.walk(tree))
    loads = sum(isinstance(n, ast.Name) and n.id == fdef.name for n in ast.walk(tree))
    return calls == loads           # called, never passed as a value


def _rewrite_calls(fdef, callees):
    """In ``fdef``, each ``x = r_g(..., stack)`` as ``x, saved = r_g(...)`` then
    ``stack.append(saved)``, each ``b_g(..., stack, ...)`` passing ``stack.pop()``."""
    taken = {n.id for n in ast.walk(fdef) if isinstance(n, ast.Name)}
    count = [0]

    def fresh():
        while True:
            count[0] += 1
            name = f"saved{count[0]}"
            if name not in taken:
                taken.add(name)
                return name

    for node in list(ast.walk(fdef)):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                block[:] = [s for stmt in block for s in _rewritten(stmt, callees, fresh)]


def _callee_call(node, callees):
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
            node.func.id in callees:
        index, kind = callees[node.func.id]
        if index < len(node.args) and isinstance(node.args[index], ast.Name):
            return index, kind
    return None


def _rewritten(stmt, callees, fresh):
    """The statements standing for ``stmt``."""
    for node in ast.walk(stmt):
        found = _callee_call(node, callees)
        if found and found[1] == "pop":
            index = found[0]
            node.args[index] = ast.Call(ast.Attribute(node.args[index], "pop", ast.Load()),
                                        [], [])
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        found = _callee_call(stmt.value, callees)
        if found and found[1] == "append":
            stack = stmt.value.args.pop(found[0])
            saved = fresh()
            stmt.targets = [ast.Tuple([stmt.targets[0], ast.Name(saved, ast.Store())],
                                      ast.Store())]
            push = ast.Expr(ast.Call(ast.Attribute(ast.Name(stack.id, ast.Load()), "append",
                                                   ast.Load()), [ast.Name(saved, ast.Load())],
                                     []))
            return [stmt, push]
    return [stmt]
