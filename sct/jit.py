"""The numba backend (``jit=True``): the derivative sct generates, compiled by ``numba.njit``
in nopython mode, per argument signature (numba's own dispatch), cached on disk beside sct's
cache (numba's ``cache=True`` writes ``__pycache__`` in sct's cache folder).

Imported on the first ``jit=True`` only: ``import sct`` does not import numba.

Three steps, each its own function:

- ``numba_text``: the generated module rewritten where numba refuses Python's freedom: a
  reverse sweep's one stack of saved values of mixed types becomes a typed stack per saved
  variable, a callee's tape moves into its caller (sct/jit_tapes.py), a saved variable set
  to None before its loop is read through ``_some`` (numba types it Optional), and the
  prelude helpers that test classes at run time are imported from ``sct.jit_prelude``,
  which chooses their bodies by type as numba compiles;
- ``compile_namespace``: each function of the loaded module replaced by its numba dispatcher
  (a gradient's Python wrapper, which checks the value, stays Python), after a check that
  every global they read is one numba compiles: an ``SctError`` at the construct otherwise;
- ``derivative``: the dispatch on the arguments' kinds (numbers, arrays of known numbers of
  dimensions), a variant compiled for each as ``specialise.py`` does, anything else (a
  list, a dict: a pytree) an ``SctError``; numba's own refusal at the first call is one too.
"""
import ast
import inspect
import os
import sys
import types

import numpy as np

from .errors import SctError
from .frontend import Source
from .jit_tapes import move_tapes
from .names import Namer

_NUMBER_CLASSES = (float, int, np.float64)
_FLAG_CLASSES = (bool, np.bool_)
HINT = "drop jit=True: the same derivative runs as Python without it"


def numba_text(module_text):
    """The generated module's text rewritten for numba (see the module's docstring)."""
    from .jit_prelude import HELPERS, SOME
    tree = ast.parse(module_text)
    namer = Namer({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} |
                  {n.name for n in tree.body if isinstance(n, ast.FunctionDef)})
    used = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in HELPERS]
    body = [n for n in tree.body if not (isinstance(n, ast.FunctionDef) and n.name in HELPERS)]
    tree.body = _without_unused_helpers(body)
    move_tapes(tree)
    body = tree.body
    for node in body:
        if isinstance(node, ast.FunctionDef):
            _split_stacks(node, namer)
            if _read_through(node, SOME):
                used = sorted(set(used) | {SOME})
    if used:
        body.insert(_after_imports(body), ast.ImportFrom(
            "sct.jit_prelude", [ast.alias(n) for n in sorted(used)], 0))
    tree.body = body
    header = "".join(line for line in module_text.splitlines(True)[:1] if line.startswith("#"))
    return header + ast.unparse(ast.fix_missing_locations(tree)) + "\n"


class _Reads(ast.NodeTransformer):
    """Each read of a name in ``names`` as ``some(name)``, but where it is pushed."""

    def __init__(self, names, some):
        self.names, self.some, self.made = names, some, False

    def visit_Call(self, node):
        if _stack_call(node, "append") and len(node.args) == 1 and \
                isinstance(node.args[0], ast.Name):
            node.func = self.visit(node.func)
            return node
        return self.generic_visit(node)

    def visit_Tuple(self, node):
        """An item of a tuple built (a callee's record, returned) is passed on as it is: on
        a path that never assigned it (an early return), it is the None it was set to."""
        node.elts = [e if isinstance(e, ast.Name) else self.visit(e) for e in node.elts]
        return node

    def visit_Name(self, node):
        if node.id in self.names and isinstance(node.ctx, ast.Load):
            self.made = True
            return ast.Call(ast.Name(self.some, ast.Load()), [node], [])
        return node


def _read_through(fdef, some):
    """The variables ``fdef`` initialises to None (saved ones: the first value pushed, never
    read), read through ``some``, which numba compiles to a cast from Optional to the type
    they hold; whether there were any."""
    names = {s.targets[0].id for s in fdef.body if isinstance(s, ast.Assign) and
             len(s.targets) == 1 and isinstance(s.targets[0], ast.Name) and
             isinstance(s.value, ast.Constant) and s.value.value is None}
    if not names:
        return False
    reads = _Reads(names, some)
    fdef.body = [reads.visit(s) for s in fdef.body]
    return reads.made


