"""Two loops reusing the same loop variable with a use in between, and a variable overwritten
by the second loop while the first loop's value is still read in between."""


def f(x, y):
    a = x
    for i in range(3):
        a = a * y + i
    b = a * i + y
    for i in range(2, 5):
        b = b * x - a * i
        a = a + b * 0.1
    return a * b * i


ARGS = (0.7, 1.3)
