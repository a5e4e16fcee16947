"""A module of test_nested.py's: a derivative sct made, bound in another module."""
import numpy as np

import sct


def bowl(x):
    return np.sum(np.exp(0.3 * x) * x * x)


d_bowl = sct.grad(bowl)
