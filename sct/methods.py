"""Methods, lowered to functions: a method ``m`` of a module-level class ``C`` read for an
instance of class ``D`` (``C`` is ``D`` or one of its bases in the same module) becomes the
module-level function ``D_m(self, ...)``, its calls ``self.n(...)`` the calls ``D_n(self, ...)``
of the method that ``D`` resolves (``D``'s bases in order, as Python's MRO for single
inheritance within the module), ``self.a`` staying a record's field read.  A static method
is its function as written; a class method a function of ``cls`` whose attributes are read
as constants.

What cannot be lowered is kept as a refusal (node, message, hint) on the lowered function,
raised only if sct compiles it: ``super()``, a property read, a method sct cannot find
(a base class whose source it does not read), a class method called through ``self``.
"""
import ast
import copy

from .names import Namer

KINDS = ("method", "staticmethod", "classmethod")


class Method:
    """One method of one class as sct lowers it: ``kind`` (one of ``KINDS``), ``node`` (the
    ``FunctionDef`` as written), ``owner`` (the class that defines it)."""

    def __init__(self, kind, node, owner):
        self.kind, self.node, self.owner = kind, node, owner


def _kind(fdef):
    """The method's kind, from its decorators (sct's own decorators left aside); None for a
    property or any other decorator sct does not know."""
    kind = "method"
    for d in fdef.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        name = target.attr if isinstance(target, ast.Attribute) else \
            target.id if isinstance(target, ast.Name) else None
        if name in ("staticmethod", "classmethod"):
            kind = name
        elif name in ("grad", "value_and_grad", "forward", "jacobian", "hessian", "hvp"):
            continue
        else:
            return None
    return kind


def class_members(classes, name):
    """{member name: Method, or None for a property/unknown decorator} that class ``name``
    sees, and whether all its bases are classes of the module (else a member may come from a
    class sct does not read)."""
    members, complete, seen, attributes = _Members(), True, set(), {}
    order = []
    todo = [name]
    while todo:                       # single inheritance order; several bases left to right
        c = todo.pop(0)
        if c in seen:
            continue
        seen.add(c)
        order.append(c)
        for b in classes[c].bases:
            if isinstance(b, ast.Name) and b.id in classes:
                todo.append(b.id)
            elif not (isinstance(b, ast.Name) and b.id == "object"):
                complete = False
    for c in reversed(order):
        for stmt in classes[c].body:
            if isinstance(stmt, ast.FunctionDef):
                kind = _kind(stmt)
                members[stmt.name] = Method(kind, stmt, c) if kind else None
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                for t in targets:
                    if isinstance(t, ast.Name):
                        members.pop(t.id, None)
                        if isinstance(stmt, ast.Assign) or not (classes[c].decorator_list or
                                                                classes[c].bases):
                            attributes[t.id] = stmt.value   # a class attribute, not a field
                        else:
                            attributes.pop(t.id, None)      # a dataclass's or NamedTuple's field
    members.attributes = attributes
    return members, complete


class _Members(dict):
    """{member name: Method or None}; ``attributes``: {class attribute: its value's node}."""


def lower_classes(classes, taken):
    """The lowered functions of every module-level class: ({name: FunctionDef},
    {(class, method): name})."""
    namer = Namer(taken)
    names, defs = {}, {}
    tables = {c: class_members(classes, c) for c in classes}
    for c, (members, _) in tables.items():
        for m, method in members.items():
            if method is not None:
                names[(c, m)] = namer.fresh(f"{c}_{m}")
    for c, (members, complete) in tables.items():
        for m, method in members.items():
            if method is not None:
                defs[names[(c, m)]] = _lower(method, c, members, complete, names, tables)
    return defs, names


def _lower(method, cls, members, complete, names, tables):
    fdef = copy.deepcopy(method.node)
    fdef.name = names[(cls, method.node.name)]
    fdef.decorator_list = []
    fdef.sct_refusals = []
    fdef.sct_constants = {}                # class attributes read through self, as constants
    fdef.sct_method = (cls, method.node.name, method.kind, method.owner)
    params = fdef.args.posonlyargs + fdef.args.args
    first = params[0].arg if params and method.kind != "staticmethod" else None
    if method.kind != "staticmethod" and first is None:
        fdef.sct_refusals.append((fdef, f"the method '{cls}.{method.node.name}' takes no "
                                        f"'self' parameter", "add self, or make it a "
                                                             "@staticmethod"))
    _Rewrite(fdef, first, method.kind, cls, members, complete, names, tables).visit(fdef)
    return fdef


