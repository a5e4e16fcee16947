import math


def dot(ws, xs):
    return sum(w * x for w, x in zip(ws, xs))


def log_sum_exp(xs):
    m = max(x for x in xs)
    return m + math.log(sum(math.exp(x - m) for x in xs))
