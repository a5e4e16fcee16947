"""sct: source-to-source differentiation of ordinary numerical Python.

Public API (see the README): ``forward``, ``grad``, ``value_and_grad``, ``jacobian``,
``hessian``, ``hvp``, ``transform``, ``source``, ``SctError`` and ``SctWarning``.
"""
from .errors import SctError, SctWarning
from .version import __version__
from .api import forward, grad, source, transform, value_and_grad
from .higher import hessian, hvp, jacobian

__all__ = ["SctError", "SctWarning", "forward", "grad", "hessian", "hvp", "jacobian", "source",
           "transform", "value_and_grad", "__version__"]
