"""Activity analysis: which variables need derivative variables.

``analyze(fdef, wrt, callee_params)`` works on a function in intrinsic form and returns an
``Activity``:

* ``varied``: names that depend, through differentiable operations, on the parameters in
  ``wrt``;
* ``useful``: names that influence the returned value through differentiable operations;
* ``active``: both; only these get a tangent (or adjoint) variable;
* ``scalars``: names that always hold a Python number (literals, ``math`` results, loop
  counters and arithmetic on those), whose zero tangent can be written ``0.0``; with
  ``scalar_output`` (reverse mode for a gradient) the returned value counts as one, and so
  do the operands of elementwise operations that produce it;
* ``nondiff_uses``: for each parameter used only where no derivative flows (a loop bound, an
  index, a comparison), the first such use, for the error that explains it.

The analysis is flow-insensitive (a name is active if any of its assignments makes it so),
which is conservative and exact for straight-line code.  ``callee_params`` maps each user
function to the parameter positions its result depends on differentiably.
"""
import ast
from dataclasses import dataclass

from . import rules
from .ir import (COPY, INDEX_ASSIGN, OPERATION, UNPACK, bound_names, diff_operands, is_atom,
                 op_key, operands, statement_form, statements, walk)
from .complexes import complex_names
from .containers import tuples
from .errors import SctError
from .memory import element_reads
from .names import names_of


@dataclass
class Activity:
    varied: set
    useful: set
    active: set
    scalars: set
    nondiff_uses: dict
    tuples: set = frozenset()
    complex: set = frozenset()     # names that may hold complex values (complexes.py)
    indexed: set = frozenset()     # parameters indexed by numbers: arrays, or lists of them

    def is_number(self, node):
        """Whether an atom surely holds a Python number."""
        if isinstance(node, ast.Constant):
            return not isinstance(node.value, str)
        if hasattr(node, "sct_const"):
            return node.sct_const in rules.SCALAR_CONSTANTS
        return isinstance(node, ast.Name) and node.id in self.scalars

    def zero(self, name):
        """A zero of ``name``'s shape, as a derivative of it: ``0.0`` for a number."""
        return ast.Constant(0.0) if name in self.scalars else self.zeros_like(name)

    def zeros_like(self, name):
        """An array of zeros of ``name``'s shape (for a tuple of differently shaped items, a
        list of zeros)."""
        text = f"_zeros_like_value({name})" if name in self.tuples else \
            f"_zeros_like_param({name})" if name in self.indexed else \
            f"np.zeros(np.shape({name})) + 0j" if name in self.complex else \
            f"np.zeros(np.shape({name}))"
        return ast.parse(text, mode="eval").body


def analyze(fdef, wrt, callee_params, scalar_output=False, tuple_params=(), number_params=(),
            param_ranks=None):
    flows = list(_flows(fdef, callee_params))
    varied = set(wrt)
    _propagate(flows, varied, forward=True)
    useful = set()
    for node in statements(fdef):
        if isinstance(node, ast.Return):
            useful |= _names(node.value)
    _propagate(flows, useful, forward=False)
    scalars = number_names(fdef, scalar_output, number_params, param_ranks)
    diff_used = set()
    for targets, sources in flows:
        diff_used |= sources
    nondiff = {}
    params = [a.arg for a in fdef.args.args]
    for node in walk(fdef) if set(params) - diff_used else ():
        if isinstance(node, ast.Name) and node.id in params and node.id not in diff_used \
                and node.id not in nondiff and isinstance(node.ctx, ast.Load):
            nondiff[node.id] = node
    held = tuples(fdef, tuple_params)
    indexed = {s.value.value.id for s in statements(fdef) if isinstance(s, ast.Assign) and
               isinstance(s.value, ast.Subscript) and isinstance(s.value.value, ast.Name)}
    return Activity(varied, useful, varied & useful, scalars, nondiff, held,
                    complex_names(fdef), (indexed & set(params)) - held - scalars)


