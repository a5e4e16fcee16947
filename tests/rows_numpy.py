"""Intrinsic-table rows for the numpy functions of the breadth issue beyond test_intrinsics.py's own tables (and scipy.signal): run by test_intrinsics.py (see its docstring for what each row checks)."""

ROWS = [
]
