"""np.linalg.eigh, eigvalsh, svd and qr in one scalar function: both modes, the gradient and
Hessians (their adjoints are written in the subset, so forward mode over them differentiates
them through the decompositions' own tangents)."""
import numpy as np


def f(x):
    a = np.reshape(x, (3, 2))
    s = a.T @ a + np.diag([1.0, 3.0])
    w, v = np.linalg.eigh(s)
    u, sv, vh = np.linalg.svd(a, full_matrices=False)
    q, r = np.linalg.qr(a)
    return (np.sum(w * v[0] ** 2) + np.sum(np.linalg.eigvalsh(s) ** 2) + np.sum((u * sv) @ vh)
            + np.sum(sv ** 3) + np.sum(r * r[0, 0]) + np.sum(q[:, 0] ** 2 * x[:3])
            + np.sum(np.linalg.svd(a * x[3], compute_uv=False) ** 2 * x[:2])
            + np.sum(u[:2, 0] * vh[0]) * x[5] + np.sum(np.linalg.eigvalsh(s, 'U') * x[4:]))


ARGS = (np.array([0.31, -0.42, 0.93, 1.27, -1.11, 0.58]),)
