"""GradBench's lstm: the tool (bench/gradbench/lstm.py, sct's gradient) against the eval's
batched reference (bench/gradbench/eval/lstm.py), tighter than GradBench's 1e-4 (the
gradient's entries are below 0.05), and that reference against a third, scalar one: a loop
over the bits with ``math``, the pseudo-code of PROTOCOL.md line by line."""
import math

import numpy as np
import pytest

from bench.gradbench import lstm
from bench.gradbench.eval import lstm as lstm_eval


def scalar_loss(data):
    main, extra, state, seq = (data[k] for k in ("main_params", "extra_params", "state",
                                                 "sequence"))
    layers, b = len(state) // 2, len(state[0])
    h = [list(state[2 * l]) for l in range(layers)]
    c = [list(state[2 * l + 1]) for l in range(layers)]
    sig = lambda z: 1.0 / (1.0 + math.exp(-z))  # noqa: E731
    total = 0.0
    for t in range(len(seq) - 1):
        v = [seq[t][j] * extra[0][j] for j in range(b)]
        for l in range(layers):
            w, bias = main[2 * l], main[2 * l + 1]
            for j in range(b):
                f = sig(v[j] * w[j] + bias[j])
                i = sig(h[l][j] * w[b + j] + bias[b + j])
                o = sig(v[j] * w[2 * b + j] + bias[2 * b + j])
                g = math.tanh(h[l][j] * w[3 * b + j] + bias[3 * b + j])
                c[l][j] = c[l][j] * f + i * g
                h[l][j] = o * math.tanh(c[l][j])
            v = list(h[l])
        y = [v[j] * extra[1][j] + extra[2][j] for j in range(b)]
        lse = math.log(sum(math.exp(yj) for yj in y) + 2)
        total += sum(seq[t + 1][j] * (y[j] - lse) for j in range(b))
    return -total / ((len(seq) - 1) * b)


@pytest.fixture(scope="module")
def functions():
    return lstm.define()


@pytest.mark.parametrize("layers, keep", [(2, 8), (4, 5), (2, 40)])
def test_reference_is_the_pseudo_code(layers, keep):
    data = lstm_eval.read(layers, 1024, keep)
    assert abs(lstm_eval.loss(data) - scalar_loss(data)) < 1e-13


@pytest.mark.parametrize("layers, keep", [(2, 8), (4, 5)])
def test_tool_against_central_differences(functions, layers, keep):
    data = lstm_eval.read(layers, 1024, keep)
    args = lstm.arguments(data)
    before = [np.copy(a) for a in args]
    value = functions["objective"].compute(*args)
    assert abs(value - scalar_loss(data)) < 1e-13
    jac = functions["jacobian"].output(functions["jacobian"].compute(*args))
    assert len(jac) == 8 * layers * 14 + 3 * 14
    assert np.max(np.abs(np.array(jac) - lstm_eval.gradient(data))) < 1e-8
    assert all(np.array_equal(a, b) for a, b in zip(args, before))   # the state is copied
