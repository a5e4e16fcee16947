"""Which names may share memory, and how many dimensions they have: the analyses behind
``aliasing``'s rewrites and refusals.

* ``sharing(fdef, elements)``: name -> the names it may share memory with through one binding
  (a copy of the name, an unpacking, a function result, a view such as a slice or a reshape);
  ``memory(name, shares)``: those reached through any chain of bindings;
  ``written_memory(fdef)``: the names a function may write into;
  ``returned_memory(fdef)``: the parameters a function's result may share memory with;
* ``ranks(fdef, numbers)``: the number of dimensions of the names whose bindings agree on one
  (``Rule.rank``); ``element_reads``: the statements ``w = y[i, j]`` that read one number (not
  a view); ``arrays``: the names that surely hold numpy arrays (mutable, unlike numbers).

Unknown is "may": a view taken with an index of integers (``row = m[0]``) shares memory with
``m`` unless ``m``'s number of dimensions is known to be the index's (then it is a number).
"""
import ast

from . import rules
from .ir import COPY, INDEX_ASSIGN, UNPACK, op_key, operands, statement_form, walk

_TOP = "?"                      # not known yet: assumed to agree (a greatest fixed point)


def memory(name, shares):
    """``name`` and the names that may share its memory, through any chain of bindings."""
    found, todo = set(), [name]
    while todo:
        n = todo.pop()
        if n not in found:
            found.add(n)
            todo += shares.get(n, ())
    return found


def sharing(fdef, elements=frozenset()):
    """name -> the names it may share memory with through one binding (a copy of the name,
    an unpacking, a function result, a view such as a slice or a reshape); ``elements``: the
    ids of statements ``w = y[i]`` known to read a number."""
    shares = {}
    for stmt in walk(fdef):
        if not binds_shared(stmt) or id(stmt) in elements:
            continue
        value = stmt.value
        targets = {n.id for n in walk(stmt.targets[0]) if isinstance(n, ast.Name)}
        sources = {n.id for n in walk(value) if isinstance(n, ast.Name)} - {"np", "math"}
        if isinstance(value, ast.Subscript):
            sources = {value.value.id}
        elif hasattr(value, "sct_aliased"):      # the callee's result shares only these
            sources = {n.id for p, a in arguments(value, value.sct_callee)
                       if p in value.sct_aliased for n in walk(a) if isinstance(n, ast.Name)}
        elif isinstance(value, ast.Call) and statement_form(stmt) not in (COPY, UNPACK):
            sources = _viewed(value, sources)
        for t in targets:
            shares.setdefault(t, set()).update(sources)
        for src in sources:
            shares.setdefault(src, set()).update(targets)
    return shares


def _viewed(call, sources):
    """The names a view's result may share memory with: those of its differentiable
    operands (``np.reshape(a, (n, d))`` views ``a``, not the shape's ``n`` and ``d``), or
    ``sources`` where its arguments do not bind to its parameters."""
    rule = rules.lookup(call.sct_op) if hasattr(call, "sct_op") else None
    if rule is None:
        return sources
    try:
        bound = rule.bind(call.args, {k.arg: k.value for k in call.keywords})
    except ValueError:
        return sources
    viewed = [bound[p] for p in rule.diff if p in bound]
    return {n.id for v in viewed for a in (v if isinstance(v, list) else [v])
            for n in walk(a) if isinstance(n, ast.Name)} & sources


def binds_shared(stmt):
    """Whether an assignment binds names that may share memory with the names it reads: a
    copy of a name, an unpacking, a function result, a view."""
    return isinstance(stmt, ast.Assign) and statement_form(stmt) != INDEX_ASSIGN and (
        statement_form(stmt) in (COPY, UNPACK) or hasattr(stmt.value, "sct_callee") or
        rules.is_view(op_key(stmt.value), stmt.value))


def written_memory(fdef):
    """The names whose memory a function may write into: the arrays of its index assignments
    (``y[i] = v``) and, through any chain of bindings that may share memory (``y = x``, a
    view ``y = x[1:]``, a function result), the names those were bound from."""
    written = {stmt.targets[0].value.id for stmt in walk(fdef)
               if isinstance(stmt, ast.Assign) and statement_form(stmt) == INDEX_ASSIGN}
    shares = sharing(fdef)
    return set().union(set(), *[memory(n, shares) for n in written])


