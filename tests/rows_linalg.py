"""Intrinsic-table rows for numpy.linalg's factorizations beyond solve/inv/det/cholesky/norm, and scipy.linalg: run by test_intrinsics.py (see its docstring for what each row checks)."""

ROWS = [
]
