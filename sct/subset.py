"""The subset, checked: one function's tree against what sct supports, rewritten into the
canonical form the frontend's docstring describes (``Checker``).

Everything outside the subset is refused here, once, with an ``SctError`` that points at it
(line, and 1-based column in characters): the constructs refused wherever they appear
(``_REFUSED_ANYWHERE``: classes, comprehensions, try, with, ...; the first in the text wins),
then everything else in order.  Nested functions and lambdas never get here: ``lifting`` has
lifted them out (or refused them) before.  What an intrinsic's call may be (arguments,
keywords, lowerings) is its rule's to say (``Rule.prepare``, ``Rule.lower``).  Assert, raise,
print(...) and warnings.warn(...), and the strings in them, are ``inert.Inert``'s.
"""
import ast

import numpy as np

from . import lists, rules
from .errors import SctError
from .ir import dotted, dotted_name, walk
from .calls import Calls, canonical_module, constant_default
from .inert import Inert, inert_strings
from .iteration import Iteration
from .names import Namer, names_in
from .program import Function

SCT_DECORATORS = {"forward", "grad", "value_and_grad", "jacobian", "hessian", "hvp"}
COMPARE_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
RESERVED = {"np", "math", "scipy"}
# what x.name means for a numpy array: never read as a record's field
ARRAY_ATTRIBUTES = set(dir(np.ndarray)) | {"real", "imag"}


