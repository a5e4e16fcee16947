"""Prelude helpers for scipy.linalg (see prelude.py): the triangles scipy's solvers read, the
tangents and adjoints of its factorizations and of the solves that take a factorization.

The adjoint helpers are written in sct's subset (no strings, flags as booleans), so that
forward mode over generated adjoint code (Hessians) differentiates them like user functions;
scipy's string flags (assume_a, trans) are turned into booleans by ``_reads_triangle`` and
``_transposes`` before they reach them."""
import numpy as np
import scipy.linalg

from .prelude_core import _unbroadcast
from .prelude_linalg import _cholesky_adjoint, _cholesky_tangent


def _reads_triangle(assume_a):
    """Whether scipy.linalg.solve / inv with this assume_a read one triangle of a (symmetric
    and positive definite solvers) rather than all of it."""
    return assume_a in ("pos", "positive definite", "sym", "symmetric")


def _lu_transposes(trans, lu, b):
    """_transposes(trans) for lu_solve, stopping where lu or b is a stack of matrices: sct's
    derivative of lu_solve takes one matrix and one vector or matrix of right-hand sides (an
    error rather than a derivative of the wrong shape; lu_factor makes no stacks)."""
    if np.ndim(lu) != 2 or np.ndim(b) > 2:
        raise ValueError("sct differentiates scipy.linalg.lu_solve for one matrix, not a stack "
                         f"of them (lu of shape {np.shape(lu)}, b of shape {np.shape(b)}): "
                         "loop over the matrices")
    return _transposes(trans)


def _transposes(trans):
    """Whether solve_triangular's (or lu_solve's) trans solves with the transposed matrix."""
    return trans in (1, "T")


def _lower_flag(lower):
    """cho_solve's flag, as a boolean."""
    return bool(lower)


def _symmetric_of(a, triangle, lower):
    """The matrix a solver reads from a: a itself, or (triangle) the symmetric matrix of a's
    lower (lower true) or upper triangle."""
    if not triangle:
        return a
    if lower:
        return np.tril(a) + np.swapaxes(np.tril(a, -1), -1, -2)
    return np.triu(a) + np.swapaxes(np.triu(a, 1), -1, -2)


def _symmetric_of_adjoint(g, triangle, lower):
    """Adjoint of _symmetric_of: an entry of the triangle read off the diagonal stands for
    itself and its mirror image; the other triangle is not read (adjoint zero)."""
    if not triangle:
        return g
    if lower:
        return np.tril(g) + np.tril(np.swapaxes(g, -1, -2), -1)
    return np.triu(g) + np.triu(np.swapaxes(g, -1, -2), 1)


def _triangle_of(a, lower, strict):
    """The lower (lower true) or upper triangle of a, without the diagonal where strict."""
    if lower:
        return np.tril(a, -1) if strict else np.tril(a)
    return np.triu(a, 1) if strict else np.triu(a)


def _other_triangle(a, lower):
    """The entries of a strictly above (lower true) or below the diagonal."""
    if lower:
        return np.triu(a, 1)
    return np.tril(a, -1)


def _times_transposed(w, x):
    """w x^T for matrices, the outer product for vectors (the right-hand sides of a solve)."""
    if np.ndim(x) == 1:
        return np.outer(w, x)
    return w @ np.swapaxes(x, -1, -2)


# ---------------------------------------------------------------- cholesky
def _scipy_cholesky_tangent(factor, da, lower):
    """Tangent of scipy.linalg.cholesky: the lower factor's is np.linalg.cholesky's (reading
    the lower triangle of dA); the upper factor U = L^T of the upper triangle's matrix."""
    if lower:
        return _cholesky_tangent(factor, da)
    return np.swapaxes(_cholesky_tangent(np.swapaxes(factor, -1, -2), np.swapaxes(da, -1, -2)),
                       -1, -2)


def _scipy_cholesky_adjoint(g, factor, lower):
    """Adjoint of scipy.linalg.cholesky (Murray 2016, through the transpose for the upper
    factor): lower (upper) triangular, the triangle of a that cholesky reads."""
    if lower:
        return _cholesky_adjoint(g, factor)
    return np.swapaxes(_cholesky_adjoint(np.swapaxes(g, -1, -2), np.swapaxes(factor, -1, -2)),
                       -1, -2)


def _cho_factor_tangent(c, da, lower):
    """Tangent of cho_factor's c: the factor's tangent in its triangle; the other triangle of c
    is a's (scipy leaves it as it was), its tangent da's."""
    factor = _triangle_of(c, lower, False)
    return _scipy_cholesky_tangent(factor, da, lower) + _other_triangle(da, lower)


def _cho_factor_adjoint(g, c, lower):
    """Adjoint of cho_factor's c: the factor's part of g through cholesky's adjoint, the other
    triangle's straight to a."""
    factor = _triangle_of(c, lower, False)
    return _scipy_cholesky_adjoint(_triangle_of(g, lower, False), factor, lower) + \
        _other_triangle(g, lower)