def refuse_lost_derivatives(fdef, act, source):
    """An SctError at a call whose result is needed with a derivative that sct does not
    compute, its operands carrying one (``Rule.moving``: ``np.arange(x, x + 3.0)``, whose
    entries move with start and step).  Rounding, comparisons and shapes have derivative zero almost
    everywhere; these calls do not."""
    for stmt in statements(fdef):
        if not isinstance(stmt, ast.Assign) or not _names(stmt.targets[0]) & act.useful:
            continue
        value = stmt.value
        rule = rules.lookup(op_key(value)) if isinstance(value, ast.Call) else None
        if rule is None or rule.moving is None:
            continue
        moving, message, hint = rule.moving
        if set().union(set(), *[_names(m) for m in moving(*operands(value))]) & act.varied:
            raise SctError.at(value, source, message, hint)


def _propagate(flows, marked, forward):
    """Mark, along ``flows`` (from sources to targets, or back), every name reached from a
    marked one: a worklist over the flows each name starts, linear in their size."""
    starting = {}
    for targets, sources in flows:
        frm, to = (sources, targets) if forward else (targets, sources)
        for n in frm:
            starting.setdefault(n, []).append(to)
    todo = list(marked)
    while todo:
        for to in starting.get(todo.pop(), ()):
            new = to - marked
            marked |= new
            todo += new


def _flows(fdef, callee_params):
    """(targets, differentiable sources) of every assignment.

    An array written in place (``b[i] = v``) may share memory with the value it was bound
    from (``b = a``, ``b = a[1:]``, ``b = a.reshape(...)``, ``b = g(a)``), so that writing into
    it writes into that value too: for such bindings the flow goes both ways.
    """
    flows, sharing = [], []
    written = set()
    for stmt in statements(fdef):
        if isinstance(stmt, ast.Expr) and getattr(stmt.value, "sct_op", None) == "push":
            flows.append(({stmt.value.func.value.id}, _names(stmt.value.args[0])))
            continue
        if not isinstance(stmt, ast.Assign):
            continue
        form = statement_form(stmt)
        target = stmt.targets[0]
        if form == INDEX_ASSIGN:
            flows.append(({target.value.id}, _names(stmt.value) | {target.value.id}))
            written.add(target.value.id)
            continue
        if form == UNPACK:
            flows.append((_names(target), _names(stmt.value)))
        elif form == COPY:
            flows.append(({target.id}, _names(stmt.value)))
        else:
            flows.append(({target.id}, diff_sources(stmt.value, callee_params)))
        if form != OPERATION or may_share(stmt.value):
            sharing.append(flows[-1])
    changed = True
    while changed:      # an alias of an alias of a written array is written too
        changed = False
        for targets, sources in sharing:
            if targets & written and not sources <= written:
                written |= sources
                changed = True
    return flows + [(sources, targets) for targets, sources in sharing if targets & written]


def may_share(value):
    """Whether an operation's result may be (a view of) one of its operands: a call of a
    user function, a view (``Rule.view``), or, conservatively, any linear operation."""
    if hasattr(value, "sct_callee"):
        return True
    rule = rules.lookup(op_key(value))
    return rule is not None and (rules.is_view(rule.name, value) or rule.kind == "linear")


def diff_sources(value, callee_params):
    """Names whose derivative flows into the result of operation ``value``."""
    if hasattr(value, "sct_callee"):
        positions = callee_params[value.sct_callee]
        return set().union(*[_names(a) for i, a in enumerate(value.args) if i in positions])
    key = op_key(value)
    if key == "pop":
        return {value.func.value.id}
    rule = rules.lookup(key)
    if rule is None or rule.kind == "nondiff":
        return set()
    return set().union(set(), *[_names(a) for _, a in diff_operands(rule, value)])






def _names(node):
    return set() if node is None else names_of(node) - {"np", "math"}


