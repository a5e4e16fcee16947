"""Optimize generated functions: small passes run to a fixed point.

``optimize(fdef)`` returns a new function with

* constant folding (``2 - 1`` -> ``1``), a product added to itself with its factors swapped as
  twice it (``da * a + a * da`` -> ``2 * (da * a)``), and identities (``x * 1``, ``1 * x``,
  ``x / 1``, ``x ** 1``, ``x + 0``, ``0 + x``, ``x - 0``, ``0 * c`` for a number ``c``,
  ``-(-x)``),
  except at the top of an assignment: ``z = x * 1`` stays, since it copies an array that
  ``z = x`` would share (and writing into ``z[i]`` would then change ``x``);
* copy propagation of compiler temporaries (``w3 = w1`` followed by uses of ``w3``), and of
  the items of a temporary tuple that is only indexed (``b_w1 = (z, b_logdet)`` then
  ``b_w1[1]``: ``b_logdet``);
* dead code elimination (assignments and in-place additions ``x += v`` whose target is never
  read afterwards, loops included, and self-copies ``x = x``); writes into arrays
  (``a[i] = v``) are kept, since the array may be shared with a name that is read (after
  ``b = a``, say), and so are inert statements (``ir``'s form 10: assert, raise, print,
  warnings.warn), whose reads stay live, and the calls of functions that run some;
* contraction paths: ``np.einsum`` gets ``optimize=True`` where that pays (``einsum.path``),
  the user's own contractions included: numpy's default evaluates a batched matrix product
  such as ADBench's GMM contraction ``kij,nkj->nki`` 3-13x slower than with a path.  A path
  costs about 30 us per call, a price worth paying on all but the smallest arrays.

Symbolic zeros in the transforms mean ``0 * x`` with an array ``x`` is never generated, so it
needs no rule here (and folding it to ``0`` would lose the array's shape).
"""
import ast
import copy
import operator

from . import rules
from .ir import dotted_name, walk
from .names import names_of

_FOLD = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
         ast.Div: operator.truediv, ast.Pow: operator.pow}


def optimize(fdef, temporaries):
    """Run the passes until the function stops changing; ``temporaries``: the compiler's
    temporaries (``names.temporaries``), which copy propagation may replace."""
    fdef = _clone(fdef)
    while True:                 # each pass says whether it changed anything
        fold = _Fold()
        fdef = fold.visit(fdef)
        replaced = []
        fdef.body = _propagate_copies(fdef.body, temporaries, replaced)
        fdef.body = _index_tuples(fdef.body, temporaries, replaced)
        before = _count_statements(fdef.body)
        fdef.body = _remove_dead(fdef.body)
        if not fold.changed and not replaced and _count_statements(fdef.body) == before:
            _contract(fdef)
            return ast.fix_missing_locations(fdef)


def _contract(fdef):
    """Give calls a contraction path where one pays (``Rule.path``: einsum, the module
    docstring)."""
    for node in walk(fdef):
        if isinstance(node, ast.Call) and not any(k.arg == "optimize" for k in node.keywords):
            rule = rules.lookup(dotted_name(node.func))
            if rule is not None and rule.path is not None and rule.path(node):
                node.keywords.append(ast.keyword("optimize", ast.Constant(True)))


def _count_statements(stmts):
    return sum(1 + _count_statements(getattr(s, "body", [])) +
               _count_statements(getattr(s, "orelse", [])) for s in stmts
               if not isinstance(s, ast.Pass))


def _clone(node):
    """A copy of an AST (lists and nodes copied, other attribute values shared): what
    ``copy.deepcopy`` gives, without copying the objects that annotations such as
    ``sct_callee`` point to, and many times faster."""
    if isinstance(node, list):
        return [_clone(n) for n in node]
    if not isinstance(node, ast.AST):
        return node
    new = node.__class__.__new__(node.__class__)
    for key, value in node.__dict__.items():
        setattr(new, key, _clone(value) if isinstance(value, (list, ast.AST)) else value)
    return new


# ---------------------------------------------------------------- folding
def _number(node):
    return isinstance(node, ast.Constant) and type(node.value) in (int, float)


def _is(node, value):
    return _number(node) and node.value == value


