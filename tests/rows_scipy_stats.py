"""Intrinsic-table rows for scipy.stats' distributions: run by test_intrinsics.py (see its docstring for what each row checks)."""

ROWS = [
]
