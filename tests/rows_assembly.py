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
