"""Prelude helpers for complex numbers and numpy.fft (see prelude.py)."""