def returned_memory(fdef):
    """The parameters whose memory the function's result may share (a call's result shares
    only its arguments for these: ``sct_aliased`` on the call)."""
    shares = sharing(fdef)
    params = {a.arg for a in fdef.args.args}
    returned = {n.id for s in walk(fdef) if isinstance(s, ast.Return) and s.value is not None
                for n in walk(s.value) if isinstance(n, ast.Name)}
    return set().union(set(), *[memory(n, shares) for n in returned]) & params


def arguments(call, callee):
    """(parameter, argument) pairs of a call to a user function."""
    pairs = list(zip(callee.params, call.args))
    return pairs + [(k.arg, k.value) for k in call.keywords if k.arg in callee.params]


def _bindings(fdef, augmented=True):
    """name -> the values bound to it (None where the value is not one expression); without
    the augmented assignments ``x op= v`` unless ``augmented``."""
    defs = {}
    for stmt in walk(fdef):
        if isinstance(stmt, ast.Assign) and statement_form(stmt) != INDEX_ASSIGN and \
                (augmented or not getattr(stmt, "sct_augmented", False)):
            target = stmt.targets[0]
            for n in walk(target):
                if isinstance(n, ast.Name):
                    defs.setdefault(n.id, []).append(stmt.value if n is target else None)
        elif isinstance(stmt, ast.For):
            defs.setdefault(stmt.target.id, []).append(ast.Constant(0))
    for a in fdef.args.args:
        defs.setdefault(a.arg, []).append(None)
    return defs


class _Rank:
    """The binding of a parameter known to hold an array of ``ndim`` dimensions."""
    def __init__(self, ndim):
        self.ndim = ndim


def _integers(index, numbers):
    """How many parts an index has when they are all integers (constants or names holding
    numbers), else None."""
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    if all(isinstance(p, ast.Constant) and type(p.value) is int or
           isinstance(p, ast.Name) and p.id in numbers for p in parts):
        return len(parts)
    return None


def _index_change(index, numbers):
    """(change in the number of dimensions, dimensions indexed) of basic indexing by
    ``index``: an integer takes one away, a slice keeps one, ``None`` adds one, ``...`` stands
    for the rest; None for any other index (an array of indices, a mask)."""
    parts = index.elts if isinstance(index, ast.Tuple) else [index]
    integers = slices = added = 0
    for p in parts:
        if isinstance(p, ast.Constant) and type(p.value) is int or \
                isinstance(p, ast.Name) and p.id in numbers:
            integers += 1
        elif isinstance(p, ast.Slice):
            slices += 1
        elif isinstance(p, ast.Constant) and p.value is None:
            added += 1
        elif not (isinstance(p, ast.Constant) and p.value is Ellipsis):
            return None
    return added - integers, integers + slices


def ranks(fdef, numbers, lower=False, augmented=True, params=None):
    """name -> its number of dimensions, for the names all of whose bindings give the same one:
    numbers, constructors given a shape, elementwise arithmetic, copies, slices, reshapes and
    reductions of those; with ``lower``, a lower bound of it (an operand of arithmetic whose
    number of dimensions is not known counting as 0, a name taking the least of its
    bindings'); without the augmented assignments unless ``augmented`` (updating an array in
    place keeps its number of dimensions); ``params``: {parameter: its number of dimensions},
    for a derivative specialised to calls passing such arrays."""
    defs = _bindings(fdef, augmented)
    for p, d in (params or {}).items():     # a parameter's binding comes last, as None
        if p in defs:
            defs[p][-1] = ast.Constant(0.0) if d == 0 else _Rank(d)

    def ndim(v, known):
        if v is None:
            return None
        if isinstance(v, _Rank):
            return v.ndim
        if isinstance(v, ast.Constant):
            return 0 if type(v.value) in (int, float, bool) else None
        if isinstance(v, ast.Name):
            return 0 if v.id in numbers else known.get(v.id)
        if isinstance(v, ast.Call) and not hasattr(v, "sct_callee"):
            return _call_ndim(v, lambda a: ndim(a, known))
        if isinstance(v, (ast.BinOp, ast.UnaryOp)) and not isinstance(v.op, ast.MatMult):
            dims = [ndim(a, known) for a in operands(v)[0]]
            if lower:
                dims = [0 if d is None else d for d in dims]
            if None in dims:
                return None
            return _TOP if _TOP in dims else max(dims)   # agreeing once its operands do
        if isinstance(v, ast.Subscript):
            base, change = ndim(v.value, known), _index_change(v.slice, numbers)
            if base == _TOP and change is not None:
                return _TOP
            if base is None or change is None or change[1] > base:
                return None
            return base + change[0]
        return None

    known = {name: _TOP for name in defs}
    changed = True
    while changed:              # names keep a number of dimensions all their bindings agree on
        changed = False
        for name, values in defs.items():
            if known[name] is None:
                continue
            dims = {ndim(v, known) for v in values} - {_TOP}
            if lower and dims:
                dims = {min(0 if d is None else d for d in dims)}
            new = None if None in dims or len(dims) > 1 else dims.pop() if dims else _TOP
            if new != known[name]:
                known[name], changed = new, True
    return {name: d for name, d in known.items() if isinstance(d, int)}