class _Rewrite(ast.NodeTransformer):
    def __init__(self, fdef, first, kind, cls, members, complete, names, tables):
        self.fdef, self.first, self.kind, self.cls = fdef, first, kind, cls
        self.members, self.complete, self.names, self.tables = members, complete, names, tables
        self.stored = set()            # attributes some method of the class sets on self
        for m in members.values():
            if m is not None and m.kind == "method" and m.node.args.args:
                me = m.node.args.args[0].arg
                self.stored |= {n.attr for n in ast.walk(m.node) if isinstance(n, ast.Attribute)
                                and isinstance(n.ctx, ast.Store) and
                                isinstance(n.value, ast.Name) and n.value.id == me}

    def refuse(self, node, message, hint):
        self.fdef.sct_refusals.append((node, message, hint))

    def _is_first(self, node):
        return self.first is not None and isinstance(node, ast.Name) and node.id == self.first

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "super":
            self.refuse(node, "super() is not supported",
                        "call the base class's method through self, or write the base "
                        "method's code into this one")
            return self.generic_visit(node)
        if self.kind == "classmethod" and self._is_first(func):
            self.refuse(node, f"constructing an instance ({self.first}(...)) in a class method "
                              f"is not supported", "construct the instance outside, and "
                                                   "differentiate its method")
            return self.generic_visit(node)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and \
                func.value.id in self.tables and not self._is_first(func.value):
            members = self.tables[func.value.id][0]           # Model.scale(v): a static method
            method = members.get(func.attr)
            if method is not None and method.kind == "staticmethod":
                call = ast.Call(ast.Name(self.names[(func.value.id, func.attr)], ast.Load()),
                                node.args, node.keywords)
                ast.copy_location(call, node)
                ast.copy_location(call.func, func)
                return self.generic_visit(call)
            self.refuse(func, f"'{func.value.id}.{func.attr}' read from the class",
                        "call a static method (@staticmethod) of the class, or a method "
                        "through self")
            return self.generic_visit(node)
        if isinstance(func, ast.Attribute) and self._is_first(func.value):
            name = func.attr
            if name in self.members:
                method = self.members[name]
                if method is None:
                    self.refuse(func, f"'{self.first}.{name}' is a property or a method with a "
                                      f"decorator sct does not know", "write it as a plain "
                                                                      "method")
                    return self.generic_visit(node)
                if method.kind == "method" and self.kind == "classmethod":
                    self.refuse(func, f"the method '{self.cls}.{name}' called through the "
                                      f"class '{self.first}'", "call it through an instance, "
                                                               "or make it a @staticmethod")
                    return self.generic_visit(node)
                if method.kind == "classmethod" and self.kind == "method":
                    self.refuse(func, f"the class method '{self.cls}.{name}' called through "
                                      f"'{self.first}'", "make it a @staticmethod or a plain "
                                                         "method")
                    return self.generic_visit(node)
                args = node.args if method.kind == "staticmethod" else \
                    [ast.Name(self.first, ast.Load())] + node.args
                call = ast.Call(ast.Name(self.names[(self.cls, name)], ast.Load()), args,
                                node.keywords)
                for n in (call, call.func, *args[:1]):
                    ast.copy_location(n, func)
                call.end_lineno, call.end_col_offset = node.end_lineno, node.end_col_offset
                return self.generic_visit(call)
            why = "from a base class whose source sct does not read" if not self.complete \
                else "not defined in the class (an attribute holding a function?)"
            self.refuse(func, f"the method '{self.first}.{name}' of class '{self.cls}' is "
                              f"{why}", "define the method in a class of this module, or pass "
                                        "the function as a parameter")
            return self.generic_visit(node)
        return self.generic_visit(node)

    def visit_Attribute(self, node):
        if self._is_first(node.value) and not isinstance(node.ctx, ast.Load):
            self.refuse(node, f"assignment to the attribute '{self.first}.{node.attr}': sct "
                              "differentiates methods that read their instance, not ones "
                              "that change it", "return the new value (or a new instance) "
                                                "instead")
            return self.generic_visit(node)
        attributes = self.members.attributes
        if self._is_first(node.value) and node.attr in attributes and self.kind == "method" \
                and node.attr not in self.stored and isinstance(node.ctx, ast.Load):
            value = attributes[node.attr]
            if isinstance(value, ast.Constant) and isinstance(value.value, (int, float, str,
                                                                             bool, type(None))):
                self.fdef.sct_constants[node.attr] = value.value
                return ast.copy_location(ast.Constant(value.value), node)
            self.refuse(node, f"'{self.first}.{node.attr}' reads a class attribute that is not a "
                              f"number or a string: sct differentiates an instance by its own "
                              f"attributes", f"set it in __init__ ({self.first}.{node.attr} = "
                                             f"...), or make it a module-level constant")
            return node
        if self._is_first(node.value) and node.attr in self.members and \
                isinstance(node.ctx, ast.Load):
            method = self.members[node.attr]
            if method is None:
                self.refuse(node, f"'{self.first}.{node.attr}' is a property (or a method with "
                                  f"a decorator sct does not know): sct does not run it",
                            "write it as a method and call it: self.name()")
            else:
                self.refuse(node, f"the method '{self.first}.{node.attr}' used as a value",
                            "call it here, or pass a module-level function")
        return self.generic_visit(node)
