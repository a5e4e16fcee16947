"""Writes into arrays: what they mean where names may share memory (``memory`` finds
which), rewritten where sct can follow them and refused where it cannot.

* ``resolve_augmented(fdef, source)``: what ``x += v`` means for a name ``x``: numpy updates
  an array in place (so every name sharing its memory sees the change) and rebinds a number.
  Where no other name read later may share ``x``'s memory, the two agree and it stays a
  rebinding; where one may and ``x`` is surely an array it becomes ``w = x + v; x[...] =
  w``; where sct cannot tell whether ``x`` is an array and the other names are copies of it,
  each copy follows ``x`` when it held the same array; otherwise it is refused;
* ``resolve_views(fdef)``: reverse mode's form of writes through views (``v = b[1:]; v[0] =
  x`` writes into ``b``, and ``v`` is taken again after it), so that it follows them name by
  name;
* ``check_updated_arguments(functions, ir)``: the refusal of a call to a function that may
  update its parameter in place (``x += v``, rebound by sct) where the caller reads the
  argument after it;
* ``check_writes``: reverse mode's refusals of writes it still cannot follow (through a
  second name read after the write, into a parameter of a called function).
"""
import ast
import copy

from .activity import number_names
from .errors import SctError
from .ir import INDEX_ASSIGN, clone, is_inert, statement_form, walk
from .memory import arguments, arrays, binds_shared, element_reads, memory, ranks, sharing
from .program import ADJOINT_DOC


def check_writes(fdef, fn, entry, shares, numbers):
    """Refuse writes into arrays that share memory with another name read after the write
    (reverse mode restores values and cuts adjoints per name), with a parameter, and writes
    into a called function's parameters.  ``y[i]`` of a ``y`` whose number of dimensions is
    not known to be the index's may be a view (a row of a matrix): it shares ``y``'s memory."""
    params = {a.arg for a in fdef.args.args}
    original = getattr(fdef, "sct_original", {})      # versions (z2) -> the user's names (z)
    # a read in an inert statement (print(v)) runs in the forward sweep only, as the function
    # runs it, and needs nothing of the reverse sweep
    order, uses = _execution_order(fdef), _uses(fdef, inert=False)
    for stmt in walk(fdef):
        if isinstance(stmt, ast.Assign) and statement_form(stmt) == INDEX_ASSIGN:
            array = stmt.targets[0].value.id
            if array in params and not entry:
                raise SctError.at(stmt, fn.source,
                                  f"'{fn.name}' writes into its parameter '{array}', which is "
                                  f"the caller's array: reverse mode cannot undo that",
                                  f"write into a copy: {array} = np.copy({array})")
            others = sorted(o for o in shares.get(array, ()) if o != array and o in params)
            if others:
                array, other = original.get(array, array), original.get(others[0], others[0])
                raise SctError.at(stmt, fn.source,
                                  f"'{array}' may share memory with the parameter '{other}', "
                                  f"the caller's array: reverse mode cannot undo that write",
                                  f"make a copy of its own first: {array} = np.copy(...)")
            stale = sorted(_stale_views(stmt, array, shares, order, uses, params))
            pair = stale and (_indexed(stale[0], array, fdef) or _indexed(array, stale[0], fdef))
            if pair and ranks(fdef, numbers, lower=True).get(pair[1], 0) <= pair[2]:
                view, base = (original.get(n, n) for n in pair[:2])
                read = original.get(stale[0], stale[0])
                raise SctError.at(stmt, fn.source,
                                  f"'{view}' is taken from '{base}' by an index of numbers: "
                                  f"a number if '{base}' has as many dimensions as the index, "
                                  f"a view of a part of it if it has more, and sct cannot tell "
                                  f"which; as a view it would share the entries this write "
                                  f"changes with '{read}', read after it, and reverse mode "
                                  f"cannot follow writes through a second name",
                                  f"if '{view}' is one number, write {view} = float(...); else "
                                  f"make it a copy of its own: {view} = np.copy(...)")
            if stale:
                array, other = original.get(array, array), original.get(stale[0], stale[0])
                raise SctError.at(stmt, fn.source,
                                  f"'{array}' may share memory with '{other}' (a copy of the "
                                  f"name, a view such as a slice or a reshape, or a function "
                                  f"result), which is read after this write and sees the "
                                  f"entries it writes; reverse mode cannot follow writes "
                                  f"through a second name",
                                  f"make one of them a copy of its own ({other} = np.copy(...) "
                                  f"or {array} = np.copy(...)), or take '{other}' after the "
                                  f"write")


