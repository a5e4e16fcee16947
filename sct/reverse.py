"""Reverse (adjoint) mode: ``b_f(args..., b_out=1.0) -> (value, (b_arg, ...))``.

``reverse(program, wrt, compilation)`` returns a ``compilation.Derivatives`` holding, for each entry
function, an adjoint function that runs

1. a forward sweep: the function's own statements (control flow normalized by ``controlflow``,
   which also gives each rebinding outside loops and branches a name of its own, so that
   straight-line code overwrites nothing), saving on ``stack`` the old value of a variable just
   before it is overwritten, and the trip count of loops nested in other loops.  A value is
   saved only where an overwrite can happen (a variable assigned once outside loops keeps its
   value), only if the reverse sweep reads the variable (for a write into an array, ``y[i] =
   v``, which keeps shapes: reads more than its shape, of ``y`` or of any name that may share
   its memory, such as a slice), and only if something after the restore in the reverse sweep
   reads it (a liveness pass over the sweep, ``saves.dead_restores``).  The stack is a local list:
   the adjoint keeps no state between calls;
2. a reverse sweep: the statements backwards, one adjoint statement per operation (``b_`` +
   name), restoring each saved value after the statement's adjoint, branches replayed from their
   (restored) conditions and loops from their trip counts (read off the stack's length where
   each pass pushes as many values, ``saves.stack_trip_count``; walked backwards, with no pops,
   where a pass pushes one value, ``_Adjoint.walking``; counted for numba, whose stacks
   sct/jit.py splits per variable).  An adjoint reads what the
   forward sweep computed where the sweep holds it instead of computing it again
   (``Saves.reusable``, ``Saves.reuse_later``), and a product of two numbers whose factors it
   keeps anyway is recomputed instead of saved (``Saves.recomputable``).

Inert statements (``ir``'s form 10: assert, raise, print, warnings.warn) run in the forward sweep
only, where the function ran them; a callee's adjoint, which its caller's reverse sweep calls
after the forward sweep called the function itself, leaves them out.

For an entry function (a gradient), the value is taken to be a number (``scalar_output``),
which lets the analysis see more scalars and skip summing adjoints back to operand shapes.
Adjoints are accumulated without zero initialization where possible: the sweep tracks which
adjoints are still zero (``zero``) and which arrays it may update in place (``owned``), and
writes zeros only where control flow merges paths that disagree.  A user function call gets the
callee's own adjoint function, called from the reverse sweep.

What the adjoint returns is the caller's own: the value is copied (``_detached``) where the
reverse sweep writes old entries back into arrays it holds, each parameter's adjoint is an array
of its own (never the output adjoint passed in, nor another parameter's adjoint), and a zero
adjoint has the shape the parameter was passed with, even if its name is rebound.
"""
import ast
import copy

from . import complexes, names, rules, templates
from .activity import analyze, masked_names, refuse_lost_derivatives, steep_names
from .adjoints import Adjoints
from .aliasing import check_writes, resolve_views
from .compilation import derive_all
from .errors import SctError
from .controlflow import normalize
from .ir import (INDEX_ASSIGN, assign, clone, diff_operands, docstring, dotted, function_def,
                 is_atom, is_inert, item, op_key, operands, statement_form, walk)
from .memory import element_reads, equal_shapes, memory, sharing
from .names import Namer, names_in, names_of, prefix_for, temporaries
from .program import ADJOINT_DOC
from .reverse_calls import _Calls
from .saves import Saves, pop, push, reading, reads_own_target, stack_trip_count


def reverse(program, wrt, comp, zero_wrt="allow", scalar_output=True, record=False):
    """``record``: callees that are no entry get a recording forward sweep (``r_g``) beside
    their adjoint (``_Adjoint.recorded``), so that the adjoint does not run g's forward sweep
    again."""
    def build(fn, order, request, primals, out, entry):
        # an entry that other functions call serves those calls too, whose values may be arrays
        called = any(fn in f.callees for f in program.functions)
        value = fn in program.entries
        return _Adjoint(fn, comp, order, request, primals, out,
                        scalar_output and entry and not called,
                        inert=entry or record and not value, value=value, record=record)

    # a callee's adjoint runs in its caller's reverse sweep, after the forward sweep called
    # the function itself: it leaves out the inert statements, which that call ran already,
    # and so an entry that has some serves no call site; the adjoint of a callee that is no
    # entry returns only the adjoints (the caller has the value), so that what it computes
    # only for the value is dead code
    return derive_all(program, wrt, comp, zero_wrt, "b_", build, own=lambda fn: fn.effects)