def number_names(fdef, scalar_output=False, number_params=(), param_ranks=None):
    """Names that only ever hold Python numbers.

    A parameter counts when annotated ``float``/``int``, passed to a ``math`` function, or an
    operand of an elementwise operation (or copy) whose result is a number; one in
    ``number_params`` (every call passes it a number, see ``compilation``) is bound to a
    number, and counts as any other name does: when each of its assignments gives a number (a greatest fixed point, so loops such as
    ``s = s + t`` keep ``s``).  With ``scalar_output``, the returned value is taken to be a
    number too.  Such evidence found where a name is read covers the assignments of it that
    reach that point: it makes the name a number only when they are all of its assignments
    (``y = x * 2.0; y = np.sum(y)``, then ``return y``, says nothing about ``x``).
    An element read ``w = y[i, j]`` of an array whose number of dimensions is known to be
    that of the index gives a number (numpy's), ``param_ranks`` ({parameter: its number of
    dimensions}, for a derivative specialised to such calls) counting too.
    """
    params = [a.arg for a in fdef.args.args]
    defs, ids = _definitions(fdef, params)
    reaching = _reaching(fdef, params)

    def reach_all(name, stmt):
        """Whether every assignment of ``name`` may reach ``stmt``."""
        return set(ids.get(name, ())) <= reaching.get(id(stmt), {}).get(name, frozenset())

    known, claimed = _known_numbers(fdef, params, reach_all, reaching, scalar_output)
    # a parameter passed numbers is a number as passed, as its other bindings may say it is
    # not (x = x * np.ones(3)): its binding is a number, the name one if all its bindings are
    claimed |= {("param", p) for p in number_params if p in params}
    unknown = [p for p in params if p not in number_params]
    reads = set()
    while True:         # more numbers, more integer indices: more element reads
        scalars = _numbers_given(defs, ids, unknown, known, claimed | reads, reach_all, fdef)
        found = element_reads(fdef, scalars, params=param_ranks)
        if found <= reads:
            return scalars
        reads |= found


def _numbers_given(defs, ids, params, known, claimed, reach_all, fdef):
    """``number_names``' fixed point, given the assignments ``claimed`` to give numbers."""
    known = set(known)
    checked = {name: [ast.Constant(0.0) if i in claimed else v for v, i in zip(values, ids[name])]
               for name, values in defs.items()}
    sites = [(name, stmt) for stmt in statements(fdef) if isinstance(stmt, ast.Assign)
             and isinstance(stmt.targets[0], ast.Name) for name in [stmt.targets[0].id]]
    while True:
        scalars = _greatest_scalars(checked, params, known)
        evidence = set()
        for name, stmt in sites:
            if name not in scalars:
                continue
            v = stmt.value
            if isinstance(v, ast.Name):
                sources = [v]
            elif _elementwise(v):
                sources = operands(v)[0]
            else:
                continue
            evidence |= {a.id for a in sources if isinstance(a, ast.Name)
                         and reach_all(a.id, stmt)}
        if evidence <= known:
            return scalars
        known |= evidence


def _definitions(fdef, params):
    """name -> the values its assignments give (None: unknown, for a parameter or a part of
    an unpacking; ``call[k]`` for item k of what a user function returned, ``a, b = w`` after
    ``w = g(...)``), and -> the ids of those assignments (``("param", p)`` for a parameter)."""
    defs, ids = {}, {}
    called = {}             # name -> the one call of a user function bound to it
    for stmt in statements(fdef):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            name = stmt.targets[0].id
            single = hasattr(stmt.value, "sct_callee_ir") and name not in called
            called[name] = stmt.value if single else None
    for stmt in statements(fdef):
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                for n in bound_names(t):
                    defs.setdefault(n, []).append(stmt.value if isinstance(t, ast.Name) else
                                                  _unpacked(t, n, stmt.value, called))
                    ids.setdefault(n, []).append(id(stmt))
        elif isinstance(stmt, ast.For):
            defs.setdefault(stmt.target.id, []).append(ast.Constant(0))
            ids.setdefault(stmt.target.id, []).append(id(stmt))
    for p in params:
        defs.setdefault(p, []).append(None)
        ids.setdefault(p, []).append(("param", p))
    return defs, ids


def _unpacked(target, name, value, called):
    """The value ``name`` gets from ``a, b = w`` (``target``, ``value``): item k of the call
    bound to w (``call[k]``) where w is bound once, to a user function's result; else None."""
    call = called.get(value.id) if isinstance(value, ast.Name) else None
    if call is None or not isinstance(target, ast.Tuple):
        return None
    ks = [k for k, e in enumerate(target.elts) if isinstance(e, ast.Name) and e.id == name]
    return ast.Subscript(call, ast.Constant(ks[0]), ast.Load()) if len(ks) == 1 else None


