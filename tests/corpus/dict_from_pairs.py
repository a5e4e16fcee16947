"""A dict made from (key, value) pairs and keywords, a later pair replacing an earlier one
(autograd's test_dict.py::test_make_dict; reverse mode once read the dict's adjoint as the
list of pairs')."""
import numpy as np


def f(x, y):
    d = dict([("a", x), ("b", y), ("a", 2.0 * y)], c=x)
    e = dict([("u", x * y)])
    return d["a"] * np.sin(d["b"]) + d["c"] ** 2 + e["u"]


ARGS = (0.7, -1.3)
