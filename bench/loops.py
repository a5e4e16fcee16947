"""The loop-heavy cases of issue 15, as plain Python in the subset sct accepts (sct reads this
module).

Each is written the way numerical code is written elsewhere (no rewriting for sct's sake): a
state vector indexed by number, a user function called per step, a name reassigned along a
loop.  Heron, Horner and Rosenbrock are the scalar group's (``bench/scalar.py``).
``bench/loops_peers.py`` holds the inputs and each peer's port.
"""
import math

import numpy as np

from .scalar import heron, horner, rosenbrock  # noqa: F401 (the scalar group's, timed here too)


def pendulum_rhs(state, gravity, length):
    """The pendulum's vector field: (angle, angular velocity) -> their time derivatives."""
    return np.array([state[1], -(gravity / length) * math.sin(state[0])])


def pendulum(state0, gravity, length, dt, steps):
    """A pendulum integrated by classical Runge-Kutta; the final energy-like value."""
    state = state0
    for _ in range(steps):
        k1 = pendulum_rhs(state, gravity, length)
        k2 = pendulum_rhs(state + 0.5 * dt * k1, gravity, length)
        k3 = pendulum_rhs(state + 0.5 * dt * k2, gravity, length)
        k4 = pendulum_rhs(state + dt * k3, gravity, length)
        state = state + dt / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return 0.5 * state[1] ** 2 - gravity / length * math.cos(state[0])


def norm_cdf(x):
    """The standard normal distribution function."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def call_price(spot, strike, expiry, rate, vol):
    """Black and Scholes' price of a European call."""
    d1 = (math.log(spot / strike) + (rate + 0.5 * vol ** 2) * expiry) / (vol * math.sqrt(expiry))
    d2 = d1 - vol * math.sqrt(expiry)
    return spot * norm_cdf(d1) - strike * math.exp(-rate * expiry) * norm_cdf(d2)


def option_book(spots, strikes, expiries, rate, vol):
    """The value of a book of calls, one per (spot, strike, expiry)."""
    total = 0.0
    for i in range(len(spots)):
        total += call_price(spots[i], strikes[i], expiries[i], rate, vol)
    return total


def kalman(observations, q, r, x0, p0):
    """The log-likelihood of a random walk seen in noise, by a scalar Kalman filter."""
    x = x0
    P = p0
    loglik = 0.0
    for t in range(len(observations)):
        P = P + q
        S = P + r
        K = P / S
        innovation = observations[t] - x
        loglik -= 0.5 * (math.log(2.0 * math.pi * S) + innovation ** 2 / S)
        x = x + K * innovation
        P = (1.0 - K) * P
    return loglik


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def lstm(W, U, b, xs, h0, c0):
    """A one-layer LSTM run over a sequence; the sum of squares of its hidden states."""
    hidden = len(h0)
    h = h0
    c = c0
    loss = 0.0
    for t in range(xs.shape[0]):
        z = W @ xs[t] + U @ h + b
        i = sigmoid(z[:hidden])
        f = sigmoid(z[hidden:2 * hidden])
        o = sigmoid(z[2 * hidden:3 * hidden])
        g = np.tanh(z[3 * hidden:])
        c = f * c + i * g
        h = o * np.tanh(c)
        loss = loss + np.sum(h ** 2)
    return loss


def heat(u0, alpha, dt, dx, steps):
    """The explicit scheme for u_t = alpha u_xx with fixed ends; the final sum of squares."""
    ratio = alpha * dt / dx ** 2
    u = u0
    for _ in range(steps):
        interior = u[1:-1] + ratio * (u[2:] - 2.0 * u[1:-1] + u[:-2])
        u = np.concatenate([u[:1], interior, u[-1:]])
    return np.sum(u ** 2)


def fixed_point(a, iterations):
    """The fixed point of x = cos(a x), by a fixed number of iterations."""
    x = 1.0
    for _ in range(iterations):
        x = math.cos(a * x)
    return x


def kepler(mean_anomaly, ecc, tol):
    """Kepler's equation E - ecc sin E = M solved by Newton's method in a while loop."""
    E = mean_anomaly
    step = 1.0
    while abs(step) > tol:
        step = (E - ecc * math.sin(E) - mean_anomaly) / (1.0 - ecc * math.cos(E))
        E = E - step
    return E
