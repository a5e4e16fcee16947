"""What both modes share: a program's decomposed functions and callee summaries
(``Compilation``), and the worklist that writes one derivative function per (function, active
parameters) (``derive_all``), taking each mode's builder as an argument.
"""
import ast
import warnings
from dataclasses import dataclass, field

from .activity import analyze, number_names, refuse_lost_derivatives
from .containers import tuples
from .aliasing import check_updated_arguments, resolve_augmented
from .decompose import decompose
from .errors import SctError, SctWarning
from .ir import checked, walk
from .memory import ranks, returned_memory
from .names import Namer


@dataclass
class Derivatives:
    functions: list = field(default_factory=list)    # generated FunctionDefs, entries first
    primals: list = field(default_factory=list)      # Functions called without derivative
    copied: dict = field(default_factory=dict)       # primal name -> parameters it copies
    constants: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)        # entry name -> generated name

    def merged(self, other):
        """Both sets of generated functions in one module (``--mode both``)."""
        primals = self.primals + [f for f in other.primals if f not in self.primals]
        return Derivatives(self.functions + other.functions, primals,
                           {**self.copied, **other.copied},
                           {**self.constants, **other.constants}, dict(self.names))


class Compilation:
    """Per-program state shared by the modes: decomposed bodies and callee summaries."""

    def __init__(self, program, kinds=None, numba=False):
        self.program = program
        self.kinds = kinds or {}    # entry name -> {parameter: the ndim of what calls pass}
        self.numba = numba          # code for numba (sct/jit.py rewrites it): stacks are split
        self.decomposed = {}
        self.callee_params = {}
        for fn in program.functions:          # callees come first
            fdef = self.ir(fn)
            act = analyze(fdef, fn.params, self.callee_params)
            self.callee_params[fn] = {i for i, p in enumerate(fn.params) if p in act.active}
        check_updated_arguments(program.functions, self.ir)
        self.tuple_params = {fn: set() for fn in program.functions}
        grown = True
        while grown:                          # parameters some call passes a tuple
            grown = False
            for fn in reversed(program.functions):
                fdef = self.ir(fn)
                held = tuples(fdef, self.tuple_params[fn])
                for call in walk(fdef):
                    callee = getattr(call, "sct_callee", None)
                    if callee is None:
                        continue
                    for p, arg in zip(callee.params, call.args):
                        if (isinstance(arg, ast.Tuple) or isinstance(arg, ast.Name) and
                                arg.id in held) and p not in self.tuple_params[callee]:
                            self.tuple_params[callee].add(p)
                            grown = True
        self.number_params, self.param_ranks = self._kinds()

    def _kinds(self):
        """(fn -> its parameters to which every call in the program passes a Python number (a
        literal, or a name the caller knows holds one), fn -> {parameter: the number of
        dimensions of the arrays every call passes it}), for the functions the user does not
        call directly; an entry's are those of ``kinds``, for a derivative specialised to
        calls passing such arguments.  Adjoints then skip the array helpers on numbers."""
        numbers, arrays, passed = {}, {}, {}    # passed: fn -> param -> {what calls pass}
        for fn in reversed(self.program.functions):         # callers before their callees
            kinds = self.kinds.get(fn.name, {}) if fn in self.program.entries and \
                fn not in passed else {}                      # no call site but the user's
            if fn not in self.program.entries and fn in passed:
                kinds = {p: d.pop() for p, d in passed[fn].items() if len(d) == 1 and
                         None not in d}
            numbers[fn] = {p for p, d in kinds.items() if d == 0}
            arrays[fn] = {p: d for p, d in kinds.items() if d > 0}
            fdef = self.ir(fn)
            found = number_names(fdef, number_params=numbers[fn], param_ranks=arrays[fn])
            known = ranks(fdef, found, params=arrays[fn])
            for call in walk(fdef):
                callee = getattr(call, "sct_callee", None)
                if callee is None:
                    continue
                for p, arg in zip(callee.params, call.args):
                    number = isinstance(arg, ast.Constant) and type(arg.value) in (int, float) \
                        or isinstance(arg, ast.Name) and arg.id in found
                    ndim = 0 if number else known.get(arg.id) \
                        if isinstance(arg, ast.Name) else None
                    passed.setdefault(callee, {}).setdefault(p, set()).add(ndim)
        return numbers, arrays

    def ir(self, fn):
        if fn not in self.decomposed:
            fdef = decompose(fn)
            for call in walk(fdef):         # callees come first: what their results share
                callee = getattr(call, "sct_callee", None)
                if callee in self.decomposed:
                    call.sct_aliased = self.decomposed[callee].sct_returned
                    call.sct_callee_ir = self.decomposed[callee]
            fdef = checked(resolve_augmented(fdef, fn), "resolved")
            fdef.sct_returned = returned_memory(fdef)
            self.decomposed[fn] = fdef
        return self.decomposed[fn]