def _without_unused_helpers(body):
    """``body`` without the prelude's helpers that nothing left calls (those only the
    replaced helpers called)."""
    from .rules import prelude
    while True:
        read = {n.id for node in body for n in ast.walk(node) if isinstance(n, ast.Name)
                and isinstance(n.ctx, ast.Load)}
        unused = [n for n in body if isinstance(n, ast.FunctionDef) and
                  hasattr(prelude, n.name) and n.name not in read]
        if not unused:
            return body
        body = [n for n in body if all(n is not u for u in unused)]


def _after_imports(body):
    for i, node in enumerate(body):
        if not isinstance(node, (ast.Import, ast.ImportFrom)) and not (
                isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            return i
    return len(body)


def _stack_call(node, method):
    """The stack's name if ``node`` is ``<name>.<method>(...)``, else None."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr == method and isinstance(node.func.value, ast.Name):
        return node.func.value.id
    return None


def _split_stacks(fdef, namer):
    """Each stack made in ``fdef`` (``s = []``) whose values are saved variables
    (``s.append(x)`` ... ``x = s.pop()``) split into one stack per variable, which holds one
    type; what else goes through the stack (tuples a callee pushes) stays on it."""
    made = {}
    for node in ast.walk(fdef):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.List) \
                and not node.value.elts:
            made[node.targets[0].id] = node
    if not made:
        return
    pushes, pops = _saved_variables(fdef, made)
    moved = {(s, x) for s, x in pushes if (s, x) in pops}
    names = {key: namer.fresh(f"{key[0]}_{key[1]}") for key in sorted(moved)}
    for node in ast.walk(fdef):
        for key in _moved_site(node, moved):
            node.value.func.value.id = names[key]       # the call's stack
    for stack, creation in made.items():
        fresh = [ast.Assign([ast.Name(names[k], ast.Store())], ast.List([], ast.Load()))
                 for k in sorted(moved) if k[0] == stack]
        _replace_statement(fdef, creation, fresh + ([creation] if _still_used(
            fdef, stack) else []))


def _saved_variables(fdef, made):
    """{(stack, name)} pushed as ``s.append(name)`` and popped as ``name = s.pop()``."""
    pushes, pops = set(), set()
    for node in ast.walk(fdef):
        if isinstance(node, ast.Expr):
            stack = _stack_call(node.value, "append")
            if stack in made and len(node.value.args) == 1 and \
                    isinstance(node.value.args[0], ast.Name):
                pushes.add((stack, node.value.args[0].id))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and \
                isinstance(node.targets[0], ast.Name):
            stack = _stack_call(node.value, "pop")
            if stack in made and not node.value.args:
                pops.add((stack, node.targets[0].id))
    return pushes, pops


def _moved_site(node, moved):
    """The (stack, name) of a push or pop statement that moves to the name's own stack."""
    if isinstance(node, ast.Expr) and _stack_call(node.value, "append") and \
            len(node.value.args) == 1 and isinstance(node.value.args[0], ast.Name):
        key = (node.value.func.value.id, node.value.args[0].id)
        return [key] if key in moved else []
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and \
            isinstance(node.targets[0], ast.Name) and _stack_call(node.value, "pop"):
        key = (node.value.func.value.id, node.targets[0].id)
        return [key] if key in moved else []
    return []


def _still_used(fdef, stack):
    """Whether ``stack`` is read anywhere in ``fdef`` (pushed, popped, passed to a callee)."""
    return any(isinstance(n, ast.Name) and n.id == stack and isinstance(n.ctx, ast.Load)
               for n in ast.walk(fdef))


def _replace_statement(fdef, old, new):
    for node in ast.walk(fdef):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if isinstance(block, list) and any(s is old for s in block):
                i = next(i for i, s in enumerate(block) if s is old)
                block[i:i + 1] = new
                return


def compile_namespace(namespace, module_text, python, found, helpers=True):
    """Each function defined in ``module_text`` replaced in ``namespace`` by its numba
    dispatcher, but those named in ``python`` (a gradient's wrapper); the namespace also
    registered as a module, which numba's cache needs to load what it stored.  An
    ``SctError`` at the construct if the functions read a global numba cannot compile (with
    ``helpers`` False, the prelude's helpers unchecked: a derivative for any argument uses
    shape helpers that those specialised to numbers and arrays do not)."""
    import numba
    from .rules import prelude
    if namespace.get("__sct_jitted__"):
        return
    tree = ast.parse(module_text)
    compiled = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name not in python]
    for fdef in compiled:
        namespace[fdef.name] = numba.njit(cache=True)(namespace[fdef.name])
    for fdef in compiled:
        if helpers or not hasattr(prelude, fdef.name):
            _check_globals(fdef, namespace, found)
    module = types.ModuleType(namespace["__name__"])
    module.__dict__.update(namespace)
    sys.modules[module.__name__] = module
    namespace["__sct_jitted__"] = True


