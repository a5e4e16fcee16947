"""The seed example: f(x1, x2) = x1 * x2 + sin(x1), and its forward-mode derivative."""
import math


def f(x1, x2):
    return x1 * x2 + math.sin(x1)
