"""Found by the fuzzer (tests/fuzz.py): the issue's view update in an f that g calls. In the
function behind sct.hessian(g) (forward mode over g's reverse-mode module, which carries f's
own source) v += ... was a rebinding, not numpy's update in place: f's value there was 1.3125
instead of 9.8125 at x = [0.5, -1.0, 0.25], and g's Hessian was wrong and not symmetric."""
import numpy as np


def f(x):
    s = x.copy()
    v = s[1:]
    v += 2.0 * x[1:]
    return np.sum(s ** 2)


def g(x):
    r = f(x)
    return r * r


ARGS = (np.array([0.5, -1.0, 0.25]),)
WRT = (0,)
HESSIAN_WRT = 0
SEED = 1
