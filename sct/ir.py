"""The intermediate form: the statement forms every pass relies on, the marks they share, and
the small tree helpers all of them use.  ``verify(fdef, stage)`` checks a function against it.

After ``decompose`` (stage ``"decompose"``) a function's body holds only these statement forms
(an *atom* is a Name, a number, True/False/None, Ellipsis, or a canonical constant such as
``math.pi``, marked ``sct_const``):

1. ``name = atom``                                      a copy
2. ``name = OP``                                        one operation, OP being one of
   - ``atom <binop> atom``, ``<unaryop> atom``
   - a condition: comparisons, ``and``/``or``/``not`` over atoms (no derivative)
   - ``f(ARG, ..., kw=ARG)``: an intrinsic (``call.sct_op``) or a user function
     (``call.sct_callee``); an ARG is an atom, a string, or a list/tuple of ARGs
   - ``name[INDEX]``: INDEX parts are atoms or slices of atoms
   - ``name.shape`` / ``.ndim`` / ``.size``
   - ``(atom, ..., atom)``                              tuple packing
   - ``[]`` (a new stack) and ``stack.pop()``
3. ``(a, b, ...) = name``                               unpacking into names
4. ``name[INDEX] = atom``                               index assignment
5. ``if COND: ... else: ...``                           COND: an atom or a condition over atoms
6. ``for name in range(atom[, atom[, atom]]): ...``
7. ``while COND: ...``                                  (``while True:`` + ``if not COND: break``
                                                         when the condition needs statements)
8. ``break``, ``continue``, ``pass``, ``stack.append(atom)``
9. ``return atom`` or ``return (atom, ..., atom)``
10. an *inert statement*, marked ``sct_inert``: ``assert TEST[, MESSAGE]``, ``raise E`` or
    ``raise E(ARG, ...)`` of a built-in exception class ``E``, ``print(ARG, ..., sep=ARG,
    end=ARG, flush=ARG)``, ``warnings.warn(ARG[, W][, ARG])`` of a built-in warning class
    ``W`` (``inert.py`` checks them).  Their expressions are left as the user wrote them
    (checked: names resolved, intrinsic calls canonical and marked ``sct_op``; ``str``,
    ``repr``, ``isinstance`` ... and ``"...".format`` calls marked ``sct_inert``), strings and
    f-strings included, which no other statement holds; no call of a user function, nothing
    bound.  An inert statement reads the names in it and carries no derivative: forward mode
    copies it, reverse mode runs it in the forward sweep only (a ``raise`` leaves the function
    with its exception, a jump out of it that needs no flag), the optimizer never removes it
    and keeps what it reads live.  Python evaluates an assert's message only when it fails.

After ``aliasing.resolve_augmented`` (stage ``"resolved"``) the same forms hold.  After
``controlflow.normalize`` (stage ``"normalize"``), in addition:

* there is exactly one ``return``, the last statement of the body;
* there is no ``continue``, and a loop body leaves its loop only through a final
  ``if brk: break``;
* a ``for`` loop's variable is bound only by its header, and its ``range`` arguments are not
  reassigned inside the loop.

Marks the passes share (attributes of nodes, kept by ``clone``):

* on expressions: ``sct_op`` (the rule key of an intrinsic call), ``sct_callee`` (the
  ``program.Function`` a user call calls), ``sct_aliased`` (the callee's parameters its result
  may share memory with), ``sct_const`` (a canonical constant such as ``math.pi``),
  ``sct_fresh`` (an adjoint expression that makes an array of its own), ``sct_effects`` (a
  call of a generated function that runs inert statements: never dead code),
  ``sct_callee_ir`` (the callee's intrinsic form, from which ``activity`` tells whether the
  result is a number given which arguments are);
* on statements: ``sct_augmented`` (``x = x op v`` written ``x op= v``), ``sct_part`` (``w =
  y[i]``, the part ``y[i] op= v`` updates, ``op`` reading its operands), ``sct_written`` and
  ``sct_retake`` (a write through a view and the views taken again after it),
  ``sct_restore`` (a restore of a saved value in a reverse sweep), ``sct_inert`` (form 10);
* on functions (not copied by ``clone``, set by the pass that makes the function):
  ``sct_namer`` (its ``names.Namer``), ``sct_returned`` and ``sct_updated`` (aliasing),
  ``sct_original`` and ``sct_single`` (normalize).
"""
import ast
import collections
import textwrap

