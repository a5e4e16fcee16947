"""Structured control flow for reverse mode: jumps lowered to flags.

``normalize(fdef)`` takes a function in intrinsic form (see ``ir``) and returns an
equivalent one in which

* a name rebound by a statement of the body itself (outside loops and branches) gets a name
  of its own for each rebinding (``z = z * x`` becomes ``z2 = z * x``; ``sct_original`` on the
  result maps versions back to the user's names), so straight-line code overwrites nothing;
* there is exactly one ``return``, the last statement of the body (``return ret``, or the
  function's own final return when it already has a single one);
* there is no ``continue``, and a loop body leaves its loop only through a final
  ``if brk: break`` (or ends normally);
* a ``for`` loop's variable is bound only by its header, and its ``range`` arguments are not
  reassigned inside the loop;
* ``t[2]`` of a tuple ``t = (a, b, c)`` built once in the function is ``c`` itself;
* an ``if`` whose branches assign a name its condition reads (``if not done:`` guards, say)
  tests a flag computed just before it, so the reverse sweep can replay the branch taken;
* an operation never assigns to one of its own operands (``s = s * x`` becomes ``w = s * x``
  and ``s = w``), so that the reverse sweep can read the operand's old value, except where the
  adjoint does not read operands at all (``+``, ``-``, linear operations).

A ``raise`` (an inert statement, ``ir``'s form 10) leaves the function with its exception: it
needs no flag (the checker has left out what follows it in its block, which never runs).
Statements that a jump skips are guarded by ``if not flag:``; ``ret``/``done``/``brk``/``cont``
are fresh names (``sct_single`` on the result holds ``ret``, which each call binds once, so its
old value never needs saving).  Each iteration of a loop therefore runs its body to the end, and
the reverse sweep can replay iterations and branches from the recorded loop counts and branch
flags alone.
"""
import ast
import copy

from . import names, rules
from .ir import (OPERATION, assign, checked, clone, dotted, function_def, op_key, statement_form,
                 walk)


def normalize(fdef):
    namer = copy.copy(fdef.sct_namer)          # names made here belong to this copy only
    namer.taken, namer.made = set(namer.taken), set(namer.made)
    body = _rename_loop_variables(_copy_parts(_rotate_loops(clone(fdef.body), namer), namer),
                                  namer)
    params = [a.arg for a in fdef.args.args]
    body, original = _version_names(body, namer, params)
    body = _separate_targets(_resolve_tuple_items(body, params, namer), namer)
    returns = [n for n in walk(ast.Module(body, [])) if isinstance(n, ast.Return)]
    final = body[-1] if len(returns) == 1 and isinstance(body[-1], ast.Return) else None
    jumps = any(isinstance(n, (ast.Break, ast.Continue)) for n in walk(ast.Module(body, [])))
    single = set()
    if final is not None and not jumps:
        new_body = body
    else:
        lowering = _Lowering(namer)
        new_body = lowering.block(body[:-1] if final else body, None, tail=True)
        if lowering.done_used:
            new_body.insert(0, assign(lowering.done, ast.Constant(False)))
        new_body.append(final or ast.Return(ast.Name(lowering.ret, ast.Load())))
        single.add(lowering.ret)         # one return runs: its value is bound once per call
    new = function_def(fdef.name, clone(fdef.args), _hoist_tests(new_body, namer))
    new.sct_namer = namer
    new.sct_original = original
    new.sct_single = single
    return checked(ast.fix_missing_locations(ast.copy_location(new, fdef)), "normalize")




def _rotate_loops(stmts, namer):
    """``while True: S; if not C: break; R`` (a ``while C`` whose condition needs statements
    S, as ``decompose`` writes it) becomes ``S; flag = C; while flag: R; S; flag = C`` where S
    holds no jump or loop and R no ``continue`` of this loop.  The same statements run in the
    same order, and the loop leaves only through its test: the reverse sweep replays R; S from
    the trip count alone, with no break flag and no saved operand of C."""
    out = []
    for s in stmts:
        for field in ("body", "orelse"):
            if not isinstance(s, ast.Assign) and isinstance(getattr(s, field, None), list):
                setattr(s, field, _rotate_loops(getattr(s, field), namer))
        stop = _stop(s)
        if stop is None:
            out.append(s)
            continue
        prelude, rest = s.body[:stop], s.body[stop + 1:]
        test = s.body[stop].test
        go = test.operand if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) \
            else ast.UnaryOp(ast.Not(), test)
        flag = namer.temp()
        out += prelude + [ast.copy_location(assign(flag, go), s)]
        again = clone(prelude) + [ast.copy_location(assign(flag, clone(go)), s)]
        out.append(ast.copy_location(ast.While(ast.Name(flag, ast.Load()), rest + again, []), s))
    return out


