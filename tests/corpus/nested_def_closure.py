"""Nested functions: a closure that reads a parameter of its enclosing function (a power by
repeated multiplication, Tangent's iterpower with a nested def), a nested def that shadows
the names it is given, lambdas assigned to names and called inline, nested defs calling each
other and a module function, a closure over a variable the enclosing function reassigns
(read when it is called)."""
import math


def damp(t):
    return math.exp(-0.5 * t)


def f(x, n):
    def times_x(p):
        return p * x                 # reads x of f

    p = 1.0
    for i in range(n):
        p = times_x(p)

    def mul(x, n):                   # its own x and n hide f's
        return x * n

    q = x
    for i in range(2):
        q = mul(q, 0.5 + q)

    square = lambda t: t * t
    scale = 2.0

    def shaped(t):
        return scale * square(t) * damp(t)     # reads scale, calls a lambda and a module def

    first = shaped(x)
    scale = 3.0 * x                  # late binding: the next call reads the new scale
    second = shaped(x)

    def outer(t):
        def inner(u):
            return u * x + t         # reads x of f and t of outer
        return inner(t * t) + inner(1.0)

    return p + q + first + second + outer(x) + (lambda t: math.sin(t) * x)(x)


ARGS = (0.8, 3)
