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
* ``math.pi``-like constants are spelled canonically; module-level numeric constants keep their
  name and are listed in ``Function.constants``.

Everything outside the subset is refused here, once, with an ``SctError`` that points at it
(line, and 1-based column in characters): first what the compiler itself rejects, then the
constructs refused wherever they appear (``_REFUSED_ANYWHERE``: classes, closures, lambdas,
comprehensions, try, with, ...; the first in the text wins), then everything else in order.
"""
import ast
import importlib.util
import os
import sysconfig
import warnings
from dataclasses import dataclass, field

from . import rules
from .errors import SctError, char_column

BUILTINS = {"abs", "min", "max", "len", "range", "float", "int", "bool"}
SCT_DECORATORS = {"forward", "grad", "value_and_grad", "jacobian", "hessian", "hvp"}
COMPARE_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
RESERVED = {"np", "math"}


class Source:
    """A module's text and file name, for error messages."""

    def __init__(self, text, filename="<string>"):
        self.text = text
        self.filename = filename
        self.lines = text.splitlines()

    def line(self, lineno):
        if lineno and 1 <= lineno <= len(self.lines):
            return self.lines[lineno - 1]
        return None


@dataclass(eq=False)
class Function:
    name: str
    node: ast.FunctionDef
    source: Source
    params: list
    constants: dict = field(default_factory=dict)   # module constant name -> value
    callees: list = field(default_factory=list)     # Functions called, in order of first call

    def __deepcopy__(self, memo):
        return self          # one object per function: copies of trees point at the same one


@dataclass
class Program:
    entries: list      # the Functions asked for
    functions: list    # every Function reached, callees before callers


@dataclass
class Module:
    """What the frontend knows of one module: its imports, constants and functions."""
    source: Source
    tree: ast.Module
    aliases: dict      # local name -> dotted module ('numpy', 'math', 'numpy.linalg')
    imported: dict     # local name -> dotted object ('numpy.sin', 'helpers.g')
    constants: dict    # name -> number
    defs: dict         # name -> ast.FunctionDef
    directory: str
    variables: set = field(default_factory=set)   # other module-level names (not constants)


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
    except (ValueError, RecursionError, MemoryError) as err:
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
    except (ValueError, RecursionError, MemoryError) as err:
        raise SctError(f"cannot compile the file: {err}", filename, None, None, None,
                       "sct reads ordinary Python source files") from None
    aliases, imported, constants, defs, assigned = {}, {}, {}, {}, {}
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
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for t in targets:
                if isinstance(t, ast.Name):
                    assigned[t.id] = assigned.get(t.id, 0) + 1
                    value = _number(stmt.value)
                    if value is not None:
                        constants[t.id] = value
    constants = {k: v for k, v in constants.items() if assigned.get(k) == 1 and k not in defs}
    directory = os.path.dirname(os.path.abspath(filename)) if not filename.startswith("<") \
        else os.getcwd()
    return Module(source, tree, aliases, imported, constants, defs, directory,
                  set(assigned) - set(constants))