def _call_ndim(call, ndim):
    """The number of dimensions of an intrinsic's result, given ``ndim`` of its operands
    (``Rule.rank``)."""
    rule, args = rules.lookup(getattr(call, "sct_op", None)), call.args
    keywords = {k.arg: k.value for k in call.keywords}
    rank = None if rule is None else rule.rank
    if isinstance(rank, int):
        return rank
    if rank == "shape" and args:
        shape = rule.bind(args, keywords).get("shape") if rule.params else args[0]
        if isinstance(shape, (ast.Tuple, ast.List)):
            return len(shape.elts)
        return 1 if shape is not None and ndim(shape) == 0 else None
    if rank == "like" and len(args) == 1 and not keywords:
        return ndim(args[0])
    if rank == "reduce" and len(args) == 1 and not keywords:
        return 0
    if rank == "elements" and len(args) == 1 and isinstance(args[0], ast.List):
        inner = {ndim(e) if not isinstance(e, ast.List) else None for e in args[0].elts}
        return 1 if inner == {0} else None
    if rank == "pieces" and args and isinstance(args[0], (ast.List, ast.Tuple)):
        inner = {ndim(e) for e in args[0].elts} - {_TOP}      # np.concatenate keeps theirs
        return inner.pop() if len(inner) == 1 and None not in inner else None
    if rule is not None and rule.elementwise and not keywords:     # np.sin(x), np.where(...)
        dims = [ndim(a) for a in args]
        if None in dims:
            return None
        dims = [d for d in dims if d != _TOP]
        return max(dims) if dims else _TOP
    return None


def element_reads(fdef, numbers, known=None, params=None):
    """The ids of the statements ``w = y[i, j]`` that read one number: an index of as many
    integers as ``y`` is known to have dimensions (``ranks``, ``params`` as there)."""
    known = ranks(fdef, numbers, params=params) if known is None else known
    return {id(stmt) for stmt in walk(fdef) if isinstance(stmt, ast.Assign)
            and isinstance(stmt.value, ast.Subscript) and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value.value, ast.Name)
            and known.get(stmt.value.value.id)
            and known.get(stmt.value.value.id) == _integers(stmt.value.slice, numbers)}


