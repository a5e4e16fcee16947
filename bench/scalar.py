"""The scalar-code cases, as plain Python in the subset sct accepts (sct reads this module).

Each is the golden-file program of the same name (tests/golden/programs/).
"""
import math


def seed(x1, x2):
    """Straight-line code: the README's worked example."""
    return x1 * x2 + math.sin(x1)


def heron(a, tol=1e-12):
    """Square root by Heron's method: a while loop with a data-dependent condition."""
    x = a
    while abs(x * x - a) > tol * a:
        x = 0.5 * (x + a / x)
    return x


def horner(coeffs, x):
    """A polynomial by Horner's rule over a coefficient array."""
    result = 0.0
    for i in range(len(coeffs)):
        result = result * x + coeffs[i]
    return result


def rosenbrock(x):
    """The Rosenbrock function, loop form."""
    total = 0.0
    for i in range(len(x) - 1):
        total += 100.0 * (x[i + 1] - x[i] ** 2) ** 2 + (1.0 - x[i]) ** 2
    return total
