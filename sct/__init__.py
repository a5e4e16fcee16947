"""sct: source-to-source differentiation of ordinary numerical Python.

Public API (see the README): ``forward``, ``grad``, ``value_and_grad``, ``jacobian``,
``hessian``, ``hvp``, ``transform``, ``source``, ``SctError`` and ``SctWarning``.

The compiler is imported on first use of one of these names (PEP 562), not by ``import sct``:
``sct.mixture``, which runs on dask's workers, needs numpy alone, and the compiler's rule table
imports scipy (about a second and 80 MB per process).  No submodule has a public name, so that
importing one never hides a function here.
"""
import importlib

from .errors import SctError, SctWarning
from .version import __version__

_HOMES = {"forward": "api", "grad": "api", "source": "api", "transform": "api",
          "value_and_grad": "api", "hessian": "higher", "hvp": "higher", "jacobian": "higher"}

__all__ = ["SctError", "SctWarning", "forward", "grad", "hessian", "hvp", "jacobian", "source",
           "transform", "value_and_grad", "__version__"]


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module 'sct' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_HOMES))
