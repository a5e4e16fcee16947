"""Inert statements, checked: the checks and side effects of the primal (``assert``, ``raise``
of a built-in exception, ``print(...)``, ``warnings.warn(...)``), which generated code runs
where and as often as the function itself does, and which carry no derivative.  ``Inert`` is
the part of ``subset.Checker`` that checks them; the form they keep after it is ``ir``'s (its
docstring, form 10), marked ``sct_inert``.

Their expressions stay as the user wrote them (names resolved, intrinsic calls spelled
canonically), strings and f-strings included, which the subset refuses anywhere else: so the
generated code shows the user's message, and an assert's message is computed only when the
assertion fails, as in Python.  They may call ``str``, ``repr``, ``format``, ``round``,
``type``, ``isinstance`` and a string's ``.format``, and read ``x.dtype``.  A user function
called in one of them is refused (its result would need a derivative function, or a primal,
of its own): it is assigned to a name first.
"""
import ast
import builtins

import numpy as np

from .ir import dotted as ir_dotted, dotted_name

PRINT, WARN = "print", "warnings.warn"
MESSAGE_BUILTINS = ("str", "repr", "format", "type", "isinstance")  # (round is a rule)


def builtin_class(name, base):
    """Whether ``name`` is one of Python's built-in classes deriving from ``base``."""
    value = getattr(builtins, name, None)
    return isinstance(value, type) and issubclass(value, base)


