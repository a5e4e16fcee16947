"""Which values the forward sweep of an adjoint saves, and when the choice is settled.

A value is saved only where an overwrite can happen (a variable assigned once outside loops
keeps its value, and so does one bound in loops to a value nothing in them changes: loop
invariants), only if the reverse sweep reads the variable (for a write into an array, ``y[i] =
v``, which keeps shapes: reads more than its shape, of ``y`` or of any name that may share its
memory), and only if something after the restore in the reverse sweep reads it (a liveness pass
over the sweep, ``dead_restores``).  Saving a value puts its restore into the reverse sweep,
which may read more values: ``Saves.settle`` iterates to the fixed point.
"""
import ast

from .ir import (INDEX_ASSIGN, OPERATION, bound_by, clone, is_atom, pure, statement_form,
                 value_names, walk)
from .memory import memory
from .names import names_of


class Saves:
    """The assignments of a function in normalized form (``controlflow``) and which of them
    save the old value of which name (``saved``: pairs of a statement's id and a name)."""

    def __init__(self, fdef, params, shares):
        self.params, self.shares = list(params), shares
        self.single = fdef.sct_single      # names each call binds once (ret)
        self.saved = set()        # (id of an assignment statement, name) whose old value it saves
        self.unbound = set()      # names a save may find unbound (initialised to None)
        self.pruned = set()       # the same, for saves whose restored value nothing reads
        self.nested = set()       # ids of loops inside other loops
        self.assigns = {p: 1 for p in params}      # name -> how many assignments bind it
        self.sites = []          # (stmt, names, in_loop, top_level)
        looped = self._number_sites(fdef)
        self.looped = {id(s) for s, _ in looped}       # ids of the assignments in loops
        self.invariant = self._invariants(looped)
        self.loads = {}          # name -> how many times the function reads it
        self._memo = {}          # (what, id of a forward statement) -> (statement, its value)
        for n in walk(fdef):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                self.loads[n.id] = self.loads.get(n.id, 0) + 1

    def _stores(self, stmt):
        """The names ``stmt`` (of the forward sweep) binds or writes into anywhere in it
        (``y[i] = v`` names y and i), remembered: the reuse searches ask for each statement
        once per later statement of its block."""
        def compute():
            bound = {n.id for n in walk(stmt) if isinstance(n, ast.Name) and
                     isinstance(n.ctx, ast.Store)}
            for node in walk(stmt):
                if isinstance(node, (ast.Assign, ast.AugAssign)):
                    for target in getattr(node, "targets", None) or [node.target]:
                        bound |= {n.id for n in walk(target) if isinstance(n, ast.Name)}
            return frozenset(bound)
        return self._remembered("stores", stmt, compute)

    def _target_names(self, stmt):
        """Every name in the target of the assignment ``stmt``, remembered: ``y[i] = v`` names
        y and i (y is written into)."""
        return self._remembered("target", stmt, lambda: frozenset(
            n.id for n in walk(stmt.targets[0]) if isinstance(n, ast.Name)))

    def _names(self, node):
        """``names_of(node)`` of a forward statement or its value, remembered."""
        return self._remembered("names", node, lambda: frozenset(names_of(node)))

    def _dump(self, node):
        """``ast.dump(node)`` of a forward statement's value, remembered."""
        return self._remembered("dump", node, lambda: ast.dump(node))

    def _remembered(self, what, node, compute):
        key = (what, id(node))
        if key not in self._memo:       # the node is kept beside its value: its id stays its
            self._memo[key] = (node, compute())
        return self._memo[key][1]

    def _number_sites(self, fdef):
        """Count assignments per name and find loops nested in loops; return (assignment,
        the loops around it) for the assignments in loops."""
        looped = []

        def visit(stmts, loops, top):
            for s in stmts:
                if isinstance(s, ast.Assign):
                    target = s.targets[0]
                    names = [target.value.id] if isinstance(target, ast.Subscript) else \
                        [n.id for n in walk(target) if isinstance(n, ast.Name)]
                    for n in names:
                        self.assigns[n] = self.assigns.get(n, 0) + 1
                    self.sites.append((s, names, bool(loops), top))
                    if loops:
                        looped.append((s, loops))
                elif isinstance(s, (ast.For, ast.While)):
                    if loops:
                        self.nested.add(id(s))
                    visit(s.body, loops + (s,), False)
                elif isinstance(s, ast.If):
                    visit(s.body, loops, False)
                    visit(s.orelse, loops, False)
        visit(fdef.body, (), True)
        return looped

    def _invariants(self, looped):
        """The ids of the assignments in loops that bind the same value each time: a name
        bound once, in loops, to a value of names no loop around it changes (Heron's tol * a),
        whose old value needs no saving."""
        changed = {}             # id(loop) -> (names bound in it, names written into in it)
        for s, loops in looped:
            for loop in loops:
                if id(loop) not in changed:
                    changed[id(loop)] = (set(), set())
                    for n in walk(loop):
                        for t, written in bound_by(n):
                            changed[id(loop)][written].add(t)
        invariant, fixed = set(), set()       # fixed: the names those statements bind
        grown = True
        while grown:
            grown = False
            for s, loops in looped:
                target = s.targets[0]
                if id(s) in invariant or not isinstance(target, ast.Name) or \
                        self.assigns[target.id] != 1 or not pure(s.value):
                    continue
                reads = names_of(s.value) - {"np", "math"}
                touched = set().union(*[memory(n, self.shares) for n in reads])
                if not any(reads & (changed[id(loop)][0] - fixed) or
                           touched & changed[id(loop)][1] for loop in loops):
                    invariant.add(id(s))
                    fixed.add(target.id)
                    grown = True
        return invariant

    def at(self, stmt):
        """The names whose old value ``stmt`` saves, in the order of the pushes."""
        return sorted({n for i, n in self.saved if i == id(stmt)})

    def recomputable(self, stmt, earlier, active, numbers):
        """{w: u * v} for the operands w of the operation ``stmt`` that an assignment before it
        in its block (``earlier``) made, in a loop, as the product of two active numbers (not
        arrays: saving one costs less than a product of them), w being
        bound there only and read by ``stmt`` only, u and v not rebound in between.  The
        adjoint of that product reads u and v, so the reverse sweep keeps their values: at the
        adjoint of ``stmt`` (where ``stmt`` binds u or v, after its restore) it may recompute
        the product from them instead of saving w, which then needs no save."""
        if hasattr(stmt.value, "sct_callee") or statement_form(stmt) != OPERATION:
            return {}
        wanted = {n for n in names_of(stmt.value, loads_only=True)
                  if self.assigns.get(n) == 1 and self.loads.get(n) == 1}
        found, bound = {}, set()
        for s in reversed(earlier):
            if not wanted:
                break
            product = _product(s, active & numbers) if isinstance(s, ast.Assign) else None
            if product is not None and s.targets[0].id in wanted and \
                    id(s) in self.looped and id(s) not in self.invariant and \
                    not names_of(product) & bound:
                found[s.targets[0].id] = product
            bound |= self._stores(s)
            wanted -= bound
        return found

    def reusable(self, stmt, earlier):
        """{ast.dump of an operation: the name holding its value} for the operations that
        assignments before ``stmt`` in its block (``earlier``) made and whose value the reverse
        sweep has at the adjoint of ``stmt`` without saving more: a name bound once, outside
        loops, or in a loop where the sweep saves it anyway (its restore is there), neither it
        nor the operation's operands rebound in between (nor by ``stmt``).  The adjoint of
        ``stmt`` reads the name where it would compute the operation again (Kepler's sin E,
        in the adjoint of cos E)."""
        found = {}
        bound = {n.id for n in walk(stmt.targets[0]) if isinstance(n, ast.Name)}
        for s in reversed(earlier):
            operation = self._operation(s)
            if operation is not None:
                w, dump, operands = operation
                kept = id(s) not in self.looped or id(s) in self.invariant or \
                    (id(s), w) in self.saved
                if kept and self.assigns.get(w) == 1 and not (operands | {w}) & bound:
                    found.setdefault(dump, w)
            bound |= self._stores(s)
        return found

    def _operation(self, stmt):
        """(name, ast.dump of the operation, the names it reads) of an assignment of a pure
        operation that is no call of a user function, else None; remembered."""
        def compute():
            if not (isinstance(stmt, ast.Assign) and statement_form(stmt) == OPERATION and
                    not hasattr(stmt.value, "sct_callee") and pure(stmt.value)):
                return None
            return stmt.targets[0].id, ast.dump(stmt.value), self._names(stmt.value)
        return self._remembered("operation", stmt, compute)

    def reuse_later(self, chunks):
        """The adjoints of a block's statements (``chunks``: [statement, adjoint, restores],
        backwards; statement None for a branch, a loop, restores that come first) reading
        what a later statement of the block holds where they would compute it again (Kepler's
        cos E, in the adjoint of sin E), its restore moved after them: a name bound once,
        neither it nor the operation's operands mentioned in between (nor rebound by the
        reader), no restore in between (the pops keep the pushes' order)."""
        for i, (reader, adjoint, restores) in enumerate(chunks):
            if reader is None or not adjoint:
                continue
            computed = _dumps(adjoint)
            if not computed:
                continue
            mentioned = names_of(reader)
            bound = {n.id for n in walk(reader.targets[0]) if isinstance(n, ast.Name)}
            moved = []
            for j in range(i - 1, -1, -1):
                later, _, later_restores = chunks[j]
                if later is None:
                    break
                name = self._held_later(later, later_restores, mentioned, bound)
                if name is not None and self._dump(later.value) in computed:
                    adjoint = reading(adjoint, {self._dump(later.value): name})
                    computed = _dumps(adjoint)
                    moved.append(later_restores[:])
                    later_restores.clear()
                elif later_restores:
                    break
                mentioned |= self._names(later)
                bound |= self._target_names(later)
            chunks[i][1:] = [adjoint, [r for m in reversed(moved) for r in m] + restores]

    def _held_later(self, later, restores, mentioned, bound):
        """The name ``later`` binds to an operation that a reader before it may read from it
        (``reuse_later``), or None."""
        target = later.targets[0]
        if not isinstance(target, ast.Name) or statement_form(later) != OPERATION or \
                hasattr(later.value, "sct_callee") or not pure(later.value) or \
                not isinstance(later.value, (ast.Call, ast.BinOp, ast.UnaryOp)):
            return None
        name = target.id
        if self.assigns.get(name) != 1 or name in mentioned or names_of(later.value) & bound:
            return None
        saved = [getattr(r, "sct_restore", None) for r in restores]
        if saved == [(id(later), name)] or not restores and id(later) not in self.looped:
            return name
        return None

    def rebound(self):
        """The names some assignment rebinds (not only writes into)."""
        return {n for s, names, _, _ in self.sites if statement_form(s) != INDEX_ASSIGN
                for n in names}

    def written(self):
        """The arrays whose old entries the forward sweep saves (``y[i] = v``)."""
        return {n for s, names, _, _ in self.sites for n in names
                if (id(s), n) in self.saved and isinstance(s.targets[0], ast.Subscript)}

    def settle(self, sweep, live, primal_names, reset):
        """The reverse sweep for the saves it needs, as ``sweep()`` gives it for the current
        saves (its statements, and what the sweep knows at its end); ``live``: what it reads
        at its end, ``reset()`` forgets the names a sweep that
        is thrown away made.  Saving a value makes its restore part of the reverse sweep,
        which may read more values; a value restored where nothing later reads it needs no
        saving."""
        reads, values = set(), set()      # names the sweep reads; reads of more than shapes
        self.choose(reads, values)
        while True:
            reverse_sweep, end = sweep()
            more = names_of(ast.Module(reverse_sweep, []), loads_only=True) & primal_names
            more_values = set().union(*[value_names(s) for s in reverse_sweep]) & more
            saved = self.saved
            while self.saved == saved:       # the same saves make the same sweep
                if more <= reads and more_values <= values:
                    dead = dead_restores(reverse_sweep, live, self.shares)
                    if not dead:
                        return reverse_sweep, end   # the sweep for these saves is the one kept
                    self.pruned |= dead
                else:
                    reads |= more
                    values |= more_values
                self.choose(reads, values)
            reset()

    def choose(self, reads, values):
        """Which assignments save the old value of which name: those the reverse sweep reads
        (``reads``), and for writes into arrays, which keep their shapes, those whose values it
        reads (``values``), directly or through a name sharing their memory."""
        self.saved, self.unbound = set(), set()
        seen = set(self.params)
        bound_first = set(self.params)   # names bound before any other of their assignments
        for stmt, names, in_loop, top in self.sites:
            index_assign = statement_form(stmt) == INDEX_ASSIGN
            for n in names:
                first = n not in seen
                seen.add(n)
                if first and top and not index_assign:
                    bound_first.add(n)
                    continue
                read = values & memory(n, self.shares) if index_assign else n in reads
                if not read or (self.assigns[n] == 1 and not in_loop) or \
                        (id(stmt), n) in self.pruned or n in self.single or \
                        id(stmt) in self.invariant:
                    continue
                self.saved.add((id(stmt), n))
                if n not in bound_first:        # the save may find it unbound
                    self.unbound.add(n)


