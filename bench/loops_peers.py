"""Each peer's own version of the loop-heavy cases (bench/loops.py); a peer is
``make(case) -> call``, as for the scalar cases.

``call()`` returns the gradient with respect to the case's ``wrt`` parameters, in a form
``to_flat`` turns into one vector.  The JAX and PyTorch versions are ports of the programs
(``jnp`` or ``torch`` in place of ``np`` and ``math``); where ``jax.jit`` needs it the loop is a
``lax`` loop, with the integer arguments (step counts) static.  tangent-ad gets the programs of
bench/loops.py as they are: what it refuses is its report.
"""
import time

import numpy as np

from . import loops
from .gmm_peers import CannotRun
from .scalar_peers import central_differences, to_flat  # noqa: F401  (to_flat: run.py's)

_rng = np.random.default_rng(0)

# name -> (function, arguments, wrt); the draws from _rng in this order
CASES = {
    "pendulum": (loops.pendulum, (np.array([1.0, 0.0]), 9.81, 1.0, 0.01, 2000), (0, 1, 2)),
    "option_book": (loops.option_book, (_rng.uniform(80, 120, 100), _rng.uniform(80, 120, 100),
                                        _rng.uniform(0.2, 2, 100), 0.03, 0.2),
                    (0, 1, 2, 3, 4)),
    "kalman": (loops.kalman, (np.cumsum(_rng.standard_normal(5000)), 0.5, 1.0, 0.0, 1.0),
               (1, 2, 3, 4)),
    "lstm": (loops.lstm, (_rng.standard_normal((32, 4)) * 0.3, _rng.standard_normal((32, 8)) * 0.3,
                          _rng.standard_normal(32) * 0.1, _rng.standard_normal((200, 4)),
                          np.zeros(8), np.zeros(8)), (0, 1, 2)),
    "heat": (loops.heat, (np.sin(np.linspace(0, np.pi, 64)), 1.0, 1e-4, 1 / 63, 500), (0, 1)),
    "heron": (loops.heron, (2.0, 1e-12), (0,)),
    "horner": (loops.horner, (_rng.standard_normal(10), 0.7), (0, 1)),
    "rosenbrock": (loops.rosenbrock, (_rng.uniform(-1, 1, 10),), (0,)),
    "fixed_point": (loops.fixed_point, (0.7, 100), (0,)),
    "kepler": (loops.kepler, (1.1, 0.3, 1e-12), (0, 1)),
}
DESCRIPTIONS = {
    "pendulum": "a pendulum by classical Runge-Kutta, 2000 steps of a 2-vector state through a "
                "user function called 4 times a step; gradient in (state0, gravity, length)",
    "option_book": "Black-Scholes values of a book of 100 calls (`math.log`, `math.erf`, "
                   "`math.exp` per option); gradient in (spots, strikes, expiries, rate, vol)",
    "kalman": "scalar Kalman filter log-likelihood over 5000 observations; gradient in "
              "(q, r, x0, p0)",
    "lstm": "one-layer LSTM, 4 inputs, 8 hidden units, 200 steps (`W @ x + U @ h + b`, "
            "sigmoid, tanh); gradient in (W 32×4, U 32×8, b 32)",
    "heat": "explicit heat equation, 64 points, 500 steps (slices and `np.concatenate`); "
            "gradient in (u0, alpha)",
    "heron": "Heron's square root of 2.0 (while loop to 1e-12), derivative in a",
    "horner": "Horner's rule, 10 coefficients, gradient in (coeffs, x)",
    "rosenbrock": "Rosenbrock, loop form, 10 variables, gradient in x",
    "fixed_point": "100 iterations of x = cos(a x), derivative in a",
    "kepler": "Kepler's equation by Newton's method (while loop to 1e-12), M = 1.1, e = 0.3; "
              "gradient in (M, e)",
}
# the cases whose loop runs until a condition on the values holds (not a fixed trip count)
WHILE_LOOPS = ("heron", "kepler")


def make_function(name):
    f, args, wrt = CASES[name]
    return lambda: f(*args)


def make_sct(name):
    import sct
    f, args, wrt = CASES[name]
    g = sct.grad(f, wrt=wrt)
    return lambda: g(*args)


# program -> seconds of sct.grad(jit=True)'s first call (numba's compilation, or its load from
# numba's cache on disk when an earlier run left it there), as make_sct_jit measured it
FIRST_CALL = {}


