"""The reductions of generators, lowered by the frontend into loops (``Reductions``, the part
of ``subset.Checker`` that does this, with iteration.py's loops).

``sum``, ``max``, ``min``, ``any`` and ``all`` of a generator expression or a list
comprehension (``any``/``all`` of any iterable too) become an accumulator loop placed before
the statement that reads them: ``sum`` adds each item to start (0 by default), as Python's;
``max``/``min`` take the first item and then ``max(best, item)``, the first of equal items, and
with no items give ``default=`` or Python's ValueError; ``any``/``all`` set a truth value and
leave every loop at the item that decides.  A reduction that Python computes only sometimes
(in a branch of ``a if c else b``, after ``and``/``or``) is computed in an if statement where
Python computes it (a later operand of a chained comparison is refused); one in a ``while``
test is computed again before every test.  The comprehension's variables are its own, as in
Python 3: renamed where the function uses their names.
"""
import ast
import collections
import copy

from . import rules
from .ir import walk
from .names import TEMPORARY
from .rules.checks import lowered

TESTS = ("any", "all")               # reductions to a truth value: a loop that breaks
REDUCTIONS = tuple(sorted(n for n, r in rules.RULES.items() if r.generator)) + TESTS
COMPREHENSIONS = (ast.GeneratorExp, ast.ListComp)
BUILT = {ast.ListComp: "list", ast.DictComp: "dict"}     # comprehensions that build a value
TRUTH_NAMES = {"any": "some", "all": "every"}


def at(node, where):
    """``node`` with ``where``'s location on every part that has none."""
    for part in ast.walk(node):
        if not hasattr(part, "lineno"):
            ast.copy_location(part, where)
    return node


def name(ident, store=False):
    return ast.Name(ident, ast.Store() if store else ast.Load())


def assign(ident, value, where):
    return at(ast.Assign([name(ident, True)], value), where)


