"""Newton's method in while loops: the real root of x**3 + a*x - b, differentiated through its
iterations, and a second solve started from the first one's result."""


def cubic_root(a, b, x0):
    x = x0
    fx = x * x * x + a * x - b
    count = 0
    while abs(fx) > 1e-13 and count < 50:
        x = x - fx / (3.0 * x * x + a)
        fx = x * x * x + a * x - b
        count = count + 1
    return x


def f(a, b):
    r = cubic_root(a, b, 1.0)
    s = cubic_root(a * 2.0, r + b, r)
    return r * s + a * r


ARGS = (1.5, 2.7)
