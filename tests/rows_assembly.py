"""Intrinsic-table rows for numpy's assembly and splitting functions and scipy.signal: run by test_intrinsics.py (see its docstring for what each
row checks)."""

ROWS = [
]
