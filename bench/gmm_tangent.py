"""tangent-ad's version of the GMM objective: module-level functions, as Tangent reads them.

What Tangent needs, found by trying: sizes are parameters (it refuses ``x.shape``: "attributes
are not yet supported for gradients", and slices by a size from ``np.shape`` fail); so are the
constants (the gather index of L, a zero column, the Wishart constant).  Its adjoint of an
integer-array index does not add up repeated indices (``grad(sum(a[[0, 0]]))`` gives 1, not 2),
so L is gathered from ``[0, l...]`` where only the constant zero column repeats; and it rewrites
``np.concatenate([...])`` into a call of ``tangent.np_concat_seq``, resolved in this module's
globals, hence ``import tangent`` here.
"""
import numpy as np
import tangent  # noqa: F401  (see above)


def gmm_objective(alphas, means, icf, x, gamma, m, n, d, K, zero_column, index, wishart_c):
    qs = icf[:, :d]
    ls = icf[:, d:]
    Qd = np.exp(qs)
    padded = np.concatenate([zero_column, ls], axis=1)
    Ls = np.reshape(padded[:, index], (K, d, d))
    xc = x[:, None, :] - means[None, :, :]
    y = Qd * xc + np.einsum("kij,nkj->nki", Ls, xc)
    inner = alphas + np.sum(qs, axis=1) - 0.5 * np.sum(y ** 2, axis=2)
    mx = np.max(inner, axis=1, keepdims=True)
    slse = np.sum(np.log(np.sum(np.exp(inner - mx), axis=1))) + np.sum(mx)
    reg = 0.5 * gamma ** 2 * (np.sum(Qd ** 2) + np.sum(ls ** 2)) - m * np.sum(qs)
    const = -0.5 * n * d * np.log(2 * np.pi)
    amx = np.max(alphas)
    lse_alphas = np.log(np.sum(np.exp(alphas - amx))) + amx
    return const + slse - n * lse_alphas + reg - K * wishart_c
