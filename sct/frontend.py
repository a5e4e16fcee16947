"""Parse and check: source text -> the checked, name-resolved functions of the subset.

``parse_program(source, names)`` returns a ``Program``: the requested functions and every user
function they call (from the same module, or from a module whose source can be read, called as
``g(x)`` after ``from m import g`` or as ``m.g(x)`` after ``import m``; never from Python's own
library), each a ``Function`` holding a canonical copy of its ``ast.FunctionDef``.  In that copy:

* every intrinsic call is spelled canonically (``np.sin``, ``math.sin``, ``np.linalg.solve``,
  ``abs``), whatever import name the user chose, method forms (``x.sum(axis=1)``) and ``x.T``
  are rewritten as numpy calls, and the node carries ``sct_op``, the rule table's key;
* every call of a user function carries ``sct_callee`` (a ``Function``), its arguments bound
  positionally with defaults filled in;
* nested functions and lambdas are lifted to functions of their own, and a function given a
  function (or a string option) is compiled once per function it is given (``lifting``), so
  that no function is a value any more: ``Program.functions`` holds them all;
* ``math.pi``-like constants are spelled canonically; module-level numeric constants keep their
  name and are listed in ``Function.constants``.

Everything outside the subset is refused, once, with an ``SctError`` that points at it (line,
and 1-based column in characters): first what the compiler itself rejects (here), then what
``lifting`` and ``subset.Checker`` refuse.
"""
import ast
import importlib.util
import os
import sysconfig
import warnings

from . import ir
from .ir import dotted_name, literal_number
from .errors import SctError, char_column
from .lifting import lower
from .methods import lower_classes
from .names import Namer, names_in
from .program import ArrayConstant, Module, Program, Signature, Source
from .subset import Checker
from .values import Instance, callee_only, specialised


