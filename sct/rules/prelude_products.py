"""Prelude helpers for numpy's products (see prelude.py): the adjoints of matmul, dot, inner,
kron, tensordot and einsum."""
import numpy as np

from .prelude_core import _unbroadcast


def _matmul_operands(g, a, b):
    """a, b and g as stacks of matrices, as numpy's matmul reads 1-D operands."""
    a2 = np.expand_dims(a, 0) if np.ndim(a) == 1 else np.asarray(a)
    b2 = np.expand_dims(b, -1) if np.ndim(b) == 1 else np.asarray(b)
    g2 = np.asarray(g)
    if np.ndim(b) == 1:
        g2 = np.expand_dims(g2, -1)
    if np.ndim(a) == 1:
        g2 = np.expand_dims(g2, -2)
    return g2, a2, b2


def _matmul_adjoint_a(g, a, b):
    """Adjoint of a @ b for a: g b^T, with numpy's rules for 1-D operands and stacks."""
    ndim_a, ndim_b, ndim_g = np.ndim(a), np.ndim(b), np.ndim(g)
    if ndim_b == 2 and ndim_g == ndim_a and ndim_a in (1, 2):    # no stacks: one product
        return g @ np.transpose(b) if ndim_a == 2 else b @ g
    if ndim_a == 2 and ndim_b == 1 and ndim_g == 1:
        return np.outer(g, b)
    g2, a2, b2 = _matmul_operands(g, a, b)
    result = g2 @ np.swapaxes(b2, -1, -2)
    if np.ndim(a) == 1:
        result = result[..., 0, :]
    return _unbroadcast(result, a)


def _matmul_adjoint_b(g, a, b):
    """Adjoint of a @ b for b: a^T g."""
    ndim_a, ndim_b, ndim_g = np.ndim(a), np.ndim(b), np.ndim(g)
    if ndim_a == 2 and ndim_g == ndim_b and ndim_b in (1, 2):    # no stacks: one product
        return np.transpose(a) @ g
    if ndim_a == 1 and ndim_b == 2 and ndim_g == 1:
        return np.outer(a, g)
    g2, a2, b2 = _matmul_operands(g, a, b)
    result = np.swapaxes(a2, -1, -2) @ g2
    if np.ndim(b) == 1:
        result = result[..., 0]
    return _unbroadcast(result, b)


def _dot_adjoint_a(g, a, b):
    """Adjoint of np.dot(a, b) for a: a product with a number, or a sum over the last axis
    of a and the second-to-last of b (the only axis of a 1-D b)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * b, a)
    if np.ndim(b) == 1:
        return np.multiply.outer(g, b)
    free = np.ndim(a) - 1
    return np.tensordot(g, np.moveaxis(b, -2, -1),
                        axes=(list(range(free, np.ndim(g))), list(range(np.ndim(b) - 1))))


def _dot_adjoint_b(g, a, b):
    """Adjoint of np.dot(a, b) for b."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * a, b)
    free = np.ndim(a) - 1
    result = np.tensordot(a, g, axes=(list(range(free)), list(range(free))))
    return result if np.ndim(b) == 1 else np.moveaxis(result, 0, -2)


def _inner_adjoint_a(g, a, b):
    """Adjoint of np.inner (a sum over the last axes) for a."""
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * b, a)
    na, nb = np.ndim(a) - 1, np.ndim(b) - 1
    return np.tensordot(g, b, axes=(list(range(na, na + nb)), list(range(nb))))


def _inner_adjoint_b(g, a, b):
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return _unbroadcast(g * a, b)
    na = np.ndim(a) - 1
    return np.tensordot(g, a, axes=(list(range(na)), list(range(na))))


def _kron_shapes(a, b):
    """The shapes of a and b as np.kron reads them: the one of fewer dimensions padded with
    leading ones."""
    n = max(np.ndim(a), np.ndim(b))
    return (1,) * (n - np.ndim(a)) + np.shape(a), (1,) * (n - np.ndim(b)) + np.shape(b)


