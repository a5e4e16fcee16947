"""The hooks that check (and lower) calls of intrinsics in the frontend (``Rule.prepare``), and
the operands an intrinsic's entries move with that it does not differentiate
(``Rule.moving``)."""
import ast

import numpy as np

from .refusal import Refusal

NO_LITERAL = object()       # what literal() gives for an expression that is not one


def two_arguments(name):
    def prepare(args, keywords):
        if len(args) != 2 or keywords:
            raise Refusal(None, f"{name}() is supported over two or more values, a list or "
                                f"tuple display, or an array, without key= or default=",
                          f"write {name}(a, b), {name}([a, b, c]) or np.{name}(x)")
        return args
    return prepare


def loop_only(args, keywords):
    raise Refusal(None, "range(...) is supported only as the iterable of a for loop",
                  "use np.arange(...) for an array")


NORM_ORDERS = "None, 'fro', 'nuc', 0, 1, -1, 2, -2, np.inf, -np.inf or a number p > 1"


def _norm_order(node):
    """The value of a literal norm order (a number, a string, None, +-np.inf / math.inf), or
    ``...`` where it is not a literal."""
    negative = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
    inner = node.operand if negative else node
    if isinstance(inner, ast.Constant):
        value = inner.value
    elif isinstance(inner, ast.Attribute) and inner.attr == "inf" and \
            isinstance(inner.value, ast.Name) and inner.value.id in ("np", "numpy", "math"):
        value = float("inf")
    else:
        return ...
    if negative:
        return -value if isinstance(value, (int, float)) and not isinstance(value, bool) else ...
    return value


def two_norm(args, keywords):
    """np.linalg.norm: the order a literal that sct differentiates (vector orders p >= 1, 0,
    +-inf; matrix orders 1, -1, inf, -inf, 2, -2, 'fro', 'nuc'); numpy refuses the others."""
    node = keywords.get("ord", args[1] if len(args) > 1 else None)
    if node is None:
        return args
    order = _norm_order(node)
    if order is ...:
        raise Refusal(node, "np.linalg.norm's ord must be a literal", f"write one of "
                      f"{NORM_ORDERS}")
    valid = order is None or order in ("fro", "nuc") or (
        isinstance(order, (int, float)) and not isinstance(order, bool)
        and (order >= 1 or order in (0, -1, -2, -float("inf"))))
    if not valid:
        raise Refusal(node, f"np.linalg.norm with ord={order!r} is not supported (a vector "
                      "'norm' of order p < 1 is not a norm, and sct has no derivative rule "
                      "for it)", f"use one of {NORM_ORDERS}, or write np.sum(np.abs(x) ** p)")
    return args


def arange_moving(args, keywords):
    """np.arange(stop), (start, stop) or (start, stop, step): the operands its entries move
    with (start and step)."""
    moving = [keywords.get("start"), keywords.get("step")] + args[:1] * (len(args) >= 2) + \
        args[2:3]
    return [m for m in moving if m is not None]


def passed(positions):
    """A ``Rule.moving`` hook: the operands passed for the parameters ``positions`` (name ->
    position), by keyword or by position."""
    def moving(args, keywords):
        found = [argument(args, keywords, name, i) for name, i in positions.items()]
        return [node for node in found if node is not None]
    return moving


def log_quotient(args):
    """math.log(x, base) as log(x) / log(base)."""
    return (ast.Div, args[:1], args[1:]) if len(args) == 2 else None


def copies(args, keywords):
    """np.nan_to_num(x, copy=False) writes into x: refused (sct would not see the write)."""
    copy = keywords.get("copy", args[1] if len(args) > 1 else None)
    if copy is not None and not (isinstance(copy, ast.Constant) and copy.value is True):
        raise Refusal(copy, "np.nan_to_num with copy other than True writes into its operand",
                      "call np.nan_to_num(x) and use its result")
    return args


def argument(args, keywords, name, position):
    """The AST of the argument a call gives parameter ``name`` at ``position``, or None."""
    return keywords.get(name, args[position] if len(args) > position else None)


