"""GradBench's ``hello`` eval: ``square`` and its derivative ``double``, by sct."""
import sct

from .tool import Function


def square(x):
    return x * x


def define():
    double = sct.grad(square)
    return {"square": Function(square, arguments=lambda x: (float(x),)),
            "double": Function(double, arguments=lambda x: (float(x),))}
