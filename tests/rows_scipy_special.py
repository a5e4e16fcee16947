"""Intrinsic-table rows for scipy.special: run by test_intrinsics.py (see its docstring for
what each row checks)."""
from rows import M, P, P2x3, PS, S, V, away, const, row, u

SP = "scipy.special."
NONINT = const([-2.6, -1.3, -0.4, 0.7, 1.9, 3.2])      # negative and positive non-integers
UNIT = u(0.1, 0.9, 3)                                   # probabilities
BESSEL_X = u(0.3, 4, 3)                                 # where the Y functions are defined


def unary(name, domain, scalar_domain=None):
    """A row on an array and one on a number."""
    return [row(f"{SP}{name}", "x", f"{SP}{name}(x)", [domain]),
            row(f"{SP}{name}-scalar", "x", f"{SP}{name}(x) * x",
                [scalar_domain or (lambda rng: float(domain(rng)[0]))])]


ROWS = [
    row("scipy.special.expit", "x", "scipy.special.expit(x)", [V]),
    row("scipy.special.expit-scalar", "x", "scipy.special.expit(x)", [u(-3, 3)]),
    *unary("logit", UNIT),
    # logsumexp: axes, keepdims, weights b (differentiable, broadcasting, negative with the sign)
    row(f"{SP}logsumexp", "x", f"{SP}logsumexp(x)", [M]),
    row(f"{SP}logsumexp-vector", "x", f"{SP}logsumexp(x) * x", [V]),
    row(f"{SP}logsumexp-axis", "x", f"{SP}logsumexp(x, axis=1)", [M]),
    row(f"{SP}logsumexp-axis0-keepdims", "x", f"{SP}logsumexp(x, 0, keepdims=True) * x", [M]),
    row(f"{SP}logsumexp-axes", "x", f"{SP}logsumexp(x, axis=(0, 1))", [M]),
    row(f"{SP}logsumexp-b", "x, w", f"{SP}logsumexp(x, b=w)", [M, P2x3]),
    row(f"{SP}logsumexp-b-axis", "x, w", f"{SP}logsumexp(x, axis=1, b=w)", [M, P2x3]),
    row(f"{SP}logsumexp-b-broadcast", "x, w", f"{SP}logsumexp(x, axis=-1, b=w)", [M, P]),
    row(f"{SP}logsumexp-b-bigger", "x, w", f"{SP}logsumexp(x, axis=0, b=w)", [P, P2x3]),
    row(f"{SP}logsumexp-b-only", "w", f"{SP}logsumexp(np.array([0.3, -0.2, 1.1]), b=w)", [P]),
    row(f"{SP}logsumexp-sign", "x, w",
        f"v, s = {SP}logsumexp(x, axis=1, b=w, return_sign=True)\nv * s",
        [M, const([[1.0, -2.0, 0.5], [-1.0, -0.3, 0.2]])]),
    row(f"{SP}logsumexp-sign-value", "x",
        f"r = {SP}logsumexp(x, b=np.array([1.0, -3.0, 0.5]), return_sign=True)\nr[0] + r[1]",
        [u(-0.5, 0.5, 3)]),
    row(f"{SP}logsumexp-sign-tuple", "x",
        f"{SP}logsumexp(x, axis=0, b=np.array([[1.0], [-3.0]]), return_sign=True)",
        [u(-0.5, 0.5, 2, 3)]),
    row(f"{SP}softmax", "x", f"{SP}softmax(x)", [V]),
    row(f"{SP}softmax-axis", "x", f"{SP}softmax(x, axis=1)", [M]),
    row(f"{SP}softmax-axis0", "x", f"{SP}softmax(x, 0) * x", [M]),
    row(f"{SP}log_softmax", "x", f"{SP}log_softmax(x)", [M]),
    row(f"{SP}log_softmax-axis", "x", f"{SP}log_softmax(x, axis=-1) * x", [M]),
    # gamma and friends on negative and positive non-integers
    *unary("gammaln", NONINT),
    *unary("gamma", NONINT),
    *unary("rgamma", NONINT),
    row(f"{SP}rgamma-poles", "x", f"{SP}rgamma(x - np.array([0.0, 1.0, 2.0]))",
        [const([0.0, 0.0, 0.0])]),
    row(f"{SP}gammasgn", "x", f"x * {SP}gammasgn(x)", [NONINT]),
    *unary("digamma", NONINT),
    row(f"{SP}psi", "x", f"{SP}psi(x) * x", [NONINT]),
    row(f"{SP}polygamma", "x", f"{SP}polygamma(2, x)", [NONINT]),
    row(f"{SP}polygamma-orders", "x", f"{SP}polygamma(np.array([0, 1, 3]), x)", [P]),
    row(f"{SP}polygamma-scalar", "x", f"{SP}polygamma(1, x) * x", [PS]),
    row(f"{SP}multigammaln", "x", f"{SP}multigammaln(x, 3)", [u(1.2, 3)]),
    row(f"{SP}multigammaln-array", "x", f"{SP}multigammaln(x, 2)", [u(0.8, 3, 3)]),
    row(f"{SP}beta", "a, b", f"{SP}beta(a, b)", [P, P]),
    row(f"{SP}beta-broadcast", "a, b", f"{SP}beta(b, a)", [PS, P2x3]),
    row(f"{SP}beta-negative", "a, b", f"{SP}beta(a, b)", [const([-0.4, 1.3]), const(0.7)]),
    row(f"{SP}betaln", "a, b", f"{SP}betaln(a, b)", [P, P]),
    row(f"{SP}betaln-broadcast", "a, b", f"{SP}betaln(a, b) * a", [P2x3, P]),
    # error functions and the normal distribution
    *unary("erf", u(-2, 2, 3)),
    *unary("erfc", u(-2, 2, 3)),
    *unary("erfinv", u(-0.9, 0.9, 3)),
    *unary("erfcinv", u(0.1, 1.9, 3)),
    *unary("erfcx", u(-2, 3, 3)),
    *unary("ndtr", u(-3, 3, 3)),
    *unary("ndtri", UNIT),
    *unary("log_ndtr", u(-3, 3, 3)),
    row(f"{SP}log_ndtr-tails", "x", f"{SP}log_ndtr(x)", [const([-30.0, -8.0, 6.0])]),
    # x log y and entropies
    row(f"{SP}xlogy", "x, t", f"{SP}xlogy(x, t)", [V, P]),
    row(f"{SP}xlogy-broadcast", "x, t", f"{SP}xlogy(t, x)", [P2x3, S]),
    row(f"{SP}xlogy-scalar", "x, t", f"{SP}xlogy(x, t) * t", [S, PS]),
    row(f"{SP}xlog1py", "x, t", f"{SP}xlog1py(x, t)", [V, u(-0.5, 2, 3)]),
    row(f"{SP}xlog1py-scalar", "x, t", f"{SP}xlog1py(x, t) * x", [S, PS]),
    row(f"{SP}xlogy-self", "x", f"{SP}xlogy(x, x)", [P]),
    row(f"{SP}entr", "x", f"{SP}entr(x)", [P]),
    row(f"{SP}entr-scalar", "x", f"{SP}entr(x) * x", [PS]),
    row(f"{SP}rel_entr", "x, t", f"{SP}rel_entr(x, t)", [P, P]),
    row(f"{SP}rel_entr-broadcast", "x, t", f"{SP}rel_entr(t, x)", [P2x3, PS]),
    # Bessel functions, in x (the orders constants or arrays of constants)
    *unary("j0", u(-4, 4, 3)),
    *unary("j1", u(-4, 4, 3)),
    *unary("y0", BESSEL_X),
    *unary("y1", BESSEL_X),
    *unary("i0", u(-3, 3, 3)),
    *unary("i1", u(-3, 3, 3)),
    *unary("i0e", away(0.2, 3, 3)),
    *unary("i1e", away(0.2, 3, 3)),
    row(f"{SP}jv", "x", f"{SP}jv(1.5, x)", [BESSEL_X]),
    row(f"{SP}jv-orders", "x", f"{SP}jv(np.array([0.0, 2.5, -1.5]), x) * x", [BESSEL_X]),
    row(f"{SP}jn", "x", f"{SP}jn(2, x)", [u(-4, 4, 3)]),
    row(f"{SP}jn-scalar", "x", f"{SP}jn(0, x) * x", [u(-4, 4)]),
    row(f"{SP}yn", "x", f"{SP}yn(2, x)", [BESSEL_X]),
    row(f"{SP}yn-orders", "x", f"{SP}yn(np.array([0, 1, 3]), x)", [BESSEL_X]),
    row(f"{SP}yv", "x", f"{SP}yv(0.5, x) * x", [BESSEL_X]),
    row(f"{SP}iv", "x", f"{SP}iv(1.5, x)", [BESSEL_X]),
    row(f"{SP}iv-integer", "x", f"{SP}iv(np.array([0, 1, 2]), x)", [u(-3, 3, 3)]),
    row(f"{SP}iv-scalar", "x", f"{SP}iv(0.0, x) * x", [u(-3, 3)]),
    row(f"{SP}ive", "x", f"{SP}ive(1.5, x)", [BESSEL_X]),
    row(f"{SP}ive-negative", "x", f"{SP}ive(np.array([0, 1, 2]), x) * x", [away(0.2, 3, 3)]),
    # incomplete gamma and beta, in x
    row(f"{SP}gammainc", "x", f"{SP}gammainc(np.array([0.5, 1.0, 2.5]), x)", [P]),
    row(f"{SP}gammainc-scalar", "x", f"{SP}gammainc(1.7, x) * x", [PS]),
    row(f"{SP}gammaincc", "x", f"{SP}gammaincc(np.array([0.5, 1.0, 2.5]), x)", [P]),
    row(f"{SP}gammaincc-broadcast", "x", f"{SP}gammaincc(np.array([[0.7], [3.0]]), x)", [P]),
    row(f"{SP}betainc", "x", f"{SP}betainc(np.array([0.5, 1.0, 2.5]), 1.5, x)",
        [u(0.1, 0.9, 3)]),
    row(f"{SP}betainc-scalar", "x", f"{SP}betainc(2.0, 0.5, x) * x", [u(0.1, 0.9)]),
]
