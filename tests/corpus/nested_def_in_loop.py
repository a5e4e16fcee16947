"""Nested functions defined in a loop body: each reads the loop variable and a running value
as they are when it is called (Python's late binding), and a lambda's default captures the
loop variable when the lambda is made."""
import math


def f(x):
    total = 0.0
    acc = x
    for i in range(4):
        def term(t):
            return math.sin(t * i) + acc * t       # i and acc of this iteration
        total = total + term(x)
        acc = acc * x                               # read by the next call of term
        total = total + term(0.5)
        weight = 1.0 + i
        scaled = lambda t, w=weight: w * t * t      # w: weight when the lambda was made
        weight = 100.0
        total = total + scaled(x)
    return total


ARGS = (0.7,)