class _Adjoint(_Calls):
    def __init__(self, fn, comp, wrt, request, primals, out, scalar_output, inert=True,
                 value=True, record=False):
        self.fn, self.comp, self.wrt = fn, comp, wrt
        self.inert = inert        # whether the forward sweep runs the inert statements
        self.value = value        # whether it returns the value beside the adjoints
        self.record = record      # whether calls of callees that are no entry are recorded
        self.recording = False    # whether the forward sweep calls a recording sweep
        self.request, self.primals, self.out = request, primals, out
        self.ir = normalize(resolve_views(comp.ir(fn)))
        self.act = analyze(self.ir, wrt, comp.callee_params, scalar_output,
                           comp.tuple_params[fn], comp.number_params[fn],
                           comp.param_ranks[fn])
        refuse_lost_derivatives(self.ir, self.act, fn.source)
        _refuse_active_stacks(self.ir, self.act, fn.source)
        complexes.check(self.ir, self.act.complex, fn.source)
        # y[i] of an array whose number of dimensions is known to be that of the index is a
        # number: a copy, not a view that writes into y would change
        self.shares = sharing(self.ir, element_reads(self.ir, self.act.scalars))
        self.masked, self.steep = masked_names(self.ir), steep_names(self.ir)
        self.equal = equal_shapes(self.ir, self.act.scalars,      # no summing back there
                                  comp.param_ranks[fn])
        called = any(fn in other.callees for other in comp.program.functions)
        check_writes(self.ir, fn, fn in comp.program.entries and not called, self.shares,
                     self.act.scalars)
        taken = names_in(self.ir) | set(fn.constants)
        self.prefix = prefix_for(taken, "b_")
        self.namer = Namer(taken | {self.prefix + n for n in taken})
        self.namer.count = self.ir.sct_namer.count
        for node in walk(self.ir):       # the forward sweep calls the functions themselves
            callee = getattr(node, "sct_callee", None)
            if callee is not None and callee not in primals:
                primals.append(callee)
        self.stack = self.namer.fresh(names.STACK)
        # complex values are saved on a stack of their own: forward mode over this code
        # (Hessians) tells complex names from real ones by what they are restored from
        self.complex_stack = self.namer.fresh(names.COMPLEX_STACK) if self.act.complex else None
        self.complex_saved = False
        self.seed = self.namer.fresh(names.SEED)
        self.tape = self.namer.fresh(names.TAPE) if record and not value else None
        self.counters = {}        # id(loop) -> counter name
        self.replayed = set()     # ids of the loops the (last) reverse sweep replays
        self.stack_counted = set()    # ids of those whose trip count it reads off the stack
        self.saves = Saves(self.ir, fn.params, self.shares)

    def b(self, name):
        return self.prefix + name

    # ------------------------------------------------------------ assembly
    def function(self, name):
        body, ret = self.ir.body[:-1], self.ir.body[-1].value
        live = set(self.wrt) | {self.b(p) for p in self.wrt}
        taken, count = set(self.namer.taken), self.namer.count

        def reset():            # the names a sweep thrown away made, but its loop counters
            self.namer.taken, self.namer.count = taken | set(self.counters.values()), count
        reverse_sweep, state = self.saves.settle(lambda: self.sweep(body, ret), live,
                                                 names_in(self.ir), reset)
        forward_sweep = self.forward_block(body, in_loop=False)
        init = []
        if self.saves.saved or any(i in self.replayed for i in self.saves.nested) or \
                self.recording:
            init.append(assign(self.stack, ast.List([], ast.Load())))
        if self.complex_saved:
            init.append(assign(self.complex_stack, ast.List([], ast.Load())))
        init += [assign(n, ast.Constant(None)) for n in sorted(self.saves.unbound)]
        rebound = self.saves.rebound()
        grads = []
        for p in self.wrt:
            grad = self.returned_adjoint(p, state)
            if p in rebound and names_of(grad) & {p}:     # the value p had when passed
                passed = self.namer.fresh(names.PASSED + p)
                init.append(assign(passed, ast.Name(p, ast.Load())))
                for n in walk(grad):
                    if isinstance(n, ast.Name) and n.id == p:
                        n.id = passed
            grads.append(grad)
        grads = ast.Tuple(grads, ast.Load())
        args = clone(self.ir.args)
        for a in args.args:
            a.annotation = None
        args.args.append(ast.arg(self.seed))
        args.defaults = [ast.Constant(1.0)]
        adjoints = f"({', '.join(self.b(p) for p in self.wrt)}{',' if len(self.wrt) == 1 else ''})"
        about = f"{ADJOINT_DOC}{self.fn.name} with respect to {', '.join(self.wrt) or 'nothing'}:"
        if self.tape is not None:
            return self.recorded(name, args, about, adjoints, init + forward_sweep,
                                 reverse_sweep, grads, ret)
        if not self.value:          # a call site's: the caller has the value
            doc = f"{about} returns {adjoints} for the output adjoint {self.seed}."
            return self.assembled(name, args, doc, init + forward_sweep + reverse_sweep +
                                  [ast.Return(grads)])
        value = self.detached(ret)
        restored = {n for _, n in self.saves.saved}
        if value is not ret or \
                any(isinstance(n, ast.Name) and n.id in restored for n in walk(ret)):
            value = ast.Name(self.namer.fresh(names.VALUE), ast.Load())   # before the restores
            forward_sweep.append(assign(value.id, self.detached(ret)))
        doc = f"{about} returns (value, {adjoints}) for the output adjoint {self.seed}."
        ret_stmt = ast.Return(ast.Tuple([value, grads], ast.Load()))
        return self.assembled(name, args, doc, init + forward_sweep + reverse_sweep + [ret_stmt])

    def assembled(self, name, args, doc, body):
        fdef = function_def(name, args, [docstring(doc)] + body)
        fdef.sct_temporaries = temporaries(self.ir.sct_namer, self.namer, self.prefix)
        return ast.fix_missing_locations(fdef)

    def detached(self, ret):
        """The returned value, copying the arrays in it that the reverse sweep writes old
        entries back into (``y[i] = stack.pop()``), directly or through a name sharing them."""
        written = self.saves.written()
        if not written:
            return ret
        exposed = set().union(*[memory(n, self.shares) for n in written])
        if not exposed & {n.id for n in walk(ret) if isinstance(n, ast.Name)}:
            return ret

        def copied(node):
            if isinstance(node, ast.Tuple):
                return ast.Tuple([copied(e) for e in node.elts], ast.Load())
            if not isinstance(node, ast.Name) or node.id not in exposed:
                return node
            if node.id in written:          # an array written into: copied as it is
                return ast.Call(dotted("np.copy"), [ast.Name(node.id, ast.Load())], [])
            return ast.Call(ast.Name("_detached", ast.Load()), [ast.Name(node.id, ast.Load())],
                            [])
        return copied(ret)

    def returned_adjoint(self, name, state):
        """A parameter's adjoint as returned: an array of its own, never the output adjoint
        passed in nor another parameter's adjoint (the caller may update it in place)."""
        adjoint = state.or_zero(name)
        if name in self.act.complex:        # a real parameter rebound to a complex value
            return _real(adjoint)
        if isinstance(adjoint, ast.Name) and name not in state.owned and \
                name not in self.act.scalars:
            adjoint = ast.Call(ast.Name("_detached", ast.Load()), [adjoint], [])
        if name in self.act.tuples or name in self.act.indexed:   # a tuple's is a tuple
            adjoint = ast.Call(ast.Name("_structured", ast.Load()),
                               [adjoint, ast.Name(name, ast.Load())], [])
        return adjoint

    # ------------------------------------------------------------ forward sweep
    def forward_block(self, stmts, in_loop):
        out = []
        for s in stmts:
            if isinstance(s, ast.Assign) and self.recorder(s.value) is not None:
                out += self.recorded_call(s)
            elif isinstance(s, ast.Assign):
                out += self.save(s) + [s]
            elif isinstance(s, ast.If):
                out.append(ast.If(s.test, self.forward_block(s.body, in_loop) or [ast.Pass()],
                                  self.forward_block(s.orelse, in_loop)))
            elif isinstance(s, (ast.For, ast.While)):
                out += self.forward_loop(s)
            elif not is_inert(s) or self.inert:
                out.append(s)
        return out

    def save(self, stmt):
        out = []
        target = stmt.targets[0]
        for n in self.saves.at(stmt):
            if isinstance(target, ast.Subscript):
                value = ast.Call(dotted("np.copy"), [clone(target)], [])
                value.args[0].ctx = ast.Load()
            else:
                value = ast.Name(n, ast.Load())
            out.append(push(self.stack_of(n), value))
        return out

    def stack_of(self, name):
        """The stack that saves ``name``'s old values."""
        if name in self.act.complex:
            self.complex_saved = True
            return self.complex_stack
        return self.stack

    def forward_loop(self, loop):
        new = copy.copy(loop)
        new.body = self.forward_block(loop.body, True)
        counter = self.counters.get(id(loop))
        if counter is None or id(loop) not in self.replayed or id(loop) in self.stack_counted:
            return [new]
        increment = assign(counter, ast.BinOp(ast.Name(counter, ast.Load()), ast.Add(),
                                              ast.Constant(1)))
        new.body = [increment] + new.body
        out = [assign(counter, ast.Constant(0)), new]
        if id(loop) in self.saves.nested:
            out.append(push(self.stack, ast.Name(counter, ast.Load())))
        return out

    # ------------------------------------------------------------ reverse sweep
    def sweep(self, body, ret):
        """The reverse sweep's statements, and what it knows of the adjoints at its end."""
        self.replayed, self.stack_counted = set(), set()
        state = Adjoints(self.act, self.prefix, self.act.active)
        out = []
        if isinstance(ret, ast.Tuple):
            for i, e in enumerate(ret.elts):
                if isinstance(e, ast.Name) and e.id in self.act.active:
                    out += state.accumulate({e.id: [item(ast.Name(self.seed, ast.Load()), i)]})
        elif isinstance(ret, ast.Name) and ret.id in self.act.active:
            out += state.accumulate({ret.id: [ast.Name(self.seed, ast.Load())]})
        out += self.reverse_block(body, state)
        return out, state

    def reverse_block(self, stmts, state):
        chunks = []          # [statement or None, its adjoint, its restores], backwards
        for k in range(len(stmts) - 1, -1, -1):
            s = stmts[k]
            if isinstance(s, ast.Assign) and reads_own_target(s):
                # left by normalize only where the adjoint reads the operands, never the
                # result (x = x + b, x = np.sum(x, 0), x = g(x)): the old x first
                chunks.append([None, self.restore(s) + self.reverse_assign(s, state), []])
            elif isinstance(s, ast.Assign):
                adjoint = reading(self.reverse_assign(s, state),
                                  self.saves.reusable(s, stmts[:k]))
                chunks.append(self.recomputing(s, adjoint, stmts[:k]))
            elif isinstance(s, ast.If):
                chunks.append([None, self.reverse_if(s, state), []])
            elif isinstance(s, (ast.For, ast.While)):
                chunks.append([None, self.reverse_loop(s, state), []])
        self.saves.reuse_later(chunks)
        return [t for _, adjoint, restores in chunks for t in adjoint + restores]

    def recomputing(self, stmt, adjoint, earlier):
        """[stmt, its adjoint, its restores] (stmt None where the restores come first, in the
        adjoint), the adjoint reading a product that an operand of it
        holds as the product of its factors where they are kept (``Saves.recomputable``): the
        old value of a factor ``stmt`` binds first, where its adjoint does not read the new."""
        products = self.saves.recomputable(stmt, earlier, self.act.active, self.act.scalars) \
            if adjoint else {}
        adjoint_names = names_of(ast.Module(adjoint, []))
        read = names_of(ast.Module(adjoint, []), loads_only=True)
        # read here, and the product's own adjoint then reads its factors, there as here
        products = {w: p for w, p in products.items() if w in read and
                    self.b(w) in adjoint_names}
        target = stmt.targets[0]
        first = isinstance(target, ast.Name) and \
            any(target.id in names_of(p) for p in products.values())
        if first and (target.id in read or
                      target.id not in self.saves.at(stmt)):
            products = {}
        if not products:
            return [stmt, adjoint, self.restore(stmt)]
        adjoint = clone(adjoint, products)
        return [None, self.restore(stmt) + adjoint, []] if first else \
            [stmt, adjoint, self.restore(stmt)]

    def restore(self, stmt):
        out = []
        target = stmt.targets[0]        # popped in the opposite order of ``save``'s pushes
        for n in reversed(self.saves.at(stmt)):
            store = clone(target) if isinstance(target, ast.Subscript) else \
                ast.Name(n, ast.Store())
            store.ctx = ast.Store()
            out.append(ast.Assign([store], pop(self.stack_of(n))))
            out[-1].sct_restore = (id(stmt), n)
        return out

    def reverse_if(self, stmt, state):
        body_state, else_state = state.copy(), state.copy()
        body = self.reverse_block(stmt.body, body_state)
        orelse = self.reverse_block(stmt.orelse, else_state)
        fill_body, fill_else = state.join(body_state, else_state)
        body, orelse = body + fill_body, orelse + fill_else
        if not body and not orelse:     # branches that write no code may still cut adjoints
            return []
        return [ast.If(clone(stmt.test), body or [ast.Pass()], orelse)]

    def reverse_loop(self, loop, state):
        start = state.loop_head(lambda end: self.reverse_block(loop.body, end))
        end = start.copy()
        body = self.reverse_block(loop.body, end)
        body += end.materialize(end.zero - start.zero)     # a pass that writes no code may
        if not body:                                       # still cut adjoints (x = 0.5)
            self.replayed.discard(id(loop))
            return []
        counter = self.counters.setdefault(id(loop), self.namer.fresh(names.COUNT))
        self.replayed.add(id(loop))
        before = state.materialize(state.zero - start.zero)
        state.become(start)
        count = ast.Name(counter, ast.Load())
        out = before
        depth = None if self.comp.numba else \
            stack_trip_count(loop, self.ir.body, self.stack, self.saves, self.act.complex)
        if depth is not None:
            self.stack_counted.add(id(loop))
            walked = self.walking(loop, depth, body)
            if walked is not None:
                return out + [walked]
            if isinstance(loop, ast.While):
                count = depth
            else:
                out.append(assign(counter, depth))
        if isinstance(loop, ast.For):
            a, c = _range_start_step(loop.iter.args)
            last = ast.BinOp(a, ast.Add(), ast.BinOp(ast.BinOp(count, ast.Sub(), ast.Constant(1)),
                                                     ast.Mult(), c))
            stop = ast.BinOp(clone(a), ast.Sub(), clone(c))
            step = ast.UnaryOp(ast.USub(), clone(c))
            header = ast.Call(ast.Name("range", ast.Load()), [last, stop, step], [])
            target = clone(loop.target)
        else:
            header = ast.Call(ast.Name("range", ast.Load()), [count], [])
            target = ast.Name(self.namer.fresh(names.PASS), ast.Store())
        header.sct_op = "range"
        if id(loop) in self.saves.nested:
            out.append(assign(counter, pop(self.stack)))
        return out + [ast.For(target, header, body, [])]

    def walking(self, loop, depth, body):
        """``for x in reversed(stack):`` replaying a loop each of whose passes pushes one value,
        which its reverse pass restores first, onto a stack holding nothing else (``depth`` is
        ``len(stack)``), where nothing reads the loop's own variable: no pops, no count.  Only
        in a gradient specialised to its arguments' kinds, which nothing differentiates again."""
        first = body[0]
        if not any(self.comp.kinds.values()) or not isinstance(depth, ast.Call) or \
                getattr(first, "sct_restore", None) is None or \
                not isinstance(first.targets[0], ast.Name) or \
                isinstance(loop, ast.For) and loop.target.id in names_of(ast.Module(body, [])):
            return None
        header = ast.Call(ast.Name("reversed", ast.Load()), [ast.Name(self.stack, ast.Load())],
                          [])
        return ast.For(ast.Name(first.targets[0].id, ast.Store()), header,
                       body[1:] or [ast.Pass()], [])

    def reverse_assign(self, stmt, state):
        target = stmt.targets[0]
        form = statement_form(stmt)
        if form == INDEX_ASSIGN:
            return self.reverse_index_assign(stmt, state)
        if isinstance(target, ast.Tuple):
            return self.reverse_unpack(stmt, state)
        name = target.id
        g = state.take(name)
        if g is None and self.recorder(stmt.value) is not None:
            return [ast.Expr(pop(self.stack))]     # the call's record, unread
        if g is None:
            return []
        value = stmt.value
        out = []
        if name in names_of(value) and not is_atom(value):
            temp = self.namer.temp()          # the operation reads its own target's adjoint
            out.append(assign(temp, g))
            g = ast.Name(temp, ast.Load())
        state.zero.add(name)
        if is_atom(value):
            if isinstance(value, ast.Name) and value.id != name:
                return state.accumulate({value.id: [g]})
            if isinstance(value, ast.Name):
                state.zero.discard(name)
            return []
        if hasattr(value, "sct_callee"):
            return out + self.reverse_call(stmt, g, state)
        return out + self.reverse_operation(value, name, g, state)

    def reverse_operation(self, value, name, g, state):
        rule = complexes.variant(rules.lookup(op_key(value)), value, self.act.complex)
        if rule is None or rule.kind == "nondiff":
            return []
        contributions = {}
        pre = []
        # an operation with complex values passes a real operand the real part of its adjoint
        real = rule.complex == "imaginary" or bool(self.act.complex) and (
            complexes.is_complex(value, self.act.complex) or
            any(complexes.is_complex(a, self.act.complex) for a in operands(value)[0]))
        for param, atom, template in self.adjoint_terms(value, rule, name):
            if isinstance(atom, ast.Name):
                if atom.id not in self.act.active:
                    continue
                if template is None and not rule.elementwise:    # forward mode alone has it
                    raise SctError.at(value, self.fn.source, f"reverse mode has no adjoint "
                                      f"of sct's helper '{rule.name}' in its argument "
                                      f"{param!r} (reverse mode over code sct generated)",
                                      "differentiate the outer function by forward mode "
                                      "(sct.forward), or make the inner derivative with the "
                                      "other mode")
                part = self.instantiate(template, value, rule, name, g, param)
                if isinstance(part, rules.Scatter):        # x[i]: b_x[i] += g
                    if part.field:                           # p.w: into b_p's field w
                        return state.scatter_field(atom.id, part.field, part.g)
                    return state.scatter(atom.id, value.slice, part.g)
                if real and atom.id not in self.act.complex:
                    part = _real(part)
                contributions.setdefault(atom.id, []).append(part)
            elif isinstance(atom, (ast.List, ast.Tuple)):
                parts = self.instantiate(template, value, rule, name, g, param)
                temp = self.namer.temp()
                pre.append(assign(temp, parts))
                todo = [(e, item(ast.Name(temp, ast.Load()), i))
                        for i, e in enumerate(atom.elts)]
                while todo:            # nested lists: np.array([[x, y], [y, 2.0]])
                    e, part = todo.pop(0)
                    if isinstance(e, ast.Name) and e.id in self.act.active:
                        if real and e.id not in self.act.complex:
                            part = _real(part)
                        contributions.setdefault(e.id, []).append(part)
                    elif isinstance(e, (ast.List, ast.Tuple)):
                        todo += [(f, item(part, j)) for j, f in enumerate(e.elts)]
        if pre and not contributions:
            return []
        return pre + state.accumulate(contributions, last=name,
                                     shared=[s.value for s in pre])

    def adjoint_terms(self, value, rule, name):
        """(slot, operand atom, adjoint template) for each differentiable operand."""
        return [(slot, atom, rule.adjoint.get(rule.param_at(slot) if isinstance(slot, int)
                                              else slot))
                for slot, atom in diff_operands(rule, value)]

    def instantiate(self, template, value, rule, name, g, slot):
        """The adjoint contribution to the operand at ``slot`` of operation ``value``, whose
        result ``name`` has the adjoint ``g``."""
        conjugated = name in self.act.complex and rule.kind != "linear"
        if callable(template):                 # a builder beside the table (rules/einsum.py)
            if conjugated:                     # conj(A^T conj(g)) = A^H g
                return _conj(template(value, _conj(g), slot))
            return template(value, g, slot)
        param = rule.param_at(slot) if isinstance(slot, int) else slot
        bound, mapping, scalar = templates.application(rule, value, name, self.act.is_number)
        mapping["g"] = g
        if rule.elementwise and self.act.complex:
            # the tangent's slope conjugated: conj(h'(z)) is h' of the conjugated operands
            for p, operand in bound.items():
                if complexes.is_complex(operand, self.act.complex):
                    mapping[p] = _conj(mapping[p])
            if name in self.act.complex:
                mapping["y"] = _conj(mapping["y"])
        elif conjugated:
            mapping["g"] = _conj(g)
            return _conj(templates.instantiate(template, mapping))
        if rule.elementwise:
            mapping["d" + param] = g
            text = rule.tangent_text(param, bound, scalar)
            expr = templates.instantiate(text, mapping)
            if (name in self.masked or name in self.steep) and not _passes_on_adjoint(expr, g):
                expr = self.chained(expr, g, text, mapping, param, name)
            others = [bound[p] for p in rule.params if p != param and p in bound]
            # summing back is needed only where another operand may broadcast this one: not
            # when all the others are numbers, nor when the result itself is one, nor for an
            # array of the one shape of all the operands that are not numbers (memory's
            # equal_shapes)
            same = id(value) in self.equal and not self.act.is_number(bound[param])
            if name not in self.act.scalars and not same and \
                    not all(self.act.is_number(o) for o in others):
                expr = self.summed_back(expr, bound[param])
            return expr
        return templates.instantiate(template, mapping)

    def chained(self, expr, g, text, mapping, param, name):
        """The contribution ``expr`` (the template ``text`` with the adjoint g) kept exactly
        zero where g is: np.where did not take the operand, whose own slope may be inf or NaN
        there (``masked_names``: ``_unless_zero(g, expr)``, or for numbers ``expr if _taken(g) else
        0.0``, as Python's 1.0 / 0.0 raises; ``_taken`` and the tangent of ``_unless_zero`` see
        a Hessian's tangent of g too, where g is zero only at this point); and where an infinite
        slope's adjoint g meets a zero slope (``steep_names``: ``_chain(g, slope)``, 0 inf = 0)."""
        masked = name in self.masked
        if name in self.steep:
            slope = templates.instantiate(text, {**mapping, "d" + param: ast.Constant(1.0)})
            chained = ast.Call(ast.Name("_chain", ast.Load()), [clone(g), slope], [])
            masked = masked and name in self.act.scalars       # _chain keeps zeros zero
        else:
            chained = expr
        if masked and name in self.act.scalars:
            taken = ast.Call(ast.Name("_taken", ast.Load()), [clone(g)], [])
            taken.sct_op = "_taken"
            return ast.IfExp(taken, chained, ast.Constant(0.0))
        if masked:
            return ast.Call(ast.Name("_unless_zero", ast.Load()), [clone(g), chained], [])
        return chained

    def summed_back(self, expr, operand):
        """``_unbroadcast(expr, operand)``, with a minus sign taken out of the sum and a product
        of two arrays summed without its temporary of the broadcast shape."""
        if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
            return ast.UnaryOp(ast.USub(), self.summed_back(expr.operand, operand))
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mult) and \
                not self.act.is_number(expr.left) and not self.act.is_number(expr.right):
            return ast.Call(ast.Name("_unbroadcast_product", ast.Load()),
                            [expr.left, expr.right, clone(operand)], [])
        return ast.Call(ast.Name("_unbroadcast", ast.Load()), [expr, clone(operand)], [])

    def reverse_unpack(self, stmt, state):
        targets = [t.id for t in stmt.targets[0].elts]
        source = stmt.value.id
        parts = [state.take(t) for t in targets]
        if all(p is None for p in parts) or source not in self.act.active:
            state.zero |= set(targets) & self.act.active
            return []
        tuple_ = ast.Tuple([p if p is not None else state.zero_value(t)
                            for p, t in zip(parts, targets)], ast.Load())
        state.zero |= set(targets) & self.act.active
        if source in state.zero:
            state.zero.discard(source)
            return [assign(self.b(source), tuple_)]
        summed = ast.Tuple([ast.BinOp(item(ast.Name(self.b(source), ast.Load()), i), ast.Add(), e)
                            for i, e in enumerate(tuple_.elts)], ast.Load())
        return [assign(self.b(source), summed)]

    def reverse_index_assign(self, stmt, state):
        target = stmt.targets[0]
        array = target.value.id
        g = state.take(array)
        if g is None:
            return []
        out = []
        v = stmt.value
        part = ast.Subscript(ast.Name(self.b(array), ast.Load()), clone(target.slice),
                             ast.Load())
        if isinstance(v, ast.Name) and v.id in self.act.active:
            index = clone(target.slice)
            real = array in self.act.complex and v.id not in self.act.complex
            if state.scalar_index(index):     # v broadcast over the part (x[1:3] = s)
                contribution = ast.Call(ast.Name("_unbroadcast", ast.Load()), [part, v], [])
                contribution = ast.Call(dotted("np.copy"), [contribution], [])
            else:           # integer arrays may repeat an index: the last write counts
                if any(isinstance(p, ast.Slice) for p in walk(index)):
                    index = ast.Subscript(dotted("np.s_"), index, ast.Load())
                contribution = ast.Call(ast.Name("_assigned_adjoint", ast.Load()),
                                        [ast.Name(self.b(array), ast.Load()), index, v], [])
            out += state.accumulate({v.id: [_real(contribution) if real else contribution]})
        out += state.own(array)
        store = clone(target)
        store.value = ast.Name(self.b(array), ast.Load())
        out.append(ast.Assign([store], ast.Constant(0.0)))
        return out