def _check_globals(fdef, namespace, found):
    """An SctError if ``fdef`` reads a global (a function, a module's function) that numba's
    nopython mode has no implementation of."""
    from .rules import prelude
    local = {a.arg for a in fdef.args.args + fdef.args.kwonlyargs} | {
        n.id for n in ast.walk(fdef) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in ast.walk(fdef):
        chain = _dotted(node)
        if chain is None or chain[0] in local or chain[0] not in namespace:
            continue
        value, spelled = namespace[chain[0]], [chain[0]]
        for attr in chain[1:]:
            if not isinstance(value, types.ModuleType):
                break
            value, spelled = getattr(value, attr, None), spelled + [attr]
        if not isinstance(value, types.ModuleType) and not _numba_knows(value):
            helper = fdef.name if hasattr(prelude, fdef.name) else None
            raise _refusal(".".join(spelled), found, helper)


def _dotted(node):
    """``a.b.c`` as ['a', 'b', 'c'] for a load of a name or an attribute chain on one (only
    the outermost attribute of a chain), else None."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        return [node.id]
    if isinstance(node, ast.Attribute):
        parts = []
        while isinstance(node, ast.Attribute):
            parts.insert(0, node.attr)
            node = node.value
        return [node.id] + parts if isinstance(node, ast.Name) else None
    return None


def _numba_knows(value):
    typing = _typing_context()
    if isinstance(value, (int, float, complex, bool, np.number, np.bool_)):
        return True
    module = getattr(value, "__module__", None) or ""
    if module.split(".")[0] == "scipy":
        return False                # numba-scipy is not assumed
    try:
        typing.resolve_value_type(value)
    except Exception:
        return False
    return True


_typing = []


def _typing_context():
    """numba's typing context, its implementations registered (as at a first compilation)."""
    if not _typing:
        from numba.core.registry import cpu_target
        cpu_target.target_context.refresh()
        cpu_target.typing_context.refresh()
        _typing.append(cpu_target.typing_context)
    return _typing[0]


def _refusal(spelled, found, helper=None):
    """The SctError for a construct numba cannot compile, at its first appearance in the
    user's source (else at the file); ``helper``: the prelude helper that calls it."""
    within = f", which sct's helper {helper} calls for this derivative," if helper else ""
    message = (f"jit=True: numba cannot compile {spelled}{within} in nopython mode (sct does "
               f"not fall back to object mode)")
    last = spelled.rsplit(".", 1)[-1]
    try:
        tree = ast.parse(found.text)
    except SyntaxError:
        tree = None
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Attribute) and node.attr == last or \
                isinstance(node, ast.Name) and node.id == last:
            return SctError.at(node, Source(found.text, found.filename), message, HINT)
    return SctError(message, found.filename, hint=HINT)


def derivative(f, mode, load, found):
    """f's derivative in ``mode`` behind a dispatch on its arguments' kinds: ``load(kinds)``
    gives the (jitted) variant for calls that pass each parameter a number (0) or an array
    of that many dimensions; flags (bools) are passed as they are; anything else is an
    SctError.  numba then compiles per argument type at the variant's first call."""
    signature = inspect.signature(f)
    params = list(signature.parameters)
    variants, by_class = {}, {}

    def refuse(err):
        if not isinstance(err, SctError):
            _numba_refused(err, f, found)

    def call(*args, **kwargs):
        values = _values(signature, args, kwargs) if kwargs or len(args) < len(params) \
            else args
        key = tuple(_kind(v) for v in values[:len(params)])
        try:
            variant = variants[key]
        except KeyError:
            variant = variants[key] = _variant(f, params, key, load, found)
        if plain and None not in key:
            _remember(f, params, values, key, variant, by_class, call, refuse)
        try:
            return variant(*args, **kwargs)
        except Exception as err:
            refuse(err)
            raise
    plain = all(v.kind is v.POSITIONAL_OR_KEYWORD for v in signature.parameters.values())
    key = "".join(f"{p}.__class__, " for p in params)
    front = _front(f, params, key, by_class, call, refuse) if plain else call
    front.__name__ = front.__qualname__ = f"{mode}_{f.__name__}"
    front.__doc__ = f"The {mode} of {f.__name__}, compiled by numba (jit=True)."
    front.__wrapped_primal__ = f
    front.__sct_variants__ = variants
    front.__sct_source__ = load(None).__sct_source__
    return front


