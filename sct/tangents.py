"""Forward (tangent) mode: ``d_f(args..., tangents...) -> (value, tangent)``.

``forward(program, wrt)`` differentiates each entry function of a checked ``Program`` with
respect to the parameters ``wrt[name]`` (names), and every user function they call with respect
to the arguments active at each call site; ``zero_wrt`` says what a parameter in ``wrt`` used
only where no derivative flows (a loop bound, say) gets (``compilation.derive_all``).  It
returns a
``compilation.Derivatives``: the generated ``ast.FunctionDef``s (entries first, then callees),
the primal user functions that generated code still calls, and the module constants used.

Each statement of the intrinsic form (see ``ir``) becomes the statement itself followed by
its tangent statement, ``d`` + name, built from the rule table.  Only active variables (see
``activity``) get tangents; an inactive operand contributes nothing (a symbolic zero), and a zero
is only written where an active variable takes an inactive value.  Where the program writes
into arrays (``y[i] = v``, and so ``dy[i] = dv``), tangents share memory only where values do
(``needs_own_array``).
"""
import ast
import copy

from . import complexes, rules, templates
from .activity import analyze, refuse_lost_derivatives
from .compilation import Compilation, derive_all
from .errors import SctError
from .ir import (INDEX_ASSIGN, diff_operands, docstring, function_def, op_key, statement_form, walk,
                 with_operand)
from .memory import written_memory
from .names import Namer, names_in, names_of, prefix_for, temporaries


def forward(program, wrt, compilation=None, zero_wrt="allow"):
    comp = compilation or Compilation(program)

    def build(fn, order, request, primals, out, entry):
        return _Tangent(fn, comp, order, request, primals, out, entry)

    # an entry with defaults takes keyword-only tangents, and one that writes into its
    # parameters copies their tangents first: call sites cannot share it
    return derive_all(program, wrt, comp, zero_wrt, "d_", build,
                      own=lambda fn: bool(fn.signature.defaults or fn.signature.kwonly) or
                      bool(written_memory(comp.ir(fn)) & set(fn.params)))