def _stop(loop):
    """The position of ``if C: break`` in ``while True: S; if C: break; R`` when the loop can
    be rotated (see ``_rotate_loops``), else None."""
    if not (isinstance(loop, ast.While) and isinstance(loop.test, ast.Constant) and
            loop.test.value is True and not loop.orelse):
        return None
    for k, s in enumerate(loop.body):
        if isinstance(s, ast.If) and not s.orelse and len(s.body) == 1 and \
                isinstance(s.body[0], ast.Break):
            jumps = (ast.Break, ast.Continue, ast.Return, ast.For, ast.While)
            if k == 0 or any(isinstance(n, jumps) for n in walk(ast.Module(loop.body[:k], []))) \
                    or _escapes(loop.body[k + 1:], ast.Continue):
                return None
            return k
        if not isinstance(s, (ast.Assign, ast.If)):
            return None
    return None


def _copy_parts(stmts, namer):
    """The part ``w = y[i]`` that ``y[i] *= v`` updates (``sct_part``) taken as a copy
    ``w2 = np.copy(w)``, read in its place: a view would change when the part is written back,
    and the adjoint of ``*``, ``/``, ``**`` ... reads the old part after that write (forward
    mode reads it before, and needs no copy)."""
    out, renamed = [], {}
    for s in stmts:
        for field in ("body", "orelse"):
            if not isinstance(s, ast.Assign) and isinstance(getattr(s, field, None), list):
                setattr(s, field, _copy_parts(getattr(s, field), namer))
        for n in walk(s) if renamed else ():
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in renamed:
                n.id = renamed[n.id]
        out.append(s)
        if getattr(s, "sct_part", False):
            part = ast.Call(dotted("np.copy"), [ast.Name(s.targets[0].id, ast.Load())], [])
            part.sct_op = "np.copy"
            renamed[s.targets[0].id] = namer.temp()
            out.append(ast.copy_location(assign(renamed[s.targets[0].id], part), s))
    return out


def _version_names(body, namer, params):
    """Give each rebinding of a name by a statement of the function's body itself (outside
    loops and branches) a name of its own: ``z = z * x`` becomes ``z2 = z * x``, and later
    statements read ``z2``.  Every version is then bound once on the way to the return, so
    straight-line code needs nothing saved: the reverse sweep reads each version by its name.
    A loop or branch uses (and rebinds) the version current where it starts.

    Returns the new body and ``{version: original name}``."""
    current, bound, original = {}, set(params), {}

    def rename(node):
        for n in walk(node):
            if isinstance(n, ast.Name) and n.id in current:
                n.id = current[n.id]

    for stmt in body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
        if target is None or isinstance(target, ast.Subscript):
            stored = {n.id for n in walk(stmt) if isinstance(n, ast.Name)
                      and isinstance(n.ctx, ast.Store)}
            rename(stmt)
            bound |= stored
            continue
        rename(stmt.value)
        for n in walk(target):
            if isinstance(n, ast.Name):
                if n.id in bound:
                    version = namer.fresh(n.id)
                    original[version] = original.get(n.id, n.id)
                    current[n.id] = version
                    n.id = version
                else:
                    bound.add(n.id)
    return body, original


