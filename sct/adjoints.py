"""The adjoint variables of a reverse sweep: which are still zero, which arrays the sweep owns,
and the statements that add contributions to them.

An ``Adjoints`` is what the sweep knows at one point: adjoints still zero (``zero``: never
written, so a contribution is assigned, not added), arrays it owns (``owned``: made by the sweep
itself, so it may update them in place) and which of those it computed by arithmetic
(``computed``: of the primal's shape, an array when the primal is one: not zeros materialised as
``np.zeros(np.shape(x))``, a 0-d array for a number ``x``, which an in-place addition would
keep).  Branches and loops copy it, and join the copies where control flow merges, writing zeros
only where paths disagree.
"""
import ast

from . import rules, templates
from .ir import assign, clone, dotted, dotted_name, walk
from .names import names_of


class Adjoints:
    def __init__(self, act, prefix, zero, owned=(), computed=()):
        self.act, self.prefix = act, prefix
        self.zero, self.owned, self.computed = set(zero), set(owned), set(computed)

    def copy(self):
        return Adjoints(self.act, self.prefix, self.zero, self.owned, self.computed)

    def same(self, other):
        return (self.zero, self.owned, self.computed) == \
            (other.zero, other.owned, other.computed)

    def become(self, other):
        self.zero, self.owned, self.computed = set(other.zero), set(other.owned), \
            set(other.computed)

    def b(self, name):
        return self.prefix + name

    # ------------------------------------------------------------ reading
    def take(self, name):
        """The adjoint of a primal name, or None while it is zero."""
        if name not in self.act.active or name in self.zero:
            return None
        return ast.Name(self.b(name), ast.Load())

    def or_zero(self, name):
        """The adjoint of a primal name, or a zero of its shape."""
        return self.take(name) or self.zero_value(name)

    def zero_value(self, name):
        return self.act.zero(name)

    def materialize(self, names):
        """Zeros written for adjoints that are zero on one path only."""
        return [assign(self.b(n), self.zero_value(n)) for n in sorted(names)]

    # ------------------------------------------------------------ control flow
    def join(self, body, orelse):
        """This state becomes the merge of the states after two branches; returns the zeros
        each branch writes (adjoints zero in it but not in the other)."""
        zero = body.zero & orelse.zero
        fill = body.materialize(body.zero - zero), orelse.materialize(orelse.zero - zero)
        self.owned = (body.owned | (body.zero - zero)) & (orelse.owned | (orelse.zero - zero))
        self.zero, self.computed = zero, body.computed & orelse.computed
        return fill

    def loop_head(self, sweep_body):
        """What is zero and owned at the start of every pass of a loop entered in this state,
        ``sweep_body(state)`` sweeping one pass: a fixed point (the others get zeros of their
        own before the loop)."""
        start = self.copy()
        while True:
            end = start.copy()
            sweep_body(end)
            zero = start.zero & end.zero
            owned = (self.owned | (self.zero - zero)) & (end.owned | (end.zero - zero))
            head = Adjoints(self.act, self.prefix, zero, owned, start.computed & end.computed)
            if head.same(start):
                return start
            start = head

    # ------------------------------------------------------------ writing
    def accumulate(self, contributions, last=None, shared=()):
        """b_n += sum(contributions[n]) for each n; ``last`` is written after the others;
        ``shared``: other expressions of this step, which may share the adjoints they read."""
        out = []
        order = sorted(contributions, key=lambda n: n == last)
        uses = {}                 # adjoint names -> how many terms may share their memory
        if any(_passed_on(t, self.prefix) for terms in contributions.values() for t in terms):
            for terms in list(contributions.values()) + [list(shared)]:
                for t in terms:
                    for a in names_of(t) if t is not None and not _fresh(t) else ():
                        uses[a] = uses.get(a, 0) + 1
        for n in order:
            terms = [t for t in contributions[n] if t is not None]
            if not terms or n not in self.act.active:
                continue
            if n in self.act.tuples:           # tuples add item by item, not by joining
                total = terms[0]
                for t in terms[1:] + ([] if n in self.zero else [None]):
                    t = ast.Name(self.b(n), ast.Load()) if t is None else t
                    total = ast.Call(ast.Name("_add_parts", ast.Load()), [t, total], [])
                self.zero.discard(n)
                self.owned.discard(n)
                self.computed.discard(n)
                out.append(assign(self.b(n), total))
                continue
            total = templates.sum_terms(terms)
            if n in self.zero:
                self.zero.discard(n)
                # an array of the sweep's own (arithmetic), or the one of an adjoint used up
                # here (b_z = b_w after w = z: b_w is zero from now on)
                source = _passed_on(total, self.prefix)
                if _fresh(total) or source is not None and uses.get(self.b(source)) == 1 \
                        and source in self.zero and source in self.owned:
                    self.owned.add(n)
                    self.owned.discard(source)
                else:
                    self.owned.discard(n)
                if _fresh(total) or source is not None and source in self.computed:
                    self.computed.add(n)
                else:
                    self.computed.discard(n)
                out.append(assign(self.b(n), total))
            elif n in self.owned and n in self.computed and n not in self.act.scalars:
                # an array of the sweep's own, of n's shape like every contribution to it:
                # added in place, no new array
                out.append(ast.AugAssign(ast.Name(self.b(n), ast.Store()), ast.Add(), total))
            else:
                out.append(assign(self.b(n), ast.BinOp(ast.Name(self.b(n), ast.Load()),
                                                        ast.Add(), total)))
                self.owned.add(n)
                self.computed.add(n)
            if n in self.act.complex:     # its adjoint may be a real array: owned only by own
                self.owned.discard(n)
        return out

    def scatter(self, name, index, g):
        """``b_name[index] += g`` (the adjoint of ``w = name[index]``), on an array of the
        sweep's own; ``_add_at`` where an index of integer arrays may repeat an entry;
        ``_add_item`` on a container's adjoint (``+=`` would join two lists)."""
        out = self.own(name)
        index = clone(index)
        target = ast.Name(self.b(name), ast.Load())
        container = name in self.act.tuples     # += would join two lists: _add_item
        if self.scalar_index(index) and not container:
            out.append(ast.AugAssign(ast.Subscript(target, index, ast.Store()), ast.Add(), g))
            return out
        if any(isinstance(p, ast.Slice) for p in walk(index)):
            index = ast.Subscript(dotted("np.s_"), index, ast.Load())
        helper = "_add_item" if container else "_add_at"
        return out + [assign(self.b(name), ast.Call(ast.Name(helper, ast.Load()),
                                                    [clone(target), index, g], []))]

    def scatter_field(self, name, field, g):
        """``b_name = _add_field(b_name, 'field', g)`` (the adjoint of ``w = name.field``)."""
        out = self.own(name)
        return out + [assign(self.b(name), ast.Call(
            ast.Name("_add_field", ast.Load()),
            [ast.Name(self.b(name), ast.Load()), ast.Constant(field), g], []))]

    def scalar_index(self, index):
        """Whether an index has integers (numbers), slices, None and ... only: basic indexing,
        which never repeats an entry."""
        parts = index.elts if isinstance(index, ast.Tuple) else [index]
        for p in parts:
            if isinstance(p, ast.Slice):
                continue
            if isinstance(p, ast.Constant) and (type(p.value) is int or p.value is None
                                                or p.value is Ellipsis):
                continue
            if isinstance(p, ast.Name) and p.id in self.act.scalars:
                continue
            return False
        return True

    def own(self, name):
        """Statements that make b_name an array of its own, for an in-place update."""
        self.computed.discard(name)
        if name in self.zero:
            self.zero.discard(name)
            self.owned.add(name)
            return [assign(self.b(name), self.zero_value(name))]
        if name not in self.owned:
            self.owned.add(name)
            copy = "np.copy"
            if name in self.act.tuples:       # a list of copies of its items
                copy = "_own_parts"
            if name in self.act.complex:      # a complex copy, which complex parts fit
                copy = "_own_complex"
            return [assign(self.b(name), ast.Call(dotted(copy),
                                                   [ast.Name(self.b(name), ast.Load())], []))]
        return []


def _fresh(expr):
    """Whether an adjoint expression certainly makes a new array (arithmetic does, and the
    calls whose ``Rule.fresh`` says so)."""
    if getattr(expr, "sct_fresh", False):
        return True
    if isinstance(expr, ast.Call):
        rule = _rule_of_call(expr)
        fresh = False if rule is None else rule.fresh
        return fresh(expr, _fresh) if callable(fresh) else fresh
    return isinstance(expr, (ast.BinOp, ast.UnaryOp))


def _rule_of_call(call):
    """The rule of a call in generated code (which carries no ``sct_op``), or None."""
    name = getattr(call, "sct_op", None) or dotted_name(call.func)
    return rules.lookup(name) if name else None


def _passed_on(expr, prefix):
    """The primal name whose adjoint ``expr`` hands on as it is (``b_w``, ``_unbroadcast(b_w,
    x)``, ``prefix`` being ``b_``), or None."""
    rule = _rule_of_call(expr) if isinstance(expr, ast.Call) else None
    if rule is not None and len(rule.returns) == 1 and len(expr.args) == len(rule.params):
        expr = expr.args[rule.returns[0]]
    if isinstance(expr, ast.Name) and expr.id.startswith(prefix):
        return expr.id[len(prefix):]
    return None
