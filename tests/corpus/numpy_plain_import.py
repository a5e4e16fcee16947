"""numpy imported as itself (import numpy)."""
import numpy


def f(x, y):
    z = numpy.sin(x) * numpy.exp(y[0]) + numpy.cos(y)
    return numpy.sum(z * z) + numpy.pi * numpy.tanh(x)


ARGS = (0.4, numpy.array([0.3, -0.2, 0.9]))
