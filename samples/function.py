"""The seed example: f(x1, x2) = x1 * x2 + sin(x1), its forward- and reverse-mode derivatives.

Run it (``make demo``) to see the code sct generates and its derivatives beside central
differences.  ``sct transform samples/function.py [--mode reverse]`` prints the same modules
from the shell.
"""
import math


def f(x1, x2):
    return x1 * x2 + math.sin(x1)


if __name__ == "__main__":
    import sct

    d_f = sct.forward(f)
    g = sct.grad(f)
    print(sct.source(d_f))
    print(sct.source(g))
    x1, x2, h = 1.5, -0.5, 1e-6
    print(f"f({x1}, {x2}) = {f(x1, x2):.15g}")
    print(f"{'derivative':<10}{'forward':>22}{'reverse':>22}{'central difference':>22}"
          f"{'exact':>22}")
    gradient = g(x1, x2)
    for k, (name, (dx1, dx2), exact) in enumerate([("df/dx1", (1.0, 0.0), x2 + math.cos(x1)),
                                                    ("df/dx2", (0.0, 1.0), x1)]):
        value, tangent = d_f(x1, x2, dx1, dx2)
        central = (f(x1 + h * dx1, x2 + h * dx2) - f(x1 - h * dx1, x2 - h * dx2)) / (2 * h)
        print(f"{name:<10}{tangent:>22.15g}{gradient[k]:>22.15g}{central:>22.15g}"
              f"{exact:>22.15g}")
