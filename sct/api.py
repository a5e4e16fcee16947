"""The public API: ``transform`` (source -> source), ``forward``, ``grad``,
``value_and_grad``, ``jacobian``, ``hessian``, ``hvp`` (function -> derivative), ``source``;
and ``compile_module``, the whole pipeline read top to bottom.
"""
import ast
import contextlib
import functools
import inspect
import io
import os
import sys
import warnings

import numpy as np

from . import cache
from .activity import analyze
from .emit import emit, unparse
from .errors import SctError, public as _public
from .aliasing import resolve_views
from .compilation import Compilation
from .controlflow import normalize
from .tangents import forward as forward_pass
from .frontend import Loader, Source, parse_program, too_deep
from .bound import derivative_of_method
from .names import CHECK, STRUCTURED, Namer
from .nested import bound_derivatives
from .optimize import optimize
from .specialise import specialising
from .sources import Found, check_not_edited, function_source, located, require_function, \
    running
from .reverse import reverse as reverse_pass

MODES = ("forward", "reverse", "both")
PASSES = ("parse", "decompose", "normalize", "activity", "forward", "reverse", "optimize",
          "emit")
RECURSION_LIMIT = 10_000    # the passes recurse on expressions: 500 levels take ~4,000 frames


def _deep(fn):
    """Run ``fn(text, filename, ...)`` with room for deeply nested code; code nested deeper
    than that is an SctError at the statement holding the deepest expression."""
    @functools.wraps(fn)
    def run(text, filename="<string>", *args, **kwargs):
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old, RECURSION_LIMIT))
        try:
            return fn(text, filename, *args, **kwargs)
        except RecursionError:
            try:
                tree = ast.parse(text)
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                tree = None
            raise too_deep(Source(text, filename), tree) from None
        finally:
            sys.setrecursionlimit(old)
    return run


@_deep
def compile_module(text, filename="<string>", names=None, mode="forward", wrt=None,
                   dump=None, origin=None, scalar_output=True, zero_wrt="warn", sources=None,
                   bound=None, kinds=None, record_callees=False, numba=False):
    """Source text -> generated module text; or the program after pass ``dump``.

    ``names``: the functions to differentiate (all top-level functions if None);
    ``wrt``: parameter indices or names, or a tuple of them, applied to each function;
    ``scalar_output``: reverse mode may take each function's value to be a number (a
    gradient); False for adjoints of array-valued functions (Jacobian rows);
    ``zero_wrt``: what a parameter named in ``wrt`` gets whose derivative is zero everywhere
    (used only as a loop bound, an index, in a comparison): ``"warn"`` (zeros and an
    ``SctWarning``), ``"refuse"`` (an ``SctError``: ``strict=True``) or ``"allow"``;
    ``sources``: {dotted name: (file name, text)} of modules that have no file (a notebook's
    cells, ``sources.Found.modules``); ``bound``: {module file: {name: 'dotted.function'}},
    names bound to derivatives sct made, whose generated modules ``sources`` holds
    (``nested.bound_derivatives``); ``kinds``: {function name: {parameter: the number of
    dimensions of what every call passes it, 0 for a Python number}}, for a derivative
    specialised to such calls; ``record_callees``: reverse mode records each callee's forward
    sweep for its adjoint (``reverse.reverse``'s ``record``), code that is not differentiated
    again (not what ``sct.source`` shows, which nested derivatives and Hessians read);
    ``numba``: code that sct/jit.py rewrites for numba (its stacks split per variable, so
    that a stack's length says no loop's trip count).
    Returns ``(module text, {function name: generated name})``.
    """
    if mode not in MODES:
        raise SctError(f"unknown mode '{mode}' (modes: {', '.join(MODES)})", filename)
    if dump is not None and dump not in PASSES:
        raise SctError(f"unknown pass '{dump}' (passes: {', '.join(PASSES)})", filename)
    program = parse_program(text, filename, names, Loader(sources=sources, bound=bound))
    if dump == "parse":
        return _show(fn.node for fn in program.functions), {}
    comp = Compilation(program, kinds, numba)
    if dump == "decompose":
        return _show(comp.ir(fn) for fn in program.functions), {}
    if dump == "normalize":         # the form reverse mode works on
        return _show(normalize(resolve_views(comp.ir(fn))) for fn in program.functions), {}
    wrt_names = {fn.name: resolve_wrt(fn, wrt) for fn in program.entries}
    if dump == "activity":
        return _show_activity(program, comp, wrt_names), {}
    derivatives = None
    zero_wrt = "allow" if wrt is None else zero_wrt      # the default wrt names every parameter
    if mode in ("forward", "both"):
        derivatives = forward_pass(program, wrt_names, comp, zero_wrt=zero_wrt)
        zero_wrt = "allow"                                # said once
        if dump == "forward":
            return _show(derivatives.functions), derivatives.names
    if mode in ("reverse", "both"):
        adjoints = reverse_pass(program, wrt_names, comp, zero_wrt=zero_wrt,
                                scalar_output=scalar_output, record=record_callees)
        if dump == "reverse":
            return _show(adjoints.functions), adjoints.names
        derivatives = adjoints if derivatives is None else derivatives.merged(adjoints)
    if dump in ("forward", "reverse"):
        raise SctError(f"--dump {dump} needs --mode {dump} or both", filename)
    derivatives.functions = [optimize(f, f.sct_temporaries) for f in derivatives.functions]
    if dump == "optimize":
        return _show(derivatives.functions), derivatives.names
    return emit(derivatives, origin or filename, mode), derivatives.names


