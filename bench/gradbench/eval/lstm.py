"""lstm: ADBench's diagonal LSTM, its loss and the gradient in main_params and extra_params
(PROTOCOL.md, lstm), from ADBench's files (bench/gradbench/data/lstm_l*_c*.txt.xz).

Instances: "small" takes the first few characters of the l = 2 and l = 4 files (their
parameters and state whole); "baselines" the four files whole (GradBench's ``-l 2 4 -c 1024
4096``).

Reference, independent of the tool's module: ``losses`` runs the recurrence for a batch of
parameter sets at once (arrays of shape (sets, B) per layer, the four gates cut from each
row as they are needed), and the jacobian is central differences of it, every parameter's
two perturbed sets in one batch (step 1e-6 max(1, |p|); the loss is about 1, so rounding
costs about 1e-10).  At the baseline sizes that is one run of the recurrence over 2 (8LB + 3B)
sets, a few seconds.
"""
import lzma
from pathlib import Path

import numpy as np

from . import Case

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = [(2, 1024), (4, 1024), (2, 4096), (4, 4096)]


def read(layers, chars, keep=None):
    """GradBench's JSON input from ADBench's lstm_l{layers}_c{chars}.txt; ``keep``: the first
    characters only."""
    with lzma.open(DATA / f"lstm_l{layers}_c{chars}.txt.xz", "rt") as fh:
        lines = [line.split() for line in fh.read().splitlines()]
    l, c, b = (int(v) for v in lines[0])
    rows = [[float(v) for v in line] for line in lines[1:] if line]
    assert (l, c) == (layers, chars) and len(rows) == 4 * l + 3 + c, (l, c, len(rows))
    main, extra, state = rows[:2 * l], rows[2 * l:2 * l + 3], rows[2 * l + 3:4 * l + 3]
    sequence = rows[4 * l + 3:]
    assert all(len(r) == 4 * b for r in main) and all(len(r) == b for r in extra + state)
    return {"main_params": main, "extra_params": extra, "state": state,
            "sequence": sequence[:keep]}


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def losses(main, extra, state, sequence):
    """The loss for each set of parameters: main (sets, 2L, 4B), extra (sets, 3, B)."""
    layers, b = state.shape[0] // 2, state.shape[1]
    sets = main.shape[0]
    h = [np.tile(state[2 * l], (sets, 1)) for l in range(layers)]
    c = [np.tile(state[2 * l + 1], (sets, 1)) for l in range(layers)]
    total = np.zeros(sets)
    for t in range(len(sequence) - 1):
        x = sequence[t] * extra[:, 0]
        for l in range(layers):
            w, bias = main[:, 2 * l], main[:, 2 * l + 1]
            f = sigmoid(x * w[:, :b] + bias[:, :b])
            i = sigmoid(h[l] * w[:, b:2 * b] + bias[:, b:2 * b])
            o = sigmoid(x * w[:, 2 * b:3 * b] + bias[:, 2 * b:3 * b])
            g = np.tanh(h[l] * w[:, 3 * b:] + bias[:, 3 * b:])
            c[l] = c[l] * f + i * g
            h[l] = o * np.tanh(c[l])
            x = h[l]
        y = x * extra[:, 1] + extra[:, 2]
        lse = np.log(np.sum(np.exp(y), axis=1) + 2.0)
        total += np.sum(sequence[t + 1] * (y - lse[:, None]), axis=1)
    return -total / ((len(sequence) - 1) * b)


def _arrays(data):
    return [np.array(data[k], dtype=float)
            for k in ("main_params", "extra_params", "state", "sequence")]


def loss(data):
    main, extra, state, sequence = _arrays(data)
    return float(losses(main[None], extra[None], state, sequence)[0])


def gradient(data):
    """Central differences of the loss in main_params then extra_params, row-major."""
    main, extra, state, sequence = _arrays(data)
    p0 = np.concatenate([main.ravel(), extra.ravel()])
    n = p0.size
    steps = 1e-6 * np.maximum(1.0, np.abs(p0))
    sets = np.tile(p0, (2 * n, 1))
    sets[np.arange(n), np.arange(n)] += steps
    sets[n + np.arange(n), np.arange(n)] -= steps
    values = losses(sets[:, :main.size].reshape((2 * n,) + main.shape),
                    sets[:, main.size:].reshape((2 * n,) + extra.shape), state, sequence)
    return ((values[:n] - values[n:]) / (2 * steps)).tolist()


def cases(size="small"):
    if size == "small":
        inputs = [("l=2,c=8 (first 8 of lstm_l2_c1024)", read(2, 1024, keep=8)),
                  ("l=4,c=5 (first 5 of lstm_l4_c1024)", read(4, 1024, keep=5))]
    else:
        inputs = [(f"l={l},c={c}", read(l, c)) for l, c in FILES]
    out = []
    for name, data in inputs:
        out.append(Case("objective", data, name, lambda data=data: loss(data)))
        out.append(Case("jacobian", data, name, lambda data=data: gradient(data)))
    return out
