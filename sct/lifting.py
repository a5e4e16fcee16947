"""Functions as values, lowered before the subset is checked: nested ``def``s and lambdas
(closures included), functions passed as arguments, ``functools.partial``, string arguments.

``lower(instance, resolver)`` returns the ``ast.FunctionDef`` of one ``Instance`` (a function
as sct compiles it) in which no function is a value any more, so that the later passes need
nothing new:

* a nested ``def g`` or ``g = lambda ...`` is **lifted** to a module-level function
  (``f__g``) whose extra, hidden parameters are the variables of the enclosing function it
  reads; each call ``g(t)`` becomes ``f__g(t, c=c)``, the variables passed as they are *at the
  call*, which is Python's late binding (a closure reads its variables when it runs);
* a call that passes a function ``rk4(pendulum, y0, h, n)`` calls a **specialisation** of the
  callee for that function (``rk4__pendulum(y0, h, n)``), in which the parameter stands for it;
  what the function value carries (a closure's variables, ``partial``'s arguments) is passed
  along as hidden arguments (``rk4__g(y0, h, n, f_c=c)``), through any number of levels;
  a string argument (``mode="l2"``) is a specialisation too, in which the parameter is that
  constant and ``mode == "l2"`` is folded;
* every call of a user function is bound to its signature here (keyword-only parameters,
  ``*args`` as a tuple, defaults of any constant kind), and passes its arguments by name; the
  call carries ``sct_target``, the ``Instance`` it calls.

What cannot be known when compiling is refused at its line: a function chosen at run time
(``f = g if c else h``), a nested function that escapes (returned, stored) or assigns to its
enclosing function's variables (``nonlocal``), a called parameter given no function.
"""
import ast
import copy

from .calls import bind, constant_default, constant_node
from .errors import SctError
from .ir import dotted_name
from .names import Namer, names_in
from .program import Signature
from .values import (Instance, Value, body_of, bound_names, free_names, function_name,
                     intrinsic_name, is_partial, scoped)


class _Binding:
    """A name of the enclosing function that holds a function: where it was bound."""

    def __init__(self, value, path, line):
        self.value, self.path, self.line = value, path, line


