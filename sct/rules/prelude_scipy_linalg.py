"""Prelude helpers for scipy.linalg (see prelude.py)."""