def literal(node):
    """The value of a literal expression, else ``NO_LITERAL``."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        return NO_LITERAL      # no literal: never one of the values allowed


def defaults_only(name, allowed, hint):
    """A prepare hook refusing a call of ``name`` that gives a parameter of ``allowed`` (name ->
    (position, the values sct supports)) anything but a literal of those values."""
    def prepare(args, keywords):
        for param, (position, values) in allowed.items():
            node = argument(args, keywords, param, position)
            if node is not None and literal(node) not in values:
                supported = " or ".join(repr(v) for v in values)
                raise Refusal(node, f"{name} is supported with {param}={supported} only", hint)
        return args
    return prepare


FLOATS = (np.float64, np.float32, "float", "float64", "float32", "f8", "f4", "d")
WHOLE = (np.int64, np.int32, np.bool_, "int", "int64", "int32", "bool", "i8", "i4")


def dtype_kind(dtype):
    """"float" for a floating dtype written out (float, np.float64, 'float32', ...), "whole"
    for an integer or boolean one (int, bool, np.int64, 'i4', ...), else None."""
    value = dtype.sct_const if getattr(dtype, "sct_const", None) else literal(dtype)
    if isinstance(value, str) and value.startswith("np."):
        value = getattr(np, value[3:], None)
    for kind, dtypes in (("float", FLOATS), ("whole", WHOLE)):
        if any(value is d or isinstance(d, str) and value == d for d in dtypes):
            return kind
    return None


DTYPES = "float, np.float64, np.float32 (linear) or int, bool, np.int64, np.int32 (derivative " \
         "zero) only"


def astype_dtypes(args, keywords):
    """x.astype(dtype) with a dtype written out (a float one, or an integer or boolean one),
    nothing else but copy=True."""
    if len(args) != 2 or set(keywords) - {"copy"}:
        raise Refusal(None, "x.astype(dtype) is supported with a dtype alone (and copy=True)",
                      "write x.astype(float)")
    if dtype_kind(args[1]) is None:
        raise Refusal(args[1], f"x.astype is supported with {DTYPES}", "write x.astype(float)")
    return copies_only(args, keywords)


def dtyped(name, position, then=None):
    """A prepare hook for a constructor whose values are its operands' (np.array, np.full):
    its dtype= (a keyword, or the argument at ``position``) written out as ``dtype_kind``
    knows; ``then``: the call's other prepare hook."""
    def prepare(args, keywords):
        node = argument(args, keywords, "dtype", position)
        if node is not None and dtype_kind(node) is None:
            raise Refusal(node, f"{name}(..., dtype=...) is supported with {DTYPES}",
                          "write dtype=float")
        return then(args, keywords) if then is not None else args
    return prepare


def whole_dtype(position):
    """A skips hook (``Rule.skips``): a call with an integer or boolean dtype= (a keyword, or
    the argument at ``position``) differentiates none of its operands, as x.astype(int)."""
    def skips(value):
        keywords = {k.arg: k.value for k in value.keywords}
        node = argument(value.args, keywords, "dtype", position)
        if node is not None and dtype_kind(node) == "whole":
            return set(range(len(value.args))) | set(keywords)
        return ()
    return skips


def copies_only(args, keywords):
    copy = keywords.get("copy")
    if copy is not None and literal(copy) is not True:
        raise Refusal(copy, "x.astype with copy other than True may return x itself",
                      "leave copy= out")
    return args


def lowered(name, args, keywords=()):
    """A call of intrinsic ``name`` for a rewrite (``Rule.rewrite``): the frontend checks it as
    that intrinsic whatever the user's imports."""
    call = ast.Call(ast.Name(name, ast.Load()), list(args),
                    [ast.keyword(k, v) for k, v in keywords])
    call.sct_lowered = name
    return call


def folded(name, reduction, op=None):
    """Rule.rewrite of Python's ``sum`` (``op`` ast.Add), ``max`` and ``min`` over one list
    display, several arguments, or one array: a left fold of the items (``a + b + c``,
    ``max(max(a, b), c)``: the first of equal items, as Python's), or the numpy reduction over
    the first axis, which Python's iteration runs over (``np.sum(x, axis=0)``)."""
    def rewrite(args, keywords):
        if set(keywords) - {"start"} or op is None and keywords or not args:
            return None                     # key=, default=: left to the rule's own checks
        start = keywords.get("start")
        if op is not None and len(args) == 2 and start is None:
            args, start = args[:1], args[1]         # sum(xs, start)
        if len(args) == 1 and isinstance(args[0], (ast.List, ast.Tuple)):
            items = list(args[0].elts)
        elif len(args) == 1:
            total = lowered(reduction, args, [("axis", ast.Constant(0))])
            return total if start is None else ast.BinOp(start, ast.Add(), total)
        elif op is None and len(args) > 2:
            items = list(args)                      # max(a, b, c)
        else:
            return None                             # max(a, b): the rule itself
        if not items:
            return start if start is not None else ast.Constant(0) if op else None
        total = items[0] if start is None else ast.BinOp(start, op(), items[0])
        for item in items[1:]:
            total = ast.BinOp(total, op(), item) if op else lowered(name, [total, item])
        return total
    return rewrite


def unfolded(args, keywords):
    """Python's sum where ``folded`` did not rewrite it."""
    raise Refusal(None, "sum() is supported over a list or tuple display, or an array, with "
                        "start", "write sum([a, b, c]), sum(x) or np.sum(x)")


def concatenated(name, piece, axis=None):
    """The rewrite of ``name[a, b, ...]`` (np.r_, np.c_; ``rules.INDEXED``) as
    np.concatenate of ``piece(item)`` for each item (along ``axis``); string directives and
    slice ranges refused."""
    def rewrite(items):
        for item in items:
            if isinstance(item, ast.Slice):
                raise Refusal(item, f"{name}[...] with a slice range is not supported",
                              "build the range with np.arange or np.linspace and concatenate")
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                raise Refusal(item, f"{name}[...] with a string directive is not supported",
                              "concatenate with np.concatenate(..., axis=k), or stack with "
                              "np.stack / np.column_stack")
        keywords = [] if axis is None else [("axis", ast.Constant(axis))]
        return lowered("np.concatenate", [ast.List([piece(i) for i in items], ast.Load())],
                       keywords)
    return rewrite


def keyless(name):
    """Rule.rewrite of ``name`` (sorted) refusing key= before its operands are checked (a
    function passed as a value)."""
    def rewrite(args, keywords):
        if "key" in keywords:
            raise Refusal(keywords["key"], f"{name}() with key= is not supported",
                          f"{name} the values themselves (a tuple or array of the keys)")
        return None
    return rewrite
