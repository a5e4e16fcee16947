"""Functions whose source is not a file: cells of IPython or Jupyter, code given to ``exec``
under a file name registered with ``linecache``, the program of ``python -c``.

Such text is not a module: a notebook's module is the set of cells run so far, f's
``__globals__``, and a name f reads is bound to whatever the cell that ran last bound it to
(``import numpy as np`` and ``C = 2.0`` in an earlier cell, a ``g`` defined in another cell or
redefined since).  So the globals, not the text, say what each name is.  The module sct reads
for a cell is the cell's text with its line numbers kept (errors point at the cell's lines):

* the functions defined at its top level that are still what their names are bound to (and
  f itself) stay; every other statement becomes a blank line;
* after the text come the bindings of the names those functions read, written from the
  globals: ``import numpy as np`` for a module, ``from M import g`` for a function of a file
  or an intrinsic (numpy's ufuncs too), ``from _sct_cell_N import g`` for a function of
  another cell (itself read the same way: the frontend's ``Loader`` gets its text), ``C = 2.0``
  for a number, ``A = numpy.array([...])`` for a float array, ``X = None`` for anything else
  (sct then refuses reading it, as it refuses a module variable).

The globals read are kept (``Found.read``): a derivative checks before each call that they
are bound as they were, and compiles again if not (``api._derive``), so a constant changed or a
helper redefined in a later cell is never differentiated stale.
"""
import ast
import math
import sys
import types
import warnings

import numpy as np

from .errors import SctError
from .sources import (Found, _code_text, command_lines, registered_lines, unreadable)

ARRAY_LIMIT = 10_000         # larger arrays are not written into the text (refused when read)
INTRINSIC_MODULES = ("numpy", "math", "scipy", "cmath")    # where intrinsics come from
CONTEXT = "# sct: what the names read are bound to in the globals"


