"""The hooks that check (and lower) calls of intrinsics in the frontend (``Rule.prepare``), and
the operands an intrinsic's entries move with that it does not differentiate
(``Rule.moving``)."""
import ast

from .refusal import Refusal


def two_arguments(name):
    def prepare(args, keywords):
        if len(args) != 2 or keywords:
            raise Refusal(None, f"{name}() is supported with exactly two arguments",
                          f"use np.{name}(x) for the {name} of an array")
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
        return [keywords[name] if name in keywords else args[i]
                for name, i in positions.items() if name in keywords or i < len(args)]
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