from . import rules

COPY, OPERATION, UNPACK, INDEX_ASSIGN = "copy", "operation", "unpack", "index_assign"
STAGES = ("parse", "decompose", "resolved", "normalize")

MARKS = ("sct_op", "sct_callee", "sct_aliased", "sct_const", "sct_fresh", "sct_augmented",
         "sct_part", "sct_written", "sct_retake", "sct_restore", "sct_inert", "sct_effects",
         "sct_callee_ir")
_KEPT = MARKS + ("lineno", "col_offset", "end_lineno", "end_col_offset")


# ---------------------------------------------------------------- trees
def clone(node, mapping=None):
    """A deep copy of an AST (much faster than copy.deepcopy), names in ``mapping`` replaced
    by copies of their values; the marks (``MARKS``) and positions are kept."""
    if isinstance(node, list):
        return [clone(n, mapping) for n in node]
    if not isinstance(node, ast.AST):
        return node
    if mapping and isinstance(node, ast.Name) and node.id in mapping:
        return clone(mapping[node.id])
    new = node.__class__()
    for name in node._fields:
        setattr(new, name, clone(getattr(node, name, None), mapping))
    for name in _KEPT:
        if hasattr(node, name):
            setattr(new, name, getattr(node, name))
    return new


def walk(node):
    """``ast.walk``, the same nodes in the same order, about twice as fast (no generators per
    node): every pass walks trees many times."""
    todo = collections.deque([node])
    pop, append = todo.popleft, todo.append
    while todo:
        n = pop()
        for name in n._fields:
            v = getattr(n, name, None)
            if isinstance(v, list):
                for x in v:
                    if isinstance(x, ast.AST):
                        append(x)
            elif isinstance(v, ast.AST):
                append(v)
        yield n


def statements(fdef):
    """Every statement of a function, nested ones included (``walk`` without descending into
    expressions), in program order."""
    todo = list(reversed(fdef.body))
    while todo:
        stmt = todo.pop()
        yield stmt
        if not isinstance(stmt, ast.Assign):
            todo += reversed(getattr(stmt, "orelse", None) or [])
            todo += reversed(getattr(stmt, "body", None) or [])


def function_def(name, args, body):
    """A plain ``def`` node, on every supported Python version."""
    fdef = ast.FunctionDef(name=name, args=args, body=body, decorator_list=[], returns=None,
                           type_comment=None)
    if "type_params" in ast.FunctionDef._fields:
        fdef.type_params = []
    return fdef


def docstring(text, indent=4, width=100):
    """A docstring statement whose text is wrapped to fit ``width`` columns in a function body
    indented by ``indent``."""
    lines = textwrap.wrap(text, width - indent, initial_indent=" " * 3,
                          subsequent_indent=" " * indent)
    return ast.Expr(ast.Constant("\n".join(lines)[3:] if lines else text))


def assign(name, value):
    """``name = value``."""
    return ast.Assign([ast.Name(name, ast.Store())], value)


def dotted(name):
    """``np.linalg.solve`` as a tree of attributes."""
    parts = name.split(".")
    node = ast.Name(parts[0], ast.Load())
    for p in parts[1:]:
        node = ast.Attribute(node, p, ast.Load())
    return node


