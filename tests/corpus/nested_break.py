"""break out of an inner loop, then out of the outer one, on data-dependent tests."""


def f(x, y):
    best = 0.0
    found = 0.0
    for i in range(5):
        for j in range(5):
            v = x * i - y * j
            if v > 1.0:
                found = v * y
                break
            best = best + v * 0.1
        if found > 0.0:
            break
    return best + found


ARGS = (0.7, 0.3)
