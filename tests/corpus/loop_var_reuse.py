"""A name bound to a differentiated value, then reused as a loop counter (its tangent resets)."""


def f(x):
    s = 0.0
    i = x * 2.0
    s = s + i * i
    for i in range(3):
        s = s + i * x
    for i in range(2):
        i = x * i
        s = s + i
    return s + i


ARGS = (0.7,)
