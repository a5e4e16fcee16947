"""Intrinsic-table rows for numpy's assembly and splitting functions and scipy.signal: run by
test_intrinsics.py (see its docstring for what each row checks)."""
from rows import M, M34, S, T3, V, V4, row, u

V2 = u(-2, 2, 2)
V5 = u(-2, 2, 5)
M23 = M
M22 = u(-2, 2, 2, 2)
M45 = u(-2, 2, 4, 5)


def convolution_rows():
    out = []
    for name in ("np.convolve", "np.correlate"):
        for mode in ("full", "same", "valid"):
            for label, shapes in (("long-first", [V5, V]), ("short-first", [V2, V5]),
                                  ("even", [V4, V4])):
                out.append(row(f"{name}-{mode}-{label}", "a, v",
                               f"{name}(a, v, mode='{mode}')", shapes))
        out.append(row(f"{name}-default", "a, v", f"{name}(a, v) * 2.0", [V5, V]))
        out.append(row(f"{name}-positional-mode", "a, v", f"{name}(a, v, 'same')", [V4, V]))
        out.append(row(f"{name}-a-only", "a", f"{name}(a, np.array([1.0, -2.0, 0.5]), 'full')",
                       [V5]))
        out.append(row(f"{name}-v-only", "v", f"{name}(np.array([1.0, -2.0, 0.5, 3.0]), v, "
                                             f"'same')", [V5]))
        out.append(row(f"{name}-scalar-operand", "a, s", f"{name}(a, s * a, 'valid')", [V4, S]))
    for name in ("scipy.signal.convolve", "scipy.signal.correlate"):
        for mode in ("full", "same", "valid"):
            out += [row(f"{name}-{mode}-1d", "a, b", f"{name}(a, b, mode='{mode}')", [V5, V]),
                    row(f"{name}-{mode}-1d-short-first", "a, b", f"{name}(a, b, '{mode}')",
                        [V2, V5]),
                    row(f"{name}-{mode}-2d", "a, b", f"{name}(a, b, mode='{mode}')",
                        [M45, M23]),
                    row(f"{name}-{mode}-2d-small-first", "a, b", f"{name}(a, b, mode='{mode}')",
                        [M22, M34]),
                    row(f"{name}-{mode}-3d", "a, b", f"{name}(a, b, mode='{mode}')",
                        [T3, u(-2, 2, 1, 2, 2)])]
            for method in ("direct", "fft"):
                out.append(row(f"{name}-{mode}-{method}", "a, b",
                               f"{name}(a, b, mode='{mode}', method='{method}')", [M34, M22]))
        out += [row(f"{name}-default", "a, b", f"{name}(a, b) * 2.0", [M, M22]),
                row(f"{name}-in1-only", "a", f"{name}(a, np.array([[1.0, -2.0], [0.5, 3.0]]), "
                                            f"'same')", [M34]),
                row(f"{name}-in2-only", "b", f"{name}(np.array([[1.0, -2.0, 4.0], [0.5, 3.0, "
                                            f"1.5]]), b, 'valid')", [M22])]
    return out


ROWS = convolution_rows()


def pad_rows():
    return [
        row("np.pad", "x", "np.pad(x, 2)", [V]),
        row("np.pad-pairs", "x", "np.pad(x, ((1, 2), (0, 3)))", [M]),
        row("np.pad-constant-value", "x, c", "np.pad(x, (1, 2), constant_values=c)", [M, S]),
        row("np.pad-constant-pairs", "x, c, d", "np.pad(x, ((1, 2), (2, 1)), 'constant', "
                                                "constant_values=((c, d), (d * c, 2.0)))",
            [M, S, S]),
        row("np.pad-constant-array", "x, c", "np.pad(x, 1, constant_values=c)",
            [M, u(-2, 2, 2, 2)]),
        row("np.pad-constant-before-after", "x, c", "np.pad(x, (2, 1), constant_values=c)",
            [M, V2]),
        row("np.pad-constant-per-axis", "x, c", "np.pad(x, (2, 1), constant_values=c)",
            [M, u(-2, 2, 2, 1)]),
        row("np.pad-constant-only", "c", "np.pad(np.ones((2, 2)), 1, constant_values=c)", [S]),
        row("np.pad-edge", "x", "np.pad(x, (2, 3), mode='edge')", [V]),
        row("np.pad-edge-2d", "x", "np.pad(x, ((1, 2), (3, 1)), 'edge')", [M]),
        row("np.pad-reflect", "x", "np.pad(x, (2, 3), mode='reflect')", [V]),
        row("np.pad-reflect-long", "x", "np.pad(x, 5, mode='reflect')", [V]),
        row("np.pad-reflect-2d", "x", "np.pad(x, ((1, 2), (3, 2)), mode='reflect')", [M34]),
        row("np.pad-3d", "x", "np.pad(x, 1, mode='edge') * 2.0", [T3]),
    ]


ROWS += pad_rows()


