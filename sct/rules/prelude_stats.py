"""Prelude helpers for scipy.stats (see prelude.py)."""
