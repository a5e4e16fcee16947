"""Dicts as values and strings as options: displays, reads by key, d[k] = v (a new dict, for a
string key or a dict built here), .items(), .values(), .keys(), .get with a default, 'k' in d,
len, a dict passed to and returned by a user function, and a string option that steers a
branch."""
import numpy as np


def layer(params, x, activation):
    z = params["w"] * x + params["b"]
    if activation == "tanh":
        return np.tanh(z)
    return np.maximum(z, 0.0) + 0.1 * z


def scaled(params, s):
    out = {}
    keys = list(params.keys())
    pairs = list(params.items())
    for i in range(len(keys)):
        out[keys[i]] = pairs[i][1] * s
    return out


def f(w, b, x):
    params = {"w": w, "b": b}
    options = {"first": "tanh", "second": "relu"}
    h = layer(params, x, options["first"])
    params["w"] = params["w"] * 2.0
    g = layer(scaled(params, 0.5), h, options["second"])
    values = list(params.values())
    total = np.sum(values[0]) * values[1]
    extra = params.get("c", 0.25) * np.sum(x) + params.get("b", 1.0)
    if "b" in params and len(params) == 2:
        extra = extra * 2.0
    return np.sum(g ** 2) + total + np.sum(extra)


ARGS = (np.array([0.5, -1.2, 0.8]), 0.3, np.array([1.0, 0.4, -0.6]))
