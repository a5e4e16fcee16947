"""Nested loops whose trip counts depend on the data (a while bounded by a differentiated value,
a for over a range that grows with the outer loop), with break and continue in both."""


def f(x, y):
    s = 0.0
    t = x
    k = 0
    while t < 30.0:
        k = k + 1
        t = t * 1.5 + y
        if k % 3 == 0:
            continue
        for j in range(k):
            if j == 1:
                continue
            u = t * j - y * y
            if u > 7.0:
                s = s + u * 0.01
                break
            s = s + u * x
        if s > 2.0:
            break
    return s + t * k


ARGS = (0.2, 0.3)