def make_sct_jit(name):
    import sct
    f, args, wrt = CASES[name]
    g = sct.grad(f, wrt=wrt, jit=True)
    start = time.perf_counter()
    g(*args)
    FIRST_CALL[name] = time.perf_counter() - start
    return lambda: g(*args)


def make_central_differences(name):
    f, args, wrt = CASES[name]
    return lambda: central_differences(f, args, wrt)


def central_differences_calls(name):
    """Function calls per central-differences gradient: two per entry of the wrt inputs."""
    f, args, wrt = CASES[name]
    return 2 * sum(int(np.size(args[i])) for i in wrt)


# ------------------------------------------------------------------ JAX

def _jax_versions():
    """(jax, jnp, {name: port}): the ports for jax.jit, as close to bench/loops.py as jit
    allows; a long loop is a lax loop (a Python loop would be unrolled into the compiled
    program, thousands of copies), a short one (horner, rosenbrock) stays a Python loop."""
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    lax = jax.lax

    def pendulum_rhs(state, gravity, length):
        return jnp.array([state[1], -(gravity / length) * jnp.sin(state[0])])

    def pendulum(state0, gravity, length, dt, steps):
        def step(_, state):
            k1 = pendulum_rhs(state, gravity, length)
            k2 = pendulum_rhs(state + 0.5 * dt * k1, gravity, length)
            k3 = pendulum_rhs(state + 0.5 * dt * k2, gravity, length)
            k4 = pendulum_rhs(state + dt * k3, gravity, length)
            return state + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        state = lax.fori_loop(0, steps, step, state0)
        return 0.5 * state[1] ** 2 - gravity / length * jnp.cos(state[0])

    def norm_cdf(x):
        return 0.5 * (1.0 + jax.scipy.special.erf(x / jnp.sqrt(2.0)))

    def call_price(spot, strike, expiry, rate, vol):
        d1 = (jnp.log(spot / strike) + (rate + 0.5 * vol ** 2) * expiry) / (vol * jnp.sqrt(expiry))
        d2 = d1 - vol * jnp.sqrt(expiry)
        return spot * norm_cdf(d1) - strike * jnp.exp(-rate * expiry) * norm_cdf(d2)

    def option_book(spots, strikes, expiries, rate, vol):
        def add(i, total):
            return total + call_price(spots[i], strikes[i], expiries[i], rate, vol)
        return lax.fori_loop(0, len(spots), add, 0.0)

    def kalman(observations, q, r, x0, p0):
        def step(carry, observation):
            x, P, loglik = carry
            P = P + q
            S = P + r
            K = P / S
            innovation = observation - x
            loglik = loglik - 0.5 * (jnp.log(2.0 * jnp.pi * S) + innovation ** 2 / S)
            x = x + K * innovation
            P = (1.0 - K) * P
            return (x, P, loglik), None
        (_, _, loglik), _ = lax.scan(step, (x0, p0, 0.0), observations)
        return loglik

    def sigmoid(z):
        return 1.0 / (1.0 + jnp.exp(-z))

    def lstm(W, U, b, xs, h0, c0):
        hidden = len(h0)

        def step(carry, x):
            h, c, loss = carry
            z = W @ x + U @ h + b
            i = sigmoid(z[:hidden])
            f = sigmoid(z[hidden:2 * hidden])
            o = sigmoid(z[2 * hidden:3 * hidden])
            g = jnp.tanh(z[3 * hidden:])
            c = f * c + i * g
            h = o * jnp.tanh(c)
            return (h, c, loss + jnp.sum(h ** 2)), None
        (_, _, loss), _ = lax.scan(step, (h0, c0, 0.0), xs)
        return loss

    def heat(u0, alpha, dt, dx, steps):
        ratio = alpha * dt / dx ** 2

        def step(_, u):
            interior = u[1:-1] + ratio * (u[2:] - 2.0 * u[1:-1] + u[:-2])
            return jnp.concatenate([u[:1], interior, u[-1:]])
        return jnp.sum(lax.fori_loop(0, steps, step, u0) ** 2)

    def heron(a, tol):
        # jit cannot branch on a traced value: the loop is lax.while_loop
        return lax.while_loop(lambda x: jnp.abs(x * x - a) > tol * a,
                              lambda x: 0.5 * (x + a / x), a)

    def fixed_point(a, iterations):
        return lax.fori_loop(0, iterations, lambda _, x: jnp.cos(a * x), 1.0)

    def kepler(mean_anomaly, ecc, tol):
        def newton(carry):
            E, _ = carry
            step = (E - ecc * jnp.sin(E) - mean_anomaly) / (1.0 - ecc * jnp.cos(E))
            return E - step, step
        E, _ = lax.while_loop(lambda carry: jnp.abs(carry[1]) > tol, newton,
                              (mean_anomaly, 1.0))
        return E

    return jax, jnp, {"pendulum": pendulum, "option_book": option_book, "kalman": kalman,
                      "lstm": lstm, "heat": heat, "heron": heron, "horner": loops.horner,
                      "rosenbrock": loops.rosenbrock, "fixed_point": fixed_point,
                      "kepler": kepler}


