"""Intrinsic-table rows for complex numbers and numpy.fft: run by test_intrinsics.py (see its
docstring for what each row checks)."""

ROWS = [
]
