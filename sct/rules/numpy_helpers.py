"""The rule table's entries for sct's own prelude helpers that the numpy rules' templates call
(see the package's docstring).

Generated adjoint code calls these prelude functions; forward mode over that code (Hessians)
treats them as intrinsics.  Most are linear in the adjoint g and use the other operands for
their shapes only.  Adjoint helpers written in the subset itself (_cholesky_adjoint) are
differentiated like user functions instead."""
from . import einsum
from .rule import Rule
from .table import HELPERS, RULES, helper, multilinear, nondiff, pointwise, template

# _unbroadcast(a, x): a summed to x's shape; its adjoint broadcasts back (reverse mode over
# generated adjoints), and that one's sums again
helper("_unbroadcast", "a, x", "linear", ("a",), adjoint={"a": "_broadcast_back(g, a)"})
helper("_broadcast_back", "b, a", "linear", ("b",), adjoint={"b": "_unbroadcast(g, b)"})
for _name, _spec in [("_extremum_adjoint", "g, a, extremum, axis, keepdims"),
                     ("_transpose_adjoint", "g, axes"), ("_split_adjoint", "g, arrays, axis"),
                     ("_unstack_adjoint", "g, arrays, axis"), ("_hstack_adjoint", "g, arrays"),
                     ("_vstack_adjoint", "g, arrays"), ("_diag_adjoint", "g, v, k"),
                     ("_trace_adjoint", "g, a, offset, axis1, axis2"),
                     ("_diagonal_adjoint", "g, a, offset, axis1, axis2"),
                     ("_rollaxis_adjoint", "g, a, axis, start"),
                     ("_take_along_axis_adjoint", "g, arr, indices, axis"),
                     ("_column_stack_adjoint", "g, arrays"), ("_dstack_adjoint", "g, arrays"),
                     ("_diff_adjoint", "g, a, n, axis"), ("_repeat_adjoint", "g, a, repeats, axis"),
                     ("_tile_adjoint", "g, a, reps"), ("_append_adjoint", "g, arr, values, axis"),
                     ("_take_adjoint", "g, a, indices, axis"), ("_sort_adjoint", "g, a, axis"),
                     ("_cumsum_adjoint", "g, a, axis")]:
    helper(_name, _spec, "linear", ("g",))
# the adjoints of reductions, linear in the adjoint (u here: g is the templates' own name);
# their own adjoints are the reductions again (reverse mode over generated adjoints)
helper("_sum_adjoint", "u, a, axis, keepdims", "linear", ("u",),
       adjoint={"u": "np.sum(g, axis=axis, keepdims=keepdims)"})
helper("_mean_adjoint", "u, a, axis, keepdims", "linear", ("u",),
       adjoint={"u": "np.mean(g, axis=axis, keepdims=keepdims)"})
helper("_ravel_adjoint", "g, a, order", "linear", ("g",))
helper("_add_at", "b, index, g", "linear", ("b", "g"))
helper("_sorted_tangent", "x, dx, reverse", "linear", ("dx",))
helper("_sorted_adjoint", "g, x, reverse", "linear", ("g",))
helper("_add_parts", "a, b", "linear", ("a", "b"))
helper("_own_parts", "value", "linear", ("value",))
helper("_assigned_adjoint", "b, index, v", "linear", ("b",))
nondiff("_zeros_like_value _same_array")
HELPERS.update(("_zeros_like_value", "_same_array"))
template("_kept_array", "value, old", {"value": "dvalue"},
         adjoint={"value": "g"})        # x op= v on what may be an array: aliasing._followed
HELPERS.add("_kept_array")
template("_own_value", "value", {"value": "dvalue"},
         adjoint={"value": "g"})        # a primal copying a parameter it updates: emit._strip
HELPERS.add("_own_value")
helper("_detached", "value", "linear", ("value",))
helper("_var_adjoint", "g, a, axis, ddof, keepdims", "multilinear", ("g", "a"))
helper("_unbroadcast_product", "a, b, x", "multilinear", ("a", "b"),
       adjoint={"a": "_unbroadcast_product_adjoint(g, b, a)",
                "b": "_unbroadcast_product_adjoint(g, a, b)"})
helper("_unbroadcast_product_adjoint", "u, b, a", "multilinear", ("u", "b"))
for _side, _other in (("a", "b"), ("b", "a")):
    for _op in ("matmul", "dot", "inner", "kron"):
        helper(f"_{_op}_adjoint_{_side}", "g, a, b", "multilinear", ("g", _other))
    helper(f"_tensordot_adjoint_{_side}", "g, a, b, axes", "multilinear", ("g", _other))
# _einsum_adjoint(spec, k, g, *operands) is multilinear in g and the operands other than k
multilinear("_einsum_adjoint", "spec, k, g, *operands", diff=("g", "*operands"))
RULES["_einsum_adjoint"].skips = einsum.adjoint_skips
HELPERS.add("_einsum_adjoint")
# (a zero adjoint g whose tangent dg is not zero is taken: its contribution's tangent is not)
helper("_unless_zero", "g, t", "template", ("t",), {"t": "_unless_zero(_taken(g, dg), dt)"})
RULES["_taken"] = Rule("_taken", ("g", "dg"), {"dg": "None"}, (), "nondiff",
                       forward_value="_taken(g, dg)")
