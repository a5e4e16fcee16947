"""A running function's source, as sct reads it for the decorators: the text of its file (or
of its notebook cell, exec'd text, ``python -c`` program: ``sct/cells.py``), the functions of
that file it calls (whose code, not line numbers, keys the cache), the check that the file was
not edited since it was imported, and errors located at its ``def``."""
import ast
import codecs
import inspect
import linecache
import os
import sys
import types

import numpy as np

from .errors import SctError
from .frontend import Source


def running(f):
    """What runs when f runs: {name: (code, defaults)} of f and of the functions of its file
    that it calls through the names it reads, the code as text without line numbers."""
    found, todo = {}, [f]
    while todo:
        g = todo.pop()
        found[g.__name__] = (_code_text(g.__code__), repr((g.__defaults__, g.__kwdefaults__)))
        for name in _names_read(g.__code__):
            h = g.__globals__.get(name)
            if h.__class__ is types.FunctionType and h.__name__ not in found and \
                    h.__code__.co_filename == f.__code__.co_filename and \
                    h.__qualname__ == h.__name__:
                todo.append(h)
    for name, g in getattr(f, "__sct_methods__", {}).items():      # a method's class's methods
        found[name] = (_code_text(g.__code__), repr((g.__defaults__, g.__kwdefaults__)))
    return found