def _kron_blocks(g, a, b):
    """g (the shape of kron(a, b)) as an array indexed by a's entries, then b's."""
    sa, sb = _kron_shapes(a, b)
    n = len(sa)
    blocks = np.reshape(g, [d for pair in zip(sa, sb) for d in pair])
    return np.transpose(blocks, list(range(0, 2 * n, 2)) + list(range(1, 2 * n, 2)))


def _kron_adjoint_a(g, a, b):
    sa, sb = _kron_shapes(a, b)
    blocks = _kron_blocks(g, a, b)
    return np.reshape(np.tensordot(blocks, np.reshape(b, sb), axes=len(sb)), np.shape(a))


def _kron_adjoint_b(g, a, b):
    sa, sb = _kron_shapes(a, b)
    blocks = _kron_blocks(g, a, b)
    return np.reshape(np.tensordot(np.reshape(a, sa), blocks, axes=len(sa)), np.shape(b))


def _tensordot_axes(a, b, axes):
    """The contracted axes of np.tensordot(a, b, axes) as two lists (of a's, of b's)."""
    if np.ndim(axes) == 0:
        k = int(axes)
        return list(range(np.ndim(a) - k, np.ndim(a))), list(range(k))
    first, second = axes
    first = [int(i) % np.ndim(a) for i in np.atleast_1d(first)]
    second = [int(i) % np.ndim(b) for i in np.atleast_1d(second)]
    return first, second


def _tensordot_adjoint_a(g, a, b, axes):
    """Adjoint of np.tensordot in a: g contracted with b over b's free axes, a's axes put back
    in their places."""
    ca, cb = _tensordot_axes(a, b, axes)
    free_a = [i for i in range(np.ndim(a)) if i not in ca]
    free_b = [i for i in range(np.ndim(b)) if i not in cb]
    n = len(free_a)
    part = np.tensordot(g, b, axes=(list(range(n, np.ndim(g))), free_b))
    order = free_a + [ca[cb.index(j)] for j in sorted(cb)]          # a's axes of part
    return np.transpose(part, np.argsort(order))


def _tensordot_adjoint_b(g, a, b, axes):
    ca, cb = _tensordot_axes(a, b, axes)
    free_a = [i for i in range(np.ndim(a)) if i not in ca]
    free_b = [i for i in range(np.ndim(b)) if i not in cb]
    n = len(free_a)
    part = np.tensordot(a, g, axes=(free_a, list(range(n))))
    order = [cb[ca.index(i)] for i in sorted(ca)] + free_b          # b's axes of part
    return np.transpose(part, np.argsort(order))


def _einsum_adjoint(spec, k, g, *operands):
    """Adjoint of np.einsum(spec, *operands) for operand k: g contracted with the others.

    Ellipses are spelled out with letters of their own and an implicit output is made
    explicit.  Letters that only operand k carries are restored with a vector of ones, a
    letter repeated in operand k (a diagonal) with an identity matrix, and the axes along
    which operand k was broadcast are summed back.
    """
    spec = spec.replace(" ", "")
    inputs, arrow, output = spec.partition("->")
    inputs = inputs.split(",")
    free = iter(c for c in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in spec)
    widths = [np.ndim(x) - len(s) + 3 if "..." in s else 0 for s, x in zip(inputs, operands)]
    ellipsis = "".join(next(free) for _ in range(max(widths)))
    inputs = [s.replace("...", ellipsis[len(ellipsis) - w:]) for s, w in zip(inputs, widths)]
    if arrow:
        output = output.replace("...", ellipsis)
    else:
        letters = "".join(inputs)
        output = ellipsis + "".join(sorted(c for c in set(letters) - set(ellipsis)
                                           if letters.count(c) == 1))
    target = inputs[k]
    terms = [output] + [s for i, s in enumerate(inputs) if i != k]
    arrays = [g] + [x for i, x in enumerate(operands) if i != k]
    sizes = dict(zip(target, np.shape(operands[k])))
    result, seen = "", set()
    for c in target:
        if c in seen:
            new = next(free)
            terms.append(c + new)
            arrays.append(np.eye(sizes[c]))
            c = new
        elif not any(c in t for t in terms):
            terms.append(c)
            arrays.append(np.ones(sizes[c]))
        seen.add(c)
        result += c
    return _unbroadcast(np.einsum(",".join(terms) + "->" + result, *arrays), operands[k])
