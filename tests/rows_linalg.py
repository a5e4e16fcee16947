"""Intrinsic-table rows for numpy.linalg beyond solve/inv/det/slogdet/cholesky and the 2-norm:
norms of every order, multi_dot, matrix_power, pinv, lstsq, eigh, eigvalsh, svd, qr.  Run by
test_intrinsics.py (see its docstring for what each row checks)."""
import numpy as np

from rows import M, M3, M34, T3, V, V4, away, distinct, row, u, wc

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

PI = "np.linalg.pinv"
LS = "np.linalg.lstsq"


def least_squares_rows():
    return [
        row(f"{PI}-tall", "a", f"{PI}(a)", [_full_rank(4, 3)]),
        row(f"{PI}-wide", "a", f"{PI}(a)", [_full_rank(2, 4)]),
        row(f"{PI}-square", "a", f"{PI}(a)", [wc(3)]),
        row(f"{PI}-stack", "a", f"{PI}(a)", [u(-2, 2, 2, 4, 2)]),
        row(f"{PI}-rcond", "a", f"{PI}(a, rcond=1e-10) @ a[:, 0]", [_full_rank(4, 3)]),
        row(f"{LS}-x", "a, b", f"{LS}(a, b, rcond=None)[0]", [_full_rank(5, 3), u(-2, 2, 5)]),
        row(f"{LS}-x-wrt0", "a, b", f"{LS}(a, b)[0]", [_full_rank(5, 3), u(-2, 2, 5)], (0,)),
        row(f"{LS}-x-wrt1", "a, b", f"{LS}(a, b)[0]", [_full_rank(5, 3), u(-2, 2, 5)], (1,)),
        row(f"{LS}-matrix-b", "a, b", f"{LS}(a, b)[0]", [_full_rank(5, 3), u(-2, 2, 5, 2)]),
        row(f"{LS}-unpack", "a, b",
            f"x, res, rank, s = {LS}(a, b)\nnp.sum(x) * res[0] + rank * np.sum(s ** 2)",
            [_full_rank(5, 3), u(-2, 2, 5)]),
        row(f"{LS}-residuals", "a, b", f"{LS}(a, b)[1]", [_full_rank(5, 3), u(-2, 2, 5, 2)]),
        row(f"{LS}-singular-values", "a, b", f"{LS}(a, b)[3]", [_full_rank(4, 3), V4]),
        row(f"{LS}-square", "a, b", f"{LS}(a, b)[0]", [wc(3), V]),
    ]


ROWS += least_squares_rows()

EH = "np.linalg.eigh"
EV = "np.linalg.eigvalsh"
SVD = "np.linalg.svd"
QR = "np.linalg.qr"


def _distinct_symmetric(n, *batch):
    """Symmetric with eigenvalues about 1 apart (their vectors' derivative well defined)."""
    def draw(rng):
        q, _ = np.linalg.qr(rng.standard_normal(batch + (n, n)))
        w = np.arange(n) * 1.0 - 1.0 + rng.uniform(0, 0.2, batch + (n,))
        return q @ (w[..., None] * np.swapaxes(q, -1, -2))
    return draw


def _nonsymmetric(n):
    """A symmetric matrix with distinct eigenvalues plus a non-symmetric part: eigh reads one
    triangle only."""
    def draw(rng):
        return _distinct_symmetric(n)(rng) + np.triu(rng.uniform(-1, 1, (n, n)), 1)
    return draw


def decomposition_rows():
    return [
        row(f"{EH}-values", "a", f"{EH}(a)[0]", [_distinct_symmetric(3)]),
        row(f"{EH}-values-only", "a", f"w, v = {EH}(a)\nw * 2.0", [_distinct_symmetric(3)]),
        row(f"{EH}-vectors-only", "a", f"w, v = {EH}(a)\nv ** 2", [_distinct_symmetric(3)]),
        row(f"{EH}-both", "a", f"w, v = {EH}(a)\n(v * w) @ v.T", [_distinct_symmetric(3)]),
        row(f"{EH}-nonsymmetric-lower", "a", f"w, v = {EH}(a)\nnp.sum(w) * v[0] ** 2",
            [_nonsymmetric(3)]),
        row(f"{EH}-nonsymmetric-upper", "a", f"w, v = {EH}(a, UPLO='U')\nw + v[1] ** 2",
            [lambda rng: _nonsymmetric(3)(rng).T]),
        row(f"{EH}-stack", "a", f"w, v = {EH}(a)\nw[..., None] * v ** 2",
            [_distinct_symmetric(3, 2)]),
        row(f"{EV}", "a", f"{EV}(a)", [_nonsymmetric(4)]),
        row(f"{EV}-upper", "a", f"{EV}(a, 'U')", [lambda rng: _nonsymmetric(3)(rng).T]),
        row(f"{EV}-repeated", "a", f"{EV}(a)", [lambda rng: np.diag([1.0, 1.0, 2.0])
                                                 + np.tril(rng.uniform(-0.01, 0.01, (3, 3)), -1)]),
        row(f"{SVD}-values", "a", f"{SVD}(a, compute_uv=False)", [_full_rank(4, 3)]),
        row(f"{SVD}-reconstruct", "a", f"u, s, vh = {SVD}(a, full_matrices=False)\n(u * s) @ vh",
            [_full_rank(4, 3)]),
        row(f"{SVD}-vector-squares", "a",
            f"u, s, vh = {SVD}(a, full_matrices=False)\n(u ** 2 @ s)[0] + (vh ** 2).T @ s",
            [_full_rank(3, 5)]),
        row(f"{SVD}-square-full", "a", f"u, s, vh = {SVD}(a)\ns[0] * u[:, 0] ** 2",
            [_full_rank(3, 3)]),
        row(f"{SVD}-raw-vectors", "a", f"{SVD}(a, full_matrices=False)",
            [lambda rng: np.diag([3.0, 2.0, 1.0])[:, :2] + rng.uniform(-0.1, 0.1, (3, 2))]),
        row(f"{SVD}-stack", "a", f"u, s, vh = {SVD}(a, False)\ns[:, :, None] * vh ** 2",
            [u(-2, 2, 2, 3, 4)]),
        row(f"{QR}", "a", f"{QR}(a)", [_full_rank(4, 3)]),
        row(f"{QR}-square", "a", f"q, r = {QR}(a, mode='reduced')\nq @ r + q", [wc(3)]),
        row(f"{QR}-r-only", "a", f"q, r = {QR}(a)\nr", [_full_rank(5, 2)]),
        row(f"{QR}-q-only", "a", f"q, r = {QR}(a)\nq * 3.0", [_full_rank(5, 2)]),
        row(f"{QR}-stack", "a", f"{QR}(a)[1]", [u(-2, 2, 2, 4, 3)]),
    ]


ROWS += decomposition_rows()