def _resolve_tuple_items(body, params, namer):
    """Replace ``w = t[k]`` (k a number, t bound once to a tuple of atoms) by ``w = t_k``.  An
    item that is a name assigned again elsewhere (x in t = (a, x), then x = x * 2) is first
    copied into a name of its own where the tuple is built, which keeps the tuple's value."""
    defs = {}
    for node in walk(ast.Module(body, [])):
        if isinstance(node, ast.Assign):
            for n in walk(node.targets[0]):
                if isinstance(n, ast.Name):
                    defs.setdefault(n.id, []).append(node.value)

    def kept(atom):
        return not isinstance(atom, ast.Name) or atom.id not in defs or \
            len(defs[atom.id]) == 1 and atom.id not in params
    built_once = {name for name, values in defs.items()
                  if len(values) == 1 and isinstance(values[0], ast.Tuple)}

    def snapshot(stmts):
        out = []
        for stmt in stmts:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and \
                    stmt.targets[0].id in built_once and isinstance(stmt.value, ast.Tuple):
                for k, item in enumerate(stmt.value.elts):
                    if not kept(item):
                        temp = namer.temp()
                        out.append(ast.copy_location(ast.Assign(
                            [ast.Name(temp, ast.Store())], ast.Name(item.id, ast.Load())), stmt))
                        stmt.value.elts[k] = ast.Name(temp, ast.Load())
            for field in ("body", "orelse"):
                if not isinstance(stmt, ast.Assign) and isinstance(getattr(stmt, field, None),
                                                                 list):
                    setattr(stmt, field, snapshot(getattr(stmt, field)))
            out.append(stmt)
        return out
    body = snapshot(body)
    tuples = {name: values[0].elts for name, values in defs.items() if name in built_once}
    changed = True
    while changed:
        changed = False
        for node in walk(ast.Module(body, [])):
            value = getattr(node, "value", None) if isinstance(node, ast.Assign) else None
            if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) \
                    and value.value.id in tuples and isinstance(value.slice, ast.Constant) \
                    and type(value.slice.value) is int \
                    and -len(tuples[value.value.id]) <= value.slice.value \
                    < len(tuples[value.value.id]):
                node.value = clone(tuples[value.value.id][value.slice.value])
                target = node.targets[0]
                if isinstance(target, ast.Name) and isinstance(node.value, ast.Name) and \
                        node.value.id in tuples and len(defs[target.id]) == 1:
                    tuples[target.id] = tuples[node.value.id]
                changed = True
    return body


