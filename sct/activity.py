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
from .decompose import COPY, INDEX_ASSIGN, OPERATION, UNPACK, is_atom, op_key, statement_form


@dataclass
class Activity:
    varied: set
    useful: set
    active: set
    scalars: set
    nondiff_uses: dict


def analyze(fdef, wrt, callee_params, scalar_output=False):
    flows = list(_flows(fdef, callee_params))
    varied = set(wrt)
    _propagate(flows, varied, forward=True)
    useful = set()
    for node in ast.walk(fdef):
        if isinstance(node, ast.Return):
            useful |= _names(node.value)
    _propagate(flows, useful, forward=False)
    scalars = _scalars(fdef, scalar_output)
    diff_used = set()
    for targets, sources in flows:
        diff_used |= sources
    nondiff = {}
    params = [a.arg for a in fdef.args.args]
    for node in ast.walk(fdef):
        if isinstance(node, ast.Name) and node.id in params and node.id not in diff_used \
                and node.id not in nondiff and isinstance(node.ctx, ast.Load):
            nondiff[node.id] = node
    return Activity(varied, useful, varied & useful, scalars, nondiff)


def _propagate(flows, marked, forward):
    changed = True
    while changed:
        changed = False
        for targets, sources in flows:
            frm, to = (sources, targets) if forward else (targets, sources)
            if frm & marked and not to <= marked:
                marked |= to
                changed = True


def _flows(fdef, callee_params):
    """(targets, differentiable sources) of every assignment.

    An array written in place (``b[i] = v``) may share memory with the value it was bound
    from (``b = a``, ``b = a[1:]``, ``b = a.reshape(...)``, ``b = g(a)``), so that writing into
    it writes into that value too: for such bindings the flow goes both ways.
    """
    flows, sharing = [], []
    written = set()
    for stmt in ast.walk(fdef):
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
    """Whether an operation's result may be (a view of) one of its operands."""
    if hasattr(value, "sct_callee") or op_key(value) in ("subscript", "tuple"):
        return True
    rule = rules.lookup(op_key(value))
    return rule is not None and rule.kind == "linear"


def diff_sources(value, callee_params):
    """Names whose derivative flows into the result of operation ``value``."""
    if hasattr(value, "sct_callee"):
        positions = callee_params[value.sct_callee]
        return set().union(*[_names(a) for i, a in enumerate(value.args) if i in positions])
    key = op_key(value)
    if key == "pop":
        return {value.func.value.id}
    if key == "subscript":
        return _names(value.value)
    if key == "tuple":
        return _names(value)
    rule = rules.lookup(key)
    if rule is None or rule.kind == "nondiff":
        return set()
    if rule.params is None:    # einsum: every operand after the specification
        return set().union(*[_names(a) for a in value.args[1:]]) if value.args else set()
    args, keywords = operands(value)
    bound = rule.bind(args, keywords)
    return set().union(set(), *[_names(bound[p]) for p in rule.diff if p in bound])


def operands(value):
    """The positional and keyword operands of an operation, as AST."""
    if isinstance(value, ast.BinOp):
        return [value.left, value.right], {}
    if isinstance(value, ast.UnaryOp):
        return [value.operand], {}
    if isinstance(value, ast.Call):
        return list(value.args), {k.arg: k.value for k in value.keywords}
    if isinstance(value, ast.Subscript):
        return [value.value, value.slice], {}
    return [], {}


def _names(node):
    if node is None:
        return set()
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - {"np", "math"}


def _scalars(fdef, scalar_output=False):
    """Names that only ever hold Python numbers.

    A parameter counts when annotated ``float``/``int``, passed to a ``math`` function, or an
    operand of an elementwise operation (or copy) whose result is a number, and so does a
    variable all of whose assignments are elementwise operations or copies; any other name when each of
    its assignments gives a number (a greatest fixed point, so loops such as ``s = s + t``
    keep ``s``).  With ``scalar_output``, the returned value is taken to be a number too.
    """
    defs = {}
    for stmt in ast.walk(fdef):
        if isinstance(stmt, ast.Assign):
            for t in stmt.targets:
                for n in ast.walk(t):
                    if isinstance(n, ast.Name):
                        defs.setdefault(n.id, []).append(
                            stmt.value if isinstance(t, ast.Name) else None)
        elif isinstance(stmt, ast.For):
            defs.setdefault(stmt.target.id, []).append(ast.Constant(0))
    params = [a.arg for a in fdef.args.args]
    for p in params:
        defs.setdefault(p, []).append(None)
    known = set()               # names known to be numbers whatever their definitions say
    for arg in fdef.args.args:
        if isinstance(arg.annotation, ast.Name) and arg.annotation.id in ("float", "int"):
            known.add(arg.arg)
    for node in ast.walk(fdef):
        if isinstance(node, ast.Call) and getattr(node, "sct_op", "").startswith("math."):
            known |= {a.id for a in node.args if isinstance(a, ast.Name) and a.id in params}
        if scalar_output and isinstance(node, ast.Return) and isinstance(node.value, ast.Name):
            known.add(node.value.id)
    while True:
        scalars = _greatest_scalars(defs, params, known)
        evidence = set()
        for name, values in defs.items():
            if name not in scalars:
                continue
            for v in values:
                if isinstance(v, ast.Name):
                    sources = [v]
                elif v is not None and _elementwise(v):
                    sources = operands(v)[0]
                else:
                    continue
                evidence |= {a.id for a in sources if isinstance(a, ast.Name) and
                             (a.id in params or all(d is not None and (is_atom(d) or
                                                                        _elementwise(d))
                                                    for d in defs.get(a.id, [None])))}
        if evidence <= known:
            return scalars
        known |= evidence


def _greatest_scalars(defs, params, known):
    scalars = set(defs) - (set(params) - known)
    changed = True
    while changed:
        changed = False
        for name in list(scalars - known):
            values = defs[name]
            if any(v is None and name not in params for v in values) or \
                    not all(v is None or _is_scalar(v, scalars) for v in values):
                scalars.discard(name)
                changed = True
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
    if isinstance(value, ast.Call):
        key = getattr(value, "sct_op", None)
        if key in ("len", "int", "float"):
            return True
        rule = rules.lookup(key) if key else None
        if rule is not None and rule.scalar:
            return True
        if rule is not None and rule.elementwise:
            return all(_is_scalar(a, scalars) for a in value.args)
    return False