def _passes_on_adjoint(expr, g):
    """Whether an adjoint contribution is the adjoint g itself, or its negative."""
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
        expr = expr.operand
    return ast.dump(expr) == ast.dump(g)


# ---------------------------------------------------------------- small AST builders






def _real(expr):
    return ast.Call(dotted("np.real"), [expr], [])


def _conj(expr):
    if isinstance(expr, ast.Constant) and isinstance(expr.value, complex):
        return ast.Constant(expr.value.conjugate())
    return ast.Call(dotted("np.conj"), [clone(expr)], [])


def _refuse_active_stacks(fdef, act, source):
    """An SctError at ``s.append(v)`` of a user's list used as a stack when v carries a
    derivative that the value needs: the reverse sweep does not carry adjoints through a
    stack's entries (forward mode does), and would drop that derivative."""
    for stmt in walk(fdef):
        if isinstance(stmt, ast.Expr) and getattr(stmt.value, "sct_op", None) == "push":
            stack, (value,) = stmt.value.func.value.id, stmt.value.args
            if not (isinstance(value, ast.Name) and value.id in act.active and
                    stack in act.useful):
                continue
            if source.generated:        # sct's own adjoint, called from the user's code
                raise SctError.at(stmt, source, f"'{stack}.append({value.id})': reverse mode "
                                  f"over a gradient sct made whose reverse sweep reads values "
                                  f"saved on its stack (a loop or branch overwriting them) is "
                                  f"not supported", "differentiate the outer function by "
                                  "forward mode (sct.forward), or make the inner derivative "
                                  "with sct.forward")
            raise SctError.at(stmt, source, f"'{stack}.append({value.id})': a list used as "
                              f"a stack of values that carry a derivative is not "
                              f"differentiated in reverse mode",
                              "use the value itself instead of pushing and popping it, "
                              "or forward mode (sct.forward)")


def _range_start_step(args):
    if len(args) == 1:
        return ast.Constant(0), ast.Constant(1)
    if len(args) == 2:
        return clone(args[0]), ast.Constant(1)
    return clone(args[0]), clone(args[2])
