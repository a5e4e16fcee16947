"""The rule table's entries for scipy.linalg (see the package's docstring).

solve, inv, det and cholesky are numpy.linalg's derivatives (rules/numpy_linalg.py) with
scipy's conventions: solve and inv with assume_a 'pos' / 'sym' read one triangle of a (the
upper one unless lower), cholesky's factor is the upper one unless lower.  cho_factor and
lu_factor return tuples, (c, lower) and (lu, piv), whose first item carries the derivative;
cho_solve and lu_solve take such a pair apart (an item of the pair's tangent, a pair as the
pair's adjoint), so that cho_solve(cho_factor(a), b) has the derivative of the solve.
"""
from .checks import argument, literal
from .refusal import Refusal
from .table import HELPERS, RULES, helper, nondiff, template

# The tangents of the solves (Giles 2008, "Collected matrix derivative results for forward and
# reverse mode algorithmic differentiation"): op(A) x = b gives dx = op(A)^-1 (db - op(dA) x),
# and the adjoints b_b = op(A)^-T g, b_op(A) = -b_b x^T, read back through the triangle (or
# factorization) the solver reads a from.
SYM = "_symmetric_of({}, _reads_triangle(assume_a), lower)"
template("scipy.linalg.solve", "a, b, lower=False, overwrite_a=False, overwrite_b=False, "
                               "check_finite=True, assume_a=None, transposed=False",
         {"a": f"_solve_tangent({SYM.format('a')}, b, y, {SYM.format('da')}, 0.0)",
          "b": "scipy.linalg.solve(a, db, lower=lower, assume_a=assume_a)"},
         both=f"_solve_tangent({SYM.format('a')}, b, y, {SYM.format('da')}, db)",
         adjoint={"a": "_symmetric_of_adjoint(_solve_adjoint_a(g, " + SYM.format("a") +
                       ", b, y), _reads_triangle(assume_a), lower)",
                  "b": f"_solve_adjoint_b(g, {SYM.format('a')}, b)"})
# inv (Giles 2008): dY = -Y dA Y, b_A = -Y^T g Y^T
template("scipy.linalg.inv", "a, overwrite_a=False, check_finite=True, assume_a=None, lower=False",
         {"a": f"-y @ {SYM.format('da')} @ y"},
         adjoint={"a": "_symmetric_of_adjoint(-np.swapaxes(y, -1, -2) @ g @ "
                       "np.swapaxes(y, -1, -2), _reads_triangle(assume_a), lower)"})
# det (Giles 2008): d det = det tr(A^-1 dA), b_A = g det A^-T
template("scipy.linalg.det", "a, overwrite_a=False, check_finite=True",
         {"a": "y * np.trace(np.linalg.solve(a, da), axis1=-2, axis2=-1)"},
         adjoint={"a": "_scale_matrices(g * y, np.swapaxes(np.linalg.inv(a), -1, -2))"})
# cholesky (Murray 2016, "Differentiation of the Cholesky decomposition"), of the triangle read
template("scipy.linalg.cholesky", "a, lower=False, overwrite_a=False, check_finite=True",
         {"a": "_scipy_cholesky_tangent(y, da, lower)"},
         adjoint={"a": "_scipy_cholesky_adjoint(g, y, lower)"})
# solve_triangular: a matrix or a stack, b one vector or matrices, as scipy broadcasts them
template("scipy.linalg.solve_triangular", "a, b, trans=0, lower=False, unit_diagonal=False, "
                                          "overwrite_b=False, check_finite=True",
         {"a": "_triangular_tangent(a, y, da, b, _transposes(trans), lower, unit_diagonal)",
          "b": "scipy.linalg.solve_triangular(a, db, trans, lower, unit_diagonal)"},
         adjoint={"a": "_triangular_adjoint_a(g, a, y, b, _transposes(trans), lower, "
                       "unit_diagonal)",
                  "b": "_triangular_adjoint_b(g, a, b, _transposes(trans), lower, "
                       "unit_diagonal)"})
# cho_factor: (c, lower); c's factor triangle is cholesky's (Murray 2016), its other triangle
# a's entries as they were
template("scipy.linalg.cho_factor", "a, lower=False, overwrite_a=False, check_finite=True",
         {"a": "(_cho_factor_tangent(y[0], da, lower), 0.0)"},
         adjoint={"a": "_cho_factor_adjoint(g[0], y[0], lower)"})