def _cho_matrix(c, lower):
    """The matrix F^T F (upper) or F F^T (lower) whose factor F is c's triangle."""
    factor = _triangle_of(c, lower, False)
    if lower:
        return factor @ np.swapaxes(factor, -1, -2)
    return np.swapaxes(factor, -1, -2) @ factor


def _cho_matrix_adjoint(s, c, lower):
    """Adjoint of _cho_matrix in c, from the matrix's adjoint s: (s + s^T) F for F F^T,
    F (s + s^T) for F^T F, in F's triangle."""
    factor = _triangle_of(c, lower, False)
    both = s + np.swapaxes(s, -1, -2)
    if lower:
        return np.tril(both @ factor)
    return np.triu(factor @ both)


def _cho_solve_tangent(c, lower, dc, x, b):
    """Tangent of x = cho_solve((c, lower), b) in c: -S^-1 dS x, S = _cho_matrix(c, lower); c a
    matrix or a stack, b one vector or matrices (scipy's broadcasting)."""
    vector = np.ndim(b) == 1
    factor, dfactor = _triangle_of(c, lower, False), _triangle_of(dc, lower, False)
    if lower:
        ds = dfactor @ np.swapaxes(factor, -1, -2) + factor @ np.swapaxes(dfactor, -1, -2)
    else:
        ds = np.swapaxes(dfactor, -1, -2) @ factor + np.swapaxes(factor, -1, -2) @ dfactor
    return _right_sides(scipy.linalg.cho_solve((c, lower), -(ds @ _columns(x, vector))), vector)


def _cho_solve_adjoint_b(g, c, lower, b):
    """Adjoint of cho_solve in b (Giles 2008; S symmetric): S^-1 g, summed back to b's shape
    where a stack of c broadcast it."""
    vector = np.ndim(b) == 1
    w = scipy.linalg.cho_solve((c, lower), _columns(g, vector))
    return _unbroadcast(_right_sides(w, vector), b)


def _cho_solve_adjoint_c(g, c, lower, x, b):
    """Adjoint of cho_solve in c (Giles 2008 for the solve): the matrix's adjoint -S^-1 g x^T
    (S symmetric), through S = F^T F or F F^T to F's triangle, summed back to c's shape where a
    stack of b broadcast it."""
    vector = np.ndim(b) == 1
    w = scipy.linalg.cho_solve((c, lower), _columns(g, vector))
    s = -(w @ np.swapaxes(_columns(x, vector), -1, -2))
    return _unbroadcast(_cho_matrix_adjoint(s, c, lower), c)


# ---------------------------------------------------------------- LU
def _lu_rows(piv):
    """The row permutation p of lu_factor's pivots: a[p] = L U (row i swapped with piv[i],
    in order)."""
    rows = np.arange(len(piv))
    for i in range(len(piv)):
        j = piv[i]
        rows[i], rows[j] = rows[j], rows[i]
    return rows


def _lu_parts(lu):
    """(L, U) of lu_factor's lu: L unit lower triangular, U upper triangular."""
    return np.tril(lu, -1) + np.eye(np.shape(lu)[-1]), np.triu(lu)


def _lu_factor_tangent(lu, piv, da):
    """Tangent of lu_factor's lu: with X = L^-1 P dA U^-1, dL = L tril(X, -1) (strictly
    lower), dU = triu(X) U; lu holds both."""
    lower, upper = _lu_parts(lu)
    x = scipy.linalg.solve_triangular(lower, da[_lu_rows(piv)], 0, True, True)
    x = np.transpose(scipy.linalg.solve_triangular(upper, np.transpose(x), 1, False, False))
    return lower @ np.tril(x, -1) + np.triu(x) @ upper


def _lu_factor_adjoint(g, lu, piv):
    """Adjoint of lu_factor's lu (the tangent's, transposed): X's adjoint
    tril(L^T tril(g, -1), -1) + triu(triu(g) U^T), then P^T L^-T X U^-T."""
    lower, upper = _lu_parts(lu)
    x = np.tril(np.transpose(lower) @ np.tril(g, -1), -1) + \
        np.triu(np.triu(g) @ np.transpose(upper))
    x = scipy.linalg.solve_triangular(lower, x, 1, True, True)
    x = np.transpose(scipy.linalg.solve_triangular(upper, np.transpose(x), 0, False, False))
    return x[np.argsort(_lu_rows(piv))]


def _lu_solve_tangent(lu, piv, dlu, x, transposed):
    """Tangent of x = lu_solve((lu, piv), b, trans) in lu: -op(A)^-1 op(dA) x, with
    A = P^T L U, dA = P^T (dL U + L dU)."""
    lower, upper = _lu_parts(lu)
    da = (np.tril(dlu, -1) @ upper + lower @ np.triu(dlu))[np.argsort(_lu_rows(piv))]
    if transposed:
        return scipy.linalg.lu_solve((lu, piv), -(np.transpose(da) @ x), 1)
    return scipy.linalg.lu_solve((lu, piv), -(da @ x), 0)


def _lu_solve_adjoint_b(g, lu, piv, transposed):
    """Adjoint of lu_solve in b (Giles 2008): op(A)^-T g."""
    if transposed:
        return scipy.linalg.lu_solve((lu, piv), g, 0)
    return scipy.linalg.lu_solve((lu, piv), g, 1)


