"""Each peer's own version of the scalar cases; a peer is ``make(case) -> call``, as for the GMM.

``call()`` returns the gradient with respect to the case's ``wrt`` parameters, in a form
``to_flat`` turns into one vector.
"""
import inspect

import numpy as np

from . import scalar
from .gmm_peers import numpy_of

_rng = np.random.default_rng(6)

# name -> (function, arguments, wrt, straight-line code?)
CASES = {
    "seed": (scalar.seed, (1.5, 2.0), (0, 1), True),
    "heron": (scalar.heron, (2.0, 1e-12), (0,), False),
    "horner": (scalar.horner, (np.round(_rng.standard_normal(10), 3), 0.7), (0, 1), False),
    "rosenbrock": (scalar.rosenbrock, (np.round(_rng.uniform(-1, 1, 10), 3),), (0,), False),
}
DESCRIPTIONS = {
    "seed": "`x1 * x2 + math.sin(x1)`, gradient in (x1, x2)",
    "heron": "Heron's square root of 2.0 (while loop to 1e-12), derivative in a",
    "horner": "Horner's rule, 10 coefficients, gradient in (coeffs, x)",
    "rosenbrock": "Rosenbrock, loop form, 10 variables, gradient in x",
}


def to_flat(result):
    if isinstance(result, (tuple, list)):
        return np.concatenate([np.ravel(numpy_of(r)) for r in result])
    return np.ravel(numpy_of(result))


def make_function(name):
    f, args, wrt, _ = CASES[name]
    return lambda: f(*args)


def make_sct(name):
    import sct
    f, args, wrt, _ = CASES[name]
    g = sct.grad(f, wrt=wrt)
    return lambda: g(*args)


def forward_seeds(name):
    """Tangents for one directional derivative: 1 along the first entry of each wrt input."""
    f, args, wrt, _ = CASES[name]
    seeds = []
    for i in wrt:
        if np.ndim(args[i]) == 0:
            seeds.append(1.0)
        else:
            e = np.zeros(np.shape(args[i]))
            e.flat[0] = 1.0
            seeds.append(e)
    return seeds


def make_sct_forward(name):
    import sct
    f, args, wrt, _ = CASES[name]
    d = sct.forward(f, wrt=wrt)
    seeds = forward_seeds(name)
    # a function with defaults (heron's tol) takes its tangents as keywords: d(a, tol, *, da)
    keywords = [p.name for p in inspect.signature(d).parameters.values()
                if p.kind is p.KEYWORD_ONLY]
    if keywords:
        named = dict(zip(keywords, seeds))
        return lambda: d(*args, **named)
    return lambda: d(*args, *seeds)


def central_differences(f, args, wrt):
    grads = []
    for i in wrt:
        x = np.asarray(args[i], dtype=float)
        g = np.empty(x.size)
        for j in range(x.size):
            h = 6e-6 * max(1.0, abs(x.flat[j]))
            plus, minus = list(args), list(args)
            if x.ndim == 0:
                plus[i], minus[i] = float(x) + h, float(x) - h
            else:
                plus[i], minus[i] = x.copy(), x.copy()
                plus[i].flat[j] += h
                minus[i].flat[j] -= h
            g[j] = (f(*plus) - f(*minus)) / (2 * h)
        grads.append(g)
    return tuple(grads)


def make_central_differences(name):
    f, args, wrt, _ = CASES[name]
    return lambda: central_differences(f, args, wrt)


# ------------------------------------------------------------------ JAX

def _jax_versions():
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    def seed(x1, x2):
        return x1 * x2 + jnp.sin(x1)

    def heron(a, tol=1e-12):
        x = a
        while abs(x * x - a) > tol * a:
            x = 0.5 * (x + a / x)
        return x

    def heron_lax(a, tol=1e-12):
        # jit cannot branch on a traced value: the idiomatic loop is lax.while_loop
        return jax.lax.while_loop(lambda x: jnp.abs(x * x - a) > tol * a,
                                  lambda x: 0.5 * (x + a / x), a)

    def horner(coeffs, x):
        result = 0.0
        for i in range(len(coeffs)):
            result = result * x + coeffs[i]
        return result

    def rosenbrock(x):
        total = 0.0
        for i in range(len(x) - 1):
            total += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
        return total

    return jax, jnp, {"seed": seed, "heron": heron, "heron_jit": heron_lax, "horner": horner,
                      "rosenbrock": rosenbrock}


def _jax_args(jnp, args):
    return [jnp.asarray(a) if np.ndim(a) else a for a in args]


def make_jax_jit(name):
    jax, jnp, versions = _jax_versions()
    f, args, wrt, _ = CASES[name]
    g = jax.jit(jax.grad(versions.get(name + "_jit", versions[name]), argnums=wrt))
    args = _jax_args(jnp, args)
    return lambda: jax.block_until_ready(g(*args))


def make_jax(name):
    jax, jnp, versions = _jax_versions()
    f, args, wrt, _ = CASES[name]
    g = jax.grad(versions[name], argnums=wrt)
    args = _jax_args(jnp, args)
    return lambda: jax.block_until_ready(g(*args))


# ------------------------------------------------------------------ PyTorch

def make_torch(name):
    import torch

    def seed(x1, x2):
        return x1 * x2 + torch.sin(x1)

    def heron(a, tol=1e-12):
        x = a
        while abs(x * x - a) > tol * a:
            x = 0.5 * (x + a / x)
        return x

    versions = {"seed": seed, "heron": heron, "horner": scalar.horner,
                "rosenbrock": scalar.rosenbrock}
    f, args, wrt, _ = CASES[name]
    leaves = [torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64) for a in args]
    params = [leaves[i].requires_grad_() for i in wrt]
    fn = versions[name]
    return lambda: torch.autograd.grad(fn(*leaves), params)


# ------------------------------------------------------------------ autograd

def make_autograd(name):
    import autograd
    import autograd.numpy as anp

    def seed(x1, x2):
        return x1 * x2 + anp.sin(x1)

    versions = {"seed": seed, "heron": scalar.heron, "horner": scalar.horner,
                "rosenbrock": scalar.rosenbrock}
    f, args, wrt, _ = CASES[name]
    g = autograd.grad(versions[name], argnum=wrt if len(wrt) > 1 else wrt[0])
    return lambda: g(*args)


# ------------------------------------------------------------------ tangent-ad

def make_tangent(name):
    import tangent

    from . import scalar_tangent
    f, args, wrt, _ = CASES[name]
    fn = getattr(scalar_tangent, name)
    g = tangent.grad(fn, wrt=wrt, verbose=0)
    return lambda: g(*args)


PEERS = [
    ("function", "the function itself", make_function),
    ("sct", "sct.grad", make_sct),
    ("sct_forward", "sct.forward (one directional derivative)", make_sct_forward),
    ("jax_jit", "JAX jax.jit(jax.grad)", make_jax_jit),
    ("jax", "JAX jax.grad", make_jax),
    ("torch", "PyTorch autograd", make_torch),
    ("autograd", "autograd", make_autograd),
    ("tangent", "tangent-ad", make_tangent),
    ("central_differences", "central differences", make_central_differences),
]
