"""Intrinsic-table rows for the numpy functions of the breadth issue beyond test_intrinsics.py's
own tables (and scipy.signal): run by test_intrinsics.py (see its docstring for what each row
checks)."""
from rows import COL, M, M34, ROW, S, T3, V, V4, away, const, distinct, row, u

SORTED = const([-1.5, -0.4, 0.3, 1.1, 2.0])          # interp's knots, increasing

ROWS = [
    # sinc: smooth everywhere, 1 at 0
    row("np.sinc", "x", "np.sinc(x)", [S]),
    row("np.sinc-array", "x", "np.sinc(x) * x", [M]),
    row("np.sinc-near-zero", "x", "np.sinc(x * 1e-3)", [V]),
    # cumprod: axis None flattens; exact with zeros (test_numpy_more)
    row("np.cumprod", "x", "np.cumprod(x)", [V4]),
    row("np.cumprod-matrix", "x", "np.cumprod(x)", [M]),
    row("np.cumprod-axis0", "x", "np.cumprod(x, axis=0)", [M34]),
    row("np.cumprod-axis1", "x", "np.cumprod(x, 1) * x", [M]),
    row("np.cumprod-axis-last", "x", "np.cumprod(x, axis=-1)", [T3]),
    row("np.cumprod-scalar", "x", "np.cumprod(x)", [S]),
    row("np.cumprod-product", "x, y", "np.cumprod(x * y, axis=0)", [M34, ROW]),
    # quantiles: distinct entries (the order statistics do not change under the differences)
    row("np.median", "x", "np.median(x)", [distinct(5)]),
    row("np.median-even", "x", "np.median(x)", [distinct(2, 3)]),
    row("np.median-axis", "x", "np.median(x, axis=1)", [distinct(3, 4)]),
    row("np.median-axis0-keepdims", "x", "np.median(x, axis=0, keepdims=True) * x",
        [distinct(3, 4)]),
    row("np.median-axes", "x", "np.median(x, axis=(0, 2))", [distinct(2, 3, 4)]),
    row("np.quantile", "x", "np.quantile(x, 0.3)", [distinct(7)]),
    row("np.quantile-array-q", "x", "np.quantile(x, np.array([0.0, 0.25, 0.6, 1.0]))",
        [distinct(6)]),
    row("np.quantile-axis", "x", "np.quantile(x, [0.1, 0.9], axis=0)", [distinct(4, 3)]),
    row("np.quantile-keepdims", "x", "np.quantile(x, 0.7, axis=-1, keepdims=True)",
        [distinct(2, 3, 4)]),
    row("np.quantile-q-keepdims", "x", "np.quantile(x, [0.2, 0.5], axis=1, keepdims=True)",
        [distinct(3, 5)]),
    row("np.quantile-method", "x", "np.quantile(x, 0.4, method='linear')", [distinct(5)]),
    row("np.quantile-constant-q", "x, q", "np.quantile(x * 2.0, q)", [distinct(5), u(0, 1)],
        wrt=(0,)),
    row("np.percentile", "x", "np.percentile(x, 35.0)", [distinct(6)]),
    row("np.percentile-axis", "x", "np.percentile(x, [10, 50, 95], axis=1)", [distinct(2, 5)]),
    row("np.percentile-keepdims", "x", "np.percentile(x, 80, axis=0, keepdims=True)",
        [distinct(4, 2)]),
    # partition: the kth entry in its sorted place, the others on their sides
    row("np.partition", "x", "np.partition(x, 2)", [distinct(6)]),
    row("np.partition-kths", "x", "np.partition(x, [1, 4]) * np.arange(6.0)", [distinct(6)]),
    row("np.partition-axis0", "x", "np.partition(x, 1, axis=0)", [distinct(4, 3)]),
    row("np.partition-axis-none", "x", "np.partition(x, 3, axis=None)", [distinct(2, 4)]),
    row("np.partition-last", "x", "np.partition(x, -1)[..., -1]", [distinct(3, 4)]),
    # interp: x strictly inside intervals (away from the knots), and outside them
    row("np.interp", "x, fp", "np.interp(x, np.array([-1.5, -0.4, 0.3, 1.1, 2.0]), fp)",
        [u(-1.4, 1.9), u(-2, 2, 5)]),
    row("np.interp-array", "x, xp, fp", "np.interp(x, xp, fp)",
        [u(-2.5, 2.5, 2, 3), SORTED, u(-2, 2, 5)], wrt=(0, 2)),
    row("np.interp-x", "x", "np.interp(x, np.array([0.0, 1.0, 3.0]), np.array([1.0, -2.0, 0.5]))",
        [u(0.05, 2.9, 4)]),
    row("np.interp-fp", "fp", "np.interp(np.array([-3.0, 0.0, 0.5, 2.0, 4.0]), "
                              "np.array([-1.0, 0.0, 1.0, 3.0]), fp)", [u(-2, 2, 4)]),
    row("np.interp-left-right", "x, fp", "np.interp(x, np.array([0.0, 1.0, 2.0]), fp, "
                                         "left=-5.0, right=7.0)", [u(-1, 3, 6), u(-2, 2, 3)]),
    row("np.interp-keywords", "x, fp", "np.interp(x, np.array([0.0, 1.0, 2.0]), fp, right=7.0)",
        [u(-1, 3, 6), u(-2, 2, 3)]),
    row("np.interp-list-fp", "x, a", "np.interp(x, [0.0, 1.0, 2.0], [a, 2.0 * a, -a])",
        [u(-0.5, 2.5), S]),
    # polyval: highest power first
    row("np.polyval", "p, x", "np.polyval(p, x)", [V4, S]),
    row("np.polyval-array", "p, x", "np.polyval(p, x)", [V, M]),
    row("np.polyval-p", "p", "np.polyval(p, np.array([0.0, 0.5, -1.5]))", [V4]),
    row("np.polyval-x", "x", "np.polyval(np.array([2.0, -1.0, 0.5, 3.0]), x)", [M34]),
    row("np.polyval-constant", "p, x", "np.polyval(p, x)", [u(-2, 2, 1), V]),
    row("np.polyval-linear", "p, x", "np.polyval(p, x) * x", [u(-2, 2, 2), V]),
    # select: the first condition that holds, else the default
    row("np.select", "x, y", "np.select([x > 0.5, x < -0.5], [x * y, y], 0.0)",
        [away(0.6, 2, 2, 3), M]),
    row("np.select-default", "x, d", "np.select([x > 0.0], [x * 2.0], d)", [away(0.1, 2, 4), V4]),
    row("np.select-broadcast", "x, c, d", "np.select([x > 0.0, x < -1.0], [c, x], default=d)",
        [away(0.1, 2, 3, 4), COL, S]),
    row("np.select-overlap", "x, y", "np.select([x > 0.0, x > -1.0], [x, y * x])",
        [away(0.1, 2, 5), away(0.1, 2, 5)]),
    # cross: 3-vectors, 2-vectors (the z-component), broadcasting, axis
    row("np.cross", "a, b", "np.cross(a, b)", [V, V]),
    row("np.cross-batch", "a, b", "np.cross(a, b)", [u(-2, 2, 4, 3), V]),
    row("np.cross-batch-other", "a, b", "np.cross(b, a)", [u(-2, 2, 4, 3), V]),
    row("np.cross-axis", "a, b", "np.cross(a, b, axis=0)", [u(-2, 2, 3, 4), u(-2, 2, 3, 4)]),
    row("np.cross-2d", "a, b", "np.cross(a, b)", [u(-2, 2, 2), u(-2, 2, 2)]),
    row("np.cross-2d-batch", "a, b", "np.cross(a, b) * a[:, 0]", [u(-2, 2, 4, 2), u(-2, 2, 2)]),
    row("np.cross-2d-axis", "a, b", "np.cross(a, b, axis=0)", [u(-2, 2, 2, 3), u(-2, 2, 2, 3)]),
    row("np.cross-2-and-3", "a, b", "np.cross(a, b)", [u(-2, 2, 2), V]),
    row("np.cross-3-and-2", "a, b", "np.cross(a, b)", [u(-2, 2, 4, 3), u(-2, 2, 2)]),
    row("np.cross-a", "a", "np.cross(a, np.array([0.5, -1.0, 2.0]))", [u(-2, 2, 2, 3)]),
    row("np.cross-b", "b", "np.cross(np.array([0.5, -1.0, 2.0]), b)", [u(-2, 2, 2, 3)]),
    # astype: floats copied, integers and booleans with derivative zero
    row("np.astype", "x", "x.astype(float) * x", [M]),
    row("np.astype-float64", "x", "x.astype(np.float64)", [V]),
    row("np.astype-function", "x", "np.astype(x, np.float64) + x", [V]),
    row("np.astype-int", "x", "x.astype(int) * x", [away(1.1, 1.9, 3)]),
    row("np.astype-bool", "x", "x.astype(bool) * x + x.astype(np.int64)", [away(1.1, 1.9, 3)]),
    row("np.astype-int32", "x", "np.sum(x.astype(np.int32) * x) + np.sum(x.astype('float64'))",
        [away(1.1, 1.9, 2, 3)]),
    # dtype= on constructors: a float dtype keeps the derivative, an integer one has none
    row("np.asarray-dtype-float", "x", "np.asarray(x, dtype=float) * x", [M]),
    row("np.array-dtype-float64", "x", "np.array(x, dtype=np.float64) + np.array(x, float)", [V]),
    row("np.array-dtype-list", "x, y", "np.array([x, y, 2.0], dtype=float) * x", [S, S]),
    row("np.asarray-dtype-int", "x", "np.asarray(x, dtype=int) * x + np.array(x, dtype=bool)",
        [away(1.1, 1.9, 3)]),
    row("np.full-dtype", "x", "np.full(3, x, dtype=float) * x + np.full(3, x, dtype=int)",
        [u(1.1, 1.9)]),
    row("np.full_like-dtype", "x", "np.full_like(x, x[0], dtype=float) * x "
                                   "+ np.full_like(x, x[1], dtype=np.int64)", [away(1.1, 1.9, 3)]),
    row("np.linspace-dtype", "x, y", "np.linspace(x, y, 4, dtype=float) * x "
                                     "+ np.linspace(0.0, 10.0 * y, 4, dtype=int)",
        [u(0.1, 0.2), u(1.31, 1.39)]),
    row("np.constructors-dtype", "x", "x * np.zeros(3, dtype=float) + x * np.ones(3, int) "
                                      "+ np.eye(3, dtype=float) @ x "
                                      "+ x * np.arange(3, dtype=float) "
                                      "+ x * np.zeros_like(x, dtype=int) "
                                      "+ x * np.full(3, 2, dtype=np.float32)", [V]),
    row("np.empty-dtype", "x", "y = np.empty(3, dtype=float)\ny[:] = x * 2.0\ny", [V]),
    row("np.float64-scalar", "x", "np.float64(x) * x", [u(-2, 2)]),
    row("np.float64-of-entry", "x", "np.float64(x[1]) * x", [V]),
    row("np.int64-scalar", "x", "np.int64(x) + x * x", [u(0.1, 0.9)]),
    row("np.int32-scalar", "x", "np.int32(x) * x", [u(1.1, 1.9)]),
]