def resolve_wrt(fn, wrt):
    """``wrt`` (None, an index, a name, or a tuple of them) -> parameter names, in order."""
    if wrt is None:
        return list(fn.params)
    items = wrt if isinstance(wrt, (tuple, list)) else (wrt,)

    def refuse(message, hint):      # located at the function's 'def'
        return SctError.at(fn.node, fn.source, message, hint)

    names = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, (int, str)):
            raise refuse(f"wrt must hold parameter indices or names, not {item!r}",
                         "pass e.g. wrt=0 or wrt=('x', 'y')")
        if isinstance(item, str) and item.isdigit():
            item = int(item)
        if isinstance(item, int):
            if not -len(fn.params) <= item < len(fn.params):
                raise refuse(f"'{fn.name}' has no parameter number {item} (it has "
                             f"{len(fn.params)}: {', '.join(fn.params) or 'none'})",
                             "count parameters from 0, or name them")
            item = fn.params[item]
        elif item not in fn.params:
            raise refuse(f"'{fn.name}' has no parameter '{item}' (parameters: "
                         f"{', '.join(fn.params) or 'none'})", "name one of its parameters")
        if item in names:
            raise refuse(f"parameter '{item}' is named twice in wrt", "name each parameter once")
        names.append(item)
    return names


def transform(source, name=None, mode="forward", wrt=None, filename="<string>", strict=False):
    """Generated module source for the function(s) ``name`` (a name, a list, or None: all).

    Reverse mode writes vector-Jacobian products ``b_f(args..., b_out=1.0)``: the output
    adjoint ``b_out`` has the value's shape (1.0 for a number).  A parameter in ``wrt`` whose
    derivative is zero everywhere gets zeros and an ``SctWarning``; with ``strict``, an
    ``SctError``."""
    names = [name] if isinstance(name, str) else name
    try:
        text, _ = compile_module(source, filename, names, mode, wrt, scalar_output=False,
                                 zero_wrt=_zero_wrt(strict))
    except SctError as err:
        raise _public(err)
    return text


