"""Early returns from inside a loop and from each branch of an if/elif chain."""


def f(x, n):
    s = x
    for i in range(n):
        s = s * 0.5 + 1.0 / s
        if s * s > 100.0:
            return s
        elif s < 0.0:
            return -s
    if x > 1.0:
        return s * x
    elif x > -1.0:
        return s - x
    return s


ARGS = (-0.6, 4)
