"""for over range(n) with an integer argument: a running product and sum."""


def f(x, n):
    s = 0.0
    p = 1.0
    for i in range(n):
        p = p * x
        s = s + p / (i + 1)
    return s


ARGS = (0.8, 6)
