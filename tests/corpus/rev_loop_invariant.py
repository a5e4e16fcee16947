"""Values computed in a loop from names the loop does not change (saved on no stack), next
to look-alikes that do change: an operand rebound in the loop, an array written into in it,
and an invariant inside a nested loop whose outer loop changes its operand."""
import numpy as np


def f(a, p, n):
    v = np.copy(p)
    total = 0.0
    x = a
    for i in range(n):
        scale = a * 0.5             # invariant
        e = np.exp(p) * 2.0         # invariant array
        s = np.sum(v) * a           # v is written into below: not invariant
        r = x * a                   # x is rebound below: not invariant
        v[i % 3] = v[i % 3] * scale + r
        x = x * 0.9 + np.sum(e) * 0.01 + s * 0.1
        for j in range(2):
            q = x * scale           # invariant in the inner loop, not in the outer one
            total = total + q * np.sin(total + j)
    return total + np.sum(v * v) + x


ARGS = (0.7, np.array([0.3, -0.2, 0.5]), 4)
WRT = (0, 1)
