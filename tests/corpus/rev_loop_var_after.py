"""A loop variable read after its loop: after the loop ends normally, after a break, and a
differentiated value computed from it."""


def f(x, n):
    s = 0.0
    for i in range(n):
        s = s + x * i
    t = s * i + x * i * i
    for j in range(1, 10, 2):
        t = t * 0.5 + x
        if t < 0.8:
            break
    for k in range(n):
        t = t + k * x
    return t * j + s * k + i * x


ARGS = (0.6, 4)