def dotted_name(node):
    """``np.linalg.solve`` of a tree of attributes, or None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    return ".".join([node.id] + parts[::-1]) if isinstance(node, ast.Name) else None


def item(node, i):
    """``node[i]`` for an integer ``i``."""
    return ast.Subscript(clone(node), ast.Constant(i), ast.Load())


def bound_names(target):
    """The names an assignment target binds or changes: ``x``, ``(a, b)``, and in ``y[i] = v``
    only ``y`` (``i`` is read)."""
    if isinstance(target, ast.Subscript):
        return bound_names(target.value)
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for e in target.elts for n in bound_names(e)]
    return [target.id] if isinstance(target, ast.Name) else []


def bound_by(node):
    """(name, whether written into) for the names a statement binds (``x`` of ``x = v``) or
    writes into (``a`` of ``a[i] = v``)."""
    if isinstance(node, ast.Assign):
        return [(n, isinstance(t, ast.Subscript)) for t in node.targets for n in bound_names(t)]
    if isinstance(node, ast.For):
        return [(n, False) for n in bound_names(node.target)]
    return []


def pure(value):
    """Whether ``value`` depends on nothing but the names it reads: no call of a user
    function, no method call (``s.pop()``)."""
    for n in walk(value):
        if hasattr(n, "sct_callee"):
            return False
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
            root = n.func
            while isinstance(root, ast.Attribute):
                root = root.value
            if not (isinstance(root, ast.Name) and root.id in ("np", "math")):
                return False
    return True


def value_names(node):
    """The names ``node`` reads, leaving out the operands read for their shape only
    (``Rule.shapes``: ``np.shape(x)``, ``_unbroadcast(g, x)``, ``_unbroadcast_product(a, b,
    x)``)."""
    found, todo = set(), [node]
    while todo:
        n = todo.pop()
        if isinstance(n, ast.Name):
            found.add(n.id)
            continue
        if isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute)):
            rule = rules.lookup(getattr(n, "sct_op", None) or dotted_name(n.func))
            if rule is not None and rule.shapes:
                todo += [a for i, a in enumerate(n.args)
                         if i not in rule.shapes or not isinstance(a, ast.Name)]
                todo += [k.value for k in n.keywords]
                continue
        todo += ast.iter_child_nodes(n)
    return found



def literal_number(node):
    """The value of a numeric literal (optionally negated), or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = literal_number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


# ---------------------------------------------------------------- the forms
def is_inert(stmt):
    """Whether a statement is an inert statement (form 10)."""
    return getattr(stmt, "sct_inert", False)


def is_atom(node):
    return isinstance(node, (ast.Name, ast.Constant)) or hasattr(node, "sct_const")


def op_key(value):
    """The rule-table key of an operation (form 2); ``"call"`` for a call of a user function.
    A call that is neither an intrinsic nor a user function has no key: an error in sct."""
    if isinstance(value, (ast.BinOp, ast.UnaryOp)):
        return type(value.op).__name__
    if isinstance(value, (ast.Compare, ast.BoolOp)):
        return "compare"
    if isinstance(value, ast.Call):
        key = getattr(value, "sct_op", None)
        if key is None and not hasattr(value, "sct_callee"):
            raise ValueError(f"sct error: a call without a rule, {ast.unparse(value)}")
        return key or "call"
    if isinstance(value, ast.Subscript):
        return "subscript"
    if isinstance(value, ast.Attribute):
        return getattr(value, "sct_op", "attribute")      # x.shape, or a record's field p.w
    if isinstance(value, ast.Tuple):
        return "tuple"
    if isinstance(value, ast.List):
        return "stack"
    return "copy"


def statement_form(stmt):
    """Which assignment form (1-4) an ``ast.Assign`` of the intrinsic form is."""
    target = stmt.targets[0]
    if isinstance(target, ast.Subscript):
        return INDEX_ASSIGN
    if isinstance(target, ast.Tuple):
        return UNPACK
    return COPY if is_atom(stmt.value) else OPERATION


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
    if isinstance(value, ast.Attribute):
        return [value.value], {}
    if isinstance(value, ast.Tuple):
        return list(value.elts), {}
    return [], {}


def diff_operands(rule, value):
    """(slot, operand) for the operands of operation ``value`` that its rule differentiates
    (but those ``rule.skips`` leaves out in this call): a slot is a positional operand's
    position or a keyword's name."""
    args, keywords = operands(value)
    skipped = rule.skips(value) if rule.skips else ()
    found = [(i, a) for i, a in enumerate(args)
             if rule.param_at(i) in rule.diff and i not in skipped]
    return found + [(k, a) for k, a in keywords.items() if k in rule.diff and k not in skipped]


def with_operand(value, slot, new):
    """A copy of operation ``value`` with the operand at ``slot`` (see ``diff_operands``)
    replaced by ``new``."""
    value = clone(value)
    if isinstance(slot, str):
        next(k for k in value.keywords if k.arg == slot).value = new
    elif isinstance(value, ast.BinOp):
        setattr(value, ("left", "right")[slot], new)
    elif isinstance(value, ast.UnaryOp):
        value.operand = new
    elif isinstance(value, (ast.Subscript, ast.Attribute)):
        value.value = new
    elif isinstance(value, ast.Tuple):
        value.elts[slot] = new
    else:
        value.args[slot] = new
    return value


# ---------------------------------------------------------------- the contract, checked
VERIFY = False          # the tests set it: every pass then checks what it hands on
_NO_RULE = {"pop", "push", "stack", "call"}       # keys the passes handle themselves