def _indexed(name, base, fdef):
    """(name, base, the index's length) if ``name`` is bound to ``base`` indexed by numbers
    (``t = y[j]``, no slice), else None."""
    for stmt in walk(fdef):
        value = getattr(stmt, "value", None)
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and \
                stmt.targets[0].id == name and isinstance(value, ast.Subscript) and \
                isinstance(value.value, ast.Name) and value.value.id == base:
            parts = value.slice.elts if isinstance(value.slice, ast.Tuple) else [value.slice]
            if not any(isinstance(p, ast.Slice) or isinstance(p, ast.Constant) and
                       p.value in (None, Ellipsis) for p in parts):
                return name, base, len(parts)
    return None


def _uses(fdef, inert=True):
    """name -> its Name nodes; without those of the inert statements (``ir``'s form 10)
    unless ``inert``."""
    uses = {}
    skipped = set() if inert else {id(n) for s in walk(fdef) if isinstance(s, ast.stmt)
                                   and is_inert(s) for n in walk(s)}
    for n in walk(fdef):
        if isinstance(n, ast.Name) and id(n) not in skipped:
            uses.setdefault(n.id, []).append(n)
    return uses


def _execution_order(fdef):
    """id of every node -> (position of its statement in program order, ids of the loops
    around it, ids of the blocks around it); a compound statement's header (test, iterable)
    takes the statement's place."""
    order = {}

    def block(stmts, loops, blocks):
        blocks = blocks + (id(stmts),)
        for s in stmts:
            place = (len(order), loops, blocks)
            inner = loops + (id(s),) if isinstance(s, (ast.For, ast.While)) else loops
            headers = [s.test] if isinstance(s, (ast.If, ast.While)) else \
                [s.target, s.iter] if isinstance(s, ast.For) else [s]
            order[id(s)] = place
            for h in headers:
                for n in walk(h):
                    order[id(n)] = place
            if isinstance(s, (ast.If, ast.For, ast.While)):
                block(s.body, inner, blocks)
                block(s.orelse, inner, blocks)
    block(fdef.body, (), ())
    return order


def _stale_views(write, array, shares, order, uses, params, itself=False):
    """The names other than ``array`` (and ``array`` too, with ``itself``) that share its
    memory and may be read after ``write`` (an index assignment or augmented assignment into
    ``array``, a call updating it) with a value bound before it: they read the entries it
    wrote (which reverse mode, cutting and restoring adjoints per name, would get wrong; which
    tell an update in place from a rebinding).
    A read is safe when a binding of the name runs before it on every path (an earlier
    statement of its block or of a block around it) with no such write in between; a name
    that ``write`` itself binds is never read with its value from before."""
    at, loops, _ = order[id(write)]
    inside = {id(n) for n in walk(write)}

    def between(b, r):            # the write may run after binding b and before read r
        (ib, bloops, _), (ir, rloops, _) = order[id(b)], order[id(r)]
        return ib < at < ir or bool(set(loops) & set(rloops) - set(bloops))

    def dominates(b, r):
        (ib, _, bblocks), (ir, _, rblocks) = order[id(b)], order[id(r)]
        return ib < ir and rblocks[:len(bblocks)] == bblocks

    def around(node):             # before or after the write, or in a loop with it
        i, nloops, _ = order[id(node)]
        return bool(set(nloops) & set(loops)), i

    token = getattr(write, "sct_written", None)     # views taken again right after it
    stale = set()
    for o in memory(array, shares) - (set() if itself else {array}):
        bound = [n for n in uses.get(o, ()) if isinstance(n.ctx, ast.Store)]
        if token is not None and any(getattr(n, "sct_retake", None) == token for n in bound):
            continue
        if any(id(b) in inside for b in bound):
            continue            # rebound right after the write: no read sees its old value
        for r in (n for n in uses.get(o, ()) if isinstance(n.ctx, ast.Load)):
            fresh = [b for b in bound if dominates(b, r)]
            if fresh:
                bad = not any(not between(b, r) for b in fresh)
            else:               # a parameter never rebound holds the caller's array
                looped, ir = around(r)
                bad = (looped or ir > at) and (o in params and not bound or any(
                    around(b)[0] or around(b)[1] < at for b in bound))
            if bad:
                stale.add(o)
                break
    return stale