class _Tangent:
    """Writes the tangent function of one function for one set of active parameters."""

    def __init__(self, fn, comp, wrt, request, primals, out, entry=False):
        self.fn = fn
        self.entry = entry
        self.ir = comp.ir(fn)
        self.comp = comp
        self.wrt = wrt
        self.request = request
        self.primals = primals
        self.out = out
        self.act = analyze(self.ir, wrt, comp.callee_params,
                           tuple_params=comp.tuple_params[fn],
                           number_params=comp.number_params[fn],
                           param_ranks=comp.param_ranks[fn])
        refuse_lost_derivatives(self.ir, self.act, fn.source)
        complexes.check(self.ir, self.act.complex, fn.source)
        taken = names_in(self.ir) | set(fn.constants)
        self.prefix = prefix_for(taken, "d")
        self.namer = Namer(taken | {self.prefix + n for n in taken})
        self.namer.count = self.ir.sct_namer.count
        self.written = _written(self.ir)    # arrays written in place (y[i] = v)
        callers = [g for g in comp.program.functions if fn in g.callees]
        writers = any(_written(comp.ir(g)) for g in comp.program.functions)
        self.escaping = _returned(self.ir) if callers and writers else set()

    def d(self, name):
        return self.prefix + name

    def function(self, name):
        body = self.block(self.ir.body)
        # a parameter outside wrt can still become active (reassigned from an active value)
        body = [self.set_tangent(p, self.act.zero(p)) for p in self.fn.params
                if p in self.act.active and p not in self.wrt] + body
        if self.entry:      # the caller's tangents are never written into: d_f writes copies
            written = written_memory(self.ir)
            body = [self.set_tangent(p, ast.BinOp(ast.Name(self.d(p), ast.Load()), ast.Add(),
                                                  self.act.zeros_like(p)))
                    for p in self.wrt if p in written and p in self.act.active] + body
        args = copy.deepcopy(self.ir.args)
        for a in args.args:
            a.annotation = None
        tangents = [ast.arg(self.d(p)) for p in self.wrt]
        sig = self.fn.signature
        if self.entry and (sig.defaults or sig.kwonly):
            # d_f(x, a=3.0, *, scale=1.0, dx, da=0.0, dscale=0.0): f's own signature, then
            # keyword-only tangents, a defaulted parameter's 0.0
            args.args = args.args[:len(sig.positional)]
            args.defaults = [copy.deepcopy(sig.defaults[p]) for p in sig.positional
                             if p in sig.defaults]
            args.kwonlyargs = [ast.arg(p) for p in sig.kwonly] + tangents
            args.kw_defaults = [copy.deepcopy(sig.defaults.get(p)) for p in sig.kwonly] + \
                [ast.Constant(0.0) if p in sig.defaults else None for p in self.wrt]
        else:
            args.args += tangents
        doc = (f"Tangent of {self.fn.name} with respect to {', '.join(self.wrt) or 'nothing'}: "
               f"returns (value, tangent).")
        fdef = function_def(name, args, [docstring(doc)] + body)
        fdef.sct_temporaries = temporaries(self.ir.sct_namer, self.namer, self.prefix)
        return ast.fix_missing_locations(fdef)

    # ------------------------------------------------------------ statements
    def block(self, stmts):
        out = []
        for stmt in stmts:
            out += self.statement(stmt)
        return out

    def statement(self, stmt):
        if isinstance(stmt, ast.Expr) and getattr(stmt.value, "sct_op", None) == "push":
            return self.push(stmt)
        if isinstance(stmt, ast.Assign):
            return getattr(self, "assign_" + statement_form(stmt))(stmt)
        if isinstance(stmt, ast.If):
            return [ast.If(stmt.test, self.block(stmt.body) or [ast.Pass()],
                           self.block(stmt.orelse))]
        if isinstance(stmt, ast.For):
            body = self.block(stmt.body)
            if stmt.target.id in self.act.active:     # active elsewhere; here an integer
                body.insert(0, self.set_tangent(stmt.target.id, ast.Constant(0.0)))
            return [ast.For(stmt.target, stmt.iter, body or [ast.Pass()], [])]
        if isinstance(stmt, ast.While):
            return [ast.While(stmt.test, self.block(stmt.body) or [ast.Pass()], [])]
        if isinstance(stmt, ast.Return):
            return [self.ret(stmt)]
        return [stmt]

    def assign_copy(self, stmt):
        target = stmt.targets[0].id
        out = [stmt]
        if target in self.act.active:
            out.append(self.set_tangent(target, self.tangent(stmt.value) or
                                        self.zero_of(stmt.value, target)))
        return out

    def assign_unpack(self, stmt):
        out = [stmt]
        targets = stmt.targets[0].elts
        source = self.tangent(stmt.value)
        active = [t.id in self.act.active for t in targets]
        if not any(active):
            return out
        if source is None:
            return out + [self.set_tangent(t.id, self.act.zero(t.id))
                          for t, a in zip(targets, active) if a]
        if all(active):
            store = ast.Tuple([ast.Name(self.d(t.id), ast.Store()) for t in targets], ast.Store())
            return out + [ast.Assign([store], source)]
        return out + [self.set_tangent(t.id, ast.Subscript(copy.deepcopy(source),
                                                           ast.Constant(i), ast.Load()))
                      for i, (t, a) in enumerate(zip(targets, active)) if a]

    def assign_index_assign(self, stmt):
        target = stmt.targets[0]
        array = target.value.id
        out = [stmt]
        if array in self.act.active:
            store = ast.Subscript(ast.Name(self.d(array), ast.Load()),
                                  copy.deepcopy(target.slice), ast.Store())
            zero = ast.Constant(0.0)      # numpy broadcasts it into the entries written
            if array in self.act.tuples:  # a list's item: a zero of the value's own shape
                zero = self.zero_of(stmt.value)
            out.append(ast.Assign([store], self.tangent(stmt.value) or zero))
        return out

    def push(self, stmt):
        """s.append(v): the tangent stack ds gets v's tangent in the same place."""
        stack = stmt.value.func.value.id
        if stack not in self.act.active:
            return [stmt]
        atom = stmt.value.args[0]
        tangent = self.tangent(atom) or self.zero_of(atom)
        append = ast.Attribute(ast.Name(self.d(stack), ast.Load()), "append", ast.Load())
        return [stmt, ast.Expr(ast.Call(append, [tangent], []))]

    def assign_operation(self, stmt):
        target = stmt.targets[0].id
        value = stmt.value
        key = op_key(value)
        if key == "stack" and target in self.act.active:
            return [stmt, self.set_tangent(target, ast.List([], ast.Load()))]
        if key == "pop":
            stack = value.func.value.id
            if stack not in self.act.active:
                return [stmt]
            pop = ast.Call(ast.Attribute(ast.Name(self.d(stack), ast.Load()), "pop", ast.Load()),
                           [], [])
            if target in self.act.active:
                return [stmt, self.set_tangent(target, pop)]
            return [stmt, ast.Expr(pop)]           # keeps the tangent stack in step
        if hasattr(value, "sct_callee"):
            return self.call(stmt, target, value)
        if target not in self.act.active:
            return [self.seen_by_tangent(stmt)]
        tangent, uses_result = self.operation_tangent(value, target)
        if tangent is None:
            return [stmt, self.set_tangent(target, self.act.zero(target))]
        if self.needs_own_array(target, tangent):
            tangent = ast.BinOp(tangent, ast.Add(), self.act.zeros_like(target))
            uses_result = True
        reads_target = target in names_of(value)
        if not reads_target:
            return [stmt, self.set_tangent(target, tangent)]
        if not uses_result:
            return [self.set_tangent(target, tangent), stmt]
        temp = self.namer.temp()
        tangent, _ = self.operation_tangent(value, temp)
        return [ast.Assign([ast.Name(temp, ast.Store())], value),
                self.set_tangent(target, tangent),
                ast.Assign([ast.Name(target, ast.Store())], ast.Name(temp, ast.Load()))]

    def needs_own_array(self, target, tangent):
        """Whether ``d<target> = tangent`` must be made a new, full-shaped array.

        ``y = x + c`` makes a new array, but its tangent is ``dx`` itself.  The two may share
        memory only while nothing writes into either: not in a function that writes into
        arrays in place (``y[i] = v`` writes ``dy[i]``, which must have ``y``'s shape too),
        and not for a result that a calling function may write into (when the program writes
        into any array).
        """
        if target in self.act.scalars or not _is_bare(tangent):
            return False
        return bool(self.written) or target in self.escaping

    def call(self, stmt, target, value):
        callee = value.sct_callee
        positions = sorted(i for i, a in enumerate(value.args)
                           if i in self.comp.callee_params[callee] and self.tangent(a) is not None)
        if target not in self.act.active or not positions:
            if callee not in self.primals:
                self.primals.append(callee)
            out = [stmt]
            if target in self.act.active:
                out.append(self.set_tangent(target, self.act.zero(target)))
            return out
        name = self.request(callee, positions)
        args = list(value.args) + [self.tangent(value.args[i]) for i in positions]
        store = ast.Tuple([ast.Name(target, ast.Store()), ast.Name(self.d(target), ast.Store())],
                          ast.Store())
        call = ast.Call(ast.Name(name, ast.Load()), args, [])
        call.sct_effects = callee.effects          # kept by the optimizer if it has some
        return [ast.Assign([store], call)]

    def ret(self, stmt):
        value = stmt.value
        if isinstance(value, ast.Tuple):
            tangent = ast.Tuple([self.tangent(e) or self.zero_of(e) for e in value.elts],
                                ast.Load())
        else:
            tangent = self.tangent(value) or self.zero_of(value)
        return ast.Return(ast.Tuple([value, tangent], ast.Load()))

    # ------------------------------------------------------------ tangent expressions
    def tangent(self, atom):
        """The tangent of an atom, or None for a symbolic zero."""
        if isinstance(atom, ast.Name) and atom.id in self.act.active:
            return ast.Name(self.d(atom.id), ast.Load())
        return None

    def operand_tangent(self, node):
        """The tangent of an operation's operand: an atom's, or for a list or tuple with an
        active element the list of its elements' tangents (zeros for the others)."""
        if isinstance(node, (ast.List, ast.Tuple)):
            return self.zero_operand(node) if names_of(node) & self.act.active else None
        return self.tangent(node)

    def set_tangent(self, name, value):
        return ast.Assign([ast.Name(self.d(name), ast.Store())], value)

    def zero_of(self, atom, name=None):
        """The zero tangent of an atom's value (a number's is 0.0)."""
        if isinstance(atom, ast.Name):
            return self.act.zero(atom.id)
        if self.act.is_number(atom) or name is None:
            return ast.Constant(0.0)
        return self.act.zero(name)

    def zero_operand(self, node):
        """The tangent of an inactive operand inside a linear operation."""
        if isinstance(node, ast.Name):
            return self.tangent(node) or self.act.zero(node.id)
        if isinstance(node, (ast.List, ast.Tuple)):
            return type(node)([self.zero_operand(e) for e in node.elts], ast.Load())
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) or \
                getattr(node, "sct_const", None) in rules.SCALAR_CONSTANTS:   # math.pi
            return ast.Constant(0.0)
        return node

    def seen_by_tangent(self, stmt):
        """A statement without a tangent, or for a rule's ``forward_value`` (a test of an
        active operand that must see its tangent too) that value."""
        rule = rules.lookup(op_key(stmt.value))
        args = getattr(stmt.value, "args", [])
        if rule is None or rule.forward_value is None or len(args) != 1 or \
                self.tangent(args[0]) is None:
            return stmt
        value = templates.instantiate(rule.forward_value, {rule.params[0]: args[0],
                                                  rule.params[1]: self.tangent(args[0])})
        return ast.copy_location(ast.Assign(stmt.targets, value), stmt)

    def operation_tangent(self, value, target):
        """(tangent expression or None, whether it reads the result)."""
        rule = complexes.variant(rules.lookup(op_key(value)), value, self.act.complex)
        if rule is None or rule.kind == "nondiff":
            return None, False
        if rule.kind == "linear":
            return self.linear(value, rule), False
        if rule.kind == "multilinear":
            return self.multilinear(value, rule), False
        return self.template(value, rule, target)

    def linear(self, value, rule):
        """The operation applied to its operands' tangents (zeros for the inactive ones), or
        None where none of them carries one (a part of an inactive array)."""
        slots = diff_operands(rule, value)
        if all(self.operand_tangent(a) is None for _, a in slots):
            return None
        for slot, operand in slots:
            value = with_operand(value, slot, self.zero_operand(operand))
        return rule.tangent_of(value) if rule.tangent_of else value

    def multilinear(self, value, rule):
        """The sum over active operands of the operation with that operand's tangent."""
        terms = [with_operand(value, slot, self.operand_tangent(operand))
                 for slot, operand in diff_operands(rule, value)
                 if self.operand_tangent(operand) is not None]
        return templates.sum_terms(terms)

    def template(self, value, rule, target):
        bound, mapping, scalar = templates.application(rule, value, target, self.act.is_number)
        active = [p for p in rule.diff if p in bound and self.operand_tangent(bound[p]) is not None]
        if not active:
            return None, False
        mapping.update({"d" + p: self.operand_tangent(bound[p]) if p in rule.pairs else
                        templates.as_array(self.operand_tangent(bound[p])) for p in active})
        mapping.update({"d" + p: self.operand_tangent(bound[p]) or ast.Constant(0.0)
                        for p in rule.params if p in bound and p not in rule.diff})
        missing = [p for p in active if p not in rule.tangent]
        if missing:
            raise SctError.at(value, self.fn.source,
                              f"sct has no derivative of '{rule.name}' with respect to "
                              f"'{missing[0]}' (this is a second derivative through an adjoint "
                              f"that sct does not differentiate)",
                              "compute this derivative by finite differences of the gradient")
        if rule.both and len(active) == len([p for p in rule.diff if p in bound]) > 1:
            texts = [rule.both_text(scalar)]
        else:
            texts = [rule.tangent_text(p, bound, scalar) for p in active]
        terms = [templates.instantiate(t, mapping) for t in texts]
        uses_result = any("y" in templates.names(t) for t in texts)
        inactive = [bound[p] for p in rule.diff if p in bound and p not in active]
        if rule.broadcast and not scalar and not all(map(self.act.is_number, inactive)):
            # an inactive array operand may broadcast the result beyond the active one's shape
            terms = [ast.BinOp(templates.sum_terms(terms), ast.Add(), self.act.zeros_like(target))]
            uses_result = True
        return templates.sum_terms(terms), uses_result



def _is_bare(node):
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        node = node.operand
    return isinstance(node, ast.Name)


def _written(fdef):
    """The arrays a function writes into (``y[i] = v``)."""
    return {stmt.targets[0].value.id for stmt in walk(fdef) if isinstance(stmt, ast.Assign)
            and statement_form(stmt) == INDEX_ASSIGN}


def _returned(fdef):
    """Names a function returns, and the names those are copied from."""
    names = set()
    for node in walk(fdef):
        if isinstance(node, ast.Return):
            names |= names_of(node.value)
    copies = [(s.targets[0].id, s.value.id) for s in walk(fdef) if isinstance(s, ast.Assign)
              and isinstance(s.targets[0], ast.Name) and isinstance(s.value, ast.Name)]
    changed = True
    while changed:
        changed = False
        for target, source in copies:
            if target in names and source not in names:
                names.add(source)
                changed = True
    return names
