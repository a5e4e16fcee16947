"""GradBench's ``det`` eval: the determinant by recursive Laplace expansion along the first
row, and its gradient (the cofactor matrix) by sct.

The recursion det(M) = sum_p (-1)^p M[0, c_p] det(M without row 0 and column c_p) is not
written as a recursive function (sct refuses recursion: its call graph must be finite) but
evaluated over its whole call tree, one level at a time, from the leaves up.  A node of the
tree at depth d is one call of the recursion: the minor of rows d..ell-1 and the columns
that its ancestors left, and the same minor reached along different paths is a different
node, computed again, as the recursion computes it: nothing is shared or memoised, so
level d holds ell!/(ell-d)! minors and the work is the recursion's O(ell!) products (about
(e - 1) ell! multiplications), only done as one vectorised numpy step per level instead of
one scalar product per call.

``expansion(ell)`` is the shape of that call tree, which depends on ell alone, not on A:
for each depth d an int array ``columns[d]`` of shape (ell!/(ell-d)!, ell-d), row i the
columns left to node i in increasing order; node i's children (the calls it makes) are
nodes i*(ell-d) + p of depth d+1.  It is built outside the timed function, in the input's
conversion (cached per ell), as a compiler would unroll the recursion: 60 ms at ell = 9.
``det`` itself is all the arithmetic on A: at depth d each node's minor is
sum_p (-1)^p A[d, columns[d][i, p]] * minor(child p).
"""
import functools

import numpy as np

import sct

from .tool import Function


@functools.lru_cache(maxsize=None)
def expansion(ell):
    """The call tree of Laplace expansion of an ell x ell determinant: ``columns[d]`` per
    depth d, as the module's docstring says (a tuple of read-only int arrays)."""
    columns = []
    used = np.zeros((1, ell), dtype=bool)        # per node, the columns its ancestors took
    for d in range(ell):
        left = np.nonzero(~used)[1].reshape(used.shape[0], ell - d)
        left.flags.writeable = False
        columns.append(left)
        used = np.repeat(used, ell - d, axis=0)  # child i*(ell-d) + p of node i takes left[i, p]
        used[np.arange(used.shape[0]), left.ravel()] = True
    return tuple(columns)


def det(A, columns):
    ell = A.shape[0]
    minors = np.ones(columns[ell - 1].shape[0])        # the empty minors under the leaves
    for d in range(ell - 1, -1, -1):
        left = columns[d]
        signs = (-1.0) ** np.arange(ell - d)
        minors = (A[d][left] * np.reshape(minors, left.shape)) @ signs
    return minors[0]


def _arguments(data):
    ell = int(data["ell"])
    return np.asarray(data["A"], dtype=float).reshape(ell, ell), list(expansion(ell))


def define():
    gradient = sct.grad(det, wrt=0)
    return {"primal": Function(det, arguments=_arguments),
            "gradient": Function(gradient, arguments=_arguments,
                                 output=lambda g: np.ravel(g).tolist())}