def resolve_augmented(fdef, function):
    """``x op= v`` for each name ``x`` (marked ``sct_augmented`` by decompose as ``x = x op
    v``), as the module docstring says: kept as a rebinding where no other name read later
    may share ``x``'s memory; ``w = x op v; x[...] = w`` where ``x`` surely is an array; where
    ``x`` may be an array or a number and the names that may share its memory are copies of
    it (``y = x``), a rebinding after which each copy still holding the same array follows
    ``x``, as it does when numpy updates the array in place; refused otherwise.
    ``fdef.sct_updated``: parameter -> the statement that rebinds it, or a name that may share
    its memory, where numpy would update the caller's array in place (for
    ``check_updated_arguments``)."""
    marked = [s for s in walk(fdef) if getattr(s, "sct_augmented", False)]
    source = function.source
    if not marked or source.generated and (function.doc or "").startswith(ADJOINT_DOC):
        return fdef         # sct's adjoints update in place only arrays no other name holds
    numbers = number_names(fdef)
    known = ranks(fdef, numbers)
    shares = sharing(fdef, element_reads(fdef, numbers, known))
    surely = arrays(fdef, numbers)
    copies = _copies(fdef)
    order, uses = _execution_order(fdef), _uses(fdef)
    params = {a.arg for a in fdef.args.args}
    replaced, unbound, updated = {}, set(), {}
    for stmt in marked:
        name = stmt.targets[0].id
        if name in numbers:
            continue
        if name not in surely:      # rebound below: a caller's array would change in place
            for p in ({name} | memory(name, shares)) & params:
                if not _own_array(p, stmt, fdef, order, uses):
                    updated.setdefault(p, stmt)
        others = sorted(_stale_views(stmt, name, shares, order, uses, params))
        if not others:          # no other name can see the difference
            continue
        if name in surely:
            replaced[id(stmt)] = _updated_in_place(stmt, fdef.sct_namer)
        elif set(others) <= memory(name, copies):
            replaced[id(stmt)] = _followed(stmt, others, fdef.sct_namer)
            unbound |= {o for o in others if o not in params and not any(
                _dominates(b, stmt, order) for b in _binding_statements(o, fdef))}
        else:
            symbol = _SYMBOLS.get(type(stmt.value.op), "op")
            raise SctError.at(stmt, source,
                              f"'{name}' may share memory with '{others[0]}' (a view such as "
                              f"a slice, or a function result), and sct cannot tell whether "
                              f"it holds an array, which '{symbol}=' updates in place "
                              f"('{others[0]}' changing too), or a number, which '{symbol}=' "
                              f"rebinds",
                              f"write {name} = {name} {symbol} ... to rebind it, or "
                              f"{name}[...] {symbol}= ... to update the array in place")
    fdef.body = [ast.copy_location(ast.Assign([ast.Name(o, ast.Store())], ast.Constant(None)),
                                   fdef) for o in sorted(unbound)] + \
        _replaced(fdef.body, replaced)       # a copy not bound yet holds no array to follow
    fdef.sct_updated = updated
    return fdef