HELPERS.add("_taken")
# elementwise (pointwise): their adjoints follow from their tangents, for reverse mode over
# generated adjoints (sct.grad of code calling sct.grad's result: sct/nested.py)
pointwise("_chain", "a, p", {"a": "_chain(da, p)", "p": "_chain(a, dp)"})
# the zero-safe quotients and powers that rule templates call (see the elementwise rules)
pointwise("_over", "d, s", {"d": "_over(dd, s)", "s": "-_over(d * ds, s * s)"})
pointwise("_ratio", "d, s", {"d": "_ratio(dd, s)", "s": "-_ratio(d * ds, s * s)"})
HELPERS.update(("_chain", "_over", "_ratio"))
# d(b a^(b-1) d) = b (b-1) a^(b-2) d da + (a^(b-1) + b a^(b-1) log a) d db + b a^(b-1) dd
# (elementwise: their adjoints follow from their tangents)
pointwise("_power_tangent", "a, b, d",
          {"a": "_power_tangent(a, b - 1, b * d * da)", "d": "_power_tangent(a, b, dd)",
           "b": "_exponent_tangent(_power_tangent(a, b, d), a, db) + "
                "_powered(a, b - 1.0, d * db)"})
pointwise("_powered", "a, e, d", {"d": "_powered(a, e, dd)"})
pointwise("_exponent_tangent", "p, a, d",
          {"p": "_exponent_tangent(dp, a, d)", "a": "_over(p * d * da, a)",
           "d": "_exponent_tangent(p, a, dd)"})
HELPERS.update(("_power_tangent", "_powered", "_exponent_tangent"))
# np.average's adjoints: linear in g; their derivatives in the weights (and _average_adjoint_w's
# in a) are second derivatives sct does not have: a Hessian through them is refused, by name
helper("_average_adjoint_a", "g, a, w, axis", "template", ("g", "w"),
       {"g": "_average_adjoint_a(dg, a, w, axis)"})
helper("_average_adjoint_w", "g, a, w, mean, axis", "template", ("g", "a", "w", "mean"),
       {"g": "_average_adjoint_w(dg, a, w, mean, axis)"})
helper("_prod_adjoint", "g, a, axis, keepdims", "template", ("g", "a"),
       {"g": "_prod_adjoint(dg, a, axis, keepdims)"})     # no second derivative in a
# np.sinc: the slope's own derivative; the curvature's is a third derivative sct does not have
helper("_sinc_slope", "x", "template", ("x",), {"x": "_sinc_curvature(x) * dx"})
helper("_sinc_curvature", "x", "template", ("x",), {})
# np.cumprod: d_recurrence(x, a) = _recurrence(dx + da s_(i-1), a); back: r_i = g_i + a_(i+1)
# r_(i+1) gives dr = _recurrence_back(dg + (da r) moved back, a)
helper("_along", "a, axis", "linear", ("a",))
helper("_shifted", "v, axis, first", "template", ("v",), {"v": "_shifted(dv, axis, 0.0)"})
helper("_shifted_back", "v, axis", "linear", ("v",))
helper("_recurrence", "x, a, axis", "template", ("x", "a"),
       {"x": "_recurrence(dx, a, axis)", "a": "_recurrence(da * _shifted(y, axis, 0.0), a, axis)"})
helper("_recurrence_back", "g, a, axis", "template", ("g", "a"),
       {"g": "_recurrence_back(dg, a, axis)",
        "a": "_recurrence_back(_shifted_back(da * y, axis), a, axis)"})
nondiff("_axis_of _interp_edge")
HELPERS.update(("_axis_of", "_interp_edge"))
# selections (quantiles, partition, interp's knots): linear in g, a picking entries only, with
# derivative zero in a between the points where its order changes
for _name, _spec in [("_quantile_adjoint", "g, a, q, axis, keepdims"),
                     ("_partition_adjoint", "g, a, result, axis"),
                     ("_interp_slope_adjoint", "h, x, xp, fp"), ("_polyder", "p"),
                     ("_polyder_adjoint", "h, p"), ("_astype_adjoint", "g, x, dtype")]:
    helper(_name, _spec, "linear", (_spec.split(",")[0],))
helper("_interp_slope", "x, xp, fp", "template", ("fp",), {"fp": "_interp_slope(x, xp, dfp)"})
# d/dx of g (1 - t), g t at the knots is -+ g dx / width: _interp_slope_adjoint of g dx
helper("_interp_adjoint_fp", "g, x, xp, fp, left, right", "template", ("g", "x"),
       {"g": "_interp_adjoint_fp(dg, x, xp, fp, left, right)",
        "x": "_interp_slope_adjoint(g * dx, x, xp, fp)"})
# d/dx sum g x^(n-1-k) = sum g dx (n-1-k) x^(n-2-k): _polyder's adjoint of the same sums of p'
helper("_polyval_adjoint_p", "g, p, x", "template", ("g", "x"),
       {"g": "_polyval_adjoint_p(dg, p, x)",
        "x": "_polyder_adjoint(_polyval_adjoint_p(g * dx, _polyder(p), x), p)"})
helper("_select_adjoint_choices", "g, condlist, choicelist", "linear", ("g",))
helper("_select_adjoint_default", "g, condlist, default", "linear", ("g",))
helper("_cross_adjoint_a", "g, a, b, axis", "multilinear", ("g", "b"))
helper("_cross_adjoint_b", "g, a, b, axis", "multilinear", ("g", "a"))