def forward(f=None, wrt=None, strict=False, jit=False):
    """``d_f(*args, *tangents) -> (value, tangent)``, or for an f with defaults
    ``d_f(*args, dx=...)`` (keyword tangents, those of defaulted parameters 0.0 unless
    given); usable as ``@forward`` or ``@forward(wrt=...)``.  A parameter in ``wrt`` whose
    derivative is zero everywhere (a loop bound, an index) gets zeros and an ``SctWarning``;
    with ``strict=True``, an ``SctError``."""
    if f is None:
        return functools.partial(forward, wrt=wrt, strict=strict, jit=jit)
    try:
        method = derivative_of_method(
            f, wrt, lambda g, w: forward(g, wrt=w, strict=strict, jit=jit))
        if method is not None:
            return method
        return _derive(f, "forward", wrt, strict, jit)
    except SctError as err:
        raise _public(err)


def grad(f=None, wrt=None, strict=False, jit=False):
    """``g(*args) -> gradient`` (a tuple of gradients when ``wrt`` is a tuple, or is None and
    f has several parameters), by reverse mode; usable as ``@grad`` or ``@grad(wrt=...)``;
    ``strict`` as for ``forward``."""
    if f is None:
        return functools.partial(grad, wrt=wrt, strict=strict, jit=jit)
    try:
        method = derivative_of_method(
            f, wrt, lambda g, w: grad(g, wrt=w, strict=strict, jit=jit))
        if method is not None:
            return method
        return _derive(f, "grad", wrt, strict, jit)
    except SctError as err:
        raise _public(err)


def value_and_grad(f=None, wrt=None, strict=False, jit=False):
    """``vg(*args) -> (value, gradient)``, gradients as ``grad`` gives them."""
    if f is None:
        return functools.partial(value_and_grad, wrt=wrt, strict=strict, jit=jit)
    try:
        method = derivative_of_method(
            f, wrt, lambda g, w: value_and_grad(g, wrt=w, strict=strict, jit=jit))
        if method is not None:
            return method
        return _derive(f, "value_and_grad", wrt, strict, jit)
    except SctError as err:
        raise _public(err)


def source(derivative):
    """The generated module source of a derivative made by sct."""
    text = getattr(derivative, "__sct_source__", None)
    if text is None:
        raise TypeError(f"{derivative!r} was not generated by sct")
    return text


def _derive(f, mode, wrt, strict=False, jit=False):
    found = function_source(f)
    nested = bound_derivatives(f, found.filename)   # names bound to sct's own derivatives
    if jit:                                         # numba's, per argument signature
        from . import jit as jit_backend
        derivative = jit_backend.derivative(f, mode, lambda kinds: _load(
            f, mode, wrt, strict, found, nested, kinds, jit=True), found)
    else:
        derivative = _load(f, mode, wrt, strict, found, nested)
    if mode in ("grad", "value_and_grad") and not jit:
        derivative = specialising(derivative, lambda kinds: _load(
            f, mode, wrt, strict, found, nested, kinds))
    if found.read is not None or nested.read:    # a notebook's function: its globals may
        # change; names bound to derivatives sct made may be bound to others
        guard = Found(found.filename, found.text, found.modules,
                      (found.read or []) + nested.read)
        return _guarded(derivative, guard, lambda: _derive(f, mode, wrt, strict, jit))
    return derivative