def _own_array(param, stmt, fdef, order, uses):
    """Whether ``param`` surely holds a value of the function's own at ``stmt``, not the
    caller's array: a binding of it runs before ``stmt`` on every path, to a value sharing no
    memory with it, and no name that may share its memory was bound from it before."""
    sharing_reads = {id(n) for s in walk(fdef) if binds_shared(s) for n in walk(s.value)}
    for b in _binding_statements(param, fdef):
        if not _dominates(b, stmt, order) or binds_shared(b):
            continue
        at = order[id(b)][0]
        if not any(order[id(n)][0] < at and id(n) in sharing_reads
                   for n in uses.get(param, ()) if isinstance(n.ctx, ast.Load)):
            return True
    return False


def check_updated_arguments(functions, ir):
    """Refuse a call to a function that may update a parameter in place (``x op= v`` on the
    caller's array, which sct rebinds: see ``resolve_augmented``) where the caller reads the
    argument, or a name that may share its memory, after the call: numpy would have changed
    it.  A caller passing its own parameter may update its caller's array in turn.
    ``functions``: callees first; ``ir(fn)``: its resolved intermediate form."""
    updated = {}
    for fn in functions:
        fdef = ir(fn)
        own = {p: (stmt, fn) for p, stmt in getattr(fdef, "sct_updated", {}).items()}
        calls = [s for s in walk(fdef) if isinstance(s, ast.Assign) and
                 getattr(s.value, "sct_callee", None) in updated]
        if calls:
            numbers = number_names(fdef)
            shares = sharing(fdef, element_reads(fdef, numbers, ranks(fdef, numbers)))
            order, uses = _execution_order(fdef), _uses(fdef)
            params = {a.arg for a in fdef.args.args}
        for stmt in calls:
            callee = stmt.value.sct_callee
            for param, arg in arguments(stmt.value, callee):
                update = updated[callee].get(param)
                if update is None or not isinstance(arg, ast.Name) or arg.id in numbers:
                    continue
                stale = sorted(_stale_views(stmt, arg.id, shares, order, uses, params, True))
                if stale:
                    _refuse_updated_argument(stmt, fn, callee, arg.id, update, stale[0])
                for p in memory(arg.id, shares) & params:
                    if not _own_array(p, stmt, fdef, order, uses):
                        own.setdefault(p, update)
        updated[fn] = own


def _refuse_updated_argument(call, fn, callee, arg, update, read):
    stmt, owner = update
    name = stmt.targets[0].id
    symbol = _SYMBOLS.get(type(stmt.value.op), "op") if isinstance(stmt.value, ast.BinOp) \
        else "op"
    shared = "" if read == arg else f", which may share memory with '{arg}',"
    raise SctError.at(call, fn.source,
                      f"'{callee.name}' may update '{arg}' in place: '{name} {symbol}= ...' "
                      f"('{owner.name}', line {stmt.lineno}) updates an array in place and "
                      f"rebinds a number, and sct cannot tell whether it holds an array; "
                      f"'{read}'{shared} is read after this call, and sct's derivatives would "
                      f"read its value from before the update",
                      f"pass a copy, {callee.name}(np.copy({arg}), ...), or rebind in "
                      f"'{owner.name}': {name} = {name} {symbol} ... instead of {name} "
                      f"{symbol}= ...")


_SYMBOLS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
            ast.Mod: "%", ast.Pow: "**", ast.MatMult: "@"}


def _binding_statements(name, fdef):
    return [s for s in walk(fdef) if isinstance(s, ast.Assign) and
            isinstance(s.targets[0], ast.Name) and s.targets[0].id == name]


def _copies(fdef):
    """name -> the names bound to it, or that it is bound to, by a copy ``a = b``."""
    found = {}
    for stmt in walk(fdef):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and \
                isinstance(stmt.value, ast.Name):
            a, b = stmt.targets[0].id, stmt.value.id
            found.setdefault(a, set()).add(b)
            found.setdefault(b, set()).add(a)
    return found


def _assign(target, value, where):
    return ast.copy_location(ast.Assign([target], value), where)