def _jax_eager_versions():
    """Ports for jax.grad without jit: Python loops and Python conditions, as written."""
    import jax
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    def fixed_point(a, iterations):
        x = 1.0
        for _ in range(iterations):
            x = jnp.cos(a * x)
        return x

    def kepler(mean_anomaly, ecc, tol):
        E = mean_anomaly
        step = 1.0
        while abs(step) > tol:
            step = (E - ecc * jnp.sin(E) - mean_anomaly) / (1.0 - ecc * jnp.cos(E))
            E = E - step
        return E

    return jax, jnp, {"heron": loops.heron, "horner": loops.horner,
                      "rosenbrock": loops.rosenbrock, "fixed_point": fixed_point,
                      "kepler": kepler}


def _jax_args(jnp, args):
    return [jnp.asarray(a) if np.ndim(a) else a for a in args]


def _static(args):
    """The positions of the integer arguments (step counts): static for jax.jit."""
    return tuple(i for i, a in enumerate(args) if isinstance(a, int))


def make_jax_jit(name):
    jax, jnp, versions = _jax_versions()
    f, args, wrt = CASES[name]
    g = jax.jit(jax.grad(versions[name], argnums=wrt), static_argnums=_static(args))
    args = _jax_args(jnp, args)
    return lambda: jax.block_until_ready(g(*args))


EAGER_JAX_NOT_RUN = (
    "not run: without jit, JAX dispatches every operation of the loop on its own (~0.8 ms "
    "per iteration of fixed_point's one-line loop); one gradient of the jit ports with "
    "jax.disable_jit() took 8.7 s (option_book), 8.0 s (heat), 16 s (lstm)")


def make_jax(name):
    """jax.grad without jit, on the small cases only (see EAGER_JAX_NOT_RUN)."""
    jax, jnp, versions = _jax_eager_versions()
    if name not in versions:
        raise CannotRun(EAGER_JAX_NOT_RUN)
    f, args, wrt = CASES[name]
    g = jax.grad(versions[name], argnums=wrt)
    args = _jax_args(jnp, args)
    return lambda: jax.block_until_ready(g(*args))


# ------------------------------------------------------------------ PyTorch

