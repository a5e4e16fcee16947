"""GradBench's ``lstm`` eval: ADBench's diagonal LSTM (PROTOCOL.md, lstm), its loss and the
gradient in main_params and extra_params by ``sct.grad``.

The math is a loop over the characters and, inside it, over the layers, each step
elementwise over the B bits (the gate weights act entry by entry); σ is
``scipy.special.expit``.  The gate weights and biases are split into their four blocks
before the loop, each layer's hidden and cell state is an item of a list (the caller's state
is left as it was), and the top layer's output of every character is kept, so that the loss
over all characters is taken after the loop, vectorised.
"""
import numpy as np
import scipy.special

import sct

from .tool import Function


def objective(main_params, extra_params, state, sequence):
    n_layers = main_params.shape[0] // 2
    count, b = sequence.shape
    weights, biases = main_params[0::2], main_params[1::2]
    w_forget, w_in, w_out, w_change = (weights[:, 0:b], weights[:, b:2 * b],
                                       weights[:, 2 * b:3 * b], weights[:, 3 * b:4 * b])
    b_forget, b_in, b_out, b_change = (biases[:, 0:b], biases[:, b:2 * b],
                                       biases[:, 2 * b:3 * b], biases[:, 3 * b:4 * b])
    hidden = [state[2 * i] for i in range(n_layers)]
    cell = [state[2 * i + 1] for i in range(n_layers)]
    outputs = []
    for t in range(count - 1):
        v = sequence[t] * extra_params[0]
        for i in range(n_layers):
            forget = scipy.special.expit(v * w_forget[i] + b_forget[i])
            ingate = scipy.special.expit(hidden[i] * w_in[i] + b_in[i])
            outgate = scipy.special.expit(v * w_out[i] + b_out[i])
            change = np.tanh(hidden[i] * w_change[i] + b_change[i])
            cell[i] = cell[i] * forget + ingate * change
            hidden[i] = outgate * np.tanh(cell[i])
            v = hidden[i]
        outputs.append(v)
    y = np.array(outputs) * extra_params[1] + extra_params[2]
    lse = np.log(np.sum(np.exp(y), axis=1) + 2.0)
    total = np.sum(sequence[1:] * (y - lse[:, None]))
    return -total / ((count - 1) * b)


def arguments(data):
    """(main_params, extra_params, state, sequence) as arrays, from GradBench's JSON input."""
    return tuple(np.array(data[key], dtype=float)
                 for key in ("main_params", "extra_params", "state", "sequence"))


def jacobian_output(grads):
    main, extra = grads
    return np.concatenate([np.ravel(main), np.ravel(extra)]).tolist()


def define():
    gradient = sct.grad(objective, wrt=("main_params", "extra_params"))
    return {"objective": Function(objective, arguments=arguments, output=float),
            "jacobian": Function(gradient, arguments=arguments, output=jacobian_output)}