def read_module(text, filename="<string>"):
    """Parse a module's text; a syntax error becomes an SctError."""
    source = Source(text, filename)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")       # SyntaxWarnings: sct reports what matters
            tree = ast.parse(text, filename=filename)
    except SyntaxError as err:
        col = err.offset if err.offset else None
        raise SctError(f"invalid Python syntax: {err.msg}", filename, err.lineno, col,
                       source.line(err.lineno), "fix the syntax error first") from None
    except (RecursionError, MemoryError):
        raise too_deep(source) from None
    except ValueError as err:
        raise SctError(f"cannot parse the file: {err}", filename, None, None, None,
                       "sct reads ordinary Python source files") from None
    try:      # errors the parser leaves to the compiler: 'break' outside a loop, ...
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, filename, "exec", dont_inherit=True)
    except SyntaxError as err:       # here the offset counts bytes, 1-based
        line = source.line(err.lineno)
        col = char_column(line, err.offset - 1) if err.offset else None
        raise SctError(f"invalid Python: {err.msg}", filename, err.lineno, col,
                       source.line(err.lineno), "fix the error first") from None
    except (RecursionError, MemoryError):
        raise too_deep(source, tree) from None
    except ValueError as err:
        raise SctError(f"cannot compile the file: {err}", filename, None, None, None,
                       "sct reads ordinary Python source files") from None
    aliases, imported, constants, defs, assigned, classes = {}, {}, {}, {}, {}, {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for a in stmt.names:
                if a.asname:
                    aliases[a.asname] = a.name
                else:
                    aliases[a.name.split(".")[0]] = a.name.split(".")[0]
        elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
            for a in stmt.names:
                imported[a.asname or a.name] = f"{stmt.module}.{a.name}"
        elif isinstance(stmt, ast.ImportFrom):
            for a in stmt.names:
                imported[a.asname or a.name] = "." * stmt.level + f"{stmt.module or ''}.{a.name}"
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defs[stmt.name] = stmt      # an async def is refused when it is checked
        elif isinstance(stmt, ast.ClassDef):
            classes[stmt.name] = stmt
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    assigned[t.id] = assigned.get(t.id, 0) + 1
                    value = literal_number(stmt.value)
                    if value is None:
                        value = _literal_array(stmt.value, aliases, imported)
                    if value is None:
                        value = _literal_tuple(stmt.value)
                    if value is not None:
                        constants[t.id] = value
    constants = {k: v for k, v in constants.items() if assigned.get(k) == 1 and k not in defs}
    lowered, methods = lower_classes(classes, names_in(tree)) if classes else ({}, {})
    defs.update(lowered)                # methods as functions: sct/methods.py
    directory = os.path.dirname(os.path.abspath(filename)) if not filename.startswith("<") \
        else os.getcwd()
    return Module(source, tree, aliases, imported, constants, defs, directory,
                  set(assigned) - set(constants), methods=methods,
                  enums=_enums(tree, aliases, imported))


def _literal_tuple(node):
    """A module constant written as a tuple of numbers (nested tuples too): the tuple, which
    generated code writes as it is; else None."""
    if not isinstance(node, ast.Tuple):
        return None
    items = [_literal_tuple(e) if isinstance(e, ast.Tuple) else literal_number(e)
             for e in node.elts]
    return None if any(i is None for i in items) else tuple(items)


ENUM_BASES = {"Enum"}    # not IntEnum, StrEnum, Flag: their members equal plain values too


def _enums(tree, aliases, imported):
    """The module's enum classes, name -> the names of their members (``class Mode(Enum): L2
    = 1``), for comparisons ``mode == Mode.L2``."""
    found = {}
    for stmt in tree.body:
        if not isinstance(stmt, ast.ClassDef):
            continue
        bases = {dotted_name(b) or "" for b in stmt.bases}
        if not any(imported.get(b, "") == f"enum.{b}" or b.partition(".")[2] in ENUM_BASES
                   and aliases.get(b.partition(".")[0]) == "enum" for b in bases
                   if b.split(".")[-1] in ENUM_BASES):
            continue
        found[stmt.name] = {t.id for s in stmt.body if isinstance(s, ast.Assign)
                            for t in s.targets if isinstance(t, ast.Name)}
    return found


def _literal_array(node, aliases, imported):
    """An ArrayConstant for ``np.array([...])`` / ``np.asarray(...)`` of nested lists or tuples
    of numeric literals (module constants: read as constants), else None."""
    if not isinstance(node, ast.Call) or len(node.args) != 1 or node.keywords:
        return None
    dotted = dotted_name(node.func) or ""
    head, _, rest = dotted.partition(".")
    full = f"{aliases[head]}.{rest}" if head in aliases and rest else imported.get(dotted)
    if full not in ("numpy.array", "numpy.asarray"):
        return None

    def entries(e):
        if isinstance(e, (ast.List, ast.Tuple)) and e.elts:
            parts = [entries(x) for x in e.elts]
            return None if None in parts else tuple(parts)
        value = literal_number(e)
        return None if value is None else float(value)
    found = entries(node.args[0])
    if not isinstance(found, tuple) or len({_shape(p) for p in found}) != 1:
        return None
    return ArrayConstant(found)


def _shape(entries):
    return (len(entries),) + _shape(entries[0]) if isinstance(entries, tuple) else ()


def too_deep(source, tree=None):
    """The SctError for code nested too deeply for Python's parser or for sct's passes: at the
    statement holding the deepest expression, or without a tree at the longest line."""
    lineno = None
    if tree is not None:
        best, todo = (-1, None), [(tree, 0, None)]
        while todo:                     # iterative: the tree is too deep for recursion
            node, depth, stmt = todo.pop()
            if isinstance(node, ast.stmt):
                stmt = node
            if depth > best[0] and stmt is not None:
                best = (depth, stmt)
            todo.extend((child, depth + 1, stmt) for child in ast.iter_child_nodes(node))
        lineno = getattr(best[1], "lineno", None)
    elif source.lines:
        lineno = max(range(len(source.lines)), key=lambda i: len(source.lines[i])) + 1
    line = source.line(lineno)
    col = len(line) - len(line.lstrip()) + 1 if line is not None else None
    return SctError("this code is nested too deeply (or is too long) for sct to transform",
                    source.filename, lineno, col, line,
                    "split the expression into several assignments (t = ...; y = t + ...)")


class Loader:
    """Finds and caches the modules that user functions come from."""

    def __init__(self, module_finder=None, sources=None, bound=None):
        self.modules = {}
        self.module_finder = module_finder or _find_module_file
        self.sources = sources or {}    # dotted -> (file name, text): modules without a file
        # module file -> {name: 'dotted.function'}: names a module binds at run time to
        # derivatives sct made, read as imported from their generated modules (sct/nested.py)
        self.bound = bound or {}

    def _read(self, key, text, filename):
        module = read_module(text, filename)
        for name, target in self.bound.get(key, {}).items():
            module.defs.pop(name, None)         # '@sct.grad def g': g is the derivative
            module.constants.pop(name, None)
            module.variables.discard(name)
            module.imported[name] = target
        return module

    def import_module(self, dotted, directory):
        if dotted in self.sources:      # a notebook's other cell (sct/cells.py)
            filename, text = self.sources[dotted]
            return self.module_for(text, filename)
        return self._import_file(dotted, directory)

    def module_for(self, text, filename):
        key = os.path.abspath(filename) if not filename.startswith("<") else filename
        if key not in self.modules:
            self.modules[key] = self._read(key, text, filename)
        return self.modules[key]

    def _import_file(self, dotted, directory):
        path = self.module_finder(dotted, directory)
        if path is None:
            return None
        key = os.path.abspath(path)
        if key not in self.modules:
            try:
                with open(path, "rb") as fh:
                    text = fh.read().decode("utf-8-sig")
            except OSError as err:
                raise SctError(f"cannot read the module '{dotted}': {err.strerror}",
                               path) from None
            except UnicodeDecodeError as err:
                raise SctError(f"the file is not valid UTF-8 ({err.reason} at byte "
                               f"{err.start})", path, hint="save the file as UTF-8") from None
            self.modules[key] = self._read(key, text, path)
        return self.modules[key]


def _find_module_file(dotted, directory):
    """The source file of module ``dotted``: next to the importing file, or on sys.path."""
    if dotted.startswith("."):
        level = len(dotted) - len(dotted.lstrip("."))
        base = directory
        for _ in range(level - 1):
            base = os.path.dirname(base)
        dotted = dotted.lstrip(".")
        candidate = os.path.join(base, *dotted.split(".")) + ".py"
        return candidate if os.path.isfile(candidate) else None
    candidate = os.path.join(directory, *dotted.split(".")) + ".py"
    if os.path.isfile(candidate):
        return candidate
    try:
        spec = importlib.util.find_spec(dotted)
    except (ImportError, ValueError):
        return None
    if spec and spec.origin and spec.origin.endswith(".py") and \
            not _in_standard_library(spec.origin):
        return spec.origin
    return None


def _in_standard_library(path):
    """Whether ``path`` is a module of Python's own library (never differentiated)."""
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    path = os.path.realpath(path)
    return path.startswith(stdlib + os.sep) and "site-packages" not in path


def parse_program(text, filename="<string>", names=None, loader=None):
    """Check the functions ``names`` of a module (all of its functions if None)."""
    loader = loader or Loader()
    module = loader.module_for(text, filename)
    if names is None:
        names = [n for n, d in module.defs.items() if not hasattr(d, "sct_method")]
        if not names:
            raise SctError("the file defines no function to differentiate", filename, None,
                           None, None, "write a function with 'def' at the top level")
        given = callee_only(module)         # compiled where called, for what they are given
        names = [n for n in names if n not in given] or names
    resolver = _Resolver(loader)
    entries = []
    for name in names:
        if tuple(name.split(".")) in module.methods:      # 'Model.loss': the lowered method
            name = module.methods[tuple(name.split("."))]
        if name not in module.defs:
            known = ", ".join(n for n, d in module.defs.items()
                              if not hasattr(d, "sct_method")) or "none"
            raise SctError(f"no function named '{name}' at the top level of the file "
                           f"(functions found: {known})", filename, None, None, None,
                           "pass the name of a function defined with 'def' in this file")
        vararg = module.defs[name].args.vararg
        if vararg is not None and not isinstance(module.defs[name], ast.AsyncFunctionDef):
            raise SctError.at(vararg, module.source,
                              f"'{name}' takes '*{vararg.arg}', whose number of arguments is "
                              f"known only at each call: sct differentiates it as called "
                              f"from another function", f"take a tuple parameter "
                                                         f"'{vararg.arg}' instead, or "
                                                         f"differentiate a function that "
                                                         f"calls '{name}'")
        entries.append(resolver.function(module, name))
    return Program(entries, resolver.order)


class _Resolver:
    """Checks functions and follows their calls, refusing recursion; holds the functions
    ``lifting`` makes (lifted nested functions, specialisations), by name."""

    def __init__(self, loader):
        self.loader = loader
        self.done = {}       # (module filename, name) -> Function
        self.active = []     # the call chain being checked, for recursion errors
        self.order = []
        self.instances = {}          # (module filename, name) -> lifting.Instance
        self.specialisations = {}    # what a specialisation is for -> lifting.Instance
        self.taken = {}              # module filename -> the names generated code may not use
        self.calls = []              # (call node, caller's Source) of each function in active

    def instance(self, module, name):
        """The Instance of the module's function ``name`` (one of its defs, or one that
        ``lifting`` made)."""
        key = (module.source.filename, name)
        if key not in self.instances:
            node = module.defs[name]
            self.instances[key] = Instance(module, node, name, Signature.of(node.args))
        return self.instances[key]

    def add(self, instance):
        self.instances[(instance.module.source.filename, instance.name)] = instance

    def fresh(self, module, base):
        """A name for a function lifting makes, clashing with no name of the module."""
        filename = module.source.filename
        if filename not in self.taken:
            self.taken[filename] = names_in(module.tree)
        name = Namer(self.taken[filename]).fresh(base)
        self.taken[filename].add(name)
        return name

    def specialise(self, base, functions, strings):
        return specialised(self, base, functions, strings)

    def function(self, module, name, call_node=None, caller_source=None):
        key = (module.source.filename, name)
        if key in self.done:
            return self.done[key]
        keys = [k for k, _ in self.active]
        if key in keys:
            chain = " -> ".join(n for _, n in keys[keys.index(key):]) + f" -> {name}"
            through = any(self.instances.get(k) and self.instances[k].env
                          for k in keys[keys.index(key):])
            raise SctError.at(call_node, caller_source,
                              f"recursive call of '{name}' ({chain}"
                              f"{', through a function argument' if through else ''}): sct "
                              f"does not differentiate recursive functions",
                              "write the recursion as a for or while loop")
        inst = self.instance(module, name)
        for node, message, hint in getattr(inst.node, "sct_refusals", ())[:1]:
            raise SctError.at(node, module.source, message, hint)      # sct/methods.py
        self.active.append((key, inst.node))
        self.calls.append((call_node, caller_source))
        checker = Checker(module, self, name)
        checker.check_signature(inst.node)
        checked = checker.check(lower(inst, self), inst.signature)
        ir.checked(checked.node, "parse")
        self.active.pop()
        self.calls.pop()
        self.done[key] = checked
        self.order.append(checked)
        return checked
