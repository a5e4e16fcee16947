"""break and continue in for and while loops, and a while True loop."""


def f(x, y):
    s = 0.0
    for i in range(10):
        if i % 2 == 1:
            continue
        s = s + x ** i / (i + 1)
        if i >= 6:
            break
    t = y
    while True:
        t = t * 1.3
        if t > 10.0:
            break
        if t < 2.0:
            continue
        s = s + t * x
    return s + t


ARGS = (0.6, 0.9)
