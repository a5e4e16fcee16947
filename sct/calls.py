"""Calls in the subset, checked and resolved: intrinsics (spelled canonically, marked
``sct_op``, checked by their rules' hooks), method forms (``x.sum(axis=1)``), and calls of user
functions (marked ``sct_callee``, arguments bound positionally with defaults filled in).
``Calls`` is the part of ``subset.Checker`` that does this."""
import ast
import copy
import difflib

import numpy as np

from . import rules
from .ir import dotted, dotted_name
from .rules.refusal import Refusal


class Calls:
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
        return canonical_module(full)

    def expr_Call(self, node):
        if getattr(self, "in_inert", 0):         # str(v), "...".format(v) in a message
            made = self.message_call(node)
            if made is not None:
                return made
        target = getattr(node, "sct_target", None)
        if target is not None:          # a call lifting bound: arguments by name
            return self._user_call(node, target.module, target.name)
        if hasattr(node, "sct_intrinsic"):      # math.cos given as a function, called
            return self._call(node.sct_intrinsic, node.args, node.keywords, node)
        if hasattr(node, "sct_lowered"):        # a call a rule's rewrite made (Rule.rewrite)
            return self._call(node.sct_lowered, node.args, node.keywords, node)
        if any(isinstance(a, ast.Starred) for a in node.args) or \
                any(k.arg is None for k in node.keywords):
            self.fail(node, "*args and **kwargs in calls are not supported",
                      "pass each argument by name or position")
        func = node.func
        # a method form: x.sum(axis=1), x.reshape(2, 3)
        dotted = dotted_name(func)
        if isinstance(func, ast.Attribute) and (dotted is None or
                                                dotted.split(".")[0] in self.locals):
            return self._method(node)
        if dotted is None:
            self.fail(node, "only named functions can be called",
                      "call a function by its name")
        head = dotted.split(".")[0]
        if "." not in dotted and head in self.locals:
            self.fail(node, f"'{head}' is a local variable, not a function", "rename it")
        if "." not in dotted and dotted in rules.HELPERS and self.module.is_prelude_copy(dotted):
            return self._call(dotted, node.args, node.keywords, node)   # sct's own helpers
        if "." not in dotted and dotted in self.module.defs:
            return self._user_call(node, self.module, dotted)
        if "." not in dotted and dotted in rules.BUILTINS and dotted not in self.module.imported:
            return self._call(dotted, node.args, node.keywords, node)
        resolved = self._resolve_dotted(dotted)
        if resolved and "." in resolved and resolved.split(".")[0] in rules.MODULES:
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
        if module is not None and func_name not in module.defs and \
                func_name in module.imported and canonical_module(
                    module.imported[func_name]).split(".")[0] not in rules.MODULES:
            # a name that module imports in turn (a derivative sct made: sct/nested.py)
            return self._imported_call(node, name, module.imported[func_name])
        if module is None or func_name not in module.defs:
            self.fail(node, f"unknown function '{name}': sct has no derivative rule for it "
                            f"and cannot read its source (module '{mod_name}')",
                      "use a math or numpy function that sct supports, or define the "
                      "function in a module whose .py source sct can read")
        return self._user_call(node, module, func_name)

    def _user_call(self, node, module, name):
        if getattr(self, "in_inert", 0):
            self.fail(node, f"a call of the user function '{name}' inside assert, raise, print "
                            f"or warnings.warn is not supported",
                      f"assign its result to a name first and use the name: v = {name}(...)")
        callee = self.resolver.function(module, name, node, self.source)
        signature = callee.signature
        if hasattr(node, "sct_target"):
            bound = {k.arg: k.value for k in node.keywords}
        else:
            bound = bind(signature, name, node.args, [(k.arg, k.value) for k in node.keywords],
                         lambda message: self.fail(node, message,
                                                   "match the function's parameters"))
        args = [self._expr(constant_node(signature.defaults[p], node) if bound[p] is None
                           else bound[p]) for p in callee.params]
        new = ast.copy_location(ast.Call(ast.Name(callee.name, ast.Load()), args, []), node)
        new.sct_callee = callee
        if callee not in self.callees:
            self.callees.append(callee)
        return new

    def _method(self, node):
        func = node.func
        name = func.attr
        if name == "pop" and not self.source.generated:
            self.fail(node, "'.pop()' is supported as a statement of its own only",
                      "write v = ys.pop() on a line of its own (or ys.pop())")
        if name == "pop" and not node.args and not node.keywords and \
                isinstance(func.value, ast.Name):
            node.sct_op = "pop"                        # the top of sct's own stack: s.pop()
            return node
        if name in rules.CONTAINER_METHODS and not self.source.generated:   # d.items()
            return self._call(rules.CONTAINER_METHODS[name], [func.value] + list(node.args),
                              node.keywords, node)
        if name not in rules.METHODS:
            frozen = self._frozen_distribution(func.value)
            if frozen:
                self.fail(node, f"a frozen distribution's method '{frozen}(...).{name}()' is "
                                f"not supported", f"pass the parameters to the function: "
                                                  f"{frozen}.{name}(x, loc, scale)")
            if isinstance(func.value, ast.Name) and not hasattr(np.ndarray, name) and \
                    func.value.id in getattr(self, "param_names", ()):
                self.fail(node, f"a method call on parameter '{func.value.id}' "
                                f"('.{name}()'): sct reads a function's source alone and "
                                f"does not know the class of '{func.value.id}' there",
                          f"differentiate the method itself (sct.grad({func.value.id}.{name})), "
                          f"or call a module-level function of '{func.value.id}'")
            self.fail(node, f"the method '.{name}()' is not supported",
                      "call the numpy function instead, e.g. np.sum(x)")
        args = list(node.args)
        if name == "reshape" and len(args) > 1:
            args = [ast.copy_location(ast.Tuple(args, ast.Load()), node)]
        if name == "transpose" and len(args) > 1:
            args = [ast.copy_location(ast.Tuple(args, ast.Load()), node)]
        canonical = {"flatten": "ravel"}.get(name, name)
        return self._call("np." + canonical, [func.value] + args, node.keywords, node)

    def _frozen_distribution(self, value):
        """'scipy.stats.norm' where ``value`` is a call of a scipy.stats distribution."""
        dotted = dotted_name(value.func) if isinstance(value, ast.Call) else None
        resolved = self._resolve_dotted(dotted) if dotted else None
        return resolved if resolved and resolved.startswith("scipy.stats.") else None

    def _call(self, name, args, keywords, node):
        """A call of intrinsic ``name``, checked and lowered by its rule's hooks."""
        name = rules.canonical(name)
        rule = rules.lookup(name)
        if rule is None:
            hint = rules.MISSING.get(name) or _nearest_spelling(name)
            self.fail(node, f"'{name}' has no derivative rule in sct", hint)
        if rule.rewrite is not None:        # sum([a, b]) as a + b, max(x) as np.max(x, axis=0)
            rewritten = self._rewritten(
                lambda: rule.rewrite(args, {k.arg: k.value for k in keywords}), node)
            if rewritten is not None:
                return rewritten
        new_args = [self._call_arg(a, name) for a in args]
        new_keywords = []
        for k in keywords:
            k.value = self._call_arg(k.value, name)
            new_keywords.append(k)
        if rule.prepare is not None:
            try:
                new_args = rule.prepare(new_args, {k.arg: k.value for k in new_keywords})
            except Refusal as refusal:
                self.fail(refusal.node or node, refusal.message, refusal.hint)
        lowered = rule.lower(new_args) if rule.lower is not None else None
        if lowered is not None:                  # math.log(x, base): log(x) / log(base)
            op, first, second = lowered
            calls = [self._call(name, part, [], node) for part in (first, second)]
            return ast.copy_location(ast.BinOp(calls[0], op(), calls[1]), node)
        if rule.params is not None:
            try:
                rule.bind(new_args, {k.arg: k.value for k in new_keywords})
            except ValueError as err:
                self.fail(node, f"{name}() {err}", f"see the documentation of {name}")
        new = ast.copy_location(ast.Call(dotted(name), new_args, new_keywords), node)
        new.sct_op = name
        return new

    def indexed(self, node):
        """The name of the index expression ``node`` (what is indexed) means a call of, from
        ``rules.INDEXED`` (np.r_, np.c_), or None."""
        if isinstance(node, ast.Name) and node.id not in self.locals and \
                node.id in self.module.imported:
            full = canonical_module(self.module.imported[node.id])
        else:
            dotted_ = dotted_name(node)
            full = self._resolve_dotted(dotted_) if dotted_ else None
        return full if full in rules.INDEXED else None

    def indexed_call(self, node):
        """np.r_[a, b, 1.0] and the like: the call its entry of ``rules.INDEXED`` rewrites it
        to, checked as written."""
        items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return self._rewritten(lambda: rules.INDEXED[self.indexed(node.value)](items), node)

    def _rewritten(self, rewrite, node):
        """The expression ``rewrite()`` gives for ``node`` (None: not rewritten), checked as if
        written there; the user's operands keep their places."""
        try:
            rewritten = rewrite()
        except Refusal as refusal:
            self.fail(refusal.node or node, refusal.message, refusal.hint)
        if rewritten is None:
            return None
        for part in ast.walk(rewritten):
            if not hasattr(part, "lineno"):
                ast.copy_location(part, node)
        return self._expr(rewritten)

    def _call_arg(self, arg, name):
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg     # einsum specification, norm ord, order='C'
        spelled = rules.NAMES_AS_VALUES.get(name, {})      # x.astype(float): a dtype's name
        if isinstance(arg, ast.Name) and arg.id in spelled and arg.id not in self.locals:
            return ast.copy_location(ast.Constant(spelled[arg.id]), arg)
        if isinstance(arg, (ast.List, ast.Tuple)):
            arg.elts = [self._call_arg(e, name) for e in arg.elts]
            return ast.copy_location(ast.List(arg.elts, ast.Load()), arg) \
                if isinstance(arg, ast.List) else arg
        return self._expr(arg)