class _Fold(ast.NodeTransformer):
    def __init__(self):
        self.changed = False

    def visit_Assign(self, node):
        """Fold the value, but not down to a bare name (that would alias, not copy)."""
        value = node.value
        if isinstance(value, (ast.BinOp, ast.UnaryOp)):
            value = self.generic_visit(value)             # the operands first
            top = self._fold_binop(value) if isinstance(value, ast.BinOp) else \
                self._fold_unaryop(value)
            if top is not value and not isinstance(top, ast.Name):
                self.changed = True
                value = top
            node.value = value
        else:
            node.value = self.visit(value)
        node.targets = [self.visit(t) for t in node.targets]
        return node

    def visit_BinOp(self, node):
        self.generic_visit(node)
        return self._changed(node, self._fold_binop(node))

    def visit_UnaryOp(self, node):
        self.generic_visit(node)
        return self._changed(node, self._fold_unaryop(node))

    def _changed(self, old, new):
        if new is not old:
            self.changed = True
        return new

    @staticmethod
    def _fold_binop(node):
        """``node`` itself folded, its operands being folded already."""
        left, right, op = node.left, node.right, type(node.op)
        if _number(left) and _number(right) and op in _FOLD:
            try:
                value = _FOLD[op](left.value, right.value)
            except (ZeroDivisionError, OverflowError):
                return node
            if isinstance(value, (int, float)) and abs(value) < 1e300:
                return ast.Constant(value)
        if op is ast.Mult and _is(left, 1) or op is ast.Add and _is(left, 0):
            return right
        if op in (ast.Mult, ast.Div) and _is(right, 1) or op in (ast.Add, ast.Sub) and \
                _is(right, 0) or op is ast.Pow and _is(right, 1):
            return left
        if op is ast.Sub and _is(left, 0):
            return ast.UnaryOp(ast.USub(), right)
        if op is ast.Mult and _is(right, -1):
            return ast.UnaryOp(ast.USub(), left)
        if op is ast.Mult and _is(left, -1):
            return ast.UnaryOp(ast.USub(), right)
        if op is ast.Sub and isinstance(right, ast.UnaryOp) and isinstance(right.op, ast.USub):
            return ast.BinOp(left, ast.Add(), right.operand)
        if op in (ast.Add, ast.Sub) and _number(right) and right.value < 0:
            return ast.BinOp(left, ast.Sub() if op is ast.Add else ast.Add(),
                             ast.Constant(-right.value))
        if op is ast.Add and isinstance(right, ast.UnaryOp) and isinstance(right.op, ast.USub):
            return ast.BinOp(left, ast.Sub(), right.operand)
        if op is ast.Add and (_same_product(left, right) or _same_call(left, right)):
            return ast.BinOp(ast.Constant(2), ast.Mult(), left)   # da * a + a * da: 2 * (da * a)
        return node

    @staticmethod
    def _fold_unaryop(node):
        if isinstance(node.op, ast.USub):
            if _number(node.operand):
                return ast.Constant(-node.operand.value)
            if isinstance(node.operand, ast.UnaryOp) and isinstance(node.operand.op, ast.USub):
                return node.operand.operand
        return node


def _same_call(a, b):
    """Whether ``a`` and ``b`` are the same call of an intrinsic (a pure function): the two
    adjoint terms of an operand given twice, ``np.einsum('nk,nkr->nkr', g, z)`` of
    ``np.einsum('nkr,nkr->nk', z, z)``."""
    return isinstance(a, ast.Call) and isinstance(b, ast.Call) and \
        rules.lookup(dotted_name(a.func)) is not None and ast.dump(a) == ast.dump(b)


def _same_product(a, b):
    """Whether ``b`` is the product ``a`` with its two factors swapped (``a * da`` and ``da *
    a``; ``_unbroadcast_product(g, y, y)`` and ``(y, g, y)``, whose ``Rule.symmetric`` says the
    order does not matter): the same value, products commuting."""
    if isinstance(a, ast.BinOp) and isinstance(b, ast.BinOp) and \
            isinstance(a.op, ast.Mult) and isinstance(b.op, ast.Mult):
        return ast.dump(a.left) == ast.dump(b.right) and ast.dump(a.right) == ast.dump(b.left) \
            and ast.dump(a.left) != ast.dump(a.right)
    if isinstance(a, ast.Call) and isinstance(b, ast.Call) and ast.dump(a.func) == \
            ast.dump(b.func) and len(a.args) == len(b.args) and not a.keywords + b.keywords:
        rule = rules.lookup(dotted_name(a.func))
        if rule is not None and rule.symmetric:
            i, j = rule.symmetric
            swapped = list(b.args)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            return [ast.dump(x) for x in a.args] == [ast.dump(x) for x in swapped] and \
                ast.dump(a.args[i]) != ast.dump(a.args[j])
    return False