def gradient_rows():
    return [
        row("np.gradient", "x", "np.gradient(x)", [V5]),
        row("np.gradient-spacing", "x", "np.gradient(x, 0.5)", [V5]),
        row("np.gradient-edge-order-2", "x", "np.gradient(x, 2.0, edge_order=2)", [V5]),
        row("np.gradient-coordinates", "x", "np.gradient(x, np.array([0.0, 0.5, 1.5, 1.75, 3.0]))",
            [V5]),
        row("np.gradient-axis", "x", "np.gradient(x, axis=1)", [M34]),
        row("np.gradient-axis0-spacing", "x", "np.gradient(x, 0.25, axis=0, edge_order=2)",
            [M34]),
        row("np.gradient-negative-axis", "x", "np.gradient(x, axis=-1) * x", [T3]),
        row("np.gradient-axes-tuple", "x", "a, b = np.gradient(x, axis=(0, 2))\na * b", [T3]),
        row("np.gradient-all-axes", "x", "gy, gx = np.gradient(x)\ngy * 2.0 + gx * gx", [M34]),
        row("np.gradient-one-part", "x", "parts = np.gradient(x, 0.5)\nparts[1] * 3.0", [M34]),
        row("np.gradient-parts-summed", "x", "parts = np.gradient(x, edge_order=2)\n"
                                             "parts[0] + parts[2] * parts[1]",
            [u(-2, 2, 3, 3, 4)]),
    ]


ROWS += gradient_rows()


def split_rows():
    return [
        row("np.split-unpack", "x", "a, b = np.split(x, 2)\na * b[::-1]", [u(-2, 2, 6)]),
        row("np.split-indices", "x", "parts = np.split(x, [1, 3])\nparts[1] * 2.0", [V5]),
        row("np.split-indices-two-parts", "x", "parts = np.split(x, [1, 3])\n"
                                               "np.sum(parts[0]) * parts[2]", [V5]),
        row("np.split-axis", "x", "a, b = np.split(x, 2, axis=1)\na - 3.0 * b", [M34]),
        row("np.split-negative-axis", "x", "a, b, c = np.split(x, [1, 2], axis=-1)\n"
                                           "a * c + b", [M]),
        row("np.split-unused-part", "x", "a, b, c = np.split(x, 3)\nc * 2.0", [u(-2, 2, 6)]),
        row("np.split-empty-part", "x", "parts = np.split(x, [0, 2])\nparts[1] + parts[2]",
            [V4]),
        row("np.array_split", "x", "parts = np.array_split(x, 3)\nparts[0] * parts[0][0]",
            [V5]),
        row("np.array_split-axis", "x", "a, b = np.array_split(x, 2, axis=0)\na[0] * b[0]",
            [u(-2, 2, 3, 4)]),
        row("np.hsplit", "x", "a, b = np.hsplit(x, 2)\na * b", [M34]),
        row("np.hsplit-vector", "x", "a, b = np.hsplit(x, [1])\na * np.sum(b)", [V4]),
        row("np.vsplit", "x", "a, b = np.vsplit(x, [1])\na + np.sum(b, axis=0)", [M34]),
        row("np.dsplit", "x", "a, b, c = np.dsplit(x, [1, 3])\na * c + np.sum(b * b, axis=2, "
                              "keepdims=True)", [T3]),
    ]


ROWS += split_rows()


def meshgrid_rows():
    return [
        row("np.meshgrid", "x, y", "a, b = np.meshgrid(x, y)\na * b + a", [V, V4]),
        row("np.meshgrid-ij", "x, y", "a, b = np.meshgrid(x, y, indexing='ij')\na * b * b",
            [V, V4]),
        row("np.meshgrid-one-grid", "x, y", "grids = np.meshgrid(x, y)\ngrids[1] * 2.0",
            [V, V4]),
        row("np.meshgrid-three", "x, y, z", "a, b, c = np.meshgrid(x, y, z)\na * b - c",
            [V, V4, V2]),
        row("np.meshgrid-three-ij", "x, y, z",
            "a, b, c = np.meshgrid(x, y, z, indexing='ij')\na * c + b", [V, V4, V2]),
        row("np.meshgrid-one", "x", "grids = np.meshgrid(x)\ngrids[0] * x", [V]),
        row("np.meshgrid-sparse", "x, y", "a, b = np.meshgrid(x, y, sparse=True)\na * b",
            [V, V4]),
        row("np.meshgrid-inactive", "x", "a, b = np.meshgrid(x, np.array([1.0, 2.0]))\na * b",
            [V]),
        row("np.meshgrid-matrix-operand", "x, y", "a, b = np.meshgrid(x, y)\na * b", [M, V]),
        row("np.meshgrid-same-operand", "x", "a, b = np.meshgrid(x, x * x)\na * b", [V]),
    ]


ROWS += meshgrid_rows()


def concatenator_rows():
    return [
        row("np.r_", "x, y", "np.r_[x, y, 1.0]", [V, V4]),
        row("np.r_-scalars", "s, t", "np.r_[s, 2.0 * t, s * t]", [S, S]),
        row("np.r_-one", "x", "np.r_[x] * x", [V]),
        row("np.r_-matrices", "a, b", "np.r_[a, b]", [M, M]),
        row("np.r_-list-item", "x, s", "np.r_[[1.0, 2.0], x, s]", [V, S]),
        row("np.c_", "x, y", "np.c_[x, y]", [V, V]),
        row("np.c_-matrix", "a, x", "np.c_[a, x, a * 2.0]", [u(-2, 2, 3, 2), V]),
        row("np.c_-3d", "a, b", "np.c_[a, b]", [T3, u(-2, 2, 2, 3, 1)]),
        row("np.c_-scalars", "s, t", "np.c_[s, t * s]", [S, S]),
    ]


ROWS += concatenator_rows()
