"""Intrinsic-table rows for scipy.special: run by test_intrinsics.py (see its docstring for what each row checks)."""
from rows import V, row, u

ROWS = [
    row("scipy.special.expit", "x", "scipy.special.expit(x)", [V]),
    row("scipy.special.expit-scalar", "x", "scipy.special.expit(x)", [u(-3, 3)]),
]
