"""range(a, b) and range(a, b, step) with bounds computed from the data (int(x))."""


def f(x, y):
    s = 0.0
    lo = int(x)
    hi = int(y) + 2
    for i in range(lo, hi):
        s = s + x * i + y / (i + 1)
    for j in range(hi, lo, -1):
        s = s * 0.9 + x
    for k in range(1, int(3 * y), 2):
        s = s + k * x * y
    return s


ARGS = (1.5, 3.4)
