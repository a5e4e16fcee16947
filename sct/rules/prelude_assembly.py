"""Prelude helpers for numpy's assembly and splitting functions and scipy.signal (see
prelude.py)."""