# ---------------------------------------------------------------- copy propagation
class _Replace(ast.NodeTransformer):
    def __init__(self, name, value, replaced):
        self.name, self.value, self.replaced = name, value, replaced

    def visit_Name(self, node):
        if node.id == self.name and isinstance(node.ctx, ast.Load):
            self.replaced.append(node.id)
            return ast.copy_location(copy.deepcopy(self.value), node)
        return node


def _propagate_copies(stmts, temporaries, replaced):
    """Replace the temporaries bound to a name or a number by that name or number in the
    statements after them (until either is rebound); ``replaced`` collects the replacements."""
    stmts = list(stmts)
    assigned = [None] * len(stmts)      # names a statement binds (replacing loads keeps them)
    mentions = [None] * len(stmts)      # names a statement mentions (or more), when known
    for i, stmt in enumerate(stmts):
        for field in ("body", "orelse"):
            if isinstance(getattr(stmt, field, None), list) and not isinstance(stmt, ast.Assign):
                setattr(stmt, field, _propagate_copies(getattr(stmt, field), temporaries,
                                                       replaced))
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id in temporaries
                and (isinstance(stmt.value, ast.Name) or _number(stmt.value))):
            continue
        name = stmt.targets[0].id
        value = stmt.value
        watch = {name} | ({value.id} if isinstance(value, ast.Name) else set())
        for j in range(i + 1, len(stmts)):
            later = stmts[j]
            if mentions[j] is None:
                names = [n for n in walk(later) if isinstance(n, ast.Name)]
                mentions[j] = {n.id for n in names}
                assigned[j] = {n.id for n in names if isinstance(n.ctx, ast.Store)}
            rebinds = assigned[j] & watch
            if name in mentions[j]:
                mentions[j] |= watch
                if rebinds and isinstance(later, ast.Assign):
                    # the value side is still read before the rebinding
                    later.value = _Replace(name, value, replaced).visit(later.value)
                    for t in later.targets:
                        if isinstance(t, ast.Subscript):
                            _Replace(name, value, replaced).visit(t)
                elif not rebinds:
                    stmts[j] = _Replace(name, value, replaced).visit(later)
            if rebinds:
                break
    return stmts


def _index_tuples(stmts, temporaries, replaced):
    """``t = (e0, e1, ...)`` of a temporary ``t`` read afterwards only as ``t[k]`` in the same
    block, each item read at most once unless it is an atom, and no name of the tuple rebound
    before the last read: each ``t[k]`` replaced by ``ek`` (the tuple is then dead)."""
    stmts = list(stmts)
    for i, stmt in enumerate(stmts):
        for field in ("body", "orelse"):
            if isinstance(getattr(stmt, field, None), list) and not isinstance(stmt, ast.Assign):
                setattr(stmt, field, _index_tuples(getattr(stmt, field), temporaries, replaced))
        if not (isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name) and
                stmt.targets[0].id in temporaries and isinstance(stmt.value, ast.Tuple)):
            continue
        name, items = stmt.targets[0].id, stmt.value.elts
        watched = {name} | names_of(stmt.value)
        reads, last = [], None
        for j in range(i + 1, len(stmts)):
            nodes = list(walk(stmts[j]))
            reads += [(n, p) for p in nodes for n in ast.iter_child_nodes(p)
                      if isinstance(n, ast.Name) and n.id == name]
            if any(isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in watched
                   for n in nodes):
                break
            last = j
        if last is None or not reads or any(isinstance(n, ast.Name) and n.id == name
                                            for s in stmts[last + 1:] for n in walk(s)):
            continue
        if not all(_item_read(p, n, items) for n, p in reads):
            continue
        counts = {}
        for n, p in reads:
            counts[p.slice.value] = counts.get(p.slice.value, 0) + 1
        if any(c > 1 and not isinstance(items[k], (ast.Name, ast.Constant))
               for k, c in counts.items()):
            continue
        swap = _Swap({id(p): items[p.slice.value] for _, p in reads})
        for j in range(i + 1, last + 1):
            stmts[j] = swap.visit(stmts[j])
        replaced.append(name)
    return stmts