def _names_read(code):
    """The global names a code object reads, its nested functions' and lambdas' too."""
    names = list(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            names += [n for n in _names_read(c) if n not in names]
    return names


def _code_text(code):
    """What a code object does, as text: bytecode, constants, names, signature (the same
    in every process: a frozenset's items sorted)."""
    consts = [_code_text(c) if isinstance(c, types.CodeType) else
              sorted(map(repr, c)) if isinstance(c, frozenset) else (type(c).__name__, c)
              for c in code.co_consts]
    return repr((code.co_code, consts, code.co_names, code.co_varnames, code.co_freevars,
                 code.co_cellvars, code.co_flags, code.co_argcount, code.co_posonlyargcount,
                 code.co_kwonlyargcount))


def check_not_edited(f, filename, text, running):
    """An SctError if the file's text no longer compiles to the code that runs (``running``,
    from ``running``): it was edited after import, and sct would differentiate other code."""
    try:
        tree = ast.parse(text, filename)
        code = compile(tree, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return                              # parse_program reports it
    defined = {}
    for node, compiled in _module_functions(tree, code):
        try:
            args = node.args
            defaults = repr((tuple(ast.literal_eval(d) for d in args.defaults) or None,
                             {a.arg: ast.literal_eval(d) for a, d in
                              zip(args.kwonlyargs, args.kw_defaults) if d is not None} or None))
        except ValueError:                  # not a literal (not in sct's subset): not compared
            defaults = None
        defined.setdefault(node.name, []).append((node, _code_text(compiled), defaults))
    for name, (runs, runs_defaults) in running.items():
        if not any(runs == now and defaults in (None, runs_defaults)
                   for _, now, defaults in defined.get(name, [])):
            message = (f"'{name}' was edited in {os.path.basename(filename)} after it was "
                       f"imported: it runs the old code, and sct would differentiate the new "
                       f"text")
            hint = "reload the module (importlib.reload) or restart Python, then call sct again"
            if name not in defined:
                raise SctError(message + f", which has no function '{name}'", filename,
                               hint=hint)
            raise SctError.at(defined[name][-1][0], Source(text, filename), message, hint)


def _module_functions(tree, code):
    """(FunctionDef, code object) of each function defined at module level (in if or try
    blocks too), the code compiled from the module's text."""
    codes = {(c.co_name, c.co_firstlineno): c for c in code.co_consts
             if isinstance(c, types.CodeType)}
    found, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.FunctionDef):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            if (node.name, first) in codes:
                found.append((node, codes[(node.name, first)]))
        elif not isinstance(node, (ast.ClassDef, ast.AsyncFunctionDef, ast.expr)):
            todo.extend(ast.iter_child_nodes(node))
    return found + _method_functions(tree, codes)


def _method_functions(tree, codes):
    """(lowered FunctionDef, code object) of each method of a module-level class, under the
    name sct gives it (``sct/methods.py``)."""
    from .methods import lower_classes
    from .names import names_in
    classes = {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}
    if not classes:
        return []
    defs, _ = lower_classes(classes, names_in(tree))
    found = []
    for name, node in defs.items():
        owner, method = classes[node.sct_method[3]], node.sct_method[1]
        first = min([owner.lineno] + [d.lineno for d in owner.decorator_list])
        body = codes.get((owner.name, first))
        if body is None:
            continue
        inner = {(c.co_name, c.co_firstlineno): c for c in body.co_consts
                 if isinstance(c, types.CodeType)}
        for stmt in owner.body:
            if isinstance(stmt, ast.FunctionDef) and stmt.name == method:
                line = min([stmt.lineno] + [d.lineno for d in stmt.decorator_list])
                if (method, line) in inner:
                    found.append((node, inner[(method, line)]))
    return found


def function_source(f):
    """Where f's source is: a ``Found`` (file name, module text, the other modules it reads
    that are not files, the globals it read), or an SctError.  Read the way
    ``inspect.getsource`` reads it: text registered with ``linecache`` under f's file name
    (an IPython or Jupyter cell, code given to ``exec`` after ``compile(text, name, 'exec')``)
    first, then the file; ``python -c`` code from ``sys.orig_argv``.  Text that is not a file
    is a cell: the module is then f's ``__globals__``, and what f reads from it is written
    into the text as imports and constants (``cells.Cells``)."""
    require_function(f)
    filename = f.__code__.co_filename
    lines = registered_lines(filename)
    if lines is None and filename == "<string>":
        lines = command_lines()
    if lines is not None:
        from .cells import Cells
        return Cells().found(f, lines)
    try:
        path = filename if filename.endswith(".py") else inspect.getsourcefile(f)
        if path is None or not os.path.isfile(path):
            raise OSError
        with open(path, "rb") as fh:
            raw = fh.read()
    except (OSError, TypeError):
        raise unreadable(f) from None
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return Found(path, raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise SctError(f"the file is not valid UTF-8 ({err.reason} at byte {err.start})",
                       path, hint="save the file as UTF-8") from None


class Found:
    """A function's source: ``filename`` and ``text`` of its module; ``modules``
    ({dotted name: (file name, text)}) the modules without a file that it reads (other cells),
    for the frontend's ``Loader``; ``read`` the globals the texts were written from, as
    (namespace, name, value, copy of an array), which a derivative checks before each call."""

    def __init__(self, filename, text, modules=None, read=None):
        self.filename, self.text = filename, text
        self.modules, self.read = modules or {}, read

    def key_text(self):
        """The text the cache key hashes: the module's and every module it reads."""
        parts = [self.text] + [f"{name} {fn}\n{t}" for name, (fn, t) in
                               sorted(self.modules.items())]
        return "\0".join(parts)

    def changed(self):
        """The first name of the globals read whose binding changed since, or None."""
        for namespace, name, value, copy in self.read or ():
            now = namespace.get(name, _MISSING)
            if now is not value or copy is not None and not (
                    now.dtype == copy.dtype and
                    np.array_equal(now, copy, equal_nan=copy.dtype.kind in "fc")):
                return name
        return None


_MISSING = object()


def registered_lines(filename):
    """The lines ``linecache`` holds for ``filename`` when they were registered there rather
    than read from a file (no modification time: IPython's cells, ``exec`` of text registered
    under its name), else None."""
    entry = linecache.cache.get(filename)
    if isinstance(entry, tuple) and len(entry) == 4 and entry[1] is None and \
            isinstance(entry[2], list) and entry[2]:
        return entry[2]
    return None


def command_lines():
    """The lines of the program given with ``python -c`` (from ``sys.orig_argv``), or None.
    Whether a function was compiled from them is checked when they are read (a function made
    by ``exec`` of another string has the same file name, '<string>')."""
    argv = getattr(sys, "orig_argv", None) or []
    if sys.argv[:1] != ["-c"]:
        return None
    i = 1
    while i < len(argv) - 1:
        arg = argv[i]
        if not arg.startswith("-") or arg in ("-", "-m") or arg.startswith("--"):
            return None
        if arg[-1] == "c":
            return argv[i + 1].splitlines(True)
        i += 2 if arg[-1] in "WX" else 1
    return None


def unreadable(f):
    """The SctError for a function whose source Python did not keep."""
    name, filename = f.__name__, f.__code__.co_filename
    lineno = f.__code__.co_firstlineno
    if filename == "<string>":
        return SctError(f"the source of '{name}' cannot be read: it was compiled from a string "
                        f"(file name '<string>', line {lineno}) that Python does not keep",
                        filename, hint="define the function in a .py file, or compile the "
                        "text under a file name registered with linecache: "
                        "linecache.cache[name] = (len(text), None, text.splitlines(True), "
                        "name), then exec(compile(text, name, 'exec'), namespace)")
    if filename == "<stdin>":
        return SctError(f"the source of '{name}' cannot be read: it was typed at Python's "
                        f"prompt, which does not keep it", filename, hint="define the function "
                        "in a .py file (or in IPython or Jupyter, whose cells sct reads)")
    return SctError(f"the source of '{name}' cannot be read (defined in {filename})",
                    filename, hint="define the function in a .py file")


def require_function(f):
    """An SctError unless f is a function defined with def at the top level of a module."""
    name = getattr(f, "__name__", repr(f))
    if inspect.ismethod(f):
        raise SctError(f"'{f.__qualname__}' is a bound method; sct differentiates module-level "
                       f"functions only", "<unknown>", hint="write it as a function at module "
                       "level and pass the object's numbers as parameters")
    if not inspect.isfunction(f):
        raise SctError(f"{name!r} is not a Python function defined with def, so sct cannot "
                       f"read its source", "<unknown>", hint="pass a function written in Python")
    if f.__name__ == "<lambda>":
        raise located(f, "lambda", "a lambda cannot be differentiated",
                       "define the function with def at module level")
    if "<locals>" in f.__qualname__:
        raise located(f, "def", f"'{f.__qualname__}' is defined inside another function; sct "
                       f"differentiates module-level functions only",
                       "move the function to module level")
    if "." in f.__qualname__:
        raise located(f, "def", f"'{f.__qualname__}' is defined in a class; sct "
                       f"differentiates module-level functions only",
                       "move the function to module level")


def located(f, word, message, hint):
    """An SctError at the first ``word`` ('lambda', 'def') of the line where ``f`` starts
    (for 'def', after its decorators)."""
    filename, lineno = f.__code__.co_filename, f.__code__.co_firstlineno
    line = linecache.getline(filename, lineno).rstrip("\n") or None
    for below in range(1, 20 if word == "def" and line and line.lstrip()[:1] == "@" else 0):
        following = linecache.getline(filename, lineno + below).rstrip("\n")
        if following.lstrip().startswith("def "):
            lineno, line = lineno + below, following
            break
    col = None
    if line is not None:
        found = line.find(word)
        col = found + 1 if found >= 0 else len(line) - len(line.lstrip()) + 1
    return SctError(message, filename, lineno, col, line, hint)