def reading(stmts, held):
    """Copies of ``stmts`` reading the name that ``held`` ({ast.dump of an operation: name})
    gives for each operation they compute."""
    if not held or not stmts:
        return stmts

    class Reading(ast.NodeTransformer):
        def generic_visit(self, node):
            if isinstance(node, (ast.Call, ast.BinOp, ast.UnaryOp)) and ast.dump(node) in held:
                return ast.Name(held[ast.dump(node)], ast.Load())
            return super().generic_visit(node)
    return [Reading().visit(s) for s in clone(stmts)]


def _dumps(stmts):
    """The ast.dump of each operation in ``stmts``."""
    return {ast.dump(n) for s in stmts for n in walk(s)
            if isinstance(n, (ast.Call, ast.BinOp, ast.UnaryOp))}


def _product(stmt, allowed):
    """``u * v`` of ``w = u * v``, two of the names ``allowed`` other than w, else None."""
    value, target = stmt.value, stmt.targets[0]
    if not (isinstance(target, ast.Name) and isinstance(value, ast.BinOp) and
            isinstance(value.op, ast.Mult)):
        return None
    factors = [value.left, value.right]
    if all(isinstance(f, ast.Name) and f.id in allowed and f.id != target.id for f in factors):
        return value
    return None


def dead_restores(stmts, live, shares):
    """The restores (``sct_restore`` of ``x = stack.pop()``, ``y[i] = stack.pop()``) in a
    reverse sweep whose value nothing after them reads, ``live`` being read at its end.
    Restoring entries of ``y`` restores them in every array sharing its memory too (``shares``,
    as ``memory.sharing`` gives it): the restore is needed if any of those is read."""
    dead = set()          # (restore, whether it writes entries)
    names = names_of

    def block(stmts, live, record):
        for s in reversed(stmts):
            live = statement(s, live, record)
        return live

    def statement(s, live, record):
        if isinstance(s, ast.If):
            return block(s.body, live, record) | block(s.orelse, live, record) | \
                names(s.test)
        if isinstance(s, (ast.For, ast.While)):
            head = live | names(getattr(s, "iter", None) or s.test)
            while True:             # live at the head of the loop: a fixed point
                new = head | block(s.body, head, False)
                if new == head:
                    break
                head = new
            block(s.body, head, record)
            return head
        restore = getattr(s, "sct_restore", None)
        if isinstance(s, ast.Assign):
            target = s.targets[0]
            bound = memory(target.value.id, shares) if isinstance(target, ast.Subscript) else \
                names(target)
            if restore is not None and not bound & live:
                if record:
                    dead.add((restore, isinstance(target, ast.Subscript)))
                return live
            if isinstance(target, ast.Subscript):      # a partial write: the rest stays live
                return live | names(s.value) | names(target)
            return (live - bound) | names(s.value)
        return live | names(s)

    block(stmts, set(live), True)        # rebinding restores, which reads of shapes need
    rebinding = {r for r, entries in dead if not entries}
    dead.clear()
    names = value_names                 # restores of entries, which keep shapes
    block(stmts, set(live), True)
    return rebinding | {r for r, entries in dead if entries}


