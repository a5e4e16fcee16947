"""gmm: the Gaussian mixture log-posterior and its gradient (PROTOCOL.md, gmm), in GradBench's
input form (q and l apart, x as rows).

Instances:
- "small": ADBench's gmm/test.txt (d 2, K 3, n 1; bench/data/gmm_test.txt, its icf rows split
  into q and l), and seeded instances of ADBench's distributions at d 1, 3 and 4 with m > 0
  and γ ≠ 1, so that every term of the Wishart prior counts;
- "baselines": GradBench's sizes (``-d 2 10 20 -k 5 10 25 -n 1000``), instances generated
  from a fixed seed with ADBench's layout and distributions (``bench.gmm_data.generate``:
  alphas, l, q and points N(0, 1), means U(0, 1), six decimals, γ = 1, m = 0), as GradBench's
  eval generates its own; the cost depends on the sizes only.

References, independent of the tool's module: ``log_posterior`` builds each Q_k entry by entry
in loops over its columns and rows and takes the terms one component at a time (the tool
takes all components in one matrix product); the gradient is central differences of it,
at every size: a parameter of component c changes only that component's column of the
points' terms and its prior term, so each difference recomputes those alone and subtracts
the parts that change (step 1e-5 max(1, |p|); the objective is about 1e4 here, its parts
1e2, so the difference keeps its digits).  tests/test_gradbench_gmm.py checks
``log_posterior`` against ADBench's conformance values.
"""
import math

import numpy as np
import scipy.special

from bench import gmm_data

from . import Case

SIZES = [(d, k) for d in (2, 10, 20) for k in (5, 10, 25)]


def gradbench_input(inst):
    """GradBench's JSON input from a ``bench.gmm_data.Instance`` (icf rows: q, then l)."""
    d = inst.d
    return {"d": d, "k": inst.K, "n": inst.n, "x": inst.x.tolist(), "m": int(inst.wishart_m),
            "gamma": float(inst.wishart_gamma), "alpha": inst.alphas.tolist(),
            "mu": inst.means.tolist(), "q": inst.icf[:, :d].tolist(),
            "l": inst.icf[:, d:].tolist()}


def factor(q, l):
    """Q: exp(q) on the diagonal, l filling the strictly-lower part column by column."""
    d = len(q)
    Q = np.zeros((d, d))
    idx = 0
    for col in range(d):
        Q[col, col] = math.exp(q[col])
        for row in range(col + 1, d):
            Q[row, col] = l[idx]
            idx += 1
    return Q


def component_terms(x, alpha, mu, q, l):
    """alpha + Σ q − ½‖Q (x_i − mu)‖² for every point x_i, of one component."""
    y = (x - mu) @ factor(q, l).T
    return alpha + sum(q) - 0.5 * np.sum(y * y, axis=1)


def prior_term(q, l, m, gamma):
    return 0.5 * gamma ** 2 * (sum(math.exp(v) ** 2 for v in q) + sum(v * v for v in l)) \
        - m * sum(q)


def logsumexp(v, axis=None):
    mx = np.max(v, axis=axis, keepdims=True)
    return np.squeeze(np.log(np.sum(np.exp(v - mx), axis=axis, keepdims=True)) + mx, axis=axis)


def parts(p):
    """The objective's pieces: (terms (n, K), prior terms (K,), the constant)."""
    x, d, k, n, m, gamma = p["x"], p["d"], p["k"], p["n"], p["m"], p["gamma"]
    terms = np.stack([component_terms(x, p["alpha"][c], p["mu"][c], p["q"][c], p["l"][c])
                      for c in range(k)], axis=1)
    priors = np.array([prior_term(p["q"][c], p["l"][c], m, gamma) for c in range(k)])
    dof = d + m + 1
    const = -0.5 * n * d * math.log(2 * math.pi) + k * (
        dof * d * (math.log(gamma) - 0.5 * math.log(2)) - scipy.special.multigammaln(0.5 * dof, d))
    return terms, priors, const


def arrays(data):
    d, k = data["d"], data["k"]
    return {"d": d, "k": k, "n": data["n"], "m": data["m"], "gamma": float(data["gamma"]),
            "x": np.array(data["x"], dtype=float).reshape(data["n"], d),
            "alpha": np.array(data["alpha"], dtype=float),
            "mu": np.array(data["mu"], dtype=float).reshape(k, d),
            "q": np.array(data["q"], dtype=float).reshape(k, d),
            "l": np.array(data["l"], dtype=float).reshape(k, d * (d - 1) // 2)}


def log_posterior(data):
    """The objective of PROTOCOL.md (the Wishart prior with GradBench's sign)."""
    p = arrays(data)
    terms, priors, const = parts(p)
    return float(const + np.sum(logsumexp(terms, axis=1)) - p["n"] * logsumexp(p["alpha"])
                 - np.sum(priors))


def gradient(data):
    """Central differences of ``log_posterior`` in alpha, mu, q and l, per entry."""
    p = arrays(data)
    terms, priors, _ = parts(p)
    n, m, gamma, x = p["n"], p["m"], p["gamma"], p["x"]
    lse = logsumexp(terms, axis=1)

    def change(c, name, j, h):
        """objective(p with p[name][c][j] + h) − objective(p), from the parts that move."""
        comp = {key: np.array(p[key][c], dtype=float) for key in ("alpha", "mu", "q", "l")}
        comp[name] = np.array(comp[name], dtype=float)
        if name == "alpha":
            comp[name] = comp[name] + h
        else:
            comp[name][j] += h
        moved = np.array(terms)
        moved[:, c] = component_terms(x, comp["alpha"], comp["mu"], comp["q"], comp["l"])
        delta = np.sum(logsumexp(moved, axis=1) - lse)
        delta -= prior_term(comp["q"], comp["l"], m, gamma) - priors[c]
        if name == "alpha":
            alpha = np.array(p["alpha"])
            alpha[c] += h
            delta -= n * (logsumexp(alpha) - logsumexp(p["alpha"]))
        return delta

    out = {}
    for name in ("alpha", "mu", "q", "l"):
        g = np.zeros_like(p[name])
        for index in np.ndindex(g.shape):
            c, j = index[0], index[1:]
            h = 1e-5 * max(1.0, abs(p[name][index]))
            g[index] = (change(c, name, j, h) - change(c, name, j, -h)) / (2 * h)
        out[name] = g.tolist()
    return out


def _instances(size):
    if size == "small":
        return [("test", gmm_data.test_instance())] + [
            (f"d{d}_K{k}_n{n}_m{m}", _with_prior(gmm_data.generate(d, k, n, seed=d * 100 + k),
                                                 m, gamma))
            for d, k, n, m, gamma in [(1, 2, 6, 1, 0.5), (3, 4, 12, 2, 1.5), (4, 3, 9, 0, 2.0)]]
    return [(f"{d}_{k}_1000", gmm_data.generate(d, k, 1000)) for d, k in SIZES]


def _with_prior(inst, m, gamma):
    inst.wishart_m, inst.wishart_gamma = m, gamma
    return inst


def cases(size="small"):
    out = []
    for name, inst in _instances(size):
        data = gradbench_input(inst)
        out.append(Case("objective", data, name, lambda data=data: log_posterior(data)))
        out.append(Case("jacobian", data, name, lambda data=data: gradient(data)))
    return out