# cho_solve: S = F^T F (or F F^T) of c's triangle F; b_S = -S^-1 g x^T (Giles 2008)
CHO = "c_and_lower[0], _lower_flag(c_and_lower[1])"
template("scipy.linalg.cho_solve", "c_and_lower, b, overwrite_b=False, check_finite=True",
         {"c_and_lower": f"_cho_solve_tangent({CHO}, dc_and_lower[0], y, b)",
          "b": "scipy.linalg.cho_solve(c_and_lower, db)"},
         adjoint={"c_and_lower": f"(_cho_solve_adjoint_c(g, {CHO}, y, b), 0.0)",
                  "b": f"_cho_solve_adjoint_b(g, {CHO}, b)"})
# lu_factor: (lu, piv), P A = L U; X = L^-1 P dA U^-1, dL = L tril(X, -1), dU = triu(X) U
template("scipy.linalg.lu_factor", "a, overwrite_a=False, check_finite=True",
         {"a": "(_lu_factor_tangent(y[0], y[1], da), 0.0)"},
         adjoint={"a": "_lu_factor_adjoint(g[0], y[0], y[1])"})
template("scipy.linalg.lu_solve", "lu_and_piv, b, trans=0, overwrite_b=False, check_finite=True",
         {"lu_and_piv": "_lu_solve_tangent(lu_and_piv[0], lu_and_piv[1], dlu_and_piv[0], y, "
                        "_lu_transposes(trans, lu_and_piv[0], b))",
          "b": "scipy.linalg.lu_solve(lu_and_piv, db, trans)"},
         adjoint={"lu_and_piv": "(_lu_solve_adjoint_lu(g, lu_and_piv[0], lu_and_piv[1], y, "
                                "_lu_transposes(trans, lu_and_piv[0], b)), 0.0)",
                  "b": "_lu_solve_adjoint_b(g, lu_and_piv[0], lu_and_piv[1], "
                       "_lu_transposes(trans, lu_and_piv[0], b))"})
# expm: the Frechet derivative L(A, dA) (Al-Mohy & Higham 2009, "Computing the Frechet
# derivative of the matrix exponential"); adjoint L(A^T, g), as the block of the exponential of
# [[A^T, g], [0, A^T]] (Higham 2008, Thm 3.6), in the subset: Hessians differentiate it.  Its
# cost, one expm of twice the size, is below expm_frechet's up to n ~ 30 and ~2.5 times it at
# n = 200 (scipy 1.17); the tangent keeps expm_frechet for one matrix (tangents are not
# differentiated again)
template("scipy.linalg.expm", "A", {"A": "_expm_tangent(A, dA)"},
         adjoint={"A": "_expm_adjoint(g, A)"})
# sqrtm: X dX + dX X = dA (a Sylvester equation); its adjoint solves X^T W + W X^T = g
# (a matrix or a stack)
template("scipy.linalg.sqrtm", "A", {"A": "scipy.linalg.solve_sylvester(y, y, dA)"},
         adjoint={"A": "scipy.linalg.solve_sylvester(np.swapaxes(y, -1, -2), "
                       "np.swapaxes(y, -1, -2), g)"})
# solve_sylvester: A X + X B = Q gives A dX + dX B = dQ - dA X - X dB; with
# W = solve_sylvester(A^T, B^T, g): b_Q = W, b_A = -W X^T, b_B = -X^T W
# (matrices or stacks, broadcast as scipy does; each adjoint summed back to its operand's shape)
W = "scipy.linalg.solve_sylvester(np.swapaxes(a, -1, -2), np.swapaxes(b, -1, -2), g)"
template("scipy.linalg.solve_sylvester", "a, b, q",
         {"a": "scipy.linalg.solve_sylvester(a, b, -(da @ y))",
          "b": "scipy.linalg.solve_sylvester(a, b, -(y @ db))",
          "q": "scipy.linalg.solve_sylvester(a, b, dq)"},
         both="scipy.linalg.solve_sylvester(a, b, dq - da @ y - y @ db)",
         adjoint={"a": f"_unbroadcast(-({W} @ np.swapaxes(y, -1, -2)), a)",
                  "b": f"_unbroadcast(-(np.swapaxes(y, -1, -2) @ {W}), b)",
                  "q": f"_unbroadcast({W}, q)"})