def push(stack, value):
    """``stack.append(value)``, a statement."""
    call = ast.Call(ast.Attribute(ast.Name(stack, ast.Load()), "append", ast.Load()), [value], [])
    return ast.Expr(call)


def pop(stack):
    """``stack.pop()``."""
    return ast.Call(ast.Attribute(ast.Name(stack, ast.Load()), "pop", ast.Load()), [], [])


def reads_own_target(stmt):
    """``x = OP(..., x, ...)``: an operation that reads the name it assigns."""
    target = stmt.targets[0]
    return isinstance(target, ast.Name) and not is_atom(stmt.value) and \
        target.id in names_of(stmt.value)



def pushes(stmts, saves, complex_names):
    """How many values the forward sweep of ``stmts`` pushes on the stack each time it runs,
    where that does not depend on the run (assignments, branches that push as many on either
    side), else None (a loop, a call of a user function, which may push its record, a save of
    a complex value, which goes to a stack of its own)."""
    total = 0
    for s in stmts:
        if isinstance(s, ast.Assign):
            saved = saves.at(s)
            if hasattr(s.value, "sct_callee") or set(saved) & complex_names:
                return None
            total += len(saved)
        elif isinstance(s, ast.If):
            body, orelse = pushes(s.body, saves, complex_names), \
                pushes(s.orelse, saves, complex_names)
            if body is None or body != orelse:
                return None
            total += body
        elif isinstance(s, (ast.For, ast.While)):
            return None
    return total


def stack_trip_count(loop, body, stack, saves, complex_names):
    """The trip count of a loop of the function's ``body`` (not nested in another) read off
    the stack's length where the reverse sweep starts replaying it, ``(len(stack) - before)
    // per_pass``: where each pass pushes the same number of values, and the statements
    before the loop a number known here.  Else None: the forward sweep counts the passes."""
    position = next((k for k, s in enumerate(body) if s is loop), None)
    if position is None:
        return None
    per_pass = pushes(loop.body, saves, complex_names)
    before = pushes(body[:position], saves, complex_names)
    if not per_pass or before is None:
        return None
    depth = ast.Call(ast.Name("len", ast.Load()), [ast.Name(stack, ast.Load())], [])
    depth.sct_op = "len"
    if before:
        depth = ast.BinOp(depth, ast.Sub(), ast.Constant(before))
    return depth if per_pass == 1 else ast.BinOp(depth, ast.FloorDiv(), ast.Constant(per_pass))
