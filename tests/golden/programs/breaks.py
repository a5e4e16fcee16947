def first_crossing(x, n):
    """Sum terms until one exceeds a threshold: for with break and continue."""
    s = 0.0
    for i in range(n):
        t = x * (i + 1)
        if t < 0.5:
            continue
        s += t * t
        if s > 10.0:
            break
    return s
