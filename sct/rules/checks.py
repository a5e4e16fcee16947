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


def two_norm(args, keywords):
    order = keywords.get("ord", args[1] if len(args) > 1 else None)
    if order is not None and not (isinstance(order, ast.Constant) and order.value is None):
        raise Refusal(None, "np.linalg.norm is supported for the 2-norm / Frobenius norm only "
                            "(ord=None)", "write other norms with np.sum and np.abs")
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