def _lu_solve_adjoint_lu(g, lu, piv, x, transposed):
    """Adjoint of lu_solve in lu (Giles 2008): op(A)'s adjoint -w x^T, w = op(A)^-T g, as A's,
    then through A = P^T L U: tril(P bA U^T, -1) + triu(L^T P bA)."""
    lower, upper = _lu_parts(lu)
    w = _lu_solve_adjoint_b(g, lu, piv, transposed)
    ba = -_times_transposed(w, x)
    if transposed:
        ba = np.transpose(ba)
    ba = ba[_lu_rows(piv)]
    return np.tril(ba @ np.transpose(upper), -1) + np.triu(np.transpose(lower) @ ba)


# ---------------------------------------------------------------- triangular solves
def _columns(x, vector):
    """A solve's right-hand sides (or solution) x as columns of matrices: x itself, or (vector:
    b was one vector, x one per matrix of a stack) each vector as one column."""
    if vector:
        return np.expand_dims(x, -1)
    return x


def _right_sides(x, vector):
    """The inverse of _columns: the vectors of one-column matrices where vector."""
    if vector:
        return np.squeeze(x, -1)
    return x


def _triangular_tangent(a, x, da, b, transposed, lower, unit_diagonal):
    """Tangent of x = solve_triangular(a, b, trans, lower, unit_diagonal) in a:
    -op(T)^-1 op(dT) x, dT the triangle of da that is read (no diagonal where it is unit); a
    matrix or a stack, b one vector or matrices (scipy's broadcasting)."""
    vector = np.ndim(b) == 1
    dt = _triangle_of(da, lower, unit_diagonal)
    if transposed:
        rhs = -(np.swapaxes(dt, -1, -2) @ _columns(x, vector))
        return _right_sides(scipy.linalg.solve_triangular(a, rhs, 1, lower, unit_diagonal),
                            vector)
    rhs = -(dt @ _columns(x, vector))
    return _right_sides(scipy.linalg.solve_triangular(a, rhs, 0, lower, unit_diagonal), vector)


def _triangular_solve_transposed(g, a, vector, transposed, lower, unit_diagonal):
    """op(T)^-T g, g (a result's adjoint) as columns of matrices."""
    if transposed:
        return scipy.linalg.solve_triangular(a, _columns(g, vector), 0, lower, unit_diagonal)
    return scipy.linalg.solve_triangular(a, _columns(g, vector), 1, lower, unit_diagonal)


def _triangular_adjoint_b(g, a, b, transposed, lower, unit_diagonal):
    """Adjoint of solve_triangular in b (Giles 2008): op(T)^-T g, summed back to b's shape
    where a stack of a broadcast it."""
    vector = np.ndim(b) == 1
    w = _triangular_solve_transposed(g, a, vector, transposed, lower, unit_diagonal)
    return _unbroadcast(_right_sides(w, vector), b)


def _triangular_adjoint_a(g, a, x, b, transposed, lower, unit_diagonal):
    """Adjoint of solve_triangular in a (Giles 2008): op(T)'s adjoint -w x^T, w = op(T)^-T g,
    kept in the triangle that is read (zero elsewhere, and on a unit diagonal), summed back to
    a's shape where a stack of b broadcast it."""
    vector = np.ndim(b) == 1
    w = _triangular_solve_transposed(g, a, vector, transposed, lower, unit_diagonal)
    bt = -(w @ np.swapaxes(_columns(x, vector), -1, -2))
    if transposed:
        bt = np.swapaxes(bt, -1, -2)
    return _unbroadcast(_triangle_of(bt, lower, unit_diagonal), a)


# ---------------------------------------------------------------- expm
def _expm_tangent(a, e):
    """L(a, e), the Frechet derivative of expm at a along e: scipy's expm_frechet (Al-Mohy &
    Higham 2009) for one matrix, the block formula of _expm_frechet for a stack of them."""
    if np.ndim(a) == 2:
        return scipy.linalg.expm_frechet(a, e, compute_expm=False)
    return _expm_frechet(a, e)


def _expm_frechet(a, e):
    """L(a, e), the upper right block of expm([[a, e], [0, a]]) (Higham 2008, "Functions of
    Matrices", Thm 3.6), for one matrix or a stack; written in sct's subset, so that forward
    mode differentiates it (its tangent is expm's tangent of the block matrix)."""
    n = np.shape(a)[-1]
    upper = np.concatenate([a, e], axis=-1)
    lower = np.concatenate([np.zeros_like(a), a], axis=-1)
    return scipy.linalg.expm(np.concatenate([upper, lower], axis=-2))[..., :n, n:]


def _expm_adjoint(g, a):
    """Adjoint of expm: the Frechet derivative at A^T applied to g, L(A^T, G), since
    <G, L(A, E)> = <L(A^T, G), E> (Al-Mohy & Higham 2009), by the block formula (in the subset:
    a Hessian differentiates it like user code, through expm's own rule)."""
    return _expm_frechet(np.swapaxes(a, -1, -2), g)