def _torch_versions():
    import torch

    def pendulum_rhs(state, gravity, length):
        return torch.stack([state[1], -(gravity / length) * torch.sin(state[0])])

    def pendulum(state0, gravity, length, dt, steps):
        state = state0
        for _ in range(steps):
            k1 = pendulum_rhs(state, gravity, length)
            k2 = pendulum_rhs(state + 0.5 * dt * k1, gravity, length)
            k3 = pendulum_rhs(state + 0.5 * dt * k2, gravity, length)
            k4 = pendulum_rhs(state + dt * k3, gravity, length)
            state = state + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
        return 0.5 * state[1] ** 2 - gravity / length * torch.cos(state[0])

    def norm_cdf(x):
        return 0.5 * (1.0 + torch.erf(x / np.sqrt(2.0)))

    def call_price(spot, strike, expiry, rate, vol):
        d1 = (torch.log(spot / strike) + (rate + 0.5 * vol ** 2) * expiry) / (
            vol * torch.sqrt(expiry))
        d2 = d1 - vol * torch.sqrt(expiry)
        return spot * norm_cdf(d1) - strike * torch.exp(-rate * expiry) * norm_cdf(d2)

    def option_book(spots, strikes, expiries, rate, vol):
        total = 0.0
        for i in range(len(spots)):
            total += call_price(spots[i], strikes[i], expiries[i], rate, vol)
        return total

    def kalman(observations, q, r, x0, p0):
        x = x0
        P = p0
        loglik = 0.0
        for t in range(len(observations)):
            P = P + q
            S = P + r
            K = P / S
            innovation = observations[t] - x
            loglik -= 0.5 * (torch.log(2.0 * np.pi * S) + innovation ** 2 / S)
            x = x + K * innovation
            P = (1.0 - K) * P
        return loglik

    def sigmoid(z):
        return 1.0 / (1.0 + torch.exp(-z))

    def lstm(W, U, b, xs, h0, c0):
        hidden = len(h0)
        h = h0
        c = c0
        loss = 0.0
        for t in range(xs.shape[0]):
            z = W @ xs[t] + U @ h + b
            i = sigmoid(z[:hidden])
            f = sigmoid(z[hidden:2 * hidden])
            o = sigmoid(z[2 * hidden:3 * hidden])
            g = torch.tanh(z[3 * hidden:])
            c = f * c + i * g
            h = o * torch.tanh(c)
            loss = loss + torch.sum(h ** 2)
        return loss

    def heat(u0, alpha, dt, dx, steps):
        ratio = alpha * dt / dx ** 2
        u = u0
        for _ in range(steps):
            interior = u[1:-1] + ratio * (u[2:] - 2.0 * u[1:-1] + u[:-2])
            u = torch.cat([u[:1], interior, u[-1:]])
        return torch.sum(u ** 2)

    def fixed_point(a, iterations):
        x = 1.0
        for _ in range(iterations):
            x = torch.cos(a * x)
        return x

    def kepler(mean_anomaly, ecc, tol):
        E = mean_anomaly
        step = 1.0
        while abs(step) > tol:
            step = (E - ecc * torch.sin(E) - mean_anomaly) / (1.0 - ecc * torch.cos(E))
            E = E - step
        return E

    return torch, {"pendulum": pendulum, "option_book": option_book, "kalman": kalman,
                   "lstm": lstm, "heat": heat, "heron": loops.heron, "horner": loops.horner,
                   "rosenbrock": loops.rosenbrock, "fixed_point": fixed_point,
                   "kepler": kepler}


def make_torch(name):
    torch, versions = _torch_versions()
    f, args, wrt = CASES[name]
    # float64 tensors made once; the step counts stay Python integers
    leaves = [a if isinstance(a, int) else
              torch.tensor(np.asarray(a, dtype=float), dtype=torch.float64) for a in args]
    params = [leaves[i].requires_grad_() for i in wrt]
    fn = versions[name]
    return lambda: torch.autograd.grad(fn(*leaves), params)


# ------------------------------------------------------------------ tangent-ad

def tangent_reason(err):
    """tangent-ad's message without its banner ("====", "Tangent Error") and advice, to its
    first sentence; what the message leaves unsaid about np.concatenate, said."""
    lines = [line.strip() for line in str(err).strip().splitlines()]
    text = next((line for line in lines if line and set(line) != {"="} and
                 line != "Tangent Error"), "")
    text = text.replace("No gradient definition found for function: ", "")  # said twice
    text = text.split(". ")[0].rstrip(".") + "."
    if "found for None" in text:
        # found by trying: the same program in a module that imports tangent differentiates
        text += (" (the None is tangent.np_concat_seq, its rewrite of np.concatenate, looked "
                 "up in bench/loops.py's globals: with `import tangent` there, heat runs)")
    return f"{type(err).__name__}: {text}"[:300]


def make_tangent(name):
    """tangent.grad of the program of bench/loops.py itself (module level, as Tangent reads
    them).  tangent-ad has no adjoint of ``math``'s functions, and it rewrites
    ``np.concatenate`` into a call of ``tangent.np_concat_seq`` looked up in the program's
    module, which does not import tangent: those refusals are reported, not worked around."""
    import tangent
    f, args, wrt = CASES[name]
    try:
        g = tangent.grad(f, wrt=wrt, verbose=0)
        g(*args)
    except Exception as err:  # noqa: BLE001  (its refusal is the report)
        raise CannotRun(tangent_reason(err)) from err
    return lambda: g(*args)


PEERS = [
    ("function", "the function itself", make_function),
    ("sct", "sct.grad", make_sct),
    ("sct_jit", "sct.grad(jit=True)", make_sct_jit),
    ("jax_jit", "JAX jax.jit(jax.grad)", make_jax_jit),
    ("jax", "JAX jax.grad", make_jax),
    ("torch", "PyTorch autograd", make_torch),
    ("tangent", "tangent-ad", make_tangent),
    ("central_differences", "central differences", make_central_differences),
]
