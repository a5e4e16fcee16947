def horner(coeffs, x):
    """Evaluate a polynomial by Horner's rule over a coefficient array."""
    result = 0.0
    for i in range(len(coeffs)):
        result = result * x + coeffs[i]
    return result