class Cells:
    """The texts of the cells one compilation reads, by (file name, globals)."""

    def __init__(self):
        self.modules = {}    # dotted -> (file name, text)
        self.dotted = {}     # (file name, id(globals)) -> dotted
        self.read = []       # (namespace, name, value, copy of an array)

    def found(self, f, lines):
        """The ``Found`` of ``f``, defined in ``lines``."""
        text = self.module_text(f.__code__.co_filename, lines, f.__globals__, entry=f)
        return Found(f.__code__.co_filename, text, self.modules, self.read)

    def module_text(self, filename, lines, namespace, entry=None):
        text = "".join(lines)
        try:
            tree = ast.parse(text, filename)
            code = compile(tree, filename, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            if entry is not None and filename == "<string>":
                raise unreadable(entry) from None
            return text                 # the frontend reports it
        codes = {(c.co_name, c.co_firstlineno): c for c in code.co_consts
                 if isinstance(c, types.CodeType)}
        kept, out = [], list(lines)
        for node in tree.body:
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            if isinstance(node, ast.FunctionDef) and _current(node, first, codes, filename,
                                                              namespace, entry):
                kept.append(node)
                continue
            for ln in range(first, node.end_lineno + 1):
                out[ln - 1] = "\n"
        if entry is not None and not any(_same(n, codes, entry) for n in kept):
            if filename == "<string>":
                raise unreadable(entry)
            raise SctError(f"the text registered for {filename} no longer defines '"
                           f"{entry.__name__}' as it runs (it was replaced after the "
                           f"function was defined)", filename, entry.__code__.co_firstlineno,
                           hint="run the cell that defines the function again, then call "
                                "sct again")
        defined = {n.name for n in kept}
        for node in kept:               # a helper of this text redefined later is read again
            value = namespace.get(node.name)
            if value is not entry and isinstance(value, types.FunctionType):
                self.read.append((namespace, node.name, value, None))
        names = set()
        for node in kept:
            names |= _global_names(codes[(node.name, _first(node))])
            for d in node.decorator_list:
                names |= {n.id for n in ast.walk(d) if isinstance(n, ast.Name)}
        taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | set(namespace)
        numpy_name = _fresh("_sct_numpy", taken)
        context, numpy_needed = [], False
        for name in sorted(names - defined):
            if name not in namespace:
                continue                    # a builtin, or undefined (the frontend says)
            value = namespace[name]
            line = self.binding(name, value, numpy_name)
            numpy_needed = numpy_needed or line.startswith(f"{name} = {numpy_name}.array(")
            context.append(line)
            copy = np.array(value) if isinstance(value, np.ndarray) and \
                value.dtype.kind in "biufc" else None      # compared before each call
            self.read.append((namespace, name, value, copy))
        if numpy_needed:
            context.insert(0, f"import numpy as {numpy_name}")
        body = "".join(out)
        if not body.endswith("\n"):
            body += "\n"
        return body + ("\n" + CONTEXT + "\n" + "\n".join(context) + "\n" if context else "")

    def binding(self, name, value, numpy_name):
        """The line binding ``name`` as the globals bind it to ``value``."""
        if isinstance(value, types.ModuleType):
            module = value.__name__
            if module != "__main__" and all(p.isidentifier() for p in module.split(".")):
                return f"import {module}" if module == name else f"import {module} as {name}"
        elif isinstance(value, types.FunctionType) and value.__qualname__ == value.__name__ \
                and value.__name__.isidentifier():
            home = self.function_home(value)
            if home is not None:
                return _from(home, value.__name__, name)
        elif callable(value) and isinstance(getattr(value, "__name__", None), str):
            home = _public_home(value)
            if home is not None:
                return _from(home, value.__name__, name)
        elif isinstance(value, (bool, np.bool_)):
            return f"{name} = {bool(value)!r}"
        elif isinstance(value, (int, np.integer)):
            return f"{name} = {int(value)!r}"
        elif isinstance(value, (float, np.floating)) and math.isfinite(value):
            return f"{name} = {float(value)!r}"
        elif isinstance(value, np.ndarray) and value.dtype.kind == "f" and \
                0 < value.ndim and 0 < value.size <= ARRAY_LIMIT and np.isfinite(value).all():
            return f"{name} = {numpy_name}.array({value.astype(float).tolist()!r})"
        return f"{name} = None  # sct: a {type(value).__name__} (not a number constant)"

    def function_home(self, g):
        """The dotted module to import ``g`` from: a module of a file, or (for a function of
        another cell or exec'd text) the name this compilation gives that text; None when its
        source cannot be read."""
        filename = g.__code__.co_filename
        lines = registered_lines(filename)
        if lines is None and filename == "<string>":
            lines = command_lines()
        if lines is None:
            module = sys.modules.get(g.__module__)
            if g.__module__ != "__main__" and getattr(module, g.__name__, None) is g:
                return g.__module__
            return None
        key = (filename, id(g.__globals__))
        if key not in self.dotted:
            dotted = f"_sct_cell_{len(self.dotted) + 1}"
            self.dotted[key] = dotted
            self.modules[dotted] = (filename, None)       # being written (a cycle reads it)
            self.modules[dotted] = (filename, self.module_text(filename, lines,
                                                               g.__globals__))
        return self.dotted[key]


def _current(node, first, codes, filename, namespace, entry):
    """Whether the def ``node`` is what runs: f itself, or what its name is bound to."""
    if entry is not None and _same(node, codes, entry):
        return True
    value = namespace.get(node.name)
    return isinstance(value, types.FunctionType) and \
        value.__code__.co_filename == filename and _same(node, codes, value)


def _same(node, codes, g):
    """Whether ``g`` runs the code of the def ``node``, compiled with the whole text (as
    ``exec`` compiles it) or on its own (as IPython compiles a cell, statement by statement:
    the bytecode of ``np.sin(x)`` differs when ``import numpy as np`` is in the same unit)."""
    if g.__code__.co_firstlineno != _first(node) or not _same_defaults(node, g):
        return False
    running = _code_text(g.__code__)
    code = codes.get((node.name, _first(node)))
    if code is not None and _code_text(code) == running:
        return True
    try:
        alone = compile(ast.Module([node], []), g.__code__.co_filename, "exec",
                        dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return any(isinstance(c, types.CodeType) and c.co_name == node.name and
               _code_text(c) == running for c in alone.co_consts)


def _same_defaults(node, g):
    """Whether the defaults written in ``node`` (when literals) are ``g``'s."""
    try:
        written = tuple(ast.literal_eval(d) for d in node.args.defaults) or None
    except ValueError:
        return True                     # not a literal: the frontend refuses it
    return repr(written) == repr(g.__defaults__)


def _first(node):
    return min([node.lineno] + [d.lineno for d in node.decorator_list])


def _global_names(code):
    """The names a code object and the code nested in it read from the globals (with the
    attribute names, which are harmless: an attribute is not read through its binding)."""
    names = set(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            names |= _global_names(c)
    return names


def _public_home(value):
    """The shortest public module of numpy, math, scipy or cmath that has ``value`` under its
    name: an intrinsic imported by name (``from numpy import sin``)."""
    name = value.__name__
    candidates = sorted((d for d, m in list(sys.modules.items()) if m is not None and
                         d.split(".")[0] in INTRINSIC_MODULES and
                         not any(p.startswith("_") for p in d.split("."))),
                        key=lambda d: (d.count("."), len(d), d))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")         # numpy.core and the like warn when read
        for dotted in candidates:
            try:
                if getattr(sys.modules[dotted], name, None) is value:
                    return dotted
            except Exception:                   # a lazy module that fails on access
                continue
    return None


def _from(module, attr, name):
    return f"from {module} import {attr}" + (f" as {name}" if name != attr else "")


def _fresh(base, taken):
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base}{k}"
    return name
