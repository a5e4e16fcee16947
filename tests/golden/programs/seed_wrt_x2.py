"""The seed function differentiated with respect to x2 only (wrt in the file name)."""
import math


def f(x1, x2):
    return x1 * x2 + math.sin(x1)
