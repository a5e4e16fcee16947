"""np.einsum in the rule table: its subscripts, and the adjoint of each operand.

The rule is multilinear in the operands after the subscripts; the adjoint of operand k is an
einsum of the output adjoint with the other operands (``_einsum_adjoint``, a prelude helper,
where operand k has a letter of its own, a repeated one, or an ellipsis).
"""
import ast
import copy


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