class Checker(Calls, Inert, Iteration, ast.NodeTransformer):
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
        self.flags = set()        # names bound only to truth values (see _flags)
        self.dicts = set()        # names bound only to new dicts (lists.dict_names)
        self.lists = set()        # names bound only to new lists (lists.list_names)

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
    def check(self, node, signature):
        """The Function of ``node``, a def as ``lifting.lower`` gives it (its parameters
        those of ``signature``, in order)."""
        import copy
        if node.name in RESERVED:
            self.fail(node, f"a function named '{node.name}' would hide the module that "
                            f"generated code imports as '{node.name}'",
                      f"rename the function '{node.name}'")
        self.locals = {a.arg for a in node.args.posonlyargs + node.args.args}
        self.param_names = set(self.locals)
        for sub in walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                self.locals.add(sub.id)
        self.flags = _flags(node, self._truth_call)
        self.dicts = lists.dict_names(node)
        self.lists = lists.list_names(node)
        if not self.source.generated:
            lists.check_owned(node, self.locals, self.fail, self._callee_def)
        self.namer = Namer(names_in(node) | set(self.module.defs) | set(self.module.constants)
                           | RESERVED)
        for sub in walk(node):
            if isinstance(sub, (ast.Name, ast.arg)):
                ident = sub.id if isinstance(sub, ast.Name) else sub.arg
                if ident in RESERVED and (isinstance(sub, ast.arg) or
                                          isinstance(sub.ctx, ast.Store)):
                    self.fail(sub, f"the name '{ident}' is reserved for the module that "
                                   f"generated code imports",
                              f"rename the variable '{ident}'")
        anywhere = _REFUSED_ANYWHERE if self.source.generated else _REFUSED_ANYWHERE - {"Dict"}
        inert = set().union(*[inert_strings(s) for s in walk(node) if isinstance(s, ast.stmt)])
        lowered = self.reduction_arguments(node)       # sum(f(x) for x in xs): a loop
        refused = [sub for stmt in node.body for sub in walk(stmt)
                   if type(sub).__name__ in anywhere and id(sub) not in inert | lowered]
        if refused:       # the first one in the text, whatever the nesting
            self.generic_visit(min(refused, key=lambda n: (n.lineno, n.col_offset)))
        if not any(isinstance(sub, ast.Return) for sub in walk(node)):
            self.fail(node, f"'{node.name}' has no return statement, so there is no value "
                            f"to differentiate", "end the function with 'return <value>'")
        new = copy.deepcopy(node)
        new.decorator_list = []
        body = new.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        self._start_iteration(new)
        new.body = self._block(body) or [ast.Pass()]
        params = [a.arg for a in new.args.posonlyargs + new.args.args]
        return Function(self.name, new, self.source, params, self.constants, self.callees,
                        ast.get_docstring(node) if node.body else None, signature)

    def _callee_def(self, call):
        """The definition a call of a user function calls, before calls are resolved (None for
        an intrinsic, a builtin or an unknown function)."""
        target = getattr(call, "sct_target", None)        # a call lifting bound
        if target is not None:
            return target.node if isinstance(target.node, ast.FunctionDef) else None
        name = dotted_name(call.func)
        if name is None or name.split(".")[0] in self.locals:
            return None
        if name in self.module.defs:
            return self.module.defs[name]
        full = self.module.imported.get(name) or self._resolve_dotted(name)
        if not full or "." not in full or full.split(".")[0] in rules.MODULES:
            return None
        module = self.resolver.loader.import_module(full.rpartition(".")[0],
                                                    self.module.directory)
        return module.defs.get(full.rpartition(".")[2]) if module else None

    def check_signature(self, node):
        """The parameters of a def or lambda as written: ``*args`` (a tuple at each call),
        keyword-only parameters and constant defaults are fine, ``**kwargs`` is not."""
        if isinstance(node, ast.AsyncFunctionDef):
            self.fail(node, "async functions are not supported", "use a plain def")
        args = node.args
        if args.kwarg:
            self.fail_before(args.kwarg, "**", f"'**{args.kwarg.arg}': **kwargs parameters "
                                               f"are not supported",
                             "list every parameter by name (keyword-only ones after '*')")
        for d in args.defaults + [d for d in args.kw_defaults if d is not None]:
            if not constant_default(d) and not isinstance(node, ast.Lambda) and \
                    node.name in self.module.defs and self.module.defs[node.name] is node:
                self.fail(d, "a parameter default must be a constant: a number, True, False, "
                             "None, a string or a tuple of numbers",
                          "compute the value inside the function")
        for dec in getattr(node, "decorator_list", []):
            if not self._is_sct_decorator(dec):
                self.fail_before(dec, "@", "decorators other than sct's are not supported",
                                 "remove the decorator, or apply it to the generated function")

    def _is_sct_decorator(self, dec):
        target = dec.func if isinstance(dec, ast.Call) else dec
        dotted = dotted_name(target)
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
            pre, stmt = self.hoisted(stmt)
            if pre:
                out.extend(self._block(pre))
            result = self.visit(stmt)
            if result is None:
                continue
            out.extend(result if isinstance(result, list) else [result])
            if isinstance(stmt, ast.Raise):
                break           # what follows a raise in its block never runs
        return out

    def generic_visit(self, node):
        self.fail(node, *_REFUSED.get(type(node).__name__, (
            f"'{type(node).__name__}' is not in the subset sct differentiates",
            "rewrite it with assignments, if/for/while and supported calls")))

    def visit_Expr(self, node):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return None       # a docstring or string comment
        call = node.value
        if isinstance(call, ast.Call):
            inert = self.inert_call(node)          # print(...), warnings.warn(...)
            if inert is not None:
                return inert
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) \
                and call.func.attr == "append" and isinstance(call.func.value, ast.Name) \
                and call.func.value.id in self.locals and len(call.args) == 1 \
                and not call.keywords:
            if not self.source.generated:       # ys.append(v): ys = _appended(ys, v)
                return self.visit_Assign(lists.appended(call, node))
            call.args = [self._expr(call.args[0])]     # sct's own stack: s.append(v)
            call.sct_op = "push"
            return node
        if lists.is_pop(call, self.locals) and not self.source.generated:
            return self._block(lists.popped(call, None, node))      # ys.pop(): ys = ys[:-1]
        if isinstance(node.value, ast.Call):
            value = self._expr(call)
            callee = getattr(value, "sct_callee", None)
            if callee is not None and callee.effects:     # check(x): its asserts, prints
                target = ast.Name(self.namer.fresh("_"), ast.Store())
                return ast.copy_location(ast.Assign([ast.copy_location(target, node)], value),
                                         node)
            self.fail(node, "a call whose result is not used has no effect on derivatives",
                      "assign the result to a name, or remove the call")
        self.fail(node, "an expression statement has no effect", "remove it")

    def visit_Pass(self, node):
        return node

    def visit_Delete(self, node):
        """``del x``: the name holds nothing any more (None: a later read fails, as Python's
        NameError would); items of lists and dicts are not deleted."""
        out = []
        for t in node.targets:
            if not (isinstance(t, ast.Name) and t.id in self.locals):
                self.fail(t, "del is supported for local names only",
                          "build a new list or dict without the item")
            out.append(ast.copy_location(ast.Assign(
                [ast.copy_location(ast.Name(t.id, ast.Store()), t)],
                ast.copy_location(ast.Constant(None), t)), node))
        return out

    def visit_Assign(self, node):
        if lists.is_key_assign(node, self.locals, self.dicts, self.lists) and \
                not self.source.generated:
            node = lists.with_item(node)            # d['k'] = v: d = _with_item(d, 'k', v)
        if lists.is_pop(node.value, self.locals) and not self.source.generated and \
                len(node.targets) == 1:             # v = ys.pop(): v = ys[-1]; ys = ys[:-1]
            return self._block(lists.popped(node.value, node.targets[0], node))
        if isinstance(node.value, ast.List) and not node.value.elts and self.source.generated:
            node.value.sct_op = "stack"                # sct's own new, empty stack: s = []
            node.targets = [self._target(t) for t in node.targets]
            return node
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
            return self._loop_else(node)
        node.test = self._condition(node.test)
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
        if isinstance(node.value, (bool, int, float, complex)) or node.value is None:
            return node
        if node.value is Ellipsis:
            return node
        if isinstance(node.value, str):
            return node          # a key, an option, a message: a value without derivative
        self.fail(node, f"a {type(node.value).__name__} literal is not supported",
                  "use int or float numbers")

    def expr_Name(self, node):
        name = node.id
        if name in self.locals:
            return node
        if name in self.module.constants:
            if name in RESERVED:
                self.fail(node, f"the module-level name '{name}' is reserved for the module "
                                f"that generated code imports", f"rename the constant '{name}'")
            self.constants[name] = self.module.constants[name]
            return node
        if name in self.module.imported:
            full = canonical_module(self.module.imported[name])
            if full in rules.SCALAR_CONSTANTS | rules.OTHER_CONSTANTS:
                return _constant_node(full, node)
        if name in self.module.defs or name in self.module.imported or name in rules.BUILTINS \
                or name in self.module.aliases:
            self.fail(node, f"'{name}' is used as a value; functions and modules can only "
                            f"be called, and functions passed to a function sct compiles",
                      "call the function, or pass it as an argument to one of yours")
        if name in ("True", "False", "None"):
            return node
        if name == "Ellipsis":
            return ast.copy_location(ast.Constant(Ellipsis), node)
        if name in self.module.variables:
            self.fail(node, f"the module-level variable '{name}' is not a number constant "
                            f"(only names bound once to a number literal can be read)",
                      "pass the value as a parameter")
        self.fail(node, f"undefined name '{name}'",
                  "define it inside the function, pass it as a parameter, or bind it to a "
                  "number at module level")

    def expr_BinOp(self, node):
        self._operator(node.op, node)
        for side in (node.left, node.right) if not self.in_inert else ():   # messages may
            if isinstance(side, ast.Constant) and isinstance(side.value, str):    # be joined
                self.fail(side, "strings are not supported in arithmetic",
                          "strings may be keys, options compared with ==, or messages")
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
        # outside a condition, only over truth values: a or b of numbers is one of them
        if not self.in_condition and not all(_truth(v, self.flags, self._truth_call)
                                             for v in node.values):
            self.fail(node, "'and'/'or' are supported in conditions only, or over comparisons",
                      "use 'a if cond else b' to choose between values")
        node.values = [self._expr(v) for v in node.values]
        return node

    def truth(self, node):
        """Whether an expression surely gives a truth value (see ``_truth``)."""
        return _truth(node, self.flags, self._truth_call)

    def _truth_call(self, node):
        """Whether ``node`` calls an intrinsic whose result is a truth value (np.any)."""
        dotted = dotted_name(node.func) if isinstance(node, ast.Call) else None
        resolved = self._resolve_dotted(dotted) if dotted else None
        rule = rules.lookup(rules.canonical(resolved)) if resolved else None
        return rule is not None and rule.truth or self._builtin(node, ("any", "all")) is not None

    def _enum_member(self, node):
        """(class, member) for ``Mode.L2``, a member of an enum class of the module."""
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                node.value.id not in self.locals and \
                node.attr in self.module.enums.get(node.value.id, ()):
            return node.value.id, node.attr
        return None

    def expr_Compare(self, node):
        sides = [node.left] + node.comparators
        members = [self._enum_member(s) for s in sides]
        if any(members):            # mode == Mode.L2: by the member's class and name
            if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq, ast.Is,
                                                                   ast.IsNot)):
                self.fail(node, "an enum member is supported in one comparison with == or "
                                "!= (is, is not)", "compare in two steps")
            value = sides[1] if members[0] else sides[0]
            cls, member = members[0] or members[1]
            call = self._call("_is_member", [value, ast.copy_location(ast.Constant(cls), node),
                                             ast.copy_location(ast.Constant(member), node)],
                              [], node)
            if isinstance(node.ops[0], (ast.NotEq, ast.IsNot)):
                return ast.copy_location(ast.UnaryOp(ast.Not(), call), node)
            return call
        for op in node.ops:
            if isinstance(op, (ast.In, ast.NotIn)):
                continue           # 'reg' in config: a truth value
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

    def expr_Dict(self, node):
        if self.source.generated:
            self.generic_visit(node)
        for key in node.keys:
            if key is None:
                self.fail(node, "'**' in a dict display is not supported",
                          "list the keys: {'a': d['a'], ...}")
            if not (isinstance(key, ast.Constant) and isinstance(key.value, (str, int)) and
                    not isinstance(key.value, bool)):
                self.fail(key, "a dict display's keys must be strings or integers written out",
                          "write the key as a literal, {'w': w}")
        keys = ast.copy_location(ast.Tuple(list(node.keys), ast.Load()), node)
        values = ast.copy_location(ast.Tuple(list(node.values), ast.Load()), node)
        return self._call("_dict", [keys, values], [], node)     # _dict(('w',), (w,))

    def expr_Tuple(self, node):
        node.elts = [self._expr(e) for e in node.elts]
        return node

    def expr_List(self, node):
        if self.source.generated:
            self.fail(node, "list values are supported only as arguments of numpy functions",
                      "build an array with np.array([...]) or np.zeros(n)")
        items = [ast.copy_location(ast.Tuple(node.elts, ast.Load()), node)] if node.elts else []
        return self._call("list", items, [], node)      # [a, b]: list((a, b)); []: list()

    def expr_Subscript(self, node):
        if self.indexed(node.value):          # np.r_[a, b], np.c_[a, b]: calls
            return self.indexed_call(node)
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
        dotted = dotted_name(node)
        resolved = self._resolve_dotted(dotted) if dotted else None
        if resolved in rules.SCALAR_CONSTANTS | rules.OTHER_CONSTANTS:
            return _constant_node(resolved, node)
        if isinstance(node.value, ast.Name) and node.value.id in self.locals \
                or not isinstance(node.value, ast.Name):
            if node.attr == "T":      # _call checks the operand
                return self._call("np.transpose", [node.value], [], node)
            node.value = self._expr(node.value)
            if node.attr == "dtype" and self.in_inert:      # print(x.dtype)
                return node
            if node.attr in rules.ATTRIBUTES:
                node.sct_op = "attribute"
                return node
            if node.attr in ("real", "imag"):
                return self._call("np." + node.attr, [node.value], [], node)
            if node.attr not in ARRAY_ATTRIBUTES:
                node.sct_op = "field"          # a record's field: p.w
                return node
            self.fail(node, f"the attribute '.{node.attr}' is not supported",
                      "supported: .T, .shape, .ndim, .size")
        if self._enum_member(node):
            self.fail(node, f"the enum member '{dotted}' is supported in comparisons only "
                            f"(mode == {dotted})", "pass the member as an argument instead")
        self.fail(node, f"unknown name '{dotted}'",
                  "use math or numpy functions and constants that sct knows")


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
    "GeneratorExp": ("a generator expression is supported only as the argument of sum(), "
                     "max(), min(), any() or all()", "write a for loop, or reduce it there"),
    "Yield": ("generators (yield) are not supported", "return a value or an array"),
    "YieldFrom": ("generators (yield) are not supported", "return a value or an array"),
    "Await": ("await is not supported", "use a plain def"),
    "Try": ("try is not supported", "check conditions with if instead"),
    "TryStar": ("try is not supported", "check conditions with if instead"),
    "With": ("with is not supported", "write the statements without the context manager"),
    "AsyncWith": ("with is not supported", "write the statements without it"),
    "AsyncFor": ("async for is not supported", "use for ... in range(...)"),
    "Global": ("global is not supported", "pass the value as a parameter and return it"),
    "Nonlocal": ("nonlocal is not supported", "pass the value as a parameter and return it"),
    "Import": ("import inside a function is not supported", "import at module level"),
    "ImportFrom": ("import inside a function is not supported", "import at module level"),
    "Dict": ("dictionaries are not supported", "use separate variables or an array"),
    "Set": ("sets are not supported", "use separate variables or an array"),
    "JoinedStr": ("strings are not supported here",
                  "f-strings may appear in assert, raise, print(...) and warnings.warn(...) only"),
    "NamedExpr": ("the walrus operator ':=' is not supported", "assign on a line of its own"),
    "Starred": ("starred expressions are not supported", "list the elements"),
    "Match": ("match is not supported", "use if/elif/else"),
    "Slice": ("a slice is only allowed inside [...]", "index an array with it"),
}