class _Swap(ast.NodeTransformer):
    """Replaces the nodes whose ids are keys of ``by_id`` with copies of their values."""

    def __init__(self, by_id):
        self.by_id = by_id

    def visit(self, node):
        if id(node) in self.by_id:
            return copy.deepcopy(self.by_id[id(node)])
        return self.generic_visit(node)


def _item_read(parent, name, items):
    """Whether ``name`` is read in ``parent`` as ``name[k]`` for a k among ``items``."""
    return isinstance(parent, ast.Subscript) and parent.value is name and \
        isinstance(parent.ctx, ast.Load) and isinstance(parent.slice, ast.Constant) and \
        type(parent.slice.value) is int and 0 <= parent.slice.value < len(items)


# ---------------------------------------------------------------- dead code
_READS = {}      # id(node) -> (node, names it reads), for one dead-code pass


def _reads(node):
    if node is None:
        return frozenset()
    cached = _READS.get(id(node))
    if cached is None or cached[0] is not node:
        cached = (node, frozenset(names_of(node, loads_only=True)))
        _READS[id(node)] = cached
    return cached[1]


def _remove_dead(body):
    _READS.clear()            # the tree does not change during one pass, so reads are cached
    try:
        new, _ = _live_block(body, set(), None, True)
    finally:
        _READS.clear()
    return new or [ast.Pass()]


def _live_block(stmts, live_out, loop, remove):
    """(statements kept, names live on entry); ``loop`` = (live after loop, live at its head)."""
    live = set(live_out)
    kept = []
    for stmt in reversed(stmts):
        stmt, live = _live_stmt(stmt, live, loop, remove)
        if stmt is not None:
            kept.append(stmt)
    kept.reverse()
    return kept, live


def _live_stmt(stmt, live, loop, remove):
    if isinstance(stmt, ast.Return):
        return stmt, _reads(stmt.value)
    if isinstance(stmt, ast.Break):
        return stmt, set(loop[0])
    if isinstance(stmt, ast.Continue):
        return stmt, set(loop[1])
    if isinstance(stmt, ast.Pass):
        return None, live
    if isinstance(stmt, ast.Expr):          # stack.append(x): kept, and reads x
        return stmt, live | _reads(stmt)
    if isinstance(stmt, ast.Assign):
        target = stmt.targets[0]
        if isinstance(target, ast.Subscript):     # kept: the array may share memory with
            return stmt, live | _reads(stmt.value) | _reads(target)     # a live name (b = a)
        bound = {n.id for n in walk(target) if isinstance(n, ast.Name)}
        if (not bound & live and not _pops(stmt.value) and not _effects(stmt.value)) or \
                isinstance(stmt.value, ast.Name) and bound == {stmt.value.id}:
            return None, live
        return stmt, (live - bound) | _reads(stmt.value)
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        if stmt.target.id not in live:          # b_x += v, b_x read nowhere after
            return None, live
        return stmt, live | _reads(stmt.value)
    if isinstance(stmt, ast.If):
        body, live_body = _live_block(stmt.body, live, loop, remove)
        orelse, live_else = _live_block(stmt.orelse, live, loop, remove)
        if not body and not orelse and not _reads(stmt.test) - live and remove:
            return None, live
        stmt = ast.If(stmt.test, body or [ast.Pass()], orelse)
        return stmt, live_body | live_else | _reads(stmt.test)
    if isinstance(stmt, (ast.For, ast.While)):
        after = set(live)
        head = set(live) | _reads(getattr(stmt, "test", None)) | _reads(getattr(stmt, "iter", None))
        while True:
            _, body_live = _live_block(stmt.body, head, (after, head), False)
            new_head = head | body_live
            if isinstance(stmt, ast.For):
                new_head.discard(stmt.target.id)
                new_head |= _reads(stmt.iter) | after
            if new_head == head:
                break
            head = new_head
        body, _ = _live_block(stmt.body, head, (after, head), remove)
        new = copy.copy(stmt)
        new.body = body or [ast.Pass()]
        return new, head | after
    return stmt, live | _reads(stmt)


def _effects(value):
    """A call of a function that runs inert statements (``ir``'s form 10: assert, raise,
    print, warnings.warn) is kept even when its result is dead: they must run."""
    callee = getattr(value, "sct_callee", None)
    return getattr(value, "sct_effects", False) or callee is not None and callee.effects


def _pops(value):
    """``x = stack.pop()`` is kept even when x is dead: the stack must stay aligned."""
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and \
        value.func.attr == "pop"
