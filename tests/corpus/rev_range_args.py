"""Loops over ranges with variable start, stop and step (negative steps, a step reassigned
after its loop, loops that run zero times, an inner loop whose bounds depend on the outer one's
variable)."""


def f(x, n):
    s = x
    step = 2
    for i in range(n, 0, -step):
        s = s * x + i
    step = 3
    for i in range(1, n + 5, step):
        s = s + x * i * 0.1
    for i in range(n - n):
        s = s * 100.0
    k = 0
    while k > 5:
        s = s * 100.0
    for i in range(n):
        for j in range(i, n - 1):
            s = s + x * j * 0.01
        for j in range(i, 2):
            s = s * 0.9 + x
    return s * step


ARGS = (0.7, 4)