# refused wherever they appear, before anything else in the function is looked at
_REFUSED_ANYWHERE = set(_REFUSED) - {"Starred", "Slice"}




def _constant_node(name, where):
    node = ast.copy_location(dotted(name), where)
    node.sct_const = name
    return node


def _truth(node, flags, truth_call):
    """Whether an expression surely gives a truth value: a comparison, ``not``, True/False,
    ``and``/``or`` of such, a name in ``flags``, or a call ``truth_call`` says gives one."""
    if isinstance(node, ast.Compare) or isinstance(node, ast.UnaryOp) and \
            isinstance(node.op, ast.Not):
        return True
    if isinstance(node, ast.Constant):
        return type(node.value) is bool
    if isinstance(node, ast.BoolOp):
        return all(_truth(v, flags, truth_call) for v in node.values)
    return isinstance(node, ast.Name) and node.id in flags or truth_call(node)


def _flags(fdef, truth_call):
    """The names every assignment of which gives a truth value (``done = False``, ``ok = x >
    0 and y > 0``): a greatest fixed point, so that flags built from flags count."""
    values = {}
    for node in walk(fdef):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for n in walk(t):
                    if isinstance(n, ast.Name):
                        simple = isinstance(t, ast.Name) and not isinstance(node, ast.AugAssign)
                        values.setdefault(n.id, []).append(node.value if simple else None)
        elif isinstance(node, ast.For):
            for n in walk(node.target):
                if isinstance(n, ast.Name):
                    values.setdefault(n.id, []).append(None)
        elif isinstance(node, ast.arg):             # a parameter holds what the caller passes
            values.setdefault(node.arg, []).append(None)
    flags = set(values)
    changed = True
    while changed:
        changed = False
        for name in sorted(flags):
            if not all(v is not None and _truth(v, flags, truth_call) for v in values[name]):
                flags.discard(name)
                changed = True
    return flags