# ---------------------------------------------------------------- Hessians
# The adjoint helpers of prelude_scipy_linalg.py are written in the subset: forward mode over
# generated adjoint code differentiates them like user functions.  These are intrinsics:
nondiff("_reads_triangle _transposes _lu_transposes _lower_flag _lu_rows")
helper("_symmetric_of", "a, triangle, lower", "linear", ("a",))
helper("_symmetric_of_adjoint", "g, triangle, lower", "linear", ("g",))
HELPERS.update(("_reads_triangle", "_transposes", "_lu_transposes", "_lower_flag", "_lu_rows"))


# ---------------------------------------------------------------- checks of calls
def _not_overwritten(name, args, keywords, positions):
    """Refuse overwrite_a / overwrite_b other than False: scipy may write into the operand."""
    for keyword, position in positions:
        node = argument(args, keywords, keyword, position)
        if node is not None and literal(node) is not False:
            raise Refusal(node, f"{name} with {keyword} other than False may write into its "
                                f"operand", f"leave {keyword} out")


SOLVERS = (None, "gen", "general", "pos", "positive definite", "sym", "symmetric")


def _assume_a(name, node):
    if node is not None and literal(node) not in SOLVERS:
        raise Refusal(node, f"{name} is supported with assume_a None, 'gen', 'pos' or 'sym' "
                            f"(sct differentiates the general solve and the symmetric solvers "
                            f"that read one triangle), as a literal",
                      "write assume_a='gen', or 'pos' / 'sym' for a symmetric matrix")


def _solve_checked(args, keywords):
    name = "scipy.linalg.solve"
    _not_overwritten(name, args, keywords, (("overwrite_a", 3), ("overwrite_b", 4)))
    _assume_a(name, argument(args, keywords, "assume_a", 6))
    node = argument(args, keywords, "transposed", 7)
    if node is not None and literal(node) is not False:
        raise Refusal(node, "scipy.linalg.solve is supported with transposed=False",
                      "solve with the transpose: scipy.linalg.solve(a.T, b)")
    return args


def _inv_checked(args, keywords):
    _not_overwritten("scipy.linalg.inv", args, keywords, (("overwrite_a", 1),))
    _assume_a("scipy.linalg.inv", keywords.get("assume_a"))
    return args


def _overwrite_checked(name, positions):
    def prepare(args, keywords):
        _not_overwritten(name, args, keywords, positions)
        return args
    return prepare


def _trans_checked(name, overwrite_b, allowed):
    """trans (the third argument) a literal of ``allowed``; overwrite_b False."""
    def prepare(args, keywords):
        node = argument(args, keywords, "trans", 2)
        value = literal(node)
        if node is not None and (isinstance(value, bool) or value not in allowed):
            spelled = ", ".join(repr(a) for a in allowed)
            raise Refusal(node, f"{name} is supported with trans one of {spelled}, as a literal",
                          "write trans=0 or trans=1 (for a real matrix 2, the conjugate "
                          "transpose, is 1)")
        _not_overwritten(name, args, keywords, (("overwrite_b", overwrite_b),))
        return args
    return prepare


RULES["scipy.linalg.cho_factor"].tuple_result = True
RULES["scipy.linalg.lu_factor"].tuple_result = True
RULES["scipy.linalg.cho_solve"].pairs = ("c_and_lower",)
RULES["scipy.linalg.lu_solve"].pairs = ("lu_and_piv",)
RULES["scipy.linalg.solve"].prepare = _solve_checked
RULES["scipy.linalg.inv"].prepare = _inv_checked
RULES["scipy.linalg.det"].prepare = _overwrite_checked("scipy.linalg.det", (("overwrite_a", 1),))
for _name in ("cholesky", "cho_factor"):
    RULES[f"scipy.linalg.{_name}"].prepare = _overwrite_checked(f"scipy.linalg.{_name}",
                                                               (("overwrite_a", 2),))
RULES["scipy.linalg.lu_factor"].prepare = _overwrite_checked("scipy.linalg.lu_factor",
                                                            (("overwrite_a", 1),))
RULES["scipy.linalg.cho_solve"].prepare = _overwrite_checked("scipy.linalg.cho_solve",
                                                            (("overwrite_b", 2),))
RULES["scipy.linalg.solve_triangular"].prepare = _trans_checked("scipy.linalg.solve_triangular",
                                                                5, (0, 1, "N", "T"))
RULES["scipy.linalg.lu_solve"].prepare = _trans_checked("scipy.linalg.lu_solve", 3, (0, 1))
