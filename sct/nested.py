"""Derivatives of code that calls sct's own derivatives (nested differentiation).

A name that a function's module binds at run time to a derivative sct made (``dphi =
sct.grad(phi, wrt=0)``, ``@sct.forward def g``, ``sct.value_and_grad(f)``) is called by that
function as an ordinary user function whose source is the generated module: sct keeps that
text on the derivative (``__sct_source__``).  ``bound_derivatives`` finds those names in the
namespaces a compilation may read and gives the frontend's ``Loader`` each generated module as
a module without a file, and each name as imported from it; the passes then differentiate the
generated code like any callee, in either mode (the prelude helpers it calls are intrinsics
with rules of their own).

A gradient's public entry checks its value in ways outside the subset (``try``, a call into
sct); the module read here calls its adjoint through a plain entry of the same name instead,
whose value check is an ``assert``: a value that is not a number stops the call (the adjoint
was compiled taking it to be one).
"""
import ast
import hashlib
import inspect
import os
import sys
import sysconfig
import types

from .names import STRUCTURED
from .rules import prelude
from .sources import _names_read

MODULE = "_sct_derivative_"     # + a hash: the dotted name a generated module is read under


class Bound:
    """What ``bound_derivatives`` found: ``sources`` ({dotted: (file name, text)}, for the
    Loader's modules without a file), ``names`` ({module file: {name: dotted function}}) and
    ``read``, the bindings a derivative compiled from them checks before each call (a name
    bound to another derivative since: it compiles again)."""

    def __init__(self):
        self.sources, self.names = {}, {}
        self.read = []      # (namespace, name, derivative, None): sources.Found.read's form


    def key_text(self):
        """The texts the cache key must hold: what runs when the bound names are called."""
        return "\0".join(f"{d} {fn}\n{t}" for d, (fn, t) in sorted(self.sources.items())) + \
            "\0" + repr(sorted((k, sorted(v.items())) for k, v in self.names.items()))


def bound_derivatives(f, filename):
    """The derivatives made by sct that the code f runs may call by a global name (f's, and
    that of the user functions it reaches through the names their code reads, modules'
    attributes too), as a ``Bound``; f's own name in its module (``filename``) is left alone
    (f may be the primal a decorator is compiling)."""
    bound = Bound()
    own = _key(filename)
    todo, seen = [(f, own)], set()

    def consider(path, namespace, name, value):
        text = getattr(value, "__sct_source__", None)
        if isinstance(text, str):
            if path == own and name == f.__name__ or name in bound.names.get(path, {}):
                return
            found = _readable(value, text)
            if found is not None:
                module_text, entry = found
                digest = hashlib.sha256(module_text.encode()).hexdigest()[:16]
                dotted = MODULE + digest
                bound.sources[dotted] = (f"<sct derivative {entry} {digest}>", module_text)
                bound.names.setdefault(path, {})[name] = f"{dotted}.{entry}"
                bound.read.append((namespace, name, value, None))
        elif isinstance(value, types.FunctionType) and _user_namespace(value) is not None:
            todo.append((value, _key(value.__code__.co_filename)))

    while todo:
        g, path = todo.pop()
        if g in seen:
            continue
        seen.add(g)
        namespace, names = g.__globals__, _names_read(g.__code__)
        for name in names:
            if name not in namespace:
                continue
            value = namespace[name]
            consider(path, namespace, name, value)
            if isinstance(value, types.ModuleType):     # m.g(x) after 'import m'
                other = _user_namespace(value)
                if other is not None:
                    for attr in names:
                        if attr in other[1]:
                            consider(other[0], other[1], attr, other[1][attr])
    return bound


def _key(filename):
    """A module's key, as the frontend's Loader keys it: a file's absolute path; a cell's
    name ('<ipython-input-1-...>') as it is."""
    return filename if filename.startswith("<") else os.path.abspath(filename)


