"""range with negative and computed steps, and reversed(range(...)): the trip count and the
replay of the reverse sweep follow Python's range (empty ranges included)."""


def f(x, n, step):
    s = x
    for i in range(n, 0, -1):
        s = s * x + i
    for i in range(5, 0, -2):
        s = s + i * x * s
    for i in range(0, 9, step):
        s = s + 0.1 * i * s
    for i in range(0, n, -1):          # empty
        s = s * 100.0
    for i in reversed(range(n)):
        s = s * 0.9 + i * x
    for i in reversed(range(1, 8, 3)):
        s = s + i * x
    for i in reversed(range(2, n + 6, 2)):
        s = s * 0.95 + i
    for i in reversed(range(n, 0, -1)):
        s = s + 0.01 * i * s
    return s


ARGS = (0.7, 4, 3)