def _load(f, mode, wrt, strict, found, nested, kinds=None, jit=False):
    """f's derivative in ``mode``, from the cache or compiled, specialised to calls that pass
    the parameters in ``kinds`` what it says ({parameter: number of dimensions}, 0 for a
    Python number); with ``jit``, its functions compiled by numba (sct/jit.py)."""
    filename, text = found.filename, found.text
    sources = {**found.modules, **nested.sources}
    key_text = found.key_text() + ("\0" + nested.key_text() if nested.names else "")
    key_parts = (mode, f.__name__, repr(wrt)) + (("strict",) if strict else ()) + \
        (("kinds",) + tuple(f"{p}:{d}" for p, d in kinds.items()) if kinds else ()) + \
        (("jit",) if jit else ())
    code = running(f)
    runs = cache._digest(*sorted(code.items()))      # made from this text for this code only
    loaded = cache.load(filename, key_text, key_parts, runs)
    if loaded is None:
        if found.read is None:          # a cell's text was checked as it was read
            check_not_edited(f, filename, text, code)
        module_text, names = _generate(f, mode, wrt, filename, text, _zero_wrt(strict),
                                       sources, nested.names, {f.__name__: kinds or {}},
                                       numba=jit)
        if jit:
            from .jit import numba_text
            module_text = numba_text(module_text)
        deps = _dependencies(text, filename, f.__name__, sources, nested.names)
        loaded = cache.store(filename, key_text, key_parts, module_text, names[f.__name__],
                             deps, runs)
    namespace, generated_name, module_text = loaded
    if jit:
        from .jit import compile_namespace
        wrapper = {generated_name} if mode in ("grad", "value_and_grad") else set()
        compile_namespace(namespace, module_text, wrapper, found, helpers=kinds is not None)
    derivative = namespace[generated_name]
    derivative.__sct_source__ = module_text
    derivative.__wrapped_primal__ = f
    return derivative


def _guarded(derivative, found, again):
    """``derivative``, for a function read from a cell, behind a check that the globals it
    was compiled from are bound as they were (a constant, an import, a helper redefined in a
    later cell): if not, it is compiled again from them before the call."""
    current = [derivative, found]

    @functools.wraps(derivative)
    def call(*args, **kwargs):
        if current[1].changed() is not None:
            fresh = again()
            current[:] = [fresh.__wrapped__, fresh.__sct_found__]
            call.__sct_source__ = fresh.__sct_source__
        return current[0](*args, **kwargs)
    call.__sct_found__ = found
    return call


def _zero_wrt(strict):
    return "refuse" if strict else "warn"


def _generate(f, mode, wrt, filename, text, zero_wrt="warn", sources=None, bound=None,
              kinds=None, numba=False):
    """The module text behind ``_derive``'s modes, and {f's name: the function to call}."""
    name, origin = f.__name__, os.path.basename(filename)
    if mode == "forward":
        return compile_module(text, filename, [name], "forward", wrt, origin=origin,
                              zero_wrt=zero_wrt, sources=sources, bound=bound, kinds=kinds,
                              numba=numba)
    gradient = mode != "adjoint"            # a gradient: the value is a number
    module_text, names = compile_module(text, filename, [name], "reverse", wrt, origin=origin,
                                        scalar_output=gradient, zero_wrt=zero_wrt,
                                        sources=sources, bound=bound, kinds=kinds,
                                        record_callees=any((kinds or {}).values()),
                                        numba=numba)
    if mode in ("grad", "value_and_grad"):
        module_text, entry = _gradient_wrapper(module_text, names[name], f, mode, wrt,
                                               (kinds or {}).get(name, {}))
        return module_text, {name: entry}
    if mode == "hvp":                       # forward mode over the adjoint: Hessian columns
        adjoint = names[name]
        module_text = _without_value(module_text, adjoint)
        # a parameter the gradient does not depend on has a zero Hessian, said already
        hvp_text, hvp_names = compile_module(module_text, f"<adjoint of {name}>", [adjoint],
                                             "forward", wrt, origin=f"{origin}, {adjoint}",
                                             zero_wrt="allow")
        return hvp_text, {name: hvp_names[adjoint]}
    return module_text, names


def _without_value(module_text, adjoint):
    """The adjoint module with ``adjoint`` returning 0.0 in place of f's value: a
    Hessian-vector product reads only the tangent of the gradients, and forward mode over an
    adjoint that returns the value would carry the value's tangent too (for a minimum over
    n x k distances: a matrix product and six more passes over them, dead).  The returned
    value's own text is replaced, nothing else of the module."""
    tree = ast.parse(module_text)
    (fdef,) = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == adjoint]
    ret = fdef.body[-1]
    if not (isinstance(ret, ast.Return) and isinstance(ret.value, ast.Tuple) and
            len(ret.value.elts) == 2) or ret.value.elts[0].lineno != ret.value.elts[0].end_lineno:
        return module_text
    value = ret.value.elts[0]
    lines = module_text.splitlines(keepends=True)
    line = lines[value.lineno - 1].encode()       # col_offset counts UTF-8 bytes
    lines[value.lineno - 1] = (line[:value.col_offset] + b"0.0" +
                               line[value.end_col_offset:]).decode()
    return "".join(lines)


