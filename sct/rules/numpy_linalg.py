"""The rule table's entries for numpy.linalg (see the package's docstring)."""
import ast
import copy

from .checks import defaults_only
from .refusal import Refusal
from .table import HELPERS, RULES, alias, helper, multilinear, template

# ---------------------------------------------------------------- numpy.linalg
# d solve(A, b) = solve(A, db - dA @ x);  d inv(A) = -inv(A) dA inv(A);
# d det(A) = det(A) tr(A^-1 dA);  d logdet = tr(A^-1 dA);
# d chol(A) = L Phi(L^-1 dA L^-T), Phi = lower triangle with half the diagonal (Murray 2016).
# Adjoints (Giles 2008; Murray 2016 for cholesky): b_b = solve(A^T, g), b_A = -b_b x^T;
# inv: b_A = -Y^T g Y^T;  det: b_A = g det(A) A^-T;  slogdet: b_A = g_logdet A^-T;
# cholesky: S = L^-T Phi(L^T g) L^-1, b_A = (S + S^T) / 2.
template("np.linalg.solve", "a, b", {"a": "_solve_tangent(a, b, y, da, 0.0)",
                                     "b": "np.linalg.solve(a, db)"},
         both="_solve_tangent(a, b, y, da, db)",
         adjoint={"a": "_solve_adjoint_a(g, a, b, y)", "b": "_solve_adjoint_b(g, a, b)"})
template("np.linalg.inv", "a", {"a": "-y @ da @ y"},
         adjoint={"a": "-np.swapaxes(y, -1, -2) @ g @ np.swapaxes(y, -1, -2)"})
template("np.linalg.det", "a", {"a": "y * np.trace(np.linalg.solve(a, da), axis1=-2, axis2=-1)"},
         adjoint={"a": "_scale_matrices(g * y, np.swapaxes(np.linalg.inv(a), -1, -2))"})
template("np.linalg.slogdet", "a",
         {"a": "(0.0 * y[0], np.trace(np.linalg.solve(a, da), axis1=-2, axis2=-1))"},
         adjoint={"a": "_scale_matrices(g[1], np.swapaxes(np.linalg.inv(a), -1, -2))"})
template("np.linalg.cholesky", "a", {"a": "_cholesky_tangent(y, da)"}, adjoint={"a": "_cholesky_adjoint(g, y)"})
# norm: d |x|_2 = <x, dx> / |x|; d |x|_1 = <sign x, dx>; d |x|_inf = sign(x_i) dx_i at the
# largest |x_i| (ties averaged); d |x|_p = <|x|^(p-1) sign x, dx> / |x|_p^(p-1); matrix 1 / inf:
# the column / row sum attaining the max; matrix 2, -2, 'nuc': d sigma_i = u_i^T dX v_i
# (Giles 2008, sec. 3.1; Townsend 2016), so d |X|_nuc = <U V^T, dX>.  The adjoint is the
# transpose of the same linear map (_norm_adjoint).  Its derivative (Hessians, _norm_curvature)
# for 2, -2, 'nuc' is that of U diag(w) V^T, w the norm's fixed weights of s, through svd's
# tangent (Townsend 2016; derived in _weighted_svd_tangent): exact where the norm is twice
# differentiable, ties of equal weight included (the nuclear norm's polar factor U V^T).
template("np.linalg.norm", "x, ord=None, axis=None, keepdims=False",
         {"x": "_norm_tangent(x, dx, y, ord, axis, keepdims)"},
         adjoint={"x": "_norm_adjoint(g, x, y, ord, axis, keepdims)"})

# the adjoint helpers' own derivatives (forward mode over generated adjoint code: Hessians)
helper("_scale_matrices", "s, m", "multilinear", ("s", "m"))
helper("_norm_adjoint", "g, x, norm, ord, axis, keepdims", "template", ("g", "x", "norm"),
       {"g": "_norm_adjoint(dg, x, norm, ord, axis, keepdims)",
        "x": "_norm_curvature(g, x, norm, dx, 0.0, ord, axis, keepdims)",
        "norm": "_norm_curvature(g, x, norm, 0.0, dnorm, ord, axis, keepdims)"})
# d(A^-T g) = A^-T g' - A^-T dA^T A^-T g
helper("_solve_adjoint_b", "g, a, b", "template", ("g", "a"),
       {"g": "_solve_adjoint_b(dg, a, b)",
        "a": "_solve_adjoint_b(-(np.swapaxes(da, -1, -2) @ y), a, b)"})
