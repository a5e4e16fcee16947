"""Iteration as people write it, lowered by the frontend into the loops the passes know
(``for name in range(atoms)`` with indexing, ``if``, ``break``), with fresh names: the later
passes need nothing new.  ``Iteration`` is the part of ``subset.Checker`` that does this.

* ``for x in xs`` over an array (its rows), a tuple or a tuple display: ``for i in
  range(len(xs)): x = xs[i]``; a tuple target is unpacked (``for a, b in pairs``);
* ``enumerate(xs, start)``, ``zip(a, b, ...)`` (the shortest length), ``reversed(xs)``,
  ``reversed(range(...))``, ranges inside them, nested in one another: each item a function
  of the position ``p`` in ``range(count)``;
* ``for ... else`` and ``while ... else``: a flag set before each ``break`` of the loop.

The reductions of generators (``sum(f(x) for x in xs)``) become such loops in reductions.py.
"""
import ast
import copy

from .ir import literal_number, walk
from .names import Namer, names_in
from .reductions import Reductions, assign, at, name
from .rules.checks import lowered

# iterables whose items sct cannot count or index, with what to write instead
UNCOUNTED = {"map": "write the loop over the sequence itself and call the function in the body",
             "filter": "write the loop over the sequence and test with 'if' in the body",
             "iter": "iterate over the sequence itself", "set": None,
             "list": "iterate over the sequence itself", "tuple": "iterate over the sequence "
                                                                 "itself"}


def plus(a, k):
    """a + k, folded where both are numbers."""
    value = literal_number(a)
    if value is not None and isinstance(k, int):
        return ast.Constant(value + k)
    if k == 0:
        return a
    return ast.BinOp(a, ast.Add(), ast.Constant(k)) if k > 0 else \
        ast.BinOp(a, ast.Sub(), ast.Constant(-k))


def times(a, b):
    """a * b, folded where one is 1."""
    if literal_number(b) == 1:
        return a
    return ast.BinOp(a, ast.Mult(), b)


def builtin_range(a, b=None, c=None):
    call = ast.Call(name("range"), [x for x in (a, b, c) if x is not None], [])
    call.sct_range = True
    return call


# ---------------------------------------------------------------- what a loop runs over
class Items:
    """An iterable as a count and an item at each position ``p`` (AST in, AST out)."""

    def count(self):
        raise NotImplementedError

    def item(self, p):
        raise NotImplementedError


class Sequence(Items):
    """A value with len() and [p]: an array (its rows), a tuple; ``length`` where known."""

    def __init__(self, ident, length=None, backwards=False):
        self.ident, self.length, self.backwards = ident, length, backwards

    def count(self):
        if self.length is not None:
            return ast.Constant(self.length)
        return lowered("len", [name(self.ident)])

    def item(self, p):
        index = ast.BinOp(ast.Constant(-1), ast.Sub(), p) if self.backwards else p
        return ast.Subscript(name(self.ident), index, ast.Load())


class Range(Items):
    """range(start, stop, step); counted in closed form for an integer literal step, else by
    the prelude's _range_length (Python's len of the range: ValueError for a step of 0)."""

    def __init__(self, start, stop, step):
        self.start, self.stop, self.step = start, stop, step

    def header(self):
        one = literal_number(self.step) == 1
        zero = literal_number(self.start) == 0
        if one and zero:
            return builtin_range(self.stop)
        return builtin_range(self.start, self.stop, None if one else self.step)

    def count(self):
        c = literal_number(self.step)
        if not isinstance(c, int):
            return lowered("_range_length", [self.start, self.stop, self.step])
        span = ast.BinOp(self.stop, ast.Sub(), self.start) \
            if literal_number(self.start) != 0 else self.stop
        if c == 1:
            return span
        sign = 1 if c > 0 else -1
        return ast.BinOp(plus(ast.BinOp(span, ast.Add(), self.step), -sign), ast.FloorDiv(),
                         self.step)

    def item(self, p):
        moved = times(p, self.step)
        return moved if literal_number(self.start) == 0 else \
            ast.BinOp(self.start, ast.Add(), moved)

    def reversed(self):
        """range(start, stop, step)[::-1], as a range."""
        c = literal_number(self.step)
        if not isinstance(c, int):          # its last item, back to start
            n = lowered("_range_length", [self.start, self.stop, self.step])
            steps = ast.BinOp(plus(n, -1), ast.Mult(), copy.deepcopy(self.step))
            last = steps if literal_number(self.start) == 0 else \
                ast.BinOp(self.start, ast.Add(), steps)
            stop = ast.BinOp(copy.deepcopy(self.start), ast.Sub(), copy.deepcopy(self.step))
            return Range(last, stop, ast.UnaryOp(ast.USub(), copy.deepcopy(self.step)))
        known = [literal_number(x) for x in (self.start, self.stop)]
        if all(isinstance(x, int) for x in known):
            back = range(known[0], known[1], c)[::-1]
            return Range(*(ast.Constant(x) for x in (back.start, back.stop, back.step)))
        if c == 1:
            last = plus(self.stop, -1)
        else:
            sign = 1 if c > 0 else -1
            span = ast.BinOp(self.stop, ast.Sub(), self.start) \
                if literal_number(self.start) != 0 else self.stop
            steps = ast.BinOp(ast.BinOp(plus(span, -sign), ast.FloorDiv(), self.step),
                              ast.Mult(), self.step)
            last = steps if literal_number(self.start) == 0 else \
                ast.BinOp(self.start, ast.Add(), steps)
        stop = plus(self.start, -c) if isinstance(c, int) else \
            ast.BinOp(self.start, ast.Sub(), self.step)
        return Range(last, stop, ast.Constant(-c))