class Reductions:
    def _start_reductions(self, fdef):
        """Before the body is checked: which comprehensions' variables need fresh names."""
        _mark_renames(fdef, self.reduction_arguments(fdef))

    def reduction_arguments(self, fdef):
        """The comprehensions lowered to loops (not refused): the argument of a reduction,
        and list and dict comprehensions, which build a value."""
        found = set()
        for node in walk(fdef):
            if self._builtin(node, REDUCTIONS) and node.args and \
                    isinstance(node.args[0], COMPREHENSIONS):
                found.add(id(node.args[0]))
            elif isinstance(node, tuple(BUILT)) and not self.source.generated:
                found.add(id(node))
        return found

    def hoisted(self, stmt):
        """The statements computing the reductions of generators in ``stmt``'s own
        expressions (not its blocks), and ``stmt`` reading their results."""
        pre = []
        fields = {ast.If: ("test",), ast.For: ("iter",), ast.While: ("test",)}.get(
            type(stmt), [f for f in stmt._fields if f not in ("body", "orelse")])
        for field in fields:
            value = getattr(stmt, field, None)
            if isinstance(value, ast.AST):
                setattr(stmt, field, self._hoist(value, pre, stmt, 0))
            elif isinstance(value, list):
                setattr(stmt, field, [self._hoist(v, pre, stmt, 0)
                                      if isinstance(v, ast.AST) else v for v in value])
        if pre and isinstance(stmt, ast.While):     # computed again before every test
            leave = ast.Break()
            leave.sct_exit = True                   # the loop's own end, not a break
            test = at(ast.If(ast.UnaryOp(ast.Not(), stmt.test), [leave], []), stmt.test)
            stmt.test = ast.copy_location(ast.Constant(True), stmt.test)
            stmt.body = pre + [test] + stmt.body
            return [], stmt
        return pre, stmt

    def _reduces(self, node):
        """The reduction ``node`` calls that is lowered to a loop (sum of a generator, any of
        anything), 'list' or 'dict' for a comprehension building one, or None."""
        if isinstance(node, tuple(BUILT)) and not self.source.generated:
            return BUILT[type(node)]
        kind = self._builtin(node, REDUCTIONS)
        if kind and (kind in TESTS or node.args and isinstance(node.args[0], COMPREHENSIONS)):
            return kind
        return None

    def _hoist(self, node, pre, stmt, sometimes):
        found = [n for n in walk(node) if self._reduces(n)] if sometimes else []
        if found:
            first = min(found, key=lambda n: (n.lineno, n.col_offset))
            self.fail(first, f"{self._reduces(first)}(...) over a generator is supported where "
                             f"it is always computed, not in a later operand of a chained "
                             f"comparison", "compare in two steps: a < b and b < c")
        kind = self._reduces(node)
        if kind in BUILT.values():             # [f(x) for x in xs]: a list built in a loop
            result = self._fresh(kind + "_")
            pre.extend(self._built(kind, node, result))
            return ast.copy_location(name(result), node)
        if kind:
            rule = rules.lookup(kind) if kind not in TESTS else None
            result = self._fresh(rule.generator[0] if rule else TRUTH_NAMES[kind])
            if rule is None:
                self.flags.add(result)
            pre.extend(self._reduction(kind, node, result))
            return ast.copy_location(name(result), node)
        if isinstance(node, (ast.Lambda,) + COMPREHENSIONS):
            return node
        if isinstance(node, ast.IfExp) and self._reduces_in(node.body, node.orelse):
            return self._branches(node, pre, stmt, sometimes)
        if isinstance(node, ast.BoolOp) and self._reduces_in(*node.values[1:]):
            return self._short_circuit(node, pre, stmt, sometimes)
        for field, value in ast.iter_fields(node):
            if isinstance(value, ast.AST):
                setattr(node, field, self._hoist(value, pre, stmt, sometimes))
            elif isinstance(value, list):
                new = []
                for i, v in enumerate(value):
                    # a < b < c: c only where a < b
                    inner = sometimes + (isinstance(node, ast.Compare) and i > 0)
                    new.append(self._hoist(v, pre, stmt, inner) if isinstance(v, ast.AST)
                               else v)
                setattr(node, field, new)
        return node

    def _reduces_in(self, *nodes):
        return any(self._reduces(n) for node in nodes for n in walk(node))

    def _branches(self, node, pre, stmt, sometimes):
        """``a if c else b`` with a reduction in a branch: an if statement before ``stmt``
        computing the branch taken (only that branch's reductions)."""
        test = self._hoist(node.test, pre, stmt, sometimes)
        result = self._fresh("value")
        pre.append(at(ast.If(test, [assign(result, node.body, node.body)],
                             [assign(result, node.orelse, node.orelse)]), node))
        return ast.copy_location(name(result), node)

    def _short_circuit(self, node, pre, stmt, sometimes):
        """``a and b`` / ``a or b`` with a reduction after the first operand: statements
        before ``stmt`` computing each operand only where Python does (its value)."""
        result = self._fresh("value")
        if self.truth(node):
            self.flags.add(result)
        first = self._hoist(node.values[0], pre, stmt, sometimes)
        pre.append(assign(result, first, node.values[0]))
        block = pre
        for value in node.values[1:]:
            test = name(result) if isinstance(node.op, ast.And) else \
                ast.UnaryOp(ast.Not(), name(result))
            inner = [assign(result, value, value)]
            block.append(at(ast.If(test, inner, []), value))
            block = inner
        return ast.copy_location(name(result), node)

    def _built(self, kind, comp, result):
        """The statements that leave the list or dict comprehension ``comp`` builds in
        ``result``: ``result = []`` and ``result.append(item)`` in its loops (``result[key] =
        value`` for a dict), which the checker makes new values (lists.py)."""
        element, generators = self._renamed(comp)
        if kind == "list":
            init = [assign(result, ast.List([], ast.Load()), comp)]
            append = ast.Attribute(name(result), "append", ast.Load())
            action = [at(ast.Expr(ast.Call(append, [element], [])), comp)]
        else:
            self.dicts.add(result)
            init = [assign(result, ast.Dict([], []), comp)]
            key, value = element
            action = [at(ast.Assign([ast.Subscript(name(result), key, ast.Store())], value),
                         comp)]
        body = action
        for gen in reversed(generators):
            if gen.is_async:
                self.fail(comp, "async comprehensions are not supported", "use a plain for")
            for cond in reversed(gen.ifs):
                body = [at(ast.If(cond, body, []), cond)]
            body = [at(ast.For(gen.target, gen.iter, body, []), gen.iter)]
        return init + body

    def _reduction(self, kind, call, result):
        """The statements that leave ``kind(call's argument)`` in ``result``."""
        keywords = {k.arg: k.value for k in call.keywords}
        rule = rules.lookup(kind) if kind not in TESTS else None
        keyword = rule.generator[1] if rule else None
        adds = keyword == "start"
        if set(keywords) - {keyword} or len(call.args) != 1 + (adds and len(call.args) == 2):
            extra = f" and {keyword}" if keyword else ""
            self.fail(call, f"{kind}() of a generator takes the generator{extra} only"
                            f"{' (no key=)' if keyword == 'default' else ''}",
                      f"write {kind}(f(x) for x in xs)")
        arg = call.args[0]
        if isinstance(arg, COMPREHENSIONS):
            element, generators = self._renamed(arg)
        else:                                       # any(t), all(xs): over the items
            item = self._fresh("item")
            element = name(item)
            generators = [ast.comprehension(name(item, True), arg, [], 0)]
        where = call
        empty, leave = None, None
        if adds:                                    # start + each item, as Python's sum
            start = call.args[1] if len(call.args) == 2 else keywords.get(keyword,
                                                                          ast.Constant(0))
            init = [assign(result, start, where)]
            action = [assign(result, ast.BinOp(name(result), ast.Add(), element), where)]
        elif rule is not None:                      # the first item, then kind(best, item)
            empty = self._fresh("empty")
            init = [assign(empty, ast.Constant(True), where)]
            action = [at(ast.If(name(empty), [assign(result, element, where),
                                              assign(empty, ast.Constant(False), where)],
                                [assign(result, lowered(kind, [name(result),
                                                               copy.deepcopy(element)]),
                                        where)]), where)]
        else:                                       # any/all: out at the first that decides
            some = kind == TESTS[0]
            init = [assign(result, ast.Constant(not some), where)]
            test = element if some else ast.UnaryOp(ast.Not(), element)
            action = [at(ast.If(test, [assign(result, ast.Constant(some), where), ast.Break()],
                                []), where)]
            leave = name(result) if some else ast.UnaryOp(ast.Not(), name(result))
        body = action
        for depth, gen in enumerate(reversed(generators)):
            if gen.is_async:
                self.fail(call, "async comprehensions are not supported", "use a plain for")
            if depth and leave is not None:         # any/all: out of every loop at once
                body = body + [at(ast.If(copy.deepcopy(leave), [ast.Break()], []), where)]
            for cond in reversed(gen.ifs):
                body = [at(ast.If(cond, body, []), cond)]
            body = [at(ast.For(gen.target, gen.iter, body, []), gen.iter)]
        after = []
        if empty is not None:
            if keyword in keywords:
                fill = keywords[keyword]
            else:
                fill = lowered("_empty_argument", [ast.Constant(kind)])
            after = [at(ast.If(name(empty), [assign(result, fill, where)], []), where)]
        return init + body + after

    def _renamed(self, comp):
        """A comprehension's element and clauses, its variables renamed where the function
        uses the same names outside it (in Python 3 they are the comprehension's own)."""
        comp = copy.deepcopy(comp)
        renames = {}
        for ident in sorted(getattr(comp, "sct_renames", ())):
            renames[ident] = self._fresh(ident + "_" if ident == TEMPORARY else ident)
        for gen in comp.generators:
            self.locals.update(n.id for n in walk(gen.target) if isinstance(n, ast.Name))
        element = (comp.key, comp.value) if isinstance(comp, ast.DictComp) else comp.elt
        if renames:
            parts = list(element) if isinstance(element, tuple) else [element]
            parts += [p for gen in comp.generators for p in [gen.target] + gen.ifs]
            parts += [gen.iter for gen in comp.generators[1:]]
            for part in parts:
                _rename(part, renames)
        return element, comp.generators