def _updated_in_place(stmt, namer):
    """``x = x op v`` as ``w = x op v; x[...] = w``."""
    temp = namer.temp()
    store = ast.Subscript(ast.Name(stmt.targets[0].id, ast.Load()), ast.Constant(Ellipsis),
                          ast.Store())
    return [_assign(ast.Name(temp, ast.Store()), stmt.value, stmt),
            _assign(store, ast.Name(temp, ast.Load()), stmt)]


def _followed(stmt, others, namer):
    """``x = x op v`` for an ``x`` that may be an array or a number, its copies ``others``
    following it where they hold the array it held (numpy updates that array in place):
    ``w = x; x = _kept_array(x op v, w); if _same_array(y, w): y = x`` for each copy ``y``
    (``_kept_array`` keeps an array of no dimensions one, of its dtype, as updating it in place
    does, where ``x op v`` would give a number)."""
    name, old, new = stmt.targets[0].id, namer.temp(), namer.temp()
    kept = ast.Call(ast.Name("_kept_array", ast.Load()),
                    [ast.Name(new, ast.Load()), ast.Name(old, ast.Load())], [])
    kept.sct_op = "_kept_array"
    out = [_assign(ast.Name(old, ast.Store()), ast.Name(name, ast.Load()), stmt),
           _assign(ast.Name(new, ast.Store()), stmt.value, stmt),
           _assign(ast.Name(name, ast.Store()), kept, stmt)]
    for other in others:
        flag = namer.temp()
        test = ast.Call(ast.Name("_same_array", ast.Load()),
                        [ast.Name(other, ast.Load()), ast.Name(old, ast.Load())], [])
        test.sct_op = "_same_array"
        out.append(_assign(ast.Name(flag, ast.Store()), test, stmt))
        follow = _assign(ast.Name(other, ast.Store()), ast.Name(name, ast.Load()), stmt)
        out.append(ast.copy_location(ast.If(ast.Name(flag, ast.Load()), [follow], []), stmt))
    return out


def _replaced(stmts, replaced):
    """``stmts`` with the statements in ``replaced`` (by id) replaced, nested blocks too."""
    out = []
    for s in stmts:
        if id(s) in replaced:
            out += replaced[id(s)]
            continue
        for field in ("body", "orelse"):
            if not isinstance(s, ast.Assign) and getattr(s, field, None):
                setattr(s, field, _replaced(getattr(s, field), replaced))
        out.append(s)
    return out


def resolve_views(fdef):
    """Reverse mode's form of writes through views: for a view ``v = b[index]`` (or a copy
    ``v = b``) of a name ``b`` bound once, with an index of names bound once, a write through
    it, ``v[i] = x``, becomes the write into ``b`` it is (``t = np.copy(v); t[i] = x;
    b[index] = t``, or ``b[index] = x`` for ``v[...] = x``), and after every write into ``b``
    each such view of ``b`` is taken again (``v = b[index]``), where its binding runs before
    the write on every path. Reads of a view after a write then read a binding made after it,
    which reverse mode follows name by name.  Returns a new function (the tree given is kept
    for forward mode, which follows views as numpy does)."""
    views = _views(fdef)
    if not views:
        return fdef
    new = copy.copy(fdef)
    new.body = clone(fdef.body)
    new.sct_namer = copy.copy(fdef.sct_namer)
    new.sct_namer.taken = set(new.sct_namer.taken)
    order = _execution_order(new)
    bindings = {id(s): s for s in walk(new) if isinstance(s, ast.Assign)}
    views = {v: (base, bindings[i], index) for v, (base, i, index) in
             _views(new).items()}
    new.body = _through_views(new.body, views, order, new.sct_namer)
    return new