helper("_solve_adjoint_a", "g, a, b, x", "template", ("g", "a", "x"),
       {"g": "_solve_adjoint_a(dg, a, b, x)", "x": "_solve_adjoint_a(g, a, b, dx)",
        "a": "-_solve_adjoint_a(np.swapaxes(da, -1, -2) @ "
             "np.linalg.solve(np.swapaxes(a, -1, -2), g), a, b, x)"})


# ---------------------------------------------------------------- multi_dot, matrix_power
# multi_dot([a, b, c]) is the prelude's _multi_dot(a, b, c): multilinear in its operands, the
# adjoint of operand k is L^T g R^T with L, R the products before and after it (Giles 2008,
# sec. 3.2 for a product)
def _multi_dot_operands(args, keywords):
    if len(args) >= 2 and not keywords:
        return args                    # _multi_dot(a, b, c) itself, in sct's adjoint code
    if keywords or len(args) != 1 or not isinstance(args[0], (ast.List, ast.Tuple)) or \
            len(args[0].elts) < 2:
        raise Refusal(None, "np.linalg.multi_dot is supported on a list display of two or more "
                            "arrays, np.linalg.multi_dot([a, b, c]), without out=",
                      "write the list in the call, or chain the products with @")
    return list(args[0].elts)


def _multi_dot_adjoint(value, g, position):
    return ast.Call(ast.Name("_multi_dot_adjoint", ast.Load()),
                    [ast.Constant(position), g] + [copy.deepcopy(a) for a in value.args], [])


multilinear("_multi_dot", "*arrays", diff=("*arrays",), adjoint={"*arrays": _multi_dot_adjoint})
RULES["_multi_dot"].prepare = _multi_dot_operands
alias(np__linalg__multi_dot="_multi_dot")
HELPERS.add("_multi_dot")           # an intrinsic in forward mode over adjoint code too
multilinear("_multi_dot_adjoint", "k, g, *arrays", diff=("g", "*arrays"))
RULES["_multi_dot_adjoint"].skips = lambda value: {2 + value.args[0].value}
HELPERS.add("_multi_dot_adjoint")

# matrix_power: d a^n = sum_k a^k da a^(n-1-k) (n < 0: the same in inv(a), which commutes with
# the sum); that map's transpose is the same map at a^T (Giles 2008, sec. 2.2.2 / 3.2)
template("np.linalg.matrix_power", "a, n", {"a": "_matrix_power_tangent(a, da, n)"},
         adjoint={"a": "_matrix_power_tangent(np.swapaxes(a, -1, -2), g, n)"})
helper("_matrix_power_tangent", "a, d, n", "template", ("a", "d"),
       {"a": "_matrix_power_curvature(a, da, d, n)", "d": "_matrix_power_tangent(a, dd, n)"})
helper("_matrix_power_curvature", "a, da, d, n", "template", ("a", "da", "d"), {})

# pinv at full rank: dY = -Y dA Y + Y Y^T dA^T (I - A Y) + (I - Y A) dA^T Y^T Y (Golub &
# Pereyra 1973, eq. 4.12); the adjoint is its transpose (derived; checked by the rows)
template("np.linalg.pinv", "a, rcond=None, hermitian=False", {"a": "_pinv_tangent(a, da, y)"},
         adjoint={"a": "_pinv_adjoint(g, a, y)"})
helper("_pinv_adjoint", "g, a, p", "template", ("g", "a", "p"),
       {"g": "_pinv_adjoint(dg, a, p)", "a": "_pinv_adjoint_tangent(g, a, p, da, 0.0)",
        "p": "_pinv_adjoint_tangent(g, a, p, 0.0, dp)"})


def _plain_pinv(args, keywords):
    for name in ("hermitian", "rtol"):
        node = keywords.get(name, args[2] if name == "hermitian" and len(args) > 2 else None)
        if node is not None and not (isinstance(node, ast.Constant) and node.value in (False,
                                                                                      None)):
            raise Refusal(node, f"np.linalg.pinv with {name}= is not supported",
                          "call np.linalg.pinv(a) (or with rcond=)")
    return args


RULES["np.linalg.pinv"].prepare = _plain_pinv

# lstsq at full column rank: x = A+ b, so dx = A+ (db - dA x) + (A^T A)^-1 dA^T r, r = b - A x
# (the pinv's derivative); d residuals = 2 r^T (db - dA x) per column; d s_i = u_i^T dA v_i
# (Giles 2008, sec. 3.1 / Townsend 2016); the rank has none.  The adjoint's own derivative
# (Hessians) is the product rule over _lstsq_adjoint, U diag(g_s) V^T's through svd's tangent.
template("np.linalg.lstsq", "a, b, rcond=None",
         {"a": "_lstsq_tangent(a, b, y, da, 0.0)", "b": "_lstsq_tangent(a, b, y, 0.0, db)"},
         both="_lstsq_tangent(a, b, y, da, db)",
         adjoint={"a": "_lstsq_adjoint_a(g, a, b, y)", "b": "_lstsq_adjoint_b(g, a, b, y)"})