def _bound(comp):
    return {n.id for gen in comp.generators for n in walk(gen.target) if isinstance(n, ast.Name)}


def _mark_renames(fdef, lowered):
    """Mark each comprehension to be lowered with the names it binds that the lowered loop
    must not take from the function (``sct_renames``): those the function uses outside it,
    save in other comprehensions beside it (not around it) that bind them too, where each loop
    binds the name before reading it."""
    comps = [n for n in walk(fdef) if id(n) in lowered]
    inside = {id(c): {id(n) for n in walk(c)} for c in comps}
    total = collections.Counter(n.id for n in walk(fdef) if isinstance(n, ast.Name))
    for comp in comps:
        count = total.copy()
        count.subtract(n.id for n in walk(comp) if isinstance(n, ast.Name))
        theirs = set()          # the names other comprehensions beside this one bind
        for other in comps:
            if other is comp or id(comp) in inside[id(other)] or id(other) in inside[id(comp)]:
                continue
            bound = _bound(other)
            first = {id(n) for n in walk(other.generators[0].iter)}
            theirs |= {id(n) for n in walk(other) if isinstance(n, ast.Name) and
                       n.id in bound and id(n) not in first}
        count.subtract(n.id for n in walk(fdef) if id(n) in theirs)
        comp.sct_renames = {ident for ident in _bound(comp) if count[ident] > 0}


def _rename(node, renames):
    """Rename the names of ``renames`` in ``node``, not where a comprehension inside binds them
    again (there they are its own; its first iterable is read outside it)."""
    if not renames:
        return
    if isinstance(node, ast.Name):
        node.id = renames.get(node.id, node.id)
        return
    if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)):
        _rename(node.generators[0].iter, renames)
        inner = {k: v for k, v in renames.items() if k not in _bound(node)}
        parts = [getattr(node, f) for f in ("elt", "key", "value") if hasattr(node, f)]
        parts += [p for gen in node.generators for p in [gen.target] + gen.ifs]
        parts += [gen.iter for gen in node.generators[1:]]
        for part in parts:
            _rename(part, inner)
        return
    for child in ast.iter_child_nodes(node):
        _rename(child, renames)