class Enumerate(Items):
    def __init__(self, inner, start):
        self.inner, self.start = inner, start

    def count(self):
        return self.inner.count()

    def item(self, p):
        index = p if literal_number(self.start) == 0 else ast.BinOp(p, ast.Add(), self.start)
        return ast.Tuple([index, self.inner.item(p)], ast.Load())


class Zip(Items):
    def __init__(self, parts):
        self.parts = parts

    def count(self):
        counts = [part.count() for part in self.parts]
        return counts[0] if len(counts) == 1 else lowered("min", counts)

    def item(self, p):
        return ast.Tuple([part.item(copy.deepcopy(p)) for part in self.parts], ast.Load())


# ---------------------------------------------------------------- the Checker's part
class Iteration(Reductions):
    def _start_iteration(self, fdef):
        """Before the body is checked: the namer, and how often each name occurs."""
        taken = names_in(fdef) | set(self.module.defs) | set(self.module.constants) | \
            set(self.module.imported) | set(self.module.aliases)
        self.namer = Namer(taken)
        self._start_reductions(fdef)

    def _fresh(self, base):
        ident = self.namer.fresh(base)
        self.locals.add(ident)
        return ident

    def _builtin(self, node, names):
        """The builtin ``node`` calls, if one of ``names`` and not shadowed, else None."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                node.func.id in names and node.func.id not in self.locals and \
                node.func.id not in self.module.defs and node.func.id not in self.module.imported:
            return node.func.id
        return None

    # ------------------------------------------------------------ loops
    def visit_For(self, node):
        if node.orelse:
            return self._loop_else(node)
        it = node.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Name) and \
                it.func.id == "range" and ("range" in self.module.defs or
                                           "range" in self.module.imported):
            self.fail(it, "this module defines its own 'range', so the loop is not over "
                          "Python's range(...)", "rename the module's function 'range'")
        ranged = self._builtin(it, ("range",)) or self._builtin(it, ("reversed",)) and \
            it.args and self._builtin(it.args[0], ("range",))
        if ranged and not isinstance(node.target, ast.Name):
            self.fail(node.target, "the items of a range are numbers, which cannot be "
                                   "unpacked", "write 'for i in range(...):'")
        if getattr(it, "sct_range", False) or self._builtin(it, ("range",)):
            return self._range_loop(node)
        items, setup = self._items(it, node)
        if isinstance(items, Range):           # a range, reversed
            node.iter = at(items.header(), it)
            return self._block(setup + [node])
        target, body = node.target, node.body
        if isinstance(items, Sequence) and items.backwards:
            index = self._fresh("i")
            n = items.count()
            header = builtin_range(plus(n, -1), ast.Constant(-1), ast.Constant(-1))
            value = Sequence(items.ident).item(name(index))
        elif isinstance(items, Enumerate) and literal_number(items.start) == 0 and \
                isinstance(target, ast.Tuple) and len(target.elts) == 2 and \
                isinstance(target.elts[0], ast.Name) and \
                target.elts[0].id not in {n.id for n in walk(target.elts[1])
                                          if isinstance(n, ast.Name)}:
            index = target.elts[0].id              # for i, x in enumerate(xs): i is the index
            header = builtin_range(items.count())
            target, value = target.elts[1], items.inner.item(name(index))
        else:
            index = self._fresh("i")
            header = builtin_range(items.count())
            value = items.item(name(index))
        loop = ast.For(name(index, True), at(header, it),
                       self._unpack(target, value, target) + body, [])
        return self._block(setup + [ast.copy_location(loop, node)])

    def _range_loop(self, node):
        """for name in range(...): the loop the passes know."""
        it = node.iter
        if it.keywords or not 1 <= len(it.args) <= 3:
            self.fail(it, "range(...) takes one to three positional arguments",
                      "write range(stop), range(start, stop) or range(start, stop, step)")
        it.args = [self._expr(a) for a in it.args]
        it.sct_op = "range"
        self.loop_depth += 1
        node.body = self._block(node.body) or [ast.Pass()]
        self.loop_depth -= 1
        return node

    def _unpack(self, target, value, where):
        """Statements binding ``target`` to ``value``, a display unpacked part by part."""
        if any(isinstance(n, ast.Starred) for n in walk(target)):
            self.fail(target, "starred assignment is not supported", "unpack each element by name")
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, ast.Tuple):
            if len(target.elts) != len(value.elts):
                self.fail(target, f"each item has {len(value.elts)} parts, which cannot be "
                                  f"unpacked into {len(target.elts)} names",
                          "write as many names as the items have parts")
            return [s for t, v in zip(target.elts, value.elts) for s in self._unpack(t, v, where)]
        return [at(ast.Assign([target], value), where)]

    def _items(self, it, loop):
        """The Items an iterable means, and the statements that bind what they read once."""
        kind = self._builtin(it, ("enumerate", "zip", "reversed", "range") + tuple(UNCOUNTED))
        if kind in ("enumerate", "zip", "reversed", "range"):
            starred = [a for a in it.args if isinstance(a, ast.Starred)]
            if starred or any(k.arg is None for k in it.keywords):
                self.fail(starred[0] if starred else it,
                          f"{kind}(*...) is not supported: sct must know how many sequences "
                          f"it reads", f"name each one: {kind}(xs, ys)")
            return getattr(self, "_items_" + kind)(it, loop)
        if kind is not None:
            hint = UNCOUNTED[kind] or "iterate over an array or a tuple"
            self.fail(it, f"a loop over {kind}(...) is not supported: sct iterates over "
                          f"arrays, tuples, range, enumerate, zip and reversed", hint)
        if isinstance(it, (ast.Dict, ast.DictComp)) or isinstance(it, ast.Name) and \
                it.id in self.dicts:             # for k in d: over its keys, as Python
            keys = at(ast.Call(ast.Attribute(it, "keys", ast.Load()), [], []), it)
            return self._once(keys, loop, Sequence)
        if isinstance(it, (ast.Set, ast.SetComp)):
            self.fail(it, "a loop over a set is not supported (its order is not the "
                          "program's)", "iterate over a tuple")
        if isinstance(it, ast.Constant):
            what = "a string" if isinstance(it.value, str) else f"the constant {it.value!r}"
            self.fail(it, f"a loop over {what} is not supported",
                      "iterate over an array or a tuple")
        if isinstance(it, (ast.Tuple, ast.List)):
            if any(isinstance(e, ast.Starred) for e in it.elts):
                self.fail(it, "starred items in the iterable are not supported",
                          "list the items")
            ident = self._fresh("items")
            display = at(ast.Tuple(list(it.elts), ast.Load()), it)
            return Sequence(ident, len(it.elts)), [assign(ident, display, it)]
        return self._once(it, loop, Sequence)

    def _once(self, value, loop, make):
        """``make(name)`` for ``value`` read at each item: the name itself where the loop does
        not rebind it, else a fresh name bound to it before the loop."""
        if isinstance(value, ast.Name) and value.id not in self._bound_in(loop):
            if self._grows(value.id, loop):
                self.fail(value, f"the loop appends to '{value.id}', which it iterates over",
                          "iterate over range(n) with a count of your own")
            return make(value.id), []
        ident = self._fresh("items")
        return make(ident), [assign(ident, value, value)]

    def _bound_in(self, loop):
        return {n.id for part in [loop.target] + loop.body for n in walk(part)
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}

    def _grows(self, ident, loop):
        return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and
                   n.func.attr in ("append", "extend", "insert") and
                   isinstance(n.func.value, ast.Name) and n.func.value.id == ident
                   for part in loop.body for n in walk(part))

    def _number_once(self, value, loop, base="start"):
        """A number read at each item (enumerate's start, a range's): itself, or a fresh
        name ``base`` bound to it before the loop."""
        if literal_number(value) is not None:
            return value, []
        if isinstance(value, ast.Name) and value.id not in self._bound_in(loop):
            return value, []
        ident = self._fresh(base)
        return name(ident), [assign(ident, value, value)]

    def _items_enumerate(self, it, loop):
        keywords = {k.arg: k.value for k in it.keywords}
        if not 1 <= len(it.args) + len(keywords) <= 2 or set(keywords) - {"start"} or \
                len(it.args) == 2 and keywords or not it.args:
            self.fail(it, "enumerate() takes an iterable and optionally start",
                      "write enumerate(xs) or enumerate(xs, start=1)")
        start = it.args[1] if len(it.args) == 2 else keywords.get("start", ast.Constant(0))
        inner, setup = self._items(it.args[0], loop)
        start, more = self._number_once(start, loop)
        return Enumerate(inner, start), setup + more

    def _items_zip(self, it, loop):
        if it.keywords:
            self.fail(it, "zip() with keywords (strict=) is not supported",
                      "check the lengths with an if before the loop, and write zip(a, b)")
        if not it.args:
            self.fail(it, "zip() of nothing has no items", "zip two or more iterables")
        parts, setup = [], []
        for arg in it.args:
            items, more = self._items(arg, loop)
            parts.append(items)
            setup += more
        return Zip(parts), setup

    def _items_reversed(self, it, loop):
        if len(it.args) != 1 or it.keywords:
            self.fail(it, "reversed() takes one sequence", "write reversed(xs)")
        arg = it.args[0]
        kind = self._builtin(arg, ("enumerate", "zip", "range"))
        if kind in ("enumerate", "zip"):
            self.fail(arg, f"a {kind} object cannot be reversed (Python raises TypeError)",
                      f"reverse the sequences inside: {kind}(reversed(xs), ...)")
        items, setup = self._items(arg, loop)
        if isinstance(items, Range):
            return items.reversed(), setup
        return Sequence(items.ident, items.length, not items.backwards), setup

    def _items_range(self, it, loop):
        if it.keywords or not 1 <= len(it.args) <= 3:
            self.fail(it, "range(...) takes one to three positional arguments",
                      "write range(stop), range(start, stop) or range(start, stop, step)")
        args = list(it.args)
        start, stop, step = (ast.Constant(0), args[0], ast.Constant(1)) if len(args) == 1 \
            else (args[0], args[1], args[2] if len(args) == 3 else ast.Constant(1))
        if literal_number(step) == 0:
            self.fail(step, "range() arg 3 must not be zero (Python raises ValueError)",
                      "use a step other than 0")
        setup = []
        bounds = []
        for bound, base in ((start, "start"), (stop, "stop"), (step, "step")):
            bound, more = self._number_once(bound, loop, base)
            bounds.append(bound)
            setup += more
        return Range(*bounds), setup

    # ------------------------------------------------------------ for/while ... else
    def _loop_else(self, node):
        """The loop, then its else block where no break of the loop ran (a flag)."""
        orelse, node.orelse = node.orelse, []
        breaks = list(self._breaks(node.body))
        if not breaks:
            return self._block([node] + orelse)
        flag = self._fresh("broke")
        for holder, field, i in reversed(breaks):
            block = getattr(holder, field)
            stop = block[i]
            block[i:i + 1] = [at(ast.Assign([name(flag, True)], ast.Constant(True)), stop), stop]
        test = at(ast.UnaryOp(ast.Not(), name(flag)), node)
        after = ast.copy_location(ast.If(test, orelse, []), orelse[0])
        return self._block([assign(flag, ast.Constant(False), node), node, after])

    def _breaks(self, block, holder=None, field=None):
        """(statement holding the block, its field, index) of each break of the loop whose
        body ``block`` is (not those of loops inside it, save in their else blocks)."""
        for i, stmt in enumerate(block):
            if isinstance(stmt, ast.Break) and not getattr(stmt, "sct_exit", False):
                yield holder, field, i
            elif isinstance(stmt, (ast.For, ast.While)):
                yield from self._breaks(stmt.orelse, stmt, "orelse")
            else:
                for sub in ("body", "orelse", "handlers", "finalbody"):
                    inner = getattr(stmt, sub, None)
                    if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                        yield from self._breaks(inner, stmt, sub)