def arrays(fdef, numbers, params=None):
    """The names that surely hold numpy arrays: of at least one dimension, or bound only to
    new arrays (``np.zeros(...)``, ``np.copy(x)``, ``np.array(x)``), slices of anything
    (``x[1:]``), numpy's views (``np.reshape(x, ...)``, ``x.T``) and copies of such names
    (``x op= v`` keeps an array one)."""
    known = ranks(fdef, numbers, lower=True, augmented=False, params=params)
    defs = _bindings(fdef, augmented=False)

    def is_array(v, found):
        if isinstance(v, _Rank):
            return True
        if isinstance(v, ast.Name):
            return v.id in found
        if isinstance(v, ast.Subscript):
            parts = v.slice.elts if isinstance(v.slice, ast.Tuple) else [v.slice]
            return any(isinstance(p, ast.Slice) or isinstance(p, ast.Constant) and
                       p.value in (None, Ellipsis) for p in parts)
        rule = rules.lookup(getattr(v, "sct_op", None)) if isinstance(v, ast.Call) else None
        return rule is not None and (rule.array or rules.is_view(rule.name, v))  # views too

    for p, d in (params or {}).items():      # a parameter passed arrays: its binding, last
        if p in defs and d >= 1:
            defs[p][-1] = _Rank(d)
    found = {n for n, values in defs.items() if values and None not in values}
    changed = True
    while changed:
        changed = False
        for name in sorted(found):
            if not all(is_array(v, found) for v in defs[name]):
                found.discard(name)
                changed = True
    return found | {n for n, d in known.items() if d >= 1}


def equal_shapes(fdef, numbers, params=None):
    """The ids of the elementwise operations (values of ``w = a op b``, ``w = np.exp(a)``) whose
    operands that are not numbers surely all have one shape, which the result has too: their
    adjoints need no summing back.  Shapes are compared within a block of statements, from
    what each name was bound to earlier in it (a name not yet bound there holds the value it
    had at the block's start): a name, and its slices ``y[a:-b]`` along the first axis, whose
    lengths are equal where ``a + b`` is (each ``max(0, n - a - b)``), and elementwise
    operations of operands of one shape.  Only names that surely hold arrays count (``arrays``,
    ``params`` as for ``ranks``): ``+`` joins two lists."""
    found = set()
    surely = arrays(fdef, numbers, params)

    def block(stmts):
        keys = {}

        def key(node):
            if isinstance(node, ast.Constant) and type(node.value) in (int, float, bool) or \
                    getattr(node, "sct_const", None) in rules.SCALAR_CONSTANTS or \
                    isinstance(node, ast.Name) and node.id in numbers:
                return _NUMBER
            if isinstance(node, ast.Name) and node.id in keys:
                return keys[node.id]
            if isinstance(node, ast.Name) and node.id in surely:
                return ("entry", id(stmts), node.id), 0
            return None

        for s in stmts:
            if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name):
                keys[s.targets[0].id] = _shape_key(s.value, key, found)
            elif isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Subscript):
                continue                    # y[i] = v keeps y's shape
            else:
                for inner in (getattr(s, "body", []), getattr(s, "orelse", [])):
                    if inner and isinstance(inner[0], ast.stmt):
                        block(inner)
                for n in walk(s):           # what a branch or loop binds: unknown after it
                    if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                        keys[n.id] = None

    block(fdef.body)
    return found


_NUMBER = "number"


def _negative_int(node):
    """k for a constant -k (k > 0), else None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = ast.Constant(-node.operand.value) if isinstance(node.operand, ast.Constant) \
            else None
    if isinstance(node, ast.Constant) and type(node.value) is int and node.value < 0:
        return -node.value
    return None


def _shape_key(value, key, found):
    """The shape key of an assignment's value (``equal_shapes``), or None if unknown."""
    if isinstance(value, ast.Name):
        return key(value)
    if isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and \
            isinstance(value.slice, ast.Slice) and value.slice.step is None:
        base, lower, upper = key(value.value), value.slice.lower, value.slice.upper
        start = 0 if lower is None else lower.value if isinstance(lower, ast.Constant) and \
            type(lower.value) is int and lower.value >= 0 else None
        cut = 0 if upper is None else _negative_int(upper)     # entries cut off the end
        if base in (None, _NUMBER) or start is None or cut is None:
            return None
        return base[0], base[1] + start + cut
    elementwise = isinstance(value, (ast.BinOp, ast.UnaryOp)) and \
        not isinstance(getattr(value, "op", None), ast.MatMult) or \
        isinstance(value, ast.Call) and not hasattr(value, "sct_callee") and \
        getattr(rules.lookup(getattr(value, "sct_op", None) or ""), "elementwise", False)
    if not elementwise:
        return None
    shapes = {key(a) for a in operands(value)[0]} - {_NUMBER}
    if len(shapes) != 1 or None in shapes:
        return None
    found.add(id(value))
    return shapes.pop()