class FormError(Exception):
    """A function that breaks the intermediate form: an error in sct, not in the user's code."""


def checked(fdef, stage):
    """``fdef``, verified first when ``VERIFY`` is set (the tests' setting)."""
    if VERIFY:
        verify(fdef, stage)
    return fdef


def verify(fdef, stage):
    """Check that a function holds the forms of ``stage`` (one of ``STAGES``, see the module
    docstring); raise ``FormError`` naming the first statement that does not."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage '{stage}' (stages: {', '.join(STAGES)})")
    _Verifier(stage).block(fdef.body, loop=None)
    if stage == "normalize":
        returns = [n for n in walk(fdef) if isinstance(n, ast.Return)]
        if len(returns) != 1 or fdef.body[-1] is not returns[0]:
            raise FormError(f"{fdef.name}: after normalize the one return is the last statement")
    return fdef


def _fail(node, what):
    text = ast.unparse(node) if isinstance(node, ast.AST) else repr(node)
    raise FormError(f"line {getattr(node, 'lineno', '?')}: {what}: {text}")


def _rule_of(value):
    """Every operation's key names a rule, or one of the forms the passes handle themselves."""
    key = op_key(value)
    if key not in _NO_RULE and key != "copy" and rules.lookup(key) is None:
        _fail(value, f"no rule for the operation '{key}'")
    return key