class _Lowerer(ast.NodeTransformer):
    """Lowers one instance's body (see the module docstring)."""

    def __init__(self, instance, resolver):
        self.instance = instance
        self.module = instance.module
        self.source = instance.module.source
        self.resolver = resolver
        node = instance.node
        self.params = set(instance.signature.params)
        self.locals = bound_names(node) | self.params
        self.functions = {}                 # name -> _Binding, as the body binds them
        self.namer = Namer(names_in(node) | self.params)
        self.path = ()                      # the blocks around the statement being lowered
        self.count = 0
        self.assigned = {}                  # name -> how many statements bind it
        self.defined = {n.name for n in scoped(body_of(node)) if isinstance(n, ast.FunctionDef)} \
            | {n.targets[0].id for n in scoped(body_of(node))
               if isinstance(n, ast.Assign) and len(n.targets) == 1 and
               isinstance(n.targets[0], ast.Name) and isinstance(n.value, ast.Lambda)}
        for n in scoped(body_of(node)):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                self.assigned[n.id] = self.assigned.get(n.id, 0) + 1
                if n.id in instance.env:
                    self.fail(n, f"'{n.id}' stands for the function '{instance.env[n.id].label}' "
                                 f"it is given, and is assigned here",
                              "give the new value a name of its own")
                if n.id in instance.strings:
                    self.fail(n, f"'{n.id}' holds the string {instance.strings[n.id]!r} it is "
                                 f"given (sct compiles a version of '{self.display()}' for "
                                 f"it), and is assigned here",
                              "give the new value a name of its own")
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.assigned[n.name] = self.assigned.get(n.name, 0) + 1

    def fail(self, node, message, hint=None):
        raise SctError.at(node, self.source, message, hint)

    # ------------------------------------------------------------ the function
    def function(self):
        inst, node = self.instance, self.instance.node
        if isinstance(node, ast.Lambda):
            body = [ast.copy_location(ast.Return(copy.deepcopy(node.body)), node.body)]
            decorators = []
        else:
            body = copy.deepcopy(node.body)
            decorators = copy.deepcopy(node.decorator_list)
        originals = {a.arg: a for a in node.args.posonlyargs + node.args.args +
                     node.args.kwonlyargs + [node.args.vararg] if a is not None}
        args = [ast.copy_location(ast.arg(p), originals.get(p, node))
                for p in inst.signature.params]
        body = self.block(body)
        fdef = ast.FunctionDef(inst.name, ast.arguments([], args, None, [], [], None, []),
                               body or [ast.Pass()], decorators, None)
        if hasattr(ast.FunctionDef, "type_params"):
            fdef.type_params = []
        return ast.copy_location(fdef, node)

    def block(self, stmts, part=None):
        saved = self.path
        if part is not None:
            self.count += 1
            self.path = self.path + (self.count,)
        out = []
        for stmt in stmts:
            result = self.visit(stmt)
            if result is None:
                continue
            out.extend(result if isinstance(result, list) else [result])
            if isinstance(result, list) and result and isinstance(result[-1], ast.Return):
                break                   # what follows a folded branch's return never runs
        self.path = saved
        return out

    def generic_visit(self, node):
        for name, value in ast.iter_fields(node):
            if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                setattr(node, name, self.block(value, part=name))
            elif isinstance(value, list):
                setattr(node, name, [self.visit(v) if isinstance(v, ast.AST) else v
                                     for v in value])
            elif isinstance(value, ast.AST):
                setattr(node, name, self.visit(value))
        return node

    # ------------------------------------------------------------ binding function values
    def bind_function(self, name, value, where):
        """``name`` holds ``value`` from here on: a def, a lambda, a partial or an alias."""
        if name in self.params or self.assigned.get(name, 0) > 1:
            self.fail(where, f"'{name}' is bound to a function here and to something else "
                             f"elsewhere in '{self.display()}': sct resolves which function "
                             f"a name holds when it compiles",
                      "give each function its own name, and call the one you mean "
                      "(y = g(x) if c else h(x))")
        self.functions[name] = _Binding(value, self.path, where.lineno)

    def visit_FunctionDef(self, node):
        for stmt in scoped(node.body):
            if isinstance(stmt, ast.Nonlocal):
                self.fail(stmt, f"the nested function '{node.name}' assigns to "
                                f"'{stmt.names[0]}' of '{self.display()}' (nonlocal): sct "
                                f"lifts nested functions out and passes them the values "
                                f"they read", f"return the new value from '{node.name}' "
                                              f"and assign it in '{self.display()}'")
        if node.decorator_list:
            self.fail(node.decorator_list[0], "decorators on a nested function are not "
                                              "supported", "remove the decorator")
        value, temps = self.lift(node, node.name)
        self.bind_function(node.name, value, node)
        return temps

    def visit_Lambda(self, node):
        self.fail(node, "a lambda can only be called, assigned to a name or passed to a "
                        "function that sct compiles",
                  "assign it to a name and call it, or pass it to your own function")

    def visit_Assign(self, node):
        target = node.targets[0] if len(node.targets) == 1 else None
        name = target.id if isinstance(target, ast.Name) else None
        value = node.value
        if name is not None and (isinstance(value, ast.Lambda) or is_partial(self.module, value)
                                 or self.named(value) is not None):
            if isinstance(value, ast.Lambda):
                fn, temps = self.lift(value, name)
            elif is_partial(self.module, value):
                temps = []
                fn = self.partial(value, name, temps)
            else:
                fn, temps = self.named(value), []
            self.bind_function(name, fn, node)
            return temps
        if isinstance(value, ast.IfExp) and any(
                isinstance(v, ast.Lambda) or self.reference(v) is not None
                for v in (value.body, value.orelse)):
            self.fail(value, "a function chosen at run time (by a branch) cannot be resolved "
                             "when compiling", "call each function in its own branch: "
                                               "y = g(x) if c else h(x)")
        return self.generic_visit(node)

    def lift(self, node, label):
        """The value of a nested def or lambda, lifted to a module-level function; and the
        assignments that evaluate its defaults, where they are evaluated."""
        if node.args.kwarg is not None:
            self.fail(node.args.kwarg, "**kwargs parameters are not supported",
                      "list every parameter by name")
        own = bound_names(node)
        env, strings, captured = {}, {}, []
        for name in free_names(node):
            if isinstance(node, ast.FunctionDef) and name == node.name:
                continue                       # it calls itself: in its env below
            if name in self.functions or name in self.instance.env:
                fn = self.lookup(name, node)
                env[name] = fn
                for e in fn.expressions():
                    for n in ast.walk(e):
                        if isinstance(n, ast.Name) and n.id not in captured:
                            if n.id in own:
                                self.fail(node, f"'{n.id}' in '{label}' hides the variable "
                                                f"of '{self.display()}' that '{name}' reads",
                                          f"rename '{n.id}' in '{label}'")
                            captured.append(n.id)
            elif name in self.instance.strings:
                strings[name] = self.instance.strings[name]
            elif name in self.locals:
                if name in self.defined:
                    self.fail(node, f"'{label}' reads '{name}', a function defined after it",
                              f"define '{name}' before '{label}'")
                if name not in captured:
                    captured.append(name)
        for n in scoped(body_of(node)):        # a closure cannot write into what it reads
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and \
                    n.func.attr in ("append", "pop") and isinstance(n.func.value, ast.Name) \
                    and n.func.value.id in captured:
                self.fail(n, f"the nested function '{label}' changes the list "
                             f"'{n.func.value.id}' of '{self.display()}'",
                          f"return the value from '{label}' and {n.func.attr} it in "
                          f"'{self.display()}'")
            if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store):
                root = n.value
                while isinstance(root, ast.Subscript):
                    root = root.value
                if isinstance(root, ast.Name) and root.id in captured:
                    self.fail(n, f"the nested function '{label}' writes into '{root.id}' of "
                                 f"'{self.display()}'", f"copy it first inside '{label}' "
                                                        f"({root.id} = np.copy({root.id}))")
        signature = Signature.of(node.args)
        defaults, temps = [], []
        for p, d in list(signature.defaults.items()):
            if not constant_default(d):         # evaluated where the def is, as Python does
                del signature.defaults[p]
                temp = self.namer.fresh(f"{label}_{p}")
                temps.append(ast.copy_location(ast.Assign(
                    [ast.Name(temp, ast.Store())], self.visit(copy.deepcopy(d))), d))
                defaults.append((p, ast.Name(temp, ast.Load())))
        signature.hidden = captured
        name = self.resolver.fresh(self.module, f"{self.instance.name}__{label}")
        inst = Instance(self.module, node, name, signature, env, strings, label)
        self.resolver.add(inst)
        value = Value(inst, free=tuple((c, ast.Name(c, ast.Load())) for c in captured),
                      defaults=tuple(defaults), label=label)
        if isinstance(node, ast.FunctionDef) and node.name in free_names(node):
            env[node.name] = value             # it calls itself: the resolver refuses it
        return value, temps

    def lookup(self, name, where):
        """The function value ``name`` holds at ``where``."""
        if name in self.functions:
            binding = self.functions[name]
            if binding.path != self.path[:len(binding.path)]:
                self.fail(where, f"'{name}' is used outside the block that defines it (line "
                                 f"{binding.line}), where it may not be defined",
                          f"define '{name}' where it is used, or before the block")
            return binding.value
        return self.instance.env[name]

    def display(self):
        return getattr(self.instance.node, "name", self.instance.label)

    def reference(self, node):
        """The value of a name of a function (or None): a function the body bound, a
        parameter standing for one, a module's function."""
        if isinstance(node, ast.Name):
            if node.id in self.functions or node.id in self.instance.env:
                return self.lookup(node.id, node)
            if node.id in self.locals and node.id in self.defined:
                self.fail(node, f"'{node.id}' is used before it is defined",
                          f"define '{node.id}' first")
        dotted = dotted_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if dotted is None:
            return None
        found = function_name(self.module, self.resolver, dotted, lambda n: n in self.locals)
        if found is None:
            return None
        return Value(self.resolver.instance(*found), label=found[1])

    def named(self, node):
        """The value of a name of a function, ``reference``'s, or of an intrinsic (math.cos)
        given as a function."""
        value = self.reference(node)
        dotted = dotted_name(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if value is None and dotted is not None:
            name = intrinsic_name(self.module, dotted, lambda n: n in self.locals)
            if name is not None:
                value = Value(None, label=name.rpartition(".")[2], intrinsic=name)
        return value

    def function_value(self, node):
        """The function value an argument expression stands for, or None."""
        if isinstance(node, ast.Lambda):
            value, made = self.lift(node, "lambda")
            if made:
                self.fail(node, "a lambda written at a call with defaults that are not "
                                "constants is not supported", "assign the lambda to a name")
            return value
        if is_partial(self.module, node):
            return self.partial(node, None, None)
        return self.named(node)

    def partial(self, node, name, temps):
        """functools.partial(g, a, k=b): g's value with the arguments bound; assigned to a
        name (``temps`` is a list), each argument that is not a constant is evaluated there
        into a temporary, as partial evaluates it once."""
        if not node.args:
            self.fail(node, "functools.partial needs the function as its first argument",
                      "write functools.partial(g, a)")
        if any(isinstance(a, ast.Starred) for a in node.args) or \
                any(k.arg is None for k in node.keywords):
            self.fail(node, "*args and **kwargs in calls are not supported",
                      "pass each argument by name or position")
        inner = node.args[0]
        base = self.partial(inner, name, temps) if is_partial(self.module, inner) else \
            self.function_value(inner)
        if base is None:
            self.fail(node.args[0], "functools.partial is supported of a function that sct "
                                    "compiles (a def, a lambda, a nested def)",
                      "define the function with def")

        def held(expr, label):
            if self.function_value_like(expr):
                self.fail(expr, "a function as an argument of functools.partial is not "
                                "supported", "write a def that calls both")
            expr = self.visit(expr)
            if temps is None or isinstance(expr, ast.Constant):
                return expr
            temp = self.namer.fresh(f"{name}_{label}")
            temps.append(_located(ast.Assign([ast.Name(temp, ast.Store())], expr), expr))
            return ast.Name(temp, ast.Load())
        pos = tuple(held(a, str(i + 1 + len(base.pos))) for i, a in enumerate(node.args[1:]))
        keywords = dict(base.keywords)
        for k in node.keywords:
            keywords[k.arg] = held(k.value, k.arg)
        return Value(base.instance, base.pos + pos, tuple(keywords.items()), base.free,
                     base.defaults, base.label, base.intrinsic)

    def function_value_like(self, node):
        return isinstance(node, ast.Lambda) or is_partial(self.module, node) or \
            isinstance(node, (ast.Name, ast.Attribute)) and self.named(node) is not None

    # ------------------------------------------------------------ uses
    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Load):
            if node.id in self.instance.strings:
                return ast.copy_location(ast.Constant(self.instance.strings[node.id]), node)
            if node.id in self.functions or node.id in self.instance.env:
                self.fail(node, f"the function '{node.id}' is used as a value here: sct can "
                                f"call a function or pass it to a function it compiles, not "
                                f"return or store it (it would escape)",
                          f"call '{node.id}' here, or pass it as an argument")
        return node

    def visit_Nonlocal(self, node):
        return node              # the checker refuses it (a nested one is refused above)

    def visit_Compare(self, node):
        node = self.generic_visit(node)
        if len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) and \
                _string(node.left) and isinstance(node.comparators[0], (ast.Tuple, ast.List)) \
                and all(isinstance(e, ast.Constant) for e in node.comparators[0].elts):
            found = node.left.value in [e.value for e in node.comparators[0].elts]
            folded = ast.copy_location(ast.Constant(found == isinstance(node.ops[0], ast.In)),
                                       node)
            folded.sct_folded = True                # kind in ("l1", "l2")
            return folded
        operands = [node.left] + node.comparators
        if all(isinstance(o, ast.Constant) and isinstance(o.value, str) for o in operands) \
                and all(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            result = all((a.value == b.value) == isinstance(op, ast.Eq)
                         for a, op, b in zip(operands, node.ops, operands[1:]))
            folded = ast.copy_location(ast.Constant(result), node)
            folded.sct_folded = True
            return folded
        return node

    def visit_If(self, node):
        """An ``if`` on a string parameter's comparison, folded: the branch taken."""
        node.test = self.visit(node.test)
        if getattr(node.test, "sct_folded", False):
            return self.block(node.body if node.test.value else node.orelse, part="folded")
        return self.generic_visit(node)

    def visit_IfExp(self, node):
        node.test = self.visit(node.test)
        if getattr(node.test, "sct_folded", False):
            return self.visit(node.body if node.test.value else node.orelse)
        return self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id in self.params and \
                func.id not in self.instance.env:
            call, source = self.resolver.calls[-1] if self.resolver.calls else (None, None)
            where = f" (from the call at {source.filename}:{call.lineno})" \
                if call is not None and source is not None else ""
            self.fail(func, f"'{func.id}' is called, but it is a parameter of "
                            f"'{self.display()}' that receives no function here{where}: sct "
                            f"needs the function a parameter stands for when it compiles",
                      f"pass a function (a def, a lambda, functools.partial) as '{func.id}' "
                      f"at every call of '{self.display()}', and differentiate a function "
                      f"that makes that call")
        value = None
        if isinstance(func, ast.Lambda) or is_partial(self.module, func):
            value = self.function_value(func)
        elif isinstance(func, (ast.Name, ast.Attribute)):
            value = self.reference(func)
        if value is None:
            return self.generic_visit(node)
        return self.call(value, node)

    def call(self, value, node):
        """A call of a function value: a call, by name, of the instance (or specialisation)
        it stands for, marked ``sct_target``."""
        if any(isinstance(a, ast.Starred) for a in node.args) or \
                any(k.arg is None for k in node.keywords):
            self.fail(node, "*args and **kwargs in calls are not supported",
                      "pass each argument by name or position")
        inst = value.instance
        keywords = dict(value.keywords)
        for k in node.keywords:
            keywords[k.arg] = k.value
        if value.intrinsic is not None:      # math.cos given as f: f(t) is math.cos(t)
            new = ast.Call(ast.Name(value.label, ast.Load()),
                           [self.visit(a) for a in list(value.pos) + node.args],
                           [ast.keyword(k, self.visit(v)) for k, v in keywords.items()])
            new.sct_intrinsic = value.intrinsic
            return _located(new, node)
        shown = getattr(inst.node, "name", value.label)
        bound = bind(inst.signature, shown, list(value.pos) + node.args,
                     list(keywords.items()),
                     lambda message: self.fail(node, message, "match the function's parameters"),
                     value.defaults)
        functions, strings, args = {}, {}, {}
        for p, expr in bound.items():
            if expr is None:
                expr = constant_node(inst.signature.defaults[p], node)
            fn = self.function_value(expr) if not isinstance(expr, ast.Constant) else None
            if fn is not None:
                if p == inst.signature.vararg:
                    self.fail(expr, "a function among *args is not supported",
                              "pass it as a parameter of its own")
                functions[p] = fn
                continue
            if isinstance(expr, ast.Tuple):
                for e in expr.elts:
                    if self.function_value_like(e):
                        among = "among *args" if p == inst.signature.vararg else "in a tuple"
                        self.fail(e, f"a function {among} is not supported",
                                  "pass it as a parameter of its own")
            expr = self.visit(expr)
            if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
                strings[p] = expr.value
                continue
            args[p] = expr
        for p, expr in value.free:
            args[p] = copy.deepcopy(expr)
        if functions or strings:
            inst, extra = self.resolver.specialise(inst, functions, strings)
            args.update(extra)
        new = ast.Call(ast.Name(inst.name, ast.Load()), [],
                       [ast.keyword(p, args[p]) for p in inst.signature.params])
        new.sct_target = inst
        return _located(new, node)


def lower(instance, resolver):
    """The FunctionDef of ``instance`` with no function as a value left (module docstring)."""
    return _Lowerer(instance, resolver).function()


def _string(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _located(tree, where):
    """``tree`` with the nodes that have no location given ``where``'s."""
    for n in ast.walk(tree):
        if isinstance(n, (ast.expr, ast.stmt)) and not hasattr(n, "lineno"):
            ast.copy_location(n, where)
    return tree