def _known_numbers(fdef, params, reach_all, reaching, scalar_output):
    """(the parameters known to be numbers whatever their definitions say: annotated, or
    passed to a function of numbers; the assignments that the scalar output says give a
    number)."""
    known = set()
    for arg in fdef.args.args:
        if isinstance(arg.annotation, ast.Name) and arg.annotation.id in ("float", "int"):
            known.add(arg.arg)
    claimed = set()
    for stmt in statements(fdef):
        if isinstance(stmt, ast.Assign):
            for node in walk(stmt.value):
                rule = rules.lookup(getattr(node, "sct_op", None)) \
                    if isinstance(node, ast.Call) else None
                if rule is not None and rule.numbers:
                    known |= {a.id for a in node.args if isinstance(a, ast.Name)
                              and a.id in params and reach_all(a.id, stmt)}
        if scalar_output and isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Name):
            name = stmt.value.id
            claimed |= reaching.get(id(stmt), {}).get(name, frozenset())
            if ("param", name) in claimed:
                known.add(name)
    return known, claimed


def _reaching(fdef, params):
    """For each assignment and return statement (by id): the assignments of each name that
    may reach it (ids of ``Assign``/``For`` statements, ``("param", p)`` for a parameter's
    binding), over the structured control flow of the intrinsic form."""
    at = {}

    def join(a, b):
        return {n: a.get(n, frozenset()) | b.get(n, frozenset()) for n in a.keys() | b.keys()}

    def block(stmts, state, breaks):
        for s in stmts:
            if isinstance(s, (ast.Assign, ast.Return)):
                at[id(s)] = state
            if isinstance(s, ast.Assign):
                state = dict(state)
                target = s.targets[0]
                for n in bound_names(target):             # x[i] = v changes x, keeps x's others
                    old = state.get(n, frozenset()) if isinstance(target, ast.Subscript) \
                        else frozenset()
                    state[n] = old | {id(s)}
            elif isinstance(s, ast.If):
                state = join(block(s.body, state, breaks), block(s.orelse, state, breaks))
            elif isinstance(s, (ast.For, ast.While)):
                inner = []
                while True:
                    entry = dict(state)
                    if isinstance(s, ast.For):
                        entry[s.target.id] = frozenset([id(s)])
                    looped = join(state, block(s.body, entry, inner))
                    if looped == state:
                        break
                    state = looped
                for b in inner:
                    state = join(state, b)
            elif isinstance(s, ast.Break):
                breaks.append(state)
        return state

    block(fdef.body, {p: frozenset([("param", p)]) for p in params}, [])
    return at


def _greatest_scalars(defs, params, known):
    """The names all of whose values are numbers, given the numbers ``known``: the greatest
    fixed point, by a worklist (a name dropped puts back only the names whose values read
    it, so a long chain of assignments costs linear time)."""
    scalars = set(defs) - (set(params) - known)
    readers = {}
    for name, values in defs.items():
        for v in values:
            for r in _names(v):
                readers.setdefault(r, set()).add(name)
    todo = list(scalars - known)
    while todo:
        name = todo.pop()
        if name not in scalars or name in known:
            continue
        values = defs[name]
        if any(v is None and name not in params for v in values) or \
                not all(v is None or _is_scalar(v, scalars) for v in values):
            scalars.discard(name)
            todo += readers.get(name, ())
    return scalars


def _elementwise(value):
    """Whether an operation's result is a number exactly when all its operands are."""
    if isinstance(value, (ast.BinOp, ast.UnaryOp)):
        return not isinstance(getattr(value, "op", None), ast.MatMult)
    if isinstance(value, ast.Call) and not hasattr(value, "sct_callee"):
        rule = rules.lookup(getattr(value, "sct_op", None) or "")
        return rule is not None and rule.elementwise
    return False