def _copies(args):
    """``args`` with each array copied: f, and so its derivatives, may write into its
    arguments, and each sweep must start from the arguments the caller passed."""
    return [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]


def _positions(f, wrt, single=False):
    """``wrt`` as parameter positions, checked against f's signature."""
    require_function(f)
    params = list(inspect.signature(f).parameters)
    items = wrt if isinstance(wrt, (tuple, list)) else (wrt,)
    if single and len(items) != 1:
        raise SctError(f"wrt must name one parameter of '{f.__name__}' here, not {wrt!r}",
                       f.__code__.co_filename, hint="pass e.g. wrt=0 or wrt='x'")
    positions = []
    for item in items:
        if isinstance(item, str) and item in params:
            positions.append(params.index(item))
        elif isinstance(item, int) and not isinstance(item, bool) and \
                -len(params) <= item < len(params):
            positions.append(item % len(params))
        else:
            raise SctError(f"'{f.__name__}' has no parameter {item!r} (parameters: "
                           f"{', '.join(params)})", f.__code__.co_filename,
                           f.__code__.co_firstlineno, hint="name one of its parameters")
    return positions


def _call_primal(f, args):
    """f called with all of its arguments in order (``_check_arguments``'), its keyword-only
    ones by name."""
    kinds = [p.kind for p in inspect.signature(f).parameters.values()]
    n = sum(k is not inspect.Parameter.KEYWORD_ONLY for k in kinds)
    names = [p for p, v in inspect.signature(f).parameters.items()
             if v.kind is inspect.Parameter.KEYWORD_ONLY]
    return f(*args[:n], **dict(zip(names, args[n:])))


def _check_arguments(f, args, kwargs, extra=None):
    """All of f's arguments, defaults filled in, for a derivative that calls f's generated code
    (``extra``: a last positional argument of its own, kept last); a TypeError naming what is
    wrong, as calling f itself would."""
    signature = inspect.signature(f)
    then = f", then {extra}" if extra else ""
    if extra and not args:
        raise TypeError(f"{f.__name__}: missing the arguments ({', '.join(signature.parameters)}"
                        f"{then})")
    try:
        bound = signature.bind(*(args[:-1] if extra else args), **kwargs)
    except TypeError as err:
        raise TypeError(f"{f.__name__}: {err} (arguments: "
                        f"{', '.join(signature.parameters)}{then})") from None
    bound.apply_defaults()
    values = [bound.arguments[p] for p in signature.parameters]      # keyword-only ones too
    return values + list(args[-1:]) if extra else values


@_deep
def _dependencies(text, filename, name, sources=None, bound=None):
    """The other source files a compilation read, for cache validation (not the texts of
    ``sources``, which have no file: the cache key holds them)."""
    loader = Loader(sources=sources, bound=bound)
    program = parse_program(text, filename, [name], loader)
    files = {fn.source.filename for fn in program.functions} - \
        {fn for fn, _ in (sources or {}).values()}
    return sorted(f for f in files if os.path.abspath(f) != os.path.abspath(filename))


def _show(fdefs):
    return "\n\n".join(unparse(ast.fix_missing_locations(f)) for f in fdefs) + "\n"


def _show_activity(program, comp, wrt_names):
    parts = []
    for fn in program.functions:
        wrt = wrt_names.get(fn.name, [fn.params[i] for i in sorted(comp.callee_params[fn])])
        act = analyze(comp.ir(fn), wrt, comp.callee_params)
        parts.append(f"# {fn.name}: wrt {', '.join(wrt) or '-'}; active: "
                     f"{', '.join(sorted(act.active)) or '-'}; "
                     f"scalars: {', '.join(sorted(act.scalars)) or '-'}\n"
                     + unparse(ast.fix_missing_locations(comp.ir(fn))))
    return "\n\n".join(parts) + "\n"