def _hoist_tests(stmts, namer):
    out = []
    for s in stmts:
        for field in ("body", "orelse"):
            if not isinstance(s, ast.Assign) and isinstance(getattr(s, field, None), list):
                setattr(s, field, _hoist_tests(getattr(s, field), namer))
        if isinstance(s, ast.If):
            reads = {n.id for n in walk(s.test) if isinstance(n, ast.Name)}
            written = {n.id for b in s.body + s.orelse for n in walk(b)
                       if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            if reads & written:
                flag = namer.temp()
                out.append(assign(flag, s.test))
                s.test = ast.Name(flag, ast.Load())
        out.append(s)
    return out


def _separate_targets(stmts, namer):
    out = []
    for s in stmts:
        for field in ("body", "orelse"):
            if not isinstance(s, ast.Assign) and isinstance(getattr(s, field, None), list):
                setattr(s, field, _separate_targets(getattr(s, field), namer))
        if isinstance(s, ast.Assign) and statement_form(s) == OPERATION and \
                not hasattr(s.value, "sct_callee"):
            target = s.targets[0].id
            reads = {n.id for n in walk(s.value) if isinstance(n, ast.Name)}
            rule = rules.lookup(op_key(s.value))
            if target in reads and not (rule is not None and rule.rebinds):
                temp = namer.temp()
                s.targets = [ast.Name(temp, ast.Store())]
                out += [s, ast.copy_location(assign(target, ast.Name(temp, ast.Load())), s)]
                continue
        out.append(s)
    return out


def _rename_loop_variables(body, namer):
    """Give each for loop a variable of its own and keep its range arguments fixed."""
    bound = {}
    for node in walk(ast.Module(body, [])):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound[node.id] = bound.get(node.id, 0) + 1

    def visit(stmts):
        out = []
        for stmt in stmts:
            for field in ("body", "orelse"):
                if not isinstance(stmt, ast.Assign) and isinstance(getattr(stmt, field, None), list):
                    setattr(stmt, field, visit(getattr(stmt, field)))
            if isinstance(stmt, ast.For):
                inside = {n.id for s in stmt.body for n in walk(s)
                          if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                args = []
                for a in stmt.iter.args:
                    if isinstance(a, ast.Name) and a.id in inside:
                        temp = namer.temp()
                        out.append(assign(temp, a))
                        a = ast.Name(temp, ast.Load())
                    args.append(a)
                stmt.iter.args = args
                var = stmt.target.id
                if bound.get(var, 0) > 1:
                    fresh = namer.fresh(var)
                    stmt.target = ast.Name(fresh, ast.Store())
                    stmt.body.insert(0, assign(var, ast.Name(fresh, ast.Load())))
            out.append(stmt)
        return out

    return visit(body)


class _Lowering:
    """Rewrites return/break/continue into flag assignments and guarded statements."""

    def __init__(self, namer):
        self.namer = namer
        self.ret = namer.fresh(names.RETURNED)
        self.done = namer.fresh(names.DONE)
        self.done_used = False

    def block(self, stmts, loop, tail=False):
        """``loop``: (break flag, continue flag) of the innermost loop, or None; ``tail``:
        nothing runs after this block."""
        out = []
        for i, stmt in enumerate(stmts):
            last = tail and i == len(stmts) - 1
            if isinstance(stmt, ast.Return):
                value = stmt.value
                out.append(ast.copy_location(assign(self.ret, value), stmt))
                if not last:
                    self.done_used = True
                    out.append(assign(self.done, ast.Constant(True)))
                if loop is not None:
                    out.append(assign(loop[0], ast.Constant(True)))
                return out
            if isinstance(stmt, ast.Break):
                return out + [assign(loop[0], ast.Constant(True))]
            if isinstance(stmt, ast.Continue):
                return out + [assign(loop[1], ast.Constant(True))]
            if isinstance(stmt, ast.If):
                flags = self._flags(stmt, loop)
                stmt.body = self.block(stmt.body, loop, last) or [ast.Pass()]
                stmt.orelse = self.block(stmt.orelse, loop, last)
                out.append(stmt)
            elif isinstance(stmt, (ast.For, ast.While)):
                flags = [self.done] if _has(stmt, ast.Return) else []
                out += self.loop(stmt)
                if flags and loop is not None:
                    out.append(ast.If(ast.Name(self.done, ast.Load()),
                                      [assign(loop[0], ast.Constant(True))], []))
                    flags = [loop[0]]
            else:
                out.append(stmt)
                flags = []
            rest = stmts[i + 1:]
            if flags and rest:
                guarded = self.block(rest, loop)
                if guarded:
                    test = _none_of(flags)
                    out.append(ast.If(test, guarded, []))
                return out
        return out

    def _flags(self, stmt, loop):
        flags = []
        if _has(stmt, ast.Return):
            flags.append(loop[0] if loop is not None else self.done)
        if loop is not None and _has(stmt, ast.Break) and loop[0] not in flags:
            flags.append(loop[0])
        if loop is not None and _has(stmt, ast.Continue):
            flags.append(loop[1])
        return flags

    def loop(self, stmt):
        breaks = _has(stmt, ast.Break, own=True) or _has(stmt, ast.Return)
        continues = _has(stmt, ast.Continue, own=True)
        brk = self.namer.fresh(names.BREAK) if breaks else None
        cont = self.namer.fresh(names.CONTINUE) if continues else None
        body = self.block(stmt.body, (brk, cont))
        before = []
        if cont:
            body.insert(0, assign(cont, ast.Constant(False)))
        if brk:
            before.append(assign(brk, ast.Constant(False)))
            body.append(ast.If(ast.Name(brk, ast.Load()), [ast.Break()], []))
        stmt.body = body or [ast.Pass()]
        return before + [stmt]


def _none_of(flags):
    if len(flags) == 1:
        return ast.UnaryOp(ast.Not(), ast.Name(flags[0], ast.Load()))
    return ast.UnaryOp(ast.Not(), ast.BoolOp(ast.Or(), [ast.Name(f, ast.Load()) for f in flags]))


def _has(stmt, kind, own=False):
    """Whether ``stmt`` holds a ``kind`` jump that leaves it; with ``own`` (a loop), one that
    belongs to the loop itself.  Breaks and continues of nested loops stay in those loops."""
    return _escapes(stmt.body if own else [stmt], kind)


def _escapes(stmts, kind):
    for s in stmts:
        if isinstance(s, kind):
            return True
        if isinstance(s, ast.If) and (_escapes(s.body, kind) or _escapes(s.orelse, kind)):
            return True
        if isinstance(s, (ast.For, ast.While)) and kind is ast.Return and _escapes(s.body, kind):
            return True
    return False
