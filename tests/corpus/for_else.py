"""for ... else and while ... else: the else block runs when the loop ends without a break
(a flag set before each break of the loop, not those of loops inside it)."""
import numpy as np


def f(xs, t):
    s = 0.0
    for x in xs:                 # breaks at the third entry: no else
        if x > t:
            s = s + x * t
            break
        s = s + x
    else:
        s = s - 100.0 * t
    for i in range(3):           # never breaks: the else runs
        if xs[i] > 10.0:
            break
        s = s * 1.1
    else:
        s = s + t * t
    for x in xs:                 # the inner loop's breaks are its own
        for y in xs:
            if y > x:
                break
            s = s + 0.01 * x * y
        else:
            s = s + x
    n = 0
    while n < 4:                 # ends by its test: the else runs
        s = s * 0.9 + xs[n]
        n = n + 1
    else:
        s = s + np.sum(xs)
    while s > 1.0:               # ends by the break
        s = s * 0.5
        if s < 3.0:
            break
    else:
        s = s * 100.0
    return s


ARGS = (np.array([0.3, -1.2, 1.7, 2.1]), 1.1)