class Inert:
    """Checks and canonicalizes the inert statements of a function (see the module docstring)."""

    in_inert = 0        # > 0 while checking an inert statement's expressions

    def inert(self, check, node):
        self.in_inert += 1
        try:
            check()
        finally:
            self.in_inert -= 1
        node.sct_inert = True
        return node

    def visit_Assert(self, node):
        def check():
            node.test = self._condition(node.test)
            if node.msg is not None:
                node.msg = self._expr(node.msg)
        return self.inert(check, node)

    def visit_Raise(self, node):
        if node.exc is None:
            self.fail(node, "a bare 'raise' re-raises the exception being handled, and sct has "
                            "no try to handle one in",
                      "raise an exception: raise ValueError('...')")
        if node.cause is not None:
            self.fail(node.cause, "'raise ... from ...' is not supported",
                      "raise the exception without 'from'")
        exc = node.exc
        call = exc if isinstance(exc, ast.Call) else None
        cls = call.func if call is not None else exc
        if not (isinstance(cls, ast.Name) and self._is_builtin(cls.id, BaseException)):
            self.fail(cls, "raise is supported with Python's built-in exceptions only "
                           f"('{ast.unparse(cls)}' is not one)",
                      "raise ValueError(...), RuntimeError(...) or another built-in exception")

        def check():
            if call is not None:
                self._no_spreading(call)
                if call.keywords:
                    self.fail(call, "a built-in exception takes no keyword arguments",
                              "pass the message positionally")
                call.args = [self._expr(a) for a in call.args]
        return self.inert(check, node)

    def inert_call(self, node):
        """``print(...)`` / ``warnings.warn(...)`` as a statement, or None for another call."""
        call = node.value
        kind = self._inert_kind(call.func)
        if kind is None:
            return None
        self._no_spreading(call)

        keywords = {k.arg: k for k in call.keywords}
        classes = [k for k in call.keywords if k.arg == "category"]

        def check():          # a warning's category is a class, kept as it is written
            call.args = [a if kind == WARN and i == 1 else self._expr(a)
                         for i, a in enumerate(call.args)]
            for k in call.keywords:
                if k not in classes:
                    k.value = self._expr(k.value)
        if kind == PRINT:
            for name in ("file",):
                if name in keywords:
                    self.fail(keywords[name].value, "print(..., file=...) is not supported",
                              "print to standard output, or return the value")
            unknown = sorted(set(keywords) - {"sep", "end", "flush"})
            if unknown:
                self.fail(keywords[unknown[0]].value, f"print() has no keyword '{unknown[0]}'",
                          "use sep=, end= or flush=")
        else:
            if not call.args and "message" not in keywords:
                self.fail(call, "warnings.warn needs a message", "warnings.warn('...')")
            category = keywords["category"].value if "category" in keywords else \
                call.args[1] if len(call.args) > 1 else None
            if category is not None and not (isinstance(category, ast.Name) and
                                             self._is_builtin(category.id, Warning)):
                self.fail(category, "the category of warnings.warn must be one of Python's "
                                    "built-in warnings", "use UserWarning, RuntimeWarning, ...")
            unknown = sorted(set(keywords) - {"message", "category", "stacklevel"})
            if len(call.args) > 3 or unknown:
                self.fail(call, "warnings.warn is supported with a message, a category and "
                                "stacklevel= only", "warnings.warn('...', RuntimeWarning)")
            call.func = ast.copy_location(ast.Attribute(ast.Name("warnings", ast.Load()),
                                                        "warn", ast.Load()), call.func)
        return self.inert(check, node)

    def _inert_kind(self, func):
        dotted = ast.unparse(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        if dotted == "print" and self._is_builtin("print", object, callable_=True):
            return PRINT
        if dotted is None or dotted.split(".")[0] in self.locals:
            return None
        head, _, rest = dotted.partition(".")
        if rest and self.module.aliases.get(head) == "warnings" and rest == "warn" or \
                not rest and self.module.imported.get(head) == "warnings.warn":
            return WARN
        return None

    def _is_builtin(self, name, base, callable_=False):
        """Whether ``name`` here means Python's built-in of that name (not a local, a function
        of the module or an import), a class deriving from ``base`` unless ``callable_``."""
        if name in self.locals or name in self.module.defs or name in self.module.imported or \
                name in self.module.aliases or name in self.module.variables or \
                name in self.module.constants:
            return False
        return callable(getattr(builtins, name, None)) if callable_ else \
            builtin_class(name, base)

    def _no_spreading(self, call):
        if any(isinstance(a, ast.Starred) for a in call.args) or \
                any(k.arg is None for k in call.keywords):
            self.fail(call, "*args and **kwargs in calls are not supported",
                      "pass each argument by name or position")

    def message_call(self, node):
        """Inside an inert statement: ``str(v)``, ``repr(v)``, ``format(v, spec)``,
        ``round(v, n)``, ``type(v)`` and ``isinstance(v, T)`` of Python's built-ins (``T`` a
        built-in class, a numpy one such as ``np.ndarray`` or ``np.floating``, or a tuple of
        those) and ``"...".format(...)``, which make a message or test a value (marked
        ``sct_inert``); None for another call."""
        func = node.func
        builtin = isinstance(func, ast.Name) and func.id in MESSAGE_BUILTINS and \
            self._is_builtin(func.id, object, callable_=True)
        method = isinstance(func, ast.Attribute) and func.attr == "format" and \
            isinstance(func.value, ast.Constant) and isinstance(func.value.value, str)
        if not (builtin or method):
            return None
        self._no_spreading(node)
        classes = None
        if builtin and func.id == "isinstance":
            if len(node.args) != 2 or node.keywords:
                self.fail(node, "isinstance takes a value and a class", "isinstance(x, float)")
            classes = node.args[1] = self._classes(node.args[1])
        node.args = [a if a is classes else self._expr(a) for a in node.args]
        for k in node.keywords:
            k.value = self._expr(k.value)
        node.sct_inert = True
        return node

    def _classes(self, node):
        """isinstance's class (or tuple of classes), spelled canonically."""
        if isinstance(node, ast.Tuple):
            node.elts = [self._classes(e) for e in node.elts]
            return node
        if isinstance(node, ast.Name) and self._is_builtin(node.id, object):
            return node
        dotted = dotted_name(node)
        resolved = self._resolve_dotted(dotted) if dotted else None
        package, _, name = (resolved or "").partition(".")
        if package == "np" and isinstance(getattr(np, name, None), type):   # np.ndarray
            return ast.copy_location(ir_dotted(resolved), node)
        self.fail(node, "isinstance is supported with Python's built-in classes and numpy's "
                        "(np.ndarray, np.floating, ...) only", "isinstance(x, (float, np.ndarray))")

    # ------------------------------------------------------------ strings, inside only
    def expr_JoinedStr(self, node):
        if not self.in_inert:
            self.fail(node, "strings are not supported here",
                      "strings and f-strings may appear in assert, raise, print(...) and "
                      "warnings.warn(...) only")
        for v in node.values:
            if isinstance(v, ast.FormattedValue):
                v.value = self._expr(v.value)
                if v.format_spec is not None:
                    self.expr_JoinedStr(v.format_spec)
        return node


def inert_strings(stmt):
    """The ids of the f-strings inside ``stmt`` if it may be an inert statement (an assert, a
    raise, a call as a statement): the checks that refuse f-strings anywhere leave those to
    ``Inert``."""
    if isinstance(stmt, (ast.Assert, ast.Raise)) or \
            isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return {id(n) for n in ast.walk(stmt) if isinstance(n, (ast.JoinedStr, ast.FormattedValue))}
    return set()
