"""Prelude helpers for scipy's functions (see prelude.py): generated code imports scipy only
where the user's code calls it."""
