"""Intrinsic-table rows for numpy.linalg beyond solve/inv/det/slogdet/cholesky and the 2-norm:
norms of every order, multi_dot, matrix_power, pinv, lstsq, eigh, eigvalsh, svd, qr.  Run by
test_intrinsics.py (see its docstring for what each row checks)."""
import numpy as np

from rows import M, M3, M34, T3, V, V4, away, distinct, row, spd, u, wc

NORM = "np.linalg.norm"
# vectors whose |entries| are distinct and away from zero: max/min |x| and signs are stable
AV = away(0.3, 2, 4)
AM = lambda rng: np.reshape(rng.permutation(12) * 0.25 + 0.3, (3, 4)) * \
    rng.choice([-1.0, 1.0], (3, 4))


def _full_rank(m, n):
    """An m x n matrix with singular values in about (1, 3), well apart."""
    def draw(rng):
        q1, _ = np.linalg.qr(rng.standard_normal((m, m)))
        q2, _ = np.linalg.qr(rng.standard_normal((n, n)))
        k = min(m, n)
        s = np.zeros((m, n))
        s[np.arange(k), np.arange(k)] = 1.0 + np.arange(k) * 0.7 + rng.uniform(0, 0.2, k)
        return q1 @ s @ q2.T
    return draw


def norm_rows():
    return [
        row(f"{NORM}-ord1", "x", f"{NORM}(x, 1)", [AV]),
        row(f"{NORM}-ord-inf", "x", f"{NORM}(x, np.inf)", [AV]),
        row(f"{NORM}-ord-minus-inf", "x", f"{NORM}(x, ord=-np.inf)", [AV]),
        row(f"{NORM}-ord2-vector", "x", f"{NORM}(x, 2)", [V]),
        row(f"{NORM}-ord3", "x", f"{NORM}(x, 3)", [AV]),
        row(f"{NORM}-ord1.5", "x", f"{NORM}(x, 1.5)", [AV]),
        row(f"{NORM}-ord0", "x", f"x * {NORM}(x, 0)", [AV]),
        row(f"{NORM}-ord3-axis", "x", f"{NORM}(x, 3, axis=1)", [AM]),
        row(f"{NORM}-ord1-axis0-keepdims", "x", f"x / {NORM}(x, 1, axis=0, keepdims=True)",
            [AM]),
        row(f"{NORM}-ord-inf-axis", "x", f"{NORM}(x, np.inf, axis=-1)", [AM]),
        row(f"{NORM}-matrix-ord1", "x", f"{NORM}(x, 1)", [AM]),
        row(f"{NORM}-matrix-ord-minus1", "x", f"{NORM}(x, -1)", [AM]),
        row(f"{NORM}-matrix-ord-inf", "x", f"{NORM}(x, np.inf)", [AM]),
        row(f"{NORM}-matrix-ord-minus-inf", "x", f"{NORM}(x, -np.inf)", [AM]),
        row(f"{NORM}-matrix-fro", "x", f"{NORM}(x, 'fro')", [M]),
        row(f"{NORM}-matrix-nuc", "x", f"{NORM}(x, 'nuc')", [_full_rank(3, 4)]),
        row(f"{NORM}-matrix-ord2", "x", f"{NORM}(x, 2)", [_full_rank(4, 3)]),
        row(f"{NORM}-matrix-ord-minus2", "x", f"{NORM}(x, -2)", [_full_rank(3, 3)]),
        row(f"{NORM}-matrix-ord1-axes", "x", f"{NORM}(x, 1, axis=(2, 0))",
            [distinct(3, 2, 4)]),
        row(f"{NORM}-matrix-nuc-axes-keepdims", "x",
            f"{NORM}(x, 'nuc', axis=(0, 2), keepdims=True)", [u(-2, 2, 3, 2, 4)]),
        row(f"{NORM}-matrix-ord2-stack", "x", f"{NORM}(x, 2, axis=(1, 2))", [T3]),
        row(f"{NORM}-matrix-inf-keepdims", "x", f"{NORM}(x, np.inf, keepdims=True)", [AM]),
    ]


ROWS = norm_rows()

MD = "np.linalg.multi_dot"
MP = "np.linalg.matrix_power"


def product_rows():
    return [
        row(f"{MD}-three", "a, b, c", f"{MD}([a, b, c])", [M, M34, u(-2, 2, 4, 2)]),
        row(f"{MD}-two-wrt1", "a, b", f"{MD}([a, b])", [M, M34], (1,)),
        row(f"{MD}-vector-ends", "x, b, c, z", f"{MD}([x, b, c, z])",
            [V, M34, u(-2, 2, 4, 2), u(-2, 2, 2)]),
        row(f"{MD}-vector-first", "x, b", f"{MD}((x, b, b.T))", [V, M34]),
        row(f"{MD}-vector-last-const", "b, z", f"{MD}([b, np.ones((4, 2)), z])",
            [M34, u(-2, 2, 2)]),
        row(f"{MD}-same-operand", "a", f"{MD}([a, a, a])", [M3]),
        row(f"{MP}-3", "a", f"{MP}(a, 3)", [M3]),
        row(f"{MP}-0", "a", f"a * {MP}(a, 0)", [M3]),
        row(f"{MP}-1", "a", f"{MP}(a, 1)", [M3]),
        row(f"{MP}-minus2", "a", f"{MP}(a, -2)", [wc(3)]),
        row(f"{MP}-minus1", "a", f"{MP}(a, n=-1)", [wc(3)]),
        row(f"{MP}-5-stack", "a", f"{MP}(a, 5)", [u(-1, 1, 2, 3, 3)]),
    ]


ROWS += product_rows()
