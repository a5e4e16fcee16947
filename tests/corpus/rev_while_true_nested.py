"""``while True`` loops with for loops inside: breaks out of the inner loop, out of the outer
one from inside the inner one (through a flag), trip counts saved per outer pass."""


def f(x, y):
    s = 0.0
    t = x
    n = 0
    while True:
        n = n + 1
        stop = False
        for j in range(n + 2):
            t = t * y + 0.1 * j
            if t > 3.0:
                t = t * 0.2
                break
            s = s + t * x
            if s > 6.0:
                stop = True
                break
        if stop or n > 8:
            break
    while True:
        s = s * 0.5 + t * 0.2
        if s < 2.0:
            break
    return s * t + n


ARGS = (0.5, 1.3)