def _nearest_spelling(name):
    """A hint for a function sct has no rule for: a supported name it looks like a misspelling
    of (np.logaddexpp), else the README."""
    public = [n for n in list(rules.RULES) + list(rules.ALIASES) if "." in n]
    close = difflib.get_close_matches(name, public, n=1, cutoff=0.85)
    if close:
        return f"did you mean {close[0]}? (see the README's table of supported functions)"
    return "see the README's table of supported functions"



def constant_node(default, where):
    """The node a parameter's default gives a call: a constant, or a tuple of constants."""
    value = ast.literal_eval(default)

    def node(v):
        if isinstance(v, tuple):
            return ast.copy_location(ast.Tuple([node(e) for e in v], ast.Load()), where)
        return ast.copy_location(ast.Constant(v), where)
    return node(value)


def constant_default(default):
    """Whether a default is a constant sct passes: a number, True/False/None, a string, or a
    tuple of numbers."""
    try:
        value = ast.literal_eval(default)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False

    def ok(v, top):
        if isinstance(v, tuple):
            return all(ok(e, False) for e in v)
        if isinstance(v, str) or v is None:
            return top
        return isinstance(v, (bool, int, float))
    return ok(value, True)


def bind(signature, name, args, keywords, fail, defaults=()):
    """{parameter: expression} for a call of a function of ``signature`` with positional
    ``args`` and ``keywords`` ((name, expr) pairs), its ``*args`` a tuple and defaults filled
    in (``defaults``: (name, expr) pairs that come before the signature's own); ``fail(message)``
    refuses."""
    positional, kwonly = signature.positional, signature.kwonly
    if len(args) > len(positional) and not signature.vararg:
        fail(f"'{name}' takes {len(positional)} positional argument"
             f"{'' if len(positional) == 1 else 's'} but {len(args)} were given")
    bound = dict(zip(positional, args))
    if signature.vararg:
        extra = list(args[len(positional):])
        where = extra[0] if extra else None
        bound[signature.vararg] = ast.Tuple(extra, ast.Load())
        if where is not None:
            ast.copy_location(bound[signature.vararg], where)
    by_name = positional[signature.posonly:] + kwonly
    for key, value in keywords:
        if key in bound:
            fail(f"'{name}' got multiple values for the argument '{key}'")
        if key not in by_name:
            fail(f"'{name}' got an unexpected argument '{key}'" +
                 (" (it is positional-only)" if key in positional else ""))
        bound[key] = value
    extra_defaults = dict(defaults)
    for p in positional + kwonly:
        if p in bound:
            continue
        if p in extra_defaults:
            bound[p] = copy.deepcopy(extra_defaults[p])
        elif p in signature.defaults:
            bound[p] = None                # the caller makes the constant, located at itself
        else:
            kind = "keyword-only argument" if p in kwonly else "argument"
            fail(f"'{name}' is missing its {kind} '{p}'")
    return bound


def canonical_module(full):
    """'numpy.linalg.solve' -> 'np.linalg.solve'; 'math.sin' stays."""
    if full == "numpy" or full.startswith("numpy."):
        return "np" + full[len("numpy"):]
    return full
