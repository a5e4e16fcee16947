"""np.einsum in the rule table: its subscripts, and the adjoint of each operand.

The rule is multilinear in the operands after the subscripts; the adjoint of operand k is an
einsum of the output adjoint with the other operands (``_einsum_adjoint``, a prelude helper,
where operand k has a letter of its own, a repeated one, or an ellipsis).
"""
import ast
import copy

from .refusal import Refusal


def parse(spec):
    """(the inputs' subscripts, the output's, whether the output is written) of a
    specification, spaces removed; an implicit output holds the letters that occur once,
    sorted, as numpy's does."""
    spec = spec.replace(" ", "")
    inputs, arrow, output = spec.partition("->")
    inputs = inputs.split(",")
    if not arrow:
        letters = "".join(inputs)
        output = "".join(sorted(c for c in set(letters) if letters.count(c) == 1))
    return inputs, output, bool(arrow)


def may_view(call):
    """Whether ``np.einsum(spec, ...)`` may return a view of its operand (``'ii->i'``); one
    whose output has no subscripts (``'ij->'``, ``'ii'``) returns a new number, one of two or
    more operands a new array."""
    if len(call.args) > 2:
        return False
    spec = call.args[0] if call.args else None
    if isinstance(spec, ast.Constant) and isinstance(spec.value, str) and "." not in spec.value:
        return parse(spec.value)[1] != ""
    return True


def path(call):
    """Whether ``np.einsum(spec, ...)`` runs faster with a contraction path (``optimize=True``):
    three or more operands (the order of the pairwise contractions), or two that contract a
    letter and each keep one of their own, as a matrix product does (``kij,nkj->nki``: 3-13x
    faster).  Elementwise products summed over shared letters (``nkd,nkd->kd``) run 12x slower
    with a path, and matrix-vector products gain nothing.  A path costs about 30 us a call."""
    if not call.args or not isinstance(call.args[0], ast.Constant) or \
            not isinstance(call.args[0].value, str):
        return False
    spec, count = call.args[0].value, len(call.args) - 1
    if count >= 3:
        return True
    if count != 2 or "." in spec:
        return False
    (first, second), output, _ = parse(spec)
    contracted = (set(first) & set(second)) - set(output)
    return bool(contracted) and bool(set(first) - set(second)) and \
        bool(set(second) - set(first))


def adjoint(value, g, position):
    """The adjoint of the operand at ``position`` (1 + its index) of ``np.einsum(spec,
    *operands)`` for the output adjoint ``g``: np.einsum with g in the place of the output and
    the operand's subscripts as output; the helper where the operand has a letter of its own
    or a repeated one, or where there are ellipses (the helper spells them out)."""
    spec = value.args[0].value.replace(" ", "")
    operands = [copy.deepcopy(a) for a in value.args[1:]]
    k = position - 1
    if "." in spec:
        return _helper(spec, k, g, operands)
    inputs, output, _ = parse(spec)
    others = [i for i in range(len(inputs)) if i != k]
    target = inputs[k]
    elsewhere = output + "".join(inputs[i] for i in others)
    if len(set(target)) < len(target) or any(c not in elsewhere for c in target):
        return _helper(",".join(inputs) + "->" + output, k, g, operands)
    new_spec = ",".join([output] + [inputs[i] for i in others]) + "->" + target
    einsum = ast.Attribute(ast.Name("np", ast.Load()), "einsum", ast.Load())
    return ast.Call(einsum, [ast.Constant(new_spec), g] + [operands[i] for i in others], [])


def _helper(spec, k, g, operands):
    return ast.Call(ast.Name("_einsum_adjoint", ast.Load()),
                    [ast.Constant(spec), ast.Constant(k), g] + operands, [])


def adjoint_skips(value):
    """``_einsum_adjoint(spec, k, g, *operands)`` is multilinear in g and the operands other
    than k: the position of operand k."""
    return {3 + value.args[1].value}


HINT = ("write the subscripts as a string literal, np.einsum('ij,jk->ik', a, b), or as "
        "literal lists of integers, np.einsum(a, [0, 1], b, [1, 2], [0, 2])")


def prepare(args, keywords):
    """np.einsum's arguments with the subscripts as one checked string first: the
    operand/sublist form ``np.einsum(a, [0, 1], b, [1, 2], [0, 2])`` is lowered to
    ``np.einsum('AB,BC->AC', a, b)``, numbering letters as numpy does (0-25: A-Z, 26-51:
    a-z).  A ``Refusal`` for subscripts numpy would refuse or that name another number of
    operands."""
    for name in keywords:
        if name != "optimize":
            raise Refusal(None, f"np.einsum's keyword '{name}' is not supported",
                          "call np.einsum with the subscripts and the operands only")
    if not args:
        raise Refusal(None, "np.einsum needs subscripts and operands", HINT)
    first = args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        spec, operands = first.value, args[1:]
    else:
        pairs, output = (args[:-1], args[-1]) if len(args) % 2 else (args, None)
        operands = pairs[0::2]
        if len(args) < 2:
            raise Refusal(None, "np.einsum needs subscripts for its operand", HINT)
        spec = ",".join(_sublist(s) for s in pairs[1::2])
        if output is not None:
            spec += "->" + _sublist(output)
    if not _fits(spec, len(operands)):
        raise Refusal(None, f"np.einsum subscripts '{spec}' do not fit its {len(operands)} "
                            f"operand{'' if len(operands) == 1 else 's'}", HINT)
    return [ast.copy_location(ast.Constant(spec), first)] + operands


def _sublist(node):
    """The subscripts of one sublist (a literal list or tuple of integers and ``...``)."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        raise Refusal(node, "np.einsum's subscripts must be a string literal or literal lists "
                            "of integers", HINT)
    letters = ""
    for e in node.elts:
        if isinstance(e, ast.Constant) and e.value is Ellipsis:
            letters += "..."
        elif isinstance(e, ast.Constant) and type(e.value) is int and 0 <= e.value < 52:
            letters += chr(ord("A") + e.value) if e.value < 26 else chr(ord("a") + e.value - 26)
        else:
            raise Refusal(e, "an einsum sublist holds integers from 0 to 51 and '...' only",
                          HINT)
    return letters


def _fits(spec, count):
    """Whether numpy would accept the subscripts for ``count`` operands."""
    terms, output, _ = parse(spec)
    letters = set("".join(terms).replace("...", ""))
    bare = output.replace("...", "")
    return all(c.isascii() and c.isalpha() for c in letters) and \
        all(t.replace("...", "").isalpha() or not t.replace("...", "") for t in terms + [output]) \
        and "->" not in output and set(bare) <= letters and len(set(bare)) == len(bare) and \
        all(t.count("...") <= 1 for t in terms + [output]) and len(terms) == count and count > 0
