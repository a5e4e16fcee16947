"""sct's version (pyproject.toml holds the same), which generated modules and the cache record."""
__version__ = "0.1.0"