def _gradient_wrapper(module_text, adjoint, f, mode, wrt, kinds=None):
    """Append ``grad_f`` / ``value_and_grad_f``, which call the adjoint with seed 1.0 and
    check that f's value is a number (the adjoint was compiled taking it to be one); the
    gradients of parameters in ``kinds`` (passed numbers or arrays) are returned as they are,
    those of others in the structure of their values (``_structured``)."""
    params = list(inspect.signature(f).parameters)
    bare = wrt is not None and not isinstance(wrt, (tuple, list)) or \
        wrt is None and len(params) == 1
    tree = ast.parse(module_text)
    taken = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)} | set(params) | \
        {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    namer = Namer(taken)
    name, check = namer.fresh(f"{mode}_{f.__name__}"), namer.fresh(CHECK)
    structure = namer.fresh(STRUCTURED)
    args = ", ".join(params)
    positions = _positions(f, wrt) if wrt is not None else range(len(params))
    def structured(k, i):                                       # a list's gradient is a list
        return f"grads[{k}]" if params[i] in (kinds or {}) else \
            f"{structure}(grads[{k}], {params[i]})"
    grads = structured(0, positions[0]) if bare else \
        f"({', '.join(structured(k, i) for k, i in enumerate(positions))}" \
        f"{',' if len(positions) == 1 else ''})"
    what = "gradient" if mode == "grad" else "value and gradient"
    signature = []
    for p, v in inspect.signature(f).parameters.items():      # defaults are literals
        if v.kind is v.KEYWORD_ONLY and "*" not in signature:
            signature.append("*")
        signature.append(p if v.default is inspect.Parameter.empty else f"{p}={v.default!r}")
    lines = [f"from sct.api import _check_gradient_value as {check}",
             f"from sct.rules.prelude import _structured as {structure}",
             "",
             "",
             f"def {name}({', '.join(signature)}):",
             f'    """The {what} of {f.__name__}, by reverse mode; an sct.SctError if the value '
             f'is not a number."""',
             "    try:",
             f"        value, grads = {adjoint}({args})",
             "    except Exception:",
             f"        {check}({name}, None, ({args}{',' if len(params) == 1 else ''}))",
             "        raise",
             "    if value.__class__ is not float and not isinstance(value, float):",
             f"        {check}({name}, value)",
             f"    return {grads}" if mode == "grad" else f"    return (value, {grads})"]
    return module_text + "\n\n" + "\n".join(lines) + "\n", name


def _check_gradient_value(derivative, value, args=None):
    """Called by a generated gradient whose value is not a float, or (with ``args``) whose
    adjoint raised: an SctError at the call unless f's value is a number."""
    f = derivative.__wrapped_primal__
    if args is not None:
        try:            # quietly: the adjoint printed and warned what f prints and warns
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = _call_primal(f, _copies(args))
        except Exception:
            return                  # f fails too: the adjoint's exception is the one to see
    if isinstance(value, (int, float, complex, np.number, np.bool_)) or \
            isinstance(value, np.ndarray) and value.ndim == 0:
        return
    if isinstance(value, np.ndarray):
        what, hint = f"an array of shape {value.shape}", \
            f"use sct.jacobian({f.__name__}) for the derivative of an array-valued function"
    elif isinstance(value, (tuple, list)):
        what, hint = f"a {type(value).__name__} of {len(value)} values", \
            f"return one number; for several, return one array and use sct.jacobian({f.__name__})"
    else:
        what, hint = f"a {type(value).__name__}", "return a number"
    raise located(f, "def", f"the value of '{f.__name__}' is {what}, not a number, so it has "
                   f"no gradient", hint) from None
