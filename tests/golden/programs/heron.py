def heron(a, tol=1e-12):
    """Square root by Heron's method: a while loop with a data-dependent condition."""
    x = a
    while abs(x * x - a) > tol * a:
        x = 0.5 * (x + a / x)
    return x
