"""Intrinsic-table rows for scipy.linalg: run by test_intrinsics.py (see its docstring for what each
row checks)."""

ROWS = [
]