def _views(fdef):
    """name -> (base, id of its binding, index) for the views ``v = b[index]`` and copies
    ``v = b`` (index ``...``) that resolve_views rewrites: not ``t = y[j]`` where ``y`` may
    have no more dimensions than the index (then ``t`` may be a number, a copy)."""
    counts = {a.arg: 1 for a in fdef.args.args}
    for stmt in walk(fdef):
        if isinstance(stmt, ast.Assign) and statement_form(stmt) != INDEX_ASSIGN:
            for n in walk(stmt.targets[0]):
                if isinstance(n, ast.Name):
                    counts[n.id] = counts.get(n.id, 0) + 1
        elif isinstance(stmt, ast.For):
            counts[stmt.target.id] = counts.get(stmt.target.id, 0) + 1
    numbers = number_names(fdef)
    least = ranks(fdef, numbers, lower=True)
    found = {}
    for stmt in walk(fdef):
        if not (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name)):
            continue
        value, name = stmt.value, stmt.targets[0].id
        if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name):
            base, index = value.value.id, value.slice
            parts = index.elts if isinstance(index, ast.Tuple) else [index]
            whole = any(isinstance(p, ast.Slice) or isinstance(p, ast.Constant) and
                        p.value in (None, Ellipsis) for p in parts)
            if not whole and least.get(base, 0) <= len(parts):
                continue        # maybe one number, a copy: taking it again would be wrong
        elif isinstance(value, ast.Name):
            base, index = value.id, ast.Constant(Ellipsis)
        else:
            continue
        fixed = all(counts.get(n.id) == 1 for n in walk(index) if isinstance(n, ast.Name))
        if counts.get(name) == 1 and counts.get(base) == 1 and base != name and fixed:
            found[name] = (base, id(stmt), index)
    return {v: view for v, view in found.items() if view[0] not in found}   # no chains


def _through_views(stmts, views, order, namer):
    """``stmts`` with writes through views made writes into their bases, and the views of a
    base taken again after each write into it (resolve_views)."""
    out = []
    for s in stmts:
        if not (isinstance(s, ast.Assign) and statement_form(s) == INDEX_ASSIGN):
            for field in ("body", "orelse"):
                if not isinstance(s, ast.Assign) and getattr(s, field, None):
                    setattr(s, field, _through_views(getattr(s, field), views, order, namer))
            out.append(s)
            continue
        array = s.targets[0].value.id
        base = array
        if array in views and _dominates(views[array][1], s, order):
            base, _, index = views[array]
            out += _write_into_base(s, base, index, namer)
        else:
            out.append(s)
        token = id(out[-1])     # the write and the views taken again right after it
        out[-1].sct_written = token
        for view, (b, binding, index) in sorted(views.items()):
            if b == base and _dominates(binding, s, order):
                again = ast.Subscript(ast.Name(base, ast.Load()), clone(index), ast.Load())
                target = ast.Name(view, ast.Store())
                target.sct_retake = token
                out.append(ast.copy_location(ast.Assign([target], again), s))
    return out


def _write_into_base(stmt, base, index, namer):
    """``v[i] = x`` for ``v = base[index]``: ``t = np.copy(v); t[i] = x; base[index] = t``."""
    target, value = stmt.targets[0], stmt.value
    store = ast.Subscript(ast.Name(base, ast.Load()), clone(index), ast.Store())
    part = target.slice
    if isinstance(part, ast.Constant) and part.value is Ellipsis:
        return [ast.copy_location(ast.Assign([store], value), stmt)]
    temp = namer.temp()
    copied = ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "copy", ast.Load()),
                      [ast.Name(target.value.id, ast.Load())], [])
    copied.sct_op = "np.copy"
    written = ast.Subscript(ast.Name(temp, ast.Load()), part, ast.Store())
    return [ast.copy_location(ast.Assign([ast.Name(temp, ast.Store())], copied), stmt),
            ast.copy_location(ast.Assign([written], value), stmt),
            ast.copy_location(ast.Assign([store], ast.Name(temp, ast.Load())), stmt)]


def _dominates(binding, stmt, order):
    """Whether ``binding`` runs before ``stmt`` on every path (an earlier statement of its
    block or of a block around it)."""
    (ib, _, bblocks), (i, _, blocks) = order[id(binding)], order[id(stmt)]
    return ib < i and blocks[:len(bblocks)] == bblocks


