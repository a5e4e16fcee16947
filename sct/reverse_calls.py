"""Reverse mode's calls of user functions: ``_Calls``, the part of ``reverse._Adjoint`` that
writes them.

A call is reversed jointly: the caller's reverse sweep calls the callee's own adjoint
``b_g(args..., b_out)``.  In the general code that adjoint runs g's forward sweep again; with
``record`` (the gradients compiled per argument signature) a callee that is no entry gets two
functions instead, ``r_g``, its forward sweep, which the caller's forward sweep calls in place
of g and which pushes on the caller's stack one tuple of what the reverse sweep reads, and
``b_g``, which pops it and runs the reverse sweep alone (README, How it works).
"""
import ast

from .ir import assign, clone, item
from .names import names_bound, names_of
from .saves import pop, push, reads_own_target


class _Calls:
    """Methods of ``reverse._Adjoint`` (which holds the state they read: the activity, the
    stack's name, the derivative requests, ``record``)."""

    def reverse_call(self, stmt, g, state):
        value = stmt.value
        callee = value.sct_callee
        positions = self.active_positions(value)
        if not positions:
            return []
        shared = callee in self.comp.program.entries       # an entry's returns its value too
        name = self.request(callee, positions)
        temp = self.namer.temp()
        recorded = [ast.Name(self.stack, ast.Load())] if self.recorder(value) else []
        call = ast.Call(ast.Name(name, ast.Load()), list(value.args) + recorded + [g], [])
        call.sct_effects = bool(recorded)       # it pops: never dead code
        out = [assign(temp, item(call, 1) if shared else call)]
        contributions = {}
        for k, i in enumerate(positions):
            part = item(ast.Name(temp, ast.Load()), k)
            part.sct_fresh = True         # an adjoint's results are arrays of their own
            contributions.setdefault(value.args[i].id, []).append(part)
        return out + state.accumulate(contributions, last=stmt.targets[0].id)

    def recorder(self, value):
        """The recording forward sweep a call runs in place of the function (``recorded``),
        or None where the call has no adjoint or the callee is an entry."""
        callee = getattr(value, "sct_callee", None)
        if not self.record or callee is None or callee in self.comp.program.entries or \
                not self.active_positions(value):
            return None
        self.request(callee, self.active_positions(value))     # its adjoint comes with it
        return self.request(callee, self.active_positions(value), recorded=True)

    def active_positions(self, value):
        return sorted(i for i, a in enumerate(value.args)
                      if i in self.comp.callee_params[value.sct_callee] and
                      isinstance(a, ast.Name) and a.id in self.act.active)

    def recorded_call(self, stmt):
        """``y = r_g(args..., stack)`` for ``y = g(args...)``: the record it pushes is popped
        by the reverse sweep's ``b_g`` first, then y's old value.  Where the call reads y
        itself, the restore comes first in the reverse sweep, so the push of y's old value
        comes after the call's here."""
        self.recording = True
        value = stmt.value
        call = ast.Call(ast.Name(self.recorder(value), ast.Load()),
                        list(value.args) + [ast.Name(self.stack, ast.Load())], [])
        call.sct_effects = True               # it pushes: never dead code
        if not reads_own_target(stmt):
            return self.save(stmt) + [ast.copy_location(ast.Assign(stmt.targets, call), stmt)]
        temp = self.namer.temp()
        return [ast.copy_location(assign(temp, call), stmt)] + self.save(stmt) + \
            [ast.copy_location(ast.Assign(stmt.targets, ast.Name(temp, ast.Load())), stmt)]

    def recorded(self, name, args, about, adjoints, forward_sweep, reverse_sweep, grads, ret):
        """A callee's adjoint in two parts: ``r_g(args..., tape)``, its forward sweep, returns
        g's value and pushes on the caller's stack (``tape``) one tuple of what the reverse
        sweep reads (its own stack among them); ``b_g(args..., tape, b_out)`` pops that tuple
        and runs the reverse sweep alone.  The caller's forward sweep calls r_g where it would
        call g, and its reverse sweep b_g, or drops the tuple where the adjoint is zero."""
        bound = names_bound(forward_sweep)    # a parameter among them if it is rebound
        read = names_of(ast.Module(reverse_sweep + [ast.Return(grads)], []), loads_only=True)
        kept = sorted(bound & read)
        surely = names_bound([t for t in forward_sweep if isinstance(t, ast.Assign)]) | \
            set(self.fn.params)
        forward_sweep = [assign(n, ast.Constant(None)) for n in kept if n not in surely] + \
            forward_sweep               # bound in a branch not taken: read in none either
        record = ast.Tuple([ast.Name(n, ast.Load()) for n in kept], ast.Load())
        tape = ast.Name(self.tape, ast.Load())
        pushed = push(self.tape, record)
        recorder = self.request(self.fn, [self.fn.params.index(p) for p in self.wrt],
                                recorded=True)
        forward_args, adjoint_args = clone(args), clone(args)
        forward_args.args[-1:] = [ast.arg(self.tape)]
        forward_args.defaults = []
        adjoint_args.args[-1:] = [ast.arg(self.tape), ast.arg(self.seed)]
        unpack = ast.Assign([ast.Tuple([ast.Name(n, ast.Store()) for n in kept], ast.Store())],
                            pop(tape.id))
        forward = self.assembled(
            recorder, forward_args,
            f"The forward sweep of {name}: returns {self.fn.name}'s value, and pushes on "
            f"{self.tape} what {name} reads.",
            forward_sweep + [pushed, ast.Return(self.detached(ret))])
        doc = (f"{about} pops what {recorder} pushed on {self.tape}; returns {adjoints} for "
               f"the output adjoint {self.seed}.")
        return [forward, self.assembled(name, adjoint_args, doc,
                                        [unpack] + reverse_sweep + [ast.Return(grads)])]