def _remember(f, params, values, key, variant, by_class, slow, refuse):
    """The variant in ``by_class`` under the arguments' classes; where some are arrays, a
    dispatch on their numbers of dimensions under them."""
    classes = tuple(v.__class__ for v in values[:len(params)])
    arrays = [p for p, k in zip(params, key) if k not in (0, "flag")]
    if not arrays:
        by_class[classes] = variant
        return
    if classes not in by_class:
        by_class[classes] = _front(f, params, "".join(f"{p}.ndim, " for p in arrays), {},
                                   slow, refuse)
    by_class[classes].__sct_table__[tuple(k for k in key if k not in (0, "flag"))] = variant


def _front(f, params, key, table, slow, refuse):
    """A function of f's parameters (then a forward derivative's tangents) that calls
    ``table[key]``, the key an expression of its parameters, else ``slow``; compiled from
    text, as specialise.py's dispatch is, to cost a dictionary look-up in front of numba's
    own dispatch.  ``refuse(err)`` turns numba's refusal to compile into an SctError."""
    namer = Namer(set(params))
    table_name, slow_name, refuse_name, variant, rest, kw, err = (namer.fresh(n) for n in (
        "table", "slow", "refuse", "variant", "rest", "kw", "err"))
    signature = [p if v.default is inspect.Parameter.empty else f"{p}=None"
                 for p, v in inspect.signature(f).parameters.items()]
    passed = ", ".join(params + [f"*{rest}", f"**{kw}"])
    text = (f"def front({', '.join(signature + [f'*{rest}', f'**{kw}'])}):\n"
            f"    try:\n"
            f"        {variant} = {table_name}[({key})]\n"
            f"    except KeyError:\n"
            f"        return {slow_name}({passed})\n"
            f"    try:\n"
            f"        return {variant}({passed})\n"
            f"    except Exception as {err}:\n"
            f"        {refuse_name}({err})\n"
            f"        raise\n")
    namespace = {table_name: table, slow_name: slow, refuse_name: refuse}
    exec(compile(text, f"<sct jit dispatch of {f.__name__}>", "exec"), namespace)
    front = namespace["front"]
    front.__defaults__ = f.__defaults__
    front.__sct_table__ = table
    return front


def _values(signature, args, kwargs):
    """The first arguments bound to f's parameters, defaults filled in (a forward
    derivative's tangents, past them, are not needed for the kinds)."""
    n = len(signature.parameters)
    params = list(signature.parameters.values())
    values = list(args[:n])
    for p in params[len(values):]:
        values.append(kwargs.get(p.name, p.default))
    return values


def _kind(value):
    """A value's key for the dispatch: 0 for a number, an array's ndim, 'flag' for a bool;
    None for anything else (refused)."""
    cls = value.__class__
    if cls in _NUMBER_CLASSES:
        return 0
    if cls is np.ndarray and value.dtype.kind in "biufc":
        return value.ndim
    if cls in _FLAG_CLASSES:
        return "flag"
    return None


def _variant(f, params, key, load, found):
    for p, kind in zip(params, key):
        if kind is None:
            raise SctError(
                f"jit=True compiles the derivative of '{f.__name__}' for numbers and numpy "
                f"arrays of numbers; parameter '{p}' was passed something else (a list, a "
                f"tuple, a dict, an object: numba has no type for it here)",
                found.filename, f.__code__.co_firstlineno,
                hint="pass numbers and arrays, or " + HINT)
    kinds = {p: k for p, k in zip(params, key) if k != "flag"}
    return load(kinds)


_COMPILER_FILES = ("compiler.py", "compiler_machinery.py", "typed_passes.py", "lowering.py")


def _in_compiler(err):
    """Whether ``err`` was raised inside numba's compiler (an assertion of its lowering), not
    by the compiled code as it ran."""
    import numba
    package = os.path.dirname(numba.__file__)
    tb = err.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.startswith(package) and os.path.basename(name) in _COMPILER_FILES:
            return True
        tb = tb.tb_next
    return False


def _numba_refused(err, f, found):
    """An SctError from numba's refusal to compile (a typing error at the first call)."""
    try:
        from numba.core.errors import NumbaError
    except ImportError:
        return
    if isinstance(err, NumbaError) or _in_compiler(err):
        lines = [line.strip() for line in str(err).splitlines() if line.strip()]
        said = [line for line in lines if not line.startswith(("Failed in", "During"))]
        first = "; ".join(said[:2]) or (lines[:1] or [type(err).__name__])[0]
        raise SctError(f"jit=True: numba cannot compile the derivative of '{f.__name__}' in "
                       f"nopython mode: {first}", found.filename, f.__code__.co_firstlineno,
                       hint=HINT) from None