def _number(node):
    """The value of a numeric literal (optionally negated), or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _number(node.operand)
        return None if inner is None else (-inner if isinstance(node.op, ast.USub) else inner)
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


class Loader:
    """Finds and caches the modules that user functions come from."""

    def __init__(self, module_finder=None):
        self.modules = {}
        self.module_finder = module_finder or _find_module_file

    def module_for(self, text, filename):
        key = os.path.abspath(filename) if not filename.startswith("<") else filename
        if key not in self.modules:
            self.modules[key] = read_module(text, filename)
        return self.modules[key]

    def import_module(self, dotted, directory):
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
            self.modules[key] = read_module(text, path)
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
        names = list(module.defs)
        if not names:
            raise SctError("the file defines no function to differentiate", filename, None,
                           None, None, "write a function with 'def' at the top level")
    resolver = _Resolver(loader)
    entries = []
    for name in names:
        if name not in module.defs:
            known = ", ".join(module.defs) or "none"
            raise SctError(f"no function named '{name}' at the top level of the file "
                           f"(functions found: {known})", filename, None, None, None,
                           "pass the name of a function defined with 'def' in this file")
        entries.append(resolver.function(module, name))
    return Program(entries, resolver.order)


class _Resolver:
    """Checks functions and follows their calls, refusing recursion."""

    def __init__(self, loader):
        self.loader = loader
        self.done = {}       # (module filename, name) -> Function
        self.active = []     # the call chain being checked, for recursion errors
        self.order = []

    def function(self, module, name, call_node=None, caller_source=None):
        key = (module.source.filename, name)
        if key in self.done:
            return self.done[key]
        keys = [k for k, _ in self.active]
        if key in keys:
            chain = " -> ".join(n for _, n in keys[keys.index(key):]) + f" -> {name}"
            raise SctError.at(call_node, caller_source,
                              f"recursive call of '{name}' ({chain}): sct does not "
                              f"differentiate recursive functions",
                              "write the recursion as a for or while loop")
        node = module.defs[name]
        self.active.append((key, node))
        checked = _Checker(module, self, name).check(node)
        self.active.pop()
        self.done[key] = checked
        self.order.append(checked)
        return checked


class _Checker(ast.NodeTransformer):
    """Checks one function against the subset and rewrites it into canonical form."""

    def __init__(self, module, resolver, name):
        self.module = module
        self.source = module.source
        self.resolver = resolver
        self.name = name
        self.locals = set()
        self.callees = []
        self.constants = {}
        self.loop_depth = 0
        self.in_condition = 0

    def fail(self, node, message, hint=None):
        raise SctError.at(node, self.source, message, hint)

    def fail_before(self, node, mark, message, hint=None):
        """Fail at the ``mark`` ('*', '**', '@') written just before ``node``, if found."""
        line = self.source.line(node.lineno) or ""
        start = len(line.encode("utf-8")[:node.col_offset].decode("utf-8", "ignore"))
        found = line.rfind(mark, 0, start)
        if found < 0 or line[found + len(mark):start].strip():
            self.fail(node, message, hint)
        raise SctError(message, self.source.filename, node.lineno, found + 1, line, hint)

    # ------------------------------------------------------------ the function itself
    def check(self, node):
        import copy
        self._check_signature(node)
        self.locals = {a.arg for a in node.args.posonlyargs + node.args.args}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                self.locals.add(sub.id)
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Name, ast.arg)):
                ident = sub.id if isinstance(sub, ast.Name) else sub.arg
                if ident in RESERVED and (isinstance(sub, ast.arg) or
                                          isinstance(sub.ctx, ast.Store)):
                    self.fail(sub, f"the name '{ident}' is reserved for the module that "
                                   f"generated code imports",
                              f"rename the variable '{ident}'")
        refused = [sub for stmt in node.body for sub in ast.walk(stmt)
                   if type(sub).__name__ in _REFUSED_ANYWHERE]
        if refused:       # the first one in the text, whatever the nesting
            self.generic_visit(min(refused, key=lambda n: (n.lineno, n.col_offset)))
        if not any(isinstance(sub, ast.Return) for sub in ast.walk(node)):
            self.fail(node, f"'{node.name}' has no return statement, so there is no value "
                            f"to differentiate", "end the function with 'return <value>'")
        new = copy.deepcopy(node)
        new.decorator_list = []
        body = new.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        new.body = self._block(body) or [ast.Pass()]
        params = [a.arg for a in new.args.posonlyargs + new.args.args]
        return Function(self.name, new, self.source, params, self.constants, self.callees)

    def _check_signature(self, node):
        if isinstance(node, ast.AsyncFunctionDef):
            self.fail(node, "async functions are not supported", "use a plain def")
        args = node.args
        if args.vararg or args.kwarg:
            bad = args.vararg or args.kwarg
            stars = "*" if bad is args.vararg else "**"
            self.fail_before(bad, stars, f"'{stars}{bad.arg}': *args and **kwargs parameters "
                                         f"are not supported", "list every parameter by name")
        if args.kwonlyargs:
            self.fail(args.kwonlyargs[0], f"keyword-only parameters are not supported "
                                          f"('{args.kwonlyargs[0].arg}')",
                      "make the parameter positional (remove the '*')")
        for d in args.defaults:
            if _number(d) is None and not (isinstance(d, ast.Constant) and d.value in
                                           (None, True, False)):
                self.fail(d, "a parameter default must be a number, True, False or None",
                          "compute the value inside the function")
        for dec in node.decorator_list:
            if not self._is_sct_decorator(dec):
                self.fail_before(dec, "@", "decorators other than sct's are not supported",
                                 "remove the decorator, or apply it to the generated function")

    def _is_sct_decorator(self, dec):
        target = dec.func if isinstance(dec, ast.Call) else dec
        dotted = _dotted(target)
        if dotted is None:
            return False
        head, _, rest = dotted.partition(".")
        if self.module.aliases.get(head) == "sct" and rest in SCT_DECORATORS:
            return True
        return self.module.imported.get(dotted, "").startswith("sct.")

    # ------------------------------------------------------------ statements
    def _block(self, stmts):
        out = []
        for stmt in stmts:
            result = self.visit(stmt)
            if result is None:
                continue
            out.extend(result if isinstance(result, list) else [result])
        return out

    def generic_visit(self, node):
        self.fail(node, *_REFUSED.get(type(node).__name__, (
            f"'{type(node).__name__}' is not in the subset sct differentiates",
            "rewrite it with assignments, if/for/while and supported calls")))

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return None       # a docstring or string comment
        if isinstance(node.value, ast.Call):
            self.fail(node, "a call whose result is not used has no effect on derivatives",
                      "assign the result to a name, or remove the call")
        self.fail(node, "an expression statement has no effect", "remove it")

    def visit_Pass(self, node):
        return node

    def visit_Assign(self, node):
        node.value = self._expr(node.value)
        node.targets = [self._target(t) for t in node.targets]
        return node

    def visit_AnnAssign(self, node):
        if node.value is None:
            return None
        return self.visit_Assign(ast.copy_location(
            ast.Assign(targets=[node.target], value=node.value), node))

    def visit_AugAssign(self, node):
        node.value = self._expr(node.value)
        node.target = self._target(node.target)
        self._operator(node.op, node)
        return node

    def _target(self, t):
        if isinstance(t, ast.Name):
            return t
        if isinstance(t, (ast.Tuple, ast.List)):
            return ast.copy_location(ast.Tuple([self._target(e) for e in t.elts], ast.Store()), t)
        if isinstance(t, ast.Subscript):
            if not isinstance(t.value, ast.Name):
                self.fail(t, "index assignment is supported into a named array only",
                          "assign to a variable first: a = ...; a[i] = v")
            if t.value.id not in self.locals:
                self.fail(t, f"assignment into '{t.value.id}', which is not a local variable",
                          "copy it into a local array first")
            t.slice = self._index(t.slice)
            return t
        if isinstance(t, ast.Starred):
            self.fail(t, "starred assignment is not supported", "unpack each element by name")
        if isinstance(t, ast.Attribute):
            self.fail(t, "assignment to an attribute is not supported",
                      "sct differentiates functions of numbers and arrays, not objects")
        self.fail(t, "unsupported assignment target", "assign to a name")

    def visit_Return(self, node):
        if node.value is None:
            self.fail(node, "a bare 'return' gives no value to differentiate",
                      "return the value the derivative is wanted of")
        node.value = self._expr(node.value)
        return node

    def visit_If(self, node):
        node.test = self._condition(node.test)
        node.body = self._block(node.body) or [ast.Pass()]
        node.orelse = self._block(node.orelse)
        return node

    def visit_While(self, node):
        if node.orelse:
            self.fail(node, "while ... else is not supported",
                      "use a flag variable set before 'break'")
        node.test = self._condition(node.test)
        self.loop_depth += 1
        node.body = self._block(node.body) or [ast.Pass()]
        self.loop_depth -= 1
        return node

    def visit_For(self, node):
        if node.orelse:
            self.fail(node, "for ... else is not supported",
                      "use a flag variable set before 'break'")
        if not isinstance(node.target, ast.Name):
            self.fail(node.target, "the loop variable must be a single name",
                      "write 'for i in range(n):' and index inside the body")
        it = node.iter
        if not (isinstance(it, ast.Call) and isinstance(it.func, ast.Name)
                and it.func.id == "range" and "range" not in self.locals
                and not it.keywords and 1 <= len(it.args) <= 3):
            self.fail(it, "for loops must iterate over range(...)",
                      "write 'for i in range(len(xs)):' and use xs[i]")
        it.args = [self._expr(a) for a in it.args]
        it.sct_op = "range"
        self.loop_depth += 1
        node.body = self._block(node.body) or [ast.Pass()]
        self.loop_depth -= 1
        return node

    def visit_Break(self, node):
        return node

    def visit_Continue(self, node):
        return node

    # ------------------------------------------------------------ expressions
    def _expr(self, node):
        method = getattr(self, "expr_" + type(node).__name__, None)
        if method is None:
            self.generic_visit(node)
        return method(node)

    def _condition(self, node):
        self.in_condition += 1
        try:
            return self._expr(node)
        finally:
            self.in_condition -= 1

    def expr_Constant(self, node):
        if isinstance(node.value, (bool, int, float)) or node.value is None:
            return node
        if node.value is Ellipsis:
            return node
        if isinstance(node.value, str):
            self.fail(node, "strings are not supported here",
                      "strings may only appear as an einsum specification or a docstring")
        self.fail(node, f"a {type(node.value).__name__} literal is not supported",
                  "use int or float numbers")

    def expr_Name(self, node):
        name = node.id
        if name in self.locals:
            return node
        if name in self.module.constants:
            self.constants[name] = self.module.constants[name]
            return node
        if name in self.module.imported:
            full = _canonical_module_path(self.module.imported[name])
            if full in rules.SCALAR_CONSTANTS | rules.OTHER_CONSTANTS:
                return _constant_node(full, node)
        if name in self.module.defs or name in self.module.imported or name in BUILTINS \
                or name in self.module.aliases:
            self.fail(node, f"'{name}' is used as a value; functions and modules can only "
                            f"be called", "call the function, or pass numbers and arrays")
        if name in ("True", "False", "None"):
            return node
        if name in self.module.variables:
            self.fail(node, f"the module-level variable '{name}' is not a number constant "
                            f"(only names bound once to a number literal can be read)",
                      "pass the value as a parameter")
        self.fail(node, f"undefined name '{name}'",
                  "define it inside the function, pass it as a parameter, or bind it to a "
                  "number at module level")

    def expr_BinOp(self, node):
        self._operator(node.op, node)
        node.left = self._expr(node.left)
        node.right = self._expr(node.right)
        return node

    def _operator(self, op, node):
        name = type(op).__name__
        if name not in rules.RULES:
            self.fail(node, f"the operator {name} is not supported", "write it another way")

    def expr_UnaryOp(self, node):
        node.operand = self._expr(node.operand)
        return node

    def expr_BoolOp(self, node):
        if not self.in_condition:
            self.fail(node, "'and'/'or' are supported in conditions only",
                      "use 'a if cond else b' to choose between values")
        node.values = [self._expr(v) for v in node.values]
        return node

    def expr_Compare(self, node):
        for op in node.ops:
            if not isinstance(op, COMPARE_OPS):
                symbol = {ast.In: "in", ast.NotIn: "not in", ast.Is: "is",
                          ast.IsNot: "is not"}.get(type(op), type(op).__name__)
                self.fail(node, f"the comparison '{symbol}' is not supported",
                          "use ==, !=, <, <=, > or >=")
        node.left = self._expr(node.left)
        node.comparators = [self._expr(c) for c in node.comparators]
        return node

    def expr_IfExp(self, node):
        node.test = self._condition(node.test)
        node.body = self._expr(node.body)
        node.orelse = self._expr(node.orelse)
        return node

    def expr_Tuple(self, node):
        node.elts = [self._expr(e) for e in node.elts]
        return node

    def expr_List(self, node):
        self.fail(node, "list values are supported only as arguments of numpy functions",
                  "build an array with np.array([...]) or np.zeros(n)")

    def expr_Subscript(self, node):
        node.value = self._expr(node.value)
        node.slice = self._index(node.slice)
        return node

    def _index(self, index):
        if isinstance(index, ast.Tuple):
            index.elts = [self._index_part(e) for e in index.elts]
            return index
        return self._index_part(index)

    def _index_part(self, part):
        if isinstance(part, ast.Slice):
            for attr in ("lower", "upper", "step"):
                value = getattr(part, attr)
                if value is not None:
                    setattr(part, attr, self._expr(value))
            return part
        return self._expr(part)

    def expr_Attribute(self, node):
        dotted = _dotted(node)
        resolved = self._resolve_dotted(dotted) if dotted else None
        if resolved in rules.SCALAR_CONSTANTS | rules.OTHER_CONSTANTS:
            return _constant_node(resolved, node)
        if isinstance(node.value, ast.Name) and node.value.id in self.locals \
                or not isinstance(node.value, ast.Name):
            if node.attr == "T":      # _call checks the operand
                return self._call("np.transpose", [node.value], [], node)
            node.value = self._expr(node.value)
            if node.attr in rules.ATTRIBUTES:
                node.sct_op = "attribute"
                return node
            self.fail(node, f"the attribute '.{node.attr}' is not supported",
                      "supported: .T, .shape, .ndim, .size")
        self.fail(node, f"unknown name '{dotted}'",
                  "use math or numpy functions and constants that sct knows")

    def _resolve_dotted(self, dotted):
        """'np.linalg.solve' with the user's imports -> 'np.linalg.solve' canonical."""
        head, _, rest = dotted.partition(".")
        if head in self.locals:
            return None
        if head in self.module.aliases:
            base = self.module.aliases[head]
        elif head in self.module.imported:
            base = self.module.imported[head]
        else:
            return None
        full = base + ("." + rest if rest else "")
        return _canonical_module_path(full)

    def expr_Call(self, node):
        if any(isinstance(a, ast.Starred) for a in node.args) or \
                any(k.arg is None for k in node.keywords):
            self.fail(node, "*args and **kwargs in calls are not supported",
                      "pass each argument by name or position")
        func = node.func
        # a method form: x.sum(axis=1), x.reshape(2, 3)
        dotted = _dotted(func)
        if isinstance(func, ast.Attribute) and (dotted is None or
                                                dotted.split(".")[0] in self.locals):
            return self._method(node)
        if dotted is None:
            self.fail(node, "only named functions can be called",
                      "call a function by its name")
        head = dotted.split(".")[0]
        if "." not in dotted and head in self.locals:
            self.fail(node, f"'{head}' is a local variable, not a function", "rename it")
        if "." not in dotted and dotted in self.module.defs:
            return self._user_call(node, self.module, dotted)
        if "." not in dotted and dotted in BUILTINS and dotted not in self.module.imported:
            return self._call(dotted, node.args, node.keywords, node)
        resolved = self._resolve_dotted(dotted)
        if resolved and (resolved.startswith("np.") or resolved.startswith("math.")):
            return self._call(resolved, node.args, node.keywords, node)
        if "." not in dotted and dotted in self.module.imported:
            return self._imported_call(node, dotted, self.module.imported[dotted])
        if resolved and "." in dotted:          # helpers.h(x) after 'import helpers'
            return self._imported_call(node, dotted, resolved)
        self.fail(node, f"unknown function '{dotted}': sct has no derivative rule for it and "
                        f"cannot read its source",
                  "use a math or numpy function that sct supports, or define the function "
                  "in this module")

    def _imported_call(self, node, name, full):
        """A call of ``name``, which the imports resolve to ``full`` ('helpers.h')."""
        mod_name, _, func_name = full.rpartition(".")
        if mod_name in ("sct",) or mod_name.startswith("sct."):
            self.fail(node, f"'{name}' is part of sct and cannot be differentiated",
                      "call it outside the function")
        module = self.resolver.loader.import_module(mod_name, self.module.directory)
        if module is None or func_name not in module.defs:
            self.fail(node, f"unknown function '{name}': sct has no derivative rule for it "
                            f"and cannot read its source (module '{mod_name}')",
                      "use a math or numpy function that sct supports, or define the "
                      "function in a module whose .py source sct can read")
        return self._user_call(node, module, func_name)

    def _user_call(self, node, module, name):
        callee = self.resolver.function(module, name, node, self.source)
        fdef = module.defs[name]
        params = [a.arg for a in fdef.args.posonlyargs + fdef.args.args]
        defaults = dict(zip(params[len(params) - len(fdef.args.defaults):], fdef.args.defaults))
        if len(node.args) > len(params):
            self.fail(node, f"'{name}' takes {len(params)} arguments but {len(node.args)} "
                            f"were given", "match the function's parameters")
        bound = dict(zip(params, node.args))
        for k in node.keywords:
            if k.arg not in params or k.arg in bound:
                self.fail(node, f"'{name}' got an unexpected or repeated argument '{k.arg}'",
                          "match the function's parameters")
            bound[k.arg] = k.value
        args = []
        for p in params:
            if p in bound:
                args.append(self._expr(bound[p]))
            elif p in defaults:
                args.append(ast.copy_location(ast.Constant(ast.literal_eval(defaults[p])), node))
            else:
                self.fail(node, f"'{name}' is missing its argument '{p}'",
                          "match the function's parameters")
        new = ast.copy_location(ast.Call(ast.Name(callee.name, ast.Load()), args, []), node)
        new.sct_callee = callee
        if callee not in self.callees:
            self.callees.append(callee)
        return new

    def _method(self, node):
        func = node.func
        name = func.attr
        if name not in rules.METHODS:
            self.fail(node, f"the method '.{name}()' is not supported",
                      "call the numpy function instead, e.g. np.sum(x)")
        args = list(node.args)
        if name == "reshape" and len(args) > 1:
            args = [ast.copy_location(ast.Tuple(args, ast.Load()), node)]
        if name == "transpose" and len(args) > 1:
            args = [ast.copy_location(ast.Tuple(args, ast.Load()), node)]
        canonical = {"flatten": "ravel"}.get(name, name)
        return self._call("np." + canonical, [func.value] + args, node.keywords, node)

    def _call(self, name, args, keywords, node):
        name = rules.canonical(name)
        rule = rules.lookup(name)
        if rule is None:
            if name == "np.erf" or name == "np.erfc":
                hint = "numpy has no erf; use math.erf on scalars"
            else:
                hint = "see the README's table of supported functions"
            self.fail(node, f"'{name}' has no derivative rule in sct", hint)
        if name in ("min", "max") and (len(args) != 2 or keywords):
            self.fail(node, f"{name}() is supported with exactly two arguments",
                      f"use np.{name}(x) for the {name} of an array")
        if name == "range":
            self.fail(node, "range(...) is supported only as the iterable of a for loop",
                      "use np.arange(...) for an array")
        new_args = [self._call_arg(a, name) for a in args]
        new_keywords = []
        for k in keywords:
            k.value = self._call_arg(k.value, name)
            new_keywords.append(k)
        if rule.params is not None and not (name == "math.log" and len(args) == 2):
            try:
                rule.bind(new_args, {k.arg: k.value for k in new_keywords})
            except ValueError as err:
                self.fail(node, f"{name}() {err}", "see numpy's documentation of the call")
        if name == "np.linalg.norm":
            bound = rule.bind(new_args, {k.arg: k.value for k in new_keywords})
            ord_ = bound.get("ord")
            if ord_ is not None and not (isinstance(ord_, ast.Constant) and ord_.value is None):
                self.fail(node, "np.linalg.norm is supported for the 2-norm / Frobenius norm "
                                "only (ord=None)", "write other norms with np.sum and np.abs")
        if name == "math.log" and len(new_args) == 2:      # log(x, base) = log(x) / log(base)
            logs = [self._call(name, [a], [], node) for a in new_args]
            return ast.copy_location(ast.BinOp(logs[0], ast.Div(), logs[1]), node)
        new = ast.copy_location(ast.Call(_func_node(name), new_args, new_keywords), node)
        new.sct_op = name
        return new

    def _call_arg(self, arg, name):
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg     # einsum specification, norm ord, order='C'
        if isinstance(arg, (ast.List, ast.Tuple)):
            arg.elts = [self._call_arg(e, name) for e in arg.elts]
            return ast.copy_location(ast.List(arg.elts, ast.Load()), arg) \
                if isinstance(arg, ast.List) else arg
        return self._expr(arg)


