"""sct: source-to-source differentiation of ordinary numerical Python.

Public API (see the README): ``forward``, ``transform``, ``source`` and ``SctError``.
"""
__version__ = "0.1.0"

from .errors import SctError
from .api import forward, source, transform

__all__ = ["SctError", "forward", "source", "transform", "__version__"]
