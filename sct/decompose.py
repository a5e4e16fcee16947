"""Decompose: every expression split into single intrinsic operations on atoms.

``decompose(function)`` returns a new ``ast.FunctionDef`` whose body holds only the statement
forms of the intermediate form (``ir``'s docstring lists them; ``ir.verify(fdef, "decompose")``
checks them).  Each operation's result gets a temporary ``w1, w2, ...`` unless it is the last
operation of a user's assignment, which targets the user's own name.  Line and column
positions are kept.
"""
import ast
import copy

from .ir import checked, clone, function_def, is_atom, is_inert, walk
from .names import Namer, names_in


def decompose(function):
    """The function's body in the intrinsic form (``ir``)."""
    node = function.node
    namer = Namer(names_in(node) | set(function.constants))
    body = _number_temporaries(_Decomposer(namer).block(node.body), namer)
    new = function_def(node.name, copy.deepcopy(node.args), body or [ast.Pass()])
    new.args.defaults = []
    ast.copy_location(new, node)
    new.sct_namer = namer
    return checked(new, "decompose")


class _Decomposer:
    def __init__(self, namer):
        self.namer = namer
        self.out = None

    # ------------------------------------------------------------ statements
    def block(self, stmts):
        saved, self.out = self.out, []
        for stmt in stmts:
            getattr(self, "stmt_" + type(stmt).__name__)(stmt)
        result, self.out = self.out, saved
        return result

    def emit(self, stmt, where):
        self.out.append(ast.copy_location(stmt, where) if hasattr(where, "lineno") else stmt)

    def assign(self, name, value, where):
        if hasattr(where, "lineno") and not hasattr(value, "lineno"):
            ast.copy_location(value, where)       # errors about the operation point at it
        self.emit(ast.Assign([ast.Name(name, ast.Store())], value), where)

    def stmt_Assign(self, node):
        if len(node.targets) == 1:
            self.bind(node.targets[0], node.value, node)
            return
        atom = self.atom(node.value)
        for target in node.targets:
            self.bind(target, atom, node)

    def bind(self, target, value, where):
        if isinstance(target, ast.Name):
            self.expr(value, target.id)
        elif isinstance(target, ast.Subscript):
            atom = self.atom(value)
            array = target.value.id
            index = self.index(target.slice)
            self.emit(ast.Assign([ast.Subscript(ast.Name(array, ast.Load()), index,
                                                ast.Store())], atom), where)
        elif isinstance(value, ast.Tuple) and len(value.elts) == len(target.elts):
            atoms = [self.atom(v) for v in value.elts]
            bound = _target_names(target)
            safe = []
            for a in atoms:
                if isinstance(a, ast.Name) and a.id in bound:
                    temp = self.namer.temp()
                    self.assign(temp, a, where)
                    a = ast.Name(temp, ast.Load())
                safe.append(a)
            for t, a in zip(target.elts, safe):
                self.bind(t, a, where)
        else:
            atom = self.atom(value)
            if not isinstance(atom, ast.Name):
                raise AssertionError("unpacking a constant")  # the frontend refuses this
            names, nested = [], []
            for t in target.elts:
                if isinstance(t, ast.Name):
                    names.append(ast.Name(t.id, ast.Store()))
                else:
                    temp = self.namer.temp()
                    names.append(ast.Name(temp, ast.Store()))
                    nested.append((t, temp))
            self.emit(ast.Assign([ast.Tuple(names, ast.Store())], atom), where)
            for t, temp in nested:
                self.bind(t, ast.Name(temp, ast.Load()), where)

    def stmt_AugAssign(self, node):
        target = node.target
        if isinstance(target, ast.Name):      # x = x op v, which aliasing.resolve_augmented
            op = ast.BinOp(ast.Name(target.id, ast.Load()), node.op, node.value)   # may make
            self.expr(ast.copy_location(op, node), target.id)              # x[...] = x op v
            self.out[-1].sct_augmented = True
            return
        index = self.index(target.slice)
        array = target.value.id
        old = self.namer.temp()
        self.assign(old, ast.Subscript(ast.Name(array, ast.Load()), index, ast.Load()), node)
        if not isinstance(node.op, (ast.Add, ast.Sub)):     # see controlflow._copy_parts
            self.out[-1].sct_part = True
        new = self.atom(ast.copy_location(ast.BinOp(ast.Name(old, ast.Load()), node.op,
                                                    node.value), node))
        self.emit(ast.Assign([ast.Subscript(ast.Name(array, ast.Load()), copy.deepcopy(index),
                                            ast.Store())], new), node)

    def stmt_Return(self, node):
        value = node.value
        if isinstance(value, ast.Tuple):
            result = ast.Tuple([self.atom(v) for v in value.elts], ast.Load())
        else:
            result = self.atom(value)
        self.emit(ast.Return(result), node)

    def stmt_If(self, node):
        test = self.condition(node.test)
        body = self.block(node.body) or [ast.Pass()]
        orelse = self.block(node.orelse)
        self.emit(ast.If(test, body, orelse), node)

    def stmt_For(self, node):
        args = [self.atom(a) for a in node.iter.args]
        call = ast.Call(ast.Name("range", ast.Load()), args, [])
        call.sct_op = "range"
        body = self.block(node.body) or [ast.Pass()]
        self.emit(ast.For(ast.Name(node.target.id, ast.Store()), call, body, [],
                          type_comment=None), node)

    def stmt_While(self, node):
        saved, self.out = self.out, []
        test = self.condition(node.test)
        prelude, self.out = self.out, saved
        body = self.block(node.body)
        if not prelude:
            self.emit(ast.While(test, body or [ast.Pass()], []), node)
            return
        stop = ast.copy_location(ast.If(_negate(test), [ast.Break()], []), node)
        self.emit(ast.While(ast.Constant(True), prelude + [stop] + body, []), node)

    def stmt_Break(self, node):
        self.emit(ast.Break(), node)

    def stmt_Continue(self, node):
        self.emit(ast.Continue(), node)

    def stmt_Expr(self, node):
        """s.append(v), or an inert print(...) / warnings.warn(...)."""
        if is_inert(node):
            return self.stmt_inert(node)
        call = node.value
        push = ast.Call(copy.deepcopy(call.func), [self.atom(call.args[0])], [])
        push.sct_op = "push"
        self.emit(ast.Expr(push), node)

    def stmt_inert(self, node):
        """An inert statement, its expressions as they are (``ir``'s form 10)."""
        self.emit(clone(node), node)

    stmt_Assert = stmt_Raise = stmt_inert

    def op_List(self, node, target):
        return ast.List([], ast.Load())

    def stmt_Pass(self, node):
        pass

    # ------------------------------------------------------------ expressions
    def atom(self, node):
        """Emit what ``node`` needs and return an atom holding its value."""
        if is_atom(node):
            return node
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
                isinstance(node.operand, ast.Constant) and \
                type(node.operand.value) in (int, float, complex):
            return ast.Constant(-node.operand.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and \
                hasattr(node.operand, "sct_const"):        # -np.inf: a constant too
            node.sct_const = "-" + node.operand.sct_const
            return node
        temp = self.namer.temp()
        self.expr(node, temp)
        return ast.Name(temp, ast.Load())

    def expr(self, node, target):
        """Emit ``target = node`` as operations, the last one assigning ``target``."""
        if is_atom(node):
            self.assign(target, node, node)
            return
        method = getattr(self, "op_" + type(node).__name__)
        value = method(node, target)
        if value is not None:
            self.assign(target, value, node)

    def op_BinOp(self, node, target):
        left = self.atom(node.left)
        right = self.atom(node.right)
        return ast.BinOp(left, node.op, right)

    def op_UnaryOp(self, node, target):
        if isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            return self.atom(node)
        return ast.UnaryOp(node.op, self.atom(node.operand))

    def op_Compare(self, node, target):
        return self.condition(node)

    def op_BoolOp(self, node, target):
        return self.condition(node)

    def op_IfExp(self, node, target):
        test = self.condition(node.test)
        saved, self.out = self.out, []
        self.expr(node.body, target)
        body, self.out = self.out, []
        self.expr(node.orelse, target)
        orelse, self.out = self.out, saved
        self.emit(ast.If(test, body, orelse), node)
        return None

    def op_Tuple(self, node, target):
        return ast.Tuple([self.atom(e) for e in node.elts], ast.Load())

    def op_Call(self, node, target):
        if hasattr(node, "sct_callee"):     # h((x, y)): a tuple the callee's parameter names
            args = [self.atom(a) if isinstance(a, ast.Tuple) else self.arg(a)
                    for a in node.args]
        else:
            args = [self.arg(a) for a in node.args]
        keywords = [ast.keyword(k.arg, self.arg(k.value)) for k in node.keywords]
        call = ast.Call(copy.deepcopy(node.func), args, keywords)
        for attr in ("sct_op", "sct_callee"):
            if hasattr(node, attr):
                setattr(call, attr, getattr(node, attr))
        return call

    def arg(self, node):
        if isinstance(node, ast.Constant):
            return node
        if isinstance(node, (ast.List, ast.Tuple)):
            return type(node)([self.arg(e) for e in node.elts], ast.Load())
        return self.atom(node)

    def op_Subscript(self, node, target):
        value = self.name_atom(node.value)
        return ast.Subscript(value, self.index(node.slice), ast.Load())

    def op_Attribute(self, node, target):
        value = ast.Attribute(self.name_atom(node.value), node.attr, ast.Load())
        value.sct_op = getattr(node, "sct_op", "attribute")     # x.shape, or p.w
        return value

    def name_atom(self, node):
        atom = self.atom(node)
        if isinstance(atom, ast.Name):
            return atom
        temp = self.namer.temp()
        self.assign(temp, atom, node)
        return ast.Name(temp, ast.Load())

    def index(self, index):
        if isinstance(index, ast.Tuple):
            return ast.Tuple([self.index_part(e) for e in index.elts], ast.Load())
        return self.index_part(index)

    def index_part(self, part):
        if isinstance(part, ast.Slice):
            return ast.Slice(*(None if getattr(part, a) is None else self.atom(getattr(part, a))
                               for a in ("lower", "upper", "step")))
        return self.atom(part)

    # ------------------------------------------------------------ conditions
    def condition(self, node):
        """A condition over atoms; short-circuit operands needing statements become ifs."""
        if isinstance(node, ast.Compare):
            left = self.atom(node.left)
            return ast.Compare(left, list(node.ops), [self.atom(c) for c in node.comparators])
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ast.UnaryOp(ast.Not(), self.condition(node.operand))
        if isinstance(node, ast.BoolOp):
            first = self.condition(node.values[0])
            rest = []
            for v in node.values[1:]:
                saved, self.out = self.out, []
                cond = self.condition(v)
                stmts, self.out = self.out, saved
                rest.append((stmts, cond))
            if all(not stmts for stmts, _ in rest):
                return ast.BoolOp(node.op, [first] + [c for _, c in rest])
            # short-circuit by hand: flag = first; if flag: flag = second ...
            flag = self.namer.temp()
            self.assign(flag, first, node)
            for stmts, cond in rest:
                test = ast.Name(flag, ast.Load())
                if isinstance(node.op, ast.Or):
                    test = ast.UnaryOp(ast.Not(), test)
                inner = stmts + [ast.copy_location(
                    ast.Assign([ast.Name(flag, ast.Store())], cond), node)]
                self.emit(ast.If(test, inner, []), node)
            return ast.Name(flag, ast.Load())
        return self.atom(node)


def _number_temporaries(body, namer):
    """Rename temporaries w1, w2, ... in the order the statements assign them."""
    made = set(namer.made)
    order = []
    for stmt in _in_order(body):
        for n in walk(stmt):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id in made \
                    and n.id not in order:
                order.append(n.id)
    fresh = Namer(namer.taken - made)
    mapping = {old: fresh.temp() for old in order}
    namer.taken, namer.count, namer.made = fresh.taken, fresh.count, set(mapping.values())
    for stmt in body:
        for n in walk(stmt):
            if isinstance(n, ast.Name) and n.id in mapping:
                n.id = mapping[n.id]
    return body


def _in_order(body):
    """Assignments in source order, nested blocks included (their heads first)."""
    for stmt in body:
        if isinstance(stmt, ast.Assign):
            yield stmt
        for field in ("body", "orelse"):
            yield from _in_order(getattr(stmt, field, []) if not isinstance(stmt, ast.Assign)
                                 else [])


def _negate(test):
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand
    return ast.UnaryOp(ast.Not(), test)


def _target_names(target):
    return {n.id for n in walk(target) if isinstance(n, ast.Name)}
