"""Rule templates made into trees, for both modes.

A template (``rules``) is the source text of an expression over an intrinsic's parameter names,
the tangents ``d<p>`` or the adjoint ``g``, the result ``y`` and the module ``M``.
``application(rule, value, target, is_number)`` binds one operation's operands to the rule's
parameters (defaults filled in) and gives the mapping both modes start from; ``instantiate``
fills a template with a mapping.
"""
import ast

from .ir import clone, operands, walk

_TREES = {}             # template text -> its tree, parsed once


def parse(text):
    """A fresh tree of a template's text."""
    if text not in _TREES:
        _TREES[text] = ast.parse(text, mode="eval").body
    return clone(_TREES[text])


def instantiate(text, mapping):
    """The template ``text`` with each name in ``mapping`` replaced by a copy of its tree."""
    if text not in _TREES:
        _TREES[text] = ast.parse(text, mode="eval").body
    return clone(_TREES[text], mapping)


def names(text):
    """The names a template reads."""
    return {n.id for n in walk(parse(text)) if isinstance(n, ast.Name)}


def as_array(node):
    """A list or tuple display as ``np.array(...)`` (templates compute on arrays: np.max([x,
    y]), np.maximum([x, y], 0.0)); anything else as it is."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return ast.Call(ast.Attribute(ast.Name("np", ast.Load()), "array", ast.Load()), [node],
                        [])
    return node


def application(rule, value, target, is_number):
    """(operands by parameter, defaults filled in; the mapping of the parameters, of ``y`` to
    the result ``target`` and of ``M`` to ``math`` where every operand is a number
    (``is_number``), else ``np``; whether they all are)."""
    args, keywords = operands(value)
    bound = rule.filled(rule.bind(args, keywords))
    scalar = all(is_number(bound[p]) for p in rule.params if p in bound)
    mapping = {p: bound[p] for p in rule.params}
    if rule.kind in ("elementwise", "template"):
        for p in rule.diff:
            if p in mapping and p not in rule.pairs:
                mapping[p] = as_array(mapping[p])
    mapping["y"] = ast.Name(target, ast.Load())
    mapping["M"] = ast.Name("math" if scalar else "np", ast.Load())
    return bound, mapping, scalar


def sum_terms(terms):
    """``t1 + t2 - t3 ...`` (a negated term subtracted), or None for no terms."""
    if not terms:
        return None
    total = terms[0]
    for term in terms[1:]:
        if isinstance(term, ast.UnaryOp) and isinstance(term.op, ast.USub):
            total = ast.BinOp(total, ast.Sub(), term.operand)
        else:
            total = ast.BinOp(total, ast.Add(), term)
    return total