def _is_scalar(value, scalars):
    if isinstance(value, ast.Constant):
        return type(value.value) in (int, float, bool)
    if hasattr(value, "sct_const"):
        return value.sct_const in rules.SCALAR_CONSTANTS
    if isinstance(value, ast.Name):
        return value.id in scalars
    if isinstance(value, (ast.BinOp, ast.UnaryOp)):
        args, _ = operands(value)
        return all(_is_scalar(a, scalars) for a in args)
    if isinstance(value, ast.Compare):
        return all(_is_scalar(a, scalars) for a in [value.left] + value.comparators)
    if isinstance(value, ast.BoolOp):
        return True
    if isinstance(value, ast.Call) and hasattr(value, "sct_callee_ir"):
        return returns_number(value.sct_callee_ir, _number_arguments(value, scalars))
    if isinstance(value, ast.Subscript) and hasattr(value.value, "sct_callee_ir"):
        call = value.value                      # item k of a user function's result
        return returns_number(call.sct_callee_ir, _number_arguments(call, scalars),
                              value.slice.value)
    if isinstance(value, ast.Call):
        key = getattr(value, "sct_op", None)
        rule = rules.lookup(key) if key else None
        if rule is not None and rule.scalar:
            return True
        if rule is not None and rule.elementwise:
            return all(_is_scalar(a, scalars) for a in value.args)
    return False


def _number_arguments(call, scalars):
    callee = call.sct_callee_ir
    return frozenset(p.arg for p, a in zip(callee.args.args, call.args) if _is_scalar(a, scalars))


def returns_number(fdef, numbers, item=None):
    """Whether a function (in intrinsic form) surely returns a Python number, or with
    ``item``, a tuple whose item of that index is one, when the parameters ``numbers`` hold
    numbers (a recursive call counts as not)."""
    known = fdef.__dict__.setdefault("sct_number_results", {})
    key = (numbers, item)
    if key not in known:
        known[key] = False
        scalars = number_names(fdef, number_params=numbers)
        returns = [s.value for s in statements(fdef) if isinstance(s, ast.Return)]
        if item is not None:        # (a, b) displays only
            returns = [v.elts[item] if isinstance(v, ast.Tuple) and item < len(v.elts) and
                       not any(isinstance(e, ast.Starred) for e in v.elts) else None
                       for v in returns]
        known[key] = bool(returns) and all(v is not None and _is_scalar(v, scalars)
                                           for v in returns)
    return known[key]


def _cone(fdef, starts, linear=False):
    """The names an adjoint reaches from the operands ``starts(rule, bound)`` of the operations
    whose rule names them, back through the elementwise operations, copies and subscripts that
    computed those names (an entry of the adjoint stays the adjoint of one entry), and with
    ``linear``, through linear ones too (a sum passes an infinite adjoint on)."""
    defs = {}
    for stmt in walk(fdef):
        if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
            defs.setdefault(stmt.targets[0].id, []).append(stmt.value)
    todo = []
    for values in defs.values():
        for value in values:
            rule = rules.lookup(op_key(value)) if not is_atom(value) else None
            if rule is not None and (rule.masks or rule.steep):
                bound = rule.bind(*operands(value))
                todo += [n for p in starts(rule, bound) if p in bound
                         for n in names_of(bound[p])]
    found = set()
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        for value in defs.get(name, ()):
            rule = None if is_atom(value) else rules.lookup(op_key(value))
            if is_atom(value) or rule is not None and not hasattr(value, "sct_callee") and \
                    (rule.elementwise or rule.entrywise or linear and rule.kind == "linear"):
                todo += [n for n in names_of(value) if n not in ("np", "math")]
    return found


def masked_names(fdef):
    """The names whose adjoint may be exactly zero in entries of theirs that do not reach the
    value: the operands a selection may not take (``Rule.masks``: np.where's branches), and
    the names that computed them (``_cone``)."""
    return _cone(fdef, lambda rule, bound: rule.masks)


def steep_names(fdef):
    """The names whose adjoint may be infinite where their value is finite: the operands of
    operations with an infinite slope (``Rule.steep``: sqrt at 0), and the names that computed
    them (``_cone``, through linear operations too)."""
    return _cone(fdef, lambda rule, bound: rule.steep_operands(bound), linear=True)