def _user_namespace(value):
    """(file, namespace) of a user module that ``value`` (a module, or a function defined in
    one) belongs to; None for Python's library, installed packages and sct itself."""
    if isinstance(value, types.ModuleType):
        module = value
    elif isinstance(value, types.FunctionType) and not hasattr(value, "__sct_source__"):
        module = sys.modules.get(value.__module__)
    else:
        return None
    path = getattr(module, "__file__", None)
    name = getattr(module, "__name__", "")
    if not isinstance(path, str) or not path.endswith(".py") or name == "sct" or \
            name.startswith("sct.") or _installed(path):
        return None
    return os.path.abspath(path), vars(module)


def _installed(path):
    real = os.path.realpath(path)
    paths = sysconfig.get_paths()
    return "site-packages" in real or "dist-packages" in real or \
        real.startswith(os.path.realpath(paths["stdlib"]) + os.sep)


def _readable(derivative, text):
    """(module text in sct's subset, the function to call) for a derivative sct made, or None
    (a derivative whose generated module has no top-level function of its name: sct.hessian
    and the like, which are Python wrappers; or one that is not that function, nor a notebook's
    guard around it: a method's derivative, which passes the instance)."""
    entry = getattr(derivative, "__name__", None)
    code = getattr(inspect.unwrap(derivative), "__code__", None)
    if code is None or code.co_name != entry:
        return None         # a wrapper that passes more (a method's: the instance first)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return None
    defs = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}
    if entry not in defs:
        return None
    wrapper = defs[entry]
    if not (wrapper.body and isinstance(wrapper.body[-1], ast.Return) and
            any(isinstance(s, ast.Try) for s in wrapper.body)):
        return text, entry                      # forward mode, an adjoint: already plain
    primal = getattr(getattr(derivative, "__wrapped_primal__", None), "__name__", "f")
    return _plain_gradient(text, tree, wrapper, primal), entry


def _plain_gradient(text, tree, wrapper, primal):
    """The module of a gradient (``_gradient_wrapper``'s) with its entry written in the subset:
    the adjoint's call, an assert that its value is a number, the same return."""
    call = next(s for s in wrapper.body if isinstance(s, ast.Try)).body[0]
    name = wrapper.name
    check = ast.parse(f"assert isinstance(value, float) or np.ndim(value) == 0, 'the value "
                      f"of {primal!s} is not a number, so {name} is not its gradient'").body[0]
    returned = wrapper.body[-1]
    # the wrapper imports the prelude helper that restores its arguments' structures under a
    # name of its own: called by the helper's name, so the module's copy or the one added
    renamed = {a.asname: a.name for s in tree.body if isinstance(s, ast.ImportFrom)
               for a in s.names if a.asname and a.asname.startswith(STRUCTURED)}
    for node in ast.walk(returned):
        if isinstance(node, ast.Name) and node.id in renamed:
            node.id = renamed[node.id]
    entry = ast.FunctionDef(wrapper.name, wrapper.args, [call, check, returned],
                            [], None, type_params=[]) if sys.version_info >= (3, 12) else \
        ast.FunctionDef(wrapper.name, wrapper.args, [call, check, returned], [], None)
    body = [s for s in tree.body if s is not wrapper and not (
        isinstance(s, ast.ImportFrom) and (s.module or "").split(".")[0] == "sct")]
    defined = {s.name for s in body if isinstance(s, ast.FunctionDef)}
    imports = {a.asname or a.name for s in body if isinstance(s, ast.Import) for a in s.names}
    extra = "".join("\n\n" + prelude.helper_text(h) for h in sorted(set(renamed.values()))
                    if h not in defined)
    if "np" not in imports:
        extra = "\nimport numpy as np\n" + extra
    module = ast.Module(body + [ast.fix_missing_locations(entry)], [])
    # the first line, '# Generated by sct ...', says the module is sct's own (the frontend
    # then reads its prelude copies as the helpers' rules, its stacks' pops as sct's)
    return text.splitlines()[0] + "\n" + ast.unparse(module) + "\n" + extra + "\n"