_REFUSED = {
    "ClassDef": ("classes are not supported", "write plain functions of numbers and arrays"),
    "FunctionDef": ("nested functions (closures) are not supported",
                    "define the function at module level and pass what it needs as "
                    "parameters"),
    "AsyncFunctionDef": ("async functions are not supported", "use a plain def"),
    "Lambda": ("lambda is not supported", "define a function with def at module level"),
    "ListComp": ("comprehensions are not supported", "write a for loop over range(...)"),
    "SetComp": ("comprehensions are not supported", "write a for loop over range(...)"),
    "DictComp": ("comprehensions are not supported", "write a for loop over range(...)"),
    "GeneratorExp": ("generator expressions are not supported",
                     "write a for loop over range(...)"),
    "Yield": ("generators (yield) are not supported", "return a value or an array"),
    "YieldFrom": ("generators (yield) are not supported", "return a value or an array"),
    "Await": ("await is not supported", "use a plain def"),
    "Try": ("try is not supported", "check conditions with if instead"),
    "TryStar": ("try is not supported", "check conditions with if instead"),
    "Raise": ("raise is not supported", "return a value such as math.nan instead"),
    "With": ("with is not supported", "write the statements without the context manager"),
    "AsyncWith": ("with is not supported", "write the statements without it"),
    "AsyncFor": ("async for is not supported", "use for ... in range(...)"),
    "Global": ("global is not supported", "pass the value as a parameter and return it"),
    "Nonlocal": ("nonlocal is not supported", "pass the value as a parameter and return it"),
    "Import": ("import inside a function is not supported", "import at module level"),
    "ImportFrom": ("import inside a function is not supported", "import at module level"),
    "Delete": ("del is not supported", "simply stop using the name"),
    "Assert": ("assert is not supported", "check the condition outside the function"),
    "Dict": ("dictionaries are not supported", "use separate variables or an array"),
    "Set": ("sets are not supported", "use separate variables or an array"),
    "JoinedStr": ("strings are not supported", "remove the f-string"),
    "NamedExpr": ("the walrus operator ':=' is not supported", "assign on a line of its own"),
    "Starred": ("starred expressions are not supported", "list the elements"),
    "Match": ("match is not supported", "use if/elif/else"),
    "Slice": ("a slice is only allowed inside [...]", "index an array with it"),
}


# refused wherever they appear, before anything else in the function is looked at
_REFUSED_ANYWHERE = set(_REFUSED) - {"Starred", "Slice"}


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _canonical_module_path(full):
    """'numpy.linalg.solve' -> 'np.linalg.solve'; 'math.sin' stays."""
    if full == "numpy" or full.startswith("numpy."):
        return "np" + full[len("numpy"):]
    return full


def _func_node(name):
    parts = name.split(".")
    node = ast.Name(parts[0], ast.Load())
    for part in parts[1:]:
        node = ast.Attribute(node, part, ast.Load())
    return node


def _constant_node(name, where):
    node = ast.copy_location(_func_node(name), where)
    node.sct_const = name
    return node