for _side in ("a", "b"):        # one helper per operand: tangents of adjoints are summed
    helper(f"_lstsq_adjoint_{_side}", "g, a, b, result", "template", ("g", "a", "b", "result"),
           {"g": f"_lstsq_adjoint_{_side}(dg, a, b, result)",
            "a": f"_lstsq_curvature_{_side}(g, a, b, result, da, 0.0, (0.0, 0.0, 0.0, 0.0))",
            "b": f"_lstsq_curvature_{_side}(g, a, b, result, 0.0, db, (0.0, 0.0, 0.0, 0.0))",
            "result": f"_lstsq_curvature_{_side}(g, a, b, result, 0.0, 0.0, dresult)"})
RULES["np.linalg.lstsq"].tuple_result = True

# ---------------------------------------------------------------- eigh, eigvalsh, svd, qr
# eigh reads one triangle of a (UPLO): the templates read da through it and give the adjoint
# on it.  eigh: dw = diag(V^T dS V), dV = V (F o V^T dS V), F_ij = 1 / (w_j - w_i); adjoint
# V (diag(g_w) + F o V^T g_V) V^T (Seeger et al. 2017, sec. 3.3; Giles 2008, sec. 3.1).
# svd: P = U^T dA V, ds = diag(P), dU, dV with F_ij = 1 / (s_j^2 - s_i^2) (Townsend 2016).
# qr, reduced, m >= n: C = Q^T dA R^-1, dR = (C - Omega) R (Walter & Lehmann 2010); adjoint
# (g_Q + Q copyltu(R g_R^T - g_Q^T Q)) R^-T (Seeger et al. 2017, sec. 3.4).  At repeated
# eigenvalues / singular values the vectors' derivative is infinite or NaN (F), the values'
# stays exact.  The adjoints are written in the subset (_eigh_adjoint, _eigvalsh_adjoint,
# _svd_adjoint, _qr_adjoint: no helper entries), so forward mode over them (Hessians)
# differentiates them like user code, through the decompositions' own tangents; at repeated
# values that second derivative is inf/NaN (the vectors' tangent is), never a finite guess.
template("np.linalg.eigh", "a, UPLO='L'", {"a": "_eigh_tangent(da, y, UPLO)"},
         adjoint={"a": "_triangle_adjoint(_eigh_adjoint(g, y), UPLO)"})
template("np.linalg.eigvalsh", "a, UPLO='L'", {"a": "_eigvalsh_tangent(a, da, UPLO)"},
         adjoint={"a": "_triangle_adjoint(_eigvalsh_adjoint(g, _triangle(a, UPLO)), UPLO)"})
template("np.linalg.svd", "a, full_matrices=True, compute_uv=True, hermitian=False",
         {"a": "_svd_tangent(a, da, full_matrices, compute_uv)"},
         adjoint={"a": "_svd_adjoint(g, a, full_matrices, compute_uv)"})
template("np.linalg.qr", "a, mode='reduced'", {"a": "_qr_tangent(a, da, y)"},
         adjoint={"a": "_qr_adjoint(g, y)"})
for _name in ("np.linalg.eigh", "np.linalg.svd", "np.linalg.qr"):
    RULES[_name].tuple_result = True
# the triangle numpy's eigh reads and its transpose: linear (adjoints in the subset call them)
helper("_triangle", "x, uplo", "linear", ("x",))
helper("_triangle_adjoint", "s, uplo", "linear", ("s",))
# run-time checks of the operands, identities otherwise
helper("_svd_operand", "a, full_matrices, compute_uv", "linear", ("a",))
helper("_qr_operand", "q, r", "linear", ("q",))


RULES["np.linalg.svd"].prepare = defaults_only(
    "np.linalg.svd", {"full_matrices": (1, (True, False)), "compute_uv": (2, (True, False)),
                      "hermitian": (3, (False,))},
    "call np.linalg.svd(a, full_matrices=False), compute_uv a literal, without hermitian=")
RULES["np.linalg.qr"].prepare = defaults_only("np.linalg.qr", {"mode": (1, ("reduced",))},
                                              "call np.linalg.qr(a) (mode 'reduced')")
for _name in ("np.linalg.eigh", "np.linalg.eigvalsh"):
    RULES[_name].prepare = defaults_only(_name, {"UPLO": (1, ("L", "U"))}, "write UPLO='L'")