def derive_all(program, wrt, comp, zero_wrt, prefix, build, own=lambda fn: False):
    """The derivative functions a program needs, for forward and reverse mode alike.

    One function per (function, active parameters): the entries with respect to ``wrt``,
    named ``prefix`` + name, and each callee with respect to the arguments active at its call
    sites (``prefix`` + name, or + ``_x_y`` for a subset of its differentiable parameters),
    found by a worklist as ``build(fn, order, request, primals, out, entry).function(name)``
    writes them (a FunctionDef, or a list of them).  Primal functions the generated code
    calls come after, callees first.
    Call sites pass derivatives in the order of the parameters: an entry whose ``wrt`` is in
    another order, or for which ``own(fn)`` holds, is not shared with them.  ``zero_wrt``:
    what a parameter in ``wrt`` whose derivative is zero everywhere gets: ``"warn"``,
    ``"refuse"`` or ``"allow"`` (``_check_wrt``).
    """
    out = Derivatives()
    module_names = Namer({fn.name for fn in program.functions})
    variants, queue, recorders = {}, [], {}

    def request(fn, positions, name=None, alone=False, recorded=False):
        """The generated name of fn's derivative for these active positions (queued to be
        written); with ``recorded``, the name of the forward sweep that records what that
        derivative reads (reverse mode's callees, ``reverse._Adjoint.recorded``)."""
        key = (fn, frozenset(positions), alone)
        if recorded:
            if key not in recorders:
                recorders[key] = module_names.fresh("r" + request(fn, positions)[len(prefix) - 1:])
            return recorders[key]
        if key not in variants:
            if name is None:
                name = prefix + fn.name
                if set(positions) != comp.callee_params[fn]:
                    name += "_" + "_".join(fn.params[i] for i in sorted(positions))
            variants[key] = module_names.fresh(name)
            queue.append(key)
        return variants[key]

    for fn in program.entries:
        positions = [fn.params.index(p) for p in wrt[fn.name]]
        alone = positions != sorted(positions) or own(fn)
        out.names[fn.name] = request(fn, positions, prefix + fn.name, alone)
        if zero_wrt != "allow":
            _check_wrt(fn, comp, wrt[fn.name], zero_wrt == "refuse")
    primals = []
    done = 0
    while done < len(queue):
        key = queue[done]
        fn, positions, _ = key
        done += 1
        entry = fn in program.entries and variants[key] == out.names.get(fn.name)
        order = list(wrt[fn.name]) if entry else [fn.params[i] for i in sorted(positions)]
        fdef = build(fn, order, request, primals, out, entry).function(variants[key])
        out.functions += fdef if isinstance(fdef, list) else [fdef]
        out.constants.update(fn.constants)
    for fn in primals:
        for f in _with_callees(fn):
            if f not in out.primals:
                out.primals.append(f)
                out.constants.update(f.constants)
                updated = getattr(comp.ir(f), "sct_updated", {})
                if updated:     # it updates them in place where sct's derivatives rebind
                    out.copied[f.name] = sorted(updated)
    return out


def _with_callees(fn):
    result = []
    for callee in fn.callees:
        result += _with_callees(callee)
    return result + [fn]


def _check_wrt(fn, comp, wrt, refuse):
    """A parameter in ``wrt`` used only where no derivative flows has a derivative of zero
    everywhere: an SctError where ``refuse`` (``strict=True``), else an ``SctWarning``, and the
    derivative is zeros.  A call whose result moves with such a parameter though sct does not
    differentiate it (``Rule.moving``) is refused first: its derivative is not zero."""
    act = analyze(comp.ir(fn), wrt, comp.callee_params)
    refuse_lost_derivatives(comp.ir(fn), act, fn.source)
    for name in wrt:
        if name not in act.active and name in act.nondiff_uses:
            use = act.nondiff_uses[name]
            message = (f"parameter '{name}' of '{fn.name}' is used only where no derivative "
                       f"flows (a loop bound, an index, a comparison or a rounding); its "
                       f"derivative is zero everywhere")
            if refuse:
                raise SctError.at(use, fn.source, message, f"leave '{name}' out of wrt")
            warning = SctWarning.at(use, fn.source, message + ", and sct gives zeros for it",
                                    f"leave '{name}' out of wrt, or pass strict=True to refuse")
            warnings.warn_explicit(warning, SctWarning, warning.filename, warning.lineno or 0)