class _Verifier:
    def __init__(self, stage):
        self.stage = stage
        self.intrinsic = stage != "parse"

    def block(self, stmts, loop):
        if not stmts and self.intrinsic:
            _fail(ast.Pass(), "an empty block")
        for s in stmts:
            self.statement(s, loop)

    def statement(self, s, loop):
        if is_inert(s):
            return self.inert(s)
        if not self.intrinsic:
            return self.parsed(s)
        if isinstance(s, ast.Assign):
            return self.assignment(s)
        if isinstance(s, ast.If):
            self.condition(s.test)
            self.block(s.body, loop)
            if s.orelse:
                self.block(s.orelse, loop)
            return
        if isinstance(s, ast.For):
            return self.for_loop(s)
        if isinstance(s, ast.While):
            self.condition(s.test)
            return self.block(s.body, s)
        if isinstance(s, ast.Return):
            value = s.value
            elts = value.elts if isinstance(value, ast.Tuple) else [value]
            if not all(e is not None and is_atom(e) for e in elts):
                _fail(s, "a return of something other than atoms")
            return
        if isinstance(s, (ast.Break, ast.Continue)):
            if loop is None:
                _fail(s, "a jump outside a loop")
            if self.stage == "normalize" and isinstance(s, ast.Continue):
                _fail(s, "a continue after normalize")
            return
        if isinstance(s, ast.Pass):
            return
        if isinstance(s, ast.Expr) and getattr(s.value, "sct_op", None) == "push" and \
                len(s.value.args) == 1 and is_atom(s.value.args[0]):
            return
        _fail(s, "a statement outside the intrinsic form")

    def inert(self, s):
        """Form 10: its head, and expressions that bind nothing and call no user function."""
        if isinstance(s, ast.Raise):
            exc = s.exc.func if isinstance(s.exc, ast.Call) else s.exc
            if s.cause is not None or not isinstance(exc, ast.Name):
                _fail(s, "a raise other than of a built-in exception")
            calls = [s.exc] if isinstance(s.exc, ast.Call) else []
        elif isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) and \
                dotted_name(s.value.func) in ("print", "warnings.warn"):
            calls = [s.value]
        elif isinstance(s, ast.Assert):
            calls = []
        else:
            return _fail(s, "an inert statement other than assert, raise, print, warnings.warn")
        for n in walk(s):
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load) or \
                    isinstance(n, (ast.NamedExpr, ast.Lambda, ast.Yield, ast.Await)):
                _fail(s, "an inert statement that binds a name")
            if isinstance(n, ast.Call) and n not in calls and not is_inert(n):
                if hasattr(n, "sct_callee") or not hasattr(n, "sct_op"):
                    _fail(n, "a call in an inert statement other than an intrinsic's")
                _rule_of(n)

    def parsed(self, s):
        """After parsing: every call is an intrinsic with a rule, a user call or a stack's (an
        inert statement's, form 10, as ``inert`` says)."""
        inert = [n for n in walk(s) if isinstance(n, ast.stmt) and is_inert(n)]
        for n in inert:
            self.inert(n)
        inside = {id(m) for n in inert for m in walk(n)}
        for n in walk(s):
            if isinstance(n, ast.Call) and id(n) not in inside:
                if n.__class__ is ast.Call and not hasattr(n, "sct_callee") and \
                        not hasattr(n, "sct_op"):
                    _fail(n, "a call neither intrinsic nor of a user function")
                _rule_of(n)

    def assignment(self, s):
        if len(s.targets) != 1:
            _fail(s, "an assignment to several targets")
        target, value = s.targets[0], s.value
        if isinstance(target, ast.Name):
            if not is_atom(value):
                self.operation(value)
        elif isinstance(target, ast.Tuple):
            if not all(isinstance(e, ast.Name) for e in target.elts) or \
                    not isinstance(value, ast.Name):
                _fail(s, "an unpacking other than (a, b, ...) = name")
        elif isinstance(target, ast.Subscript):
            if not isinstance(target.value, ast.Name) or not is_atom(value):
                _fail(s, "an index assignment other than name[INDEX] = atom")
            self.index(target.slice)
        else:
            _fail(s, "an assignment target outside the intrinsic form")

    def operation(self, value):
        key = _rule_of(value)
        if isinstance(value, ast.BinOp) or isinstance(value, ast.UnaryOp) and \
                not isinstance(value.op, ast.Not):
            if not all(is_atom(a) for a in operands(value)[0]):
                _fail(value, "an arithmetic operation on something other than atoms")
        elif isinstance(value, (ast.Compare, ast.BoolOp, ast.UnaryOp)):
            self.condition(value)
        elif isinstance(value, ast.Call):
            if key == "pop":
                return
            for a in value.args + [k.value for k in value.keywords]:
                self.argument(a)
        elif isinstance(value, ast.Subscript):
            if not isinstance(value.value, ast.Name):
                _fail(value, "an index into something other than a name")
            self.index(value.slice)
        elif isinstance(value, ast.Attribute):
            if not isinstance(value.value, ast.Name) or value.attr not in (
                    "shape", "ndim", "size") and getattr(value, "sct_op", "attribute") == \
                    "attribute":                        # else a rule's: a record's field
                _fail(value, "an attribute other than .shape, .ndim, .size or a record's field")
        elif isinstance(value, ast.Tuple):
            if not all(is_atom(e) for e in value.elts):
                _fail(value, "a tuple of something other than atoms")
        elif isinstance(value, ast.List):
            if value.elts:
                _fail(value, "a list display outside a call")
        else:
            _fail(value, "an operation outside the intrinsic form")

    def argument(self, a):
        if isinstance(a, (ast.List, ast.Tuple)):
            for e in a.elts:
                self.argument(e)
        elif not is_atom(a):
            _fail(a, "a call argument other than an atom, a string or a list of those")

    def index(self, index):
        parts = index.elts if isinstance(index, ast.Tuple) else [index]
        for p in parts:
            if isinstance(p, ast.Slice):
                bounds = [p.lower, p.upper, p.step]
                if not all(b is None or is_atom(b) for b in bounds):
                    _fail(p, "a slice bound other than an atom")
            elif not is_atom(p):
                _fail(p, "an index part other than an atom or a slice")

    def condition(self, test):
        if is_atom(test):
            return
        if isinstance(test, ast.Compare):
            if all(is_atom(a) for a in [test.left] + test.comparators):
                return
        elif isinstance(test, ast.BoolOp):
            for v in test.values:
                self.condition(v)
            return
        elif isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return self.condition(test.operand)
        _fail(test, "a condition over something other than atoms")

    def for_loop(self, s):
        it = s.iter
        if not isinstance(s.target, ast.Name) or not isinstance(it, ast.Call) or \
                getattr(it, "sct_op", None) != "range" or \
                not all(is_atom(a) for a in it.args) or not 1 <= len(it.args) <= 3:
            _fail(s, "a for loop other than for name in range(atoms)")
        if self.stage == "normalize":
            inside = {n for b in s.body for node in walk(b) for n, _ in bound_by(node)}
            fixed = {a.id for a in it.args if isinstance(a, ast.Name)} | {s.target.id}
            if inside & fixed:
                _fail(s, "a loop that rebinds its variable or its range's arguments")
        self.block(s.body, s)
