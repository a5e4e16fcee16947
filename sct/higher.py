"""Derivatives built from sct's generated code: Jacobians (a column per forward sweep or a row
per reverse sweep), Hessian-vector products (forward mode over sct's own reverse-mode code)
and Hessians (a Hessian-vector product per column).  As for ``grad``, a parameter in ``wrt``
whose derivative is zero everywhere gets zeros and an ``SctWarning``, or with ``strict=True``
an ``SctError``."""
import functools
import inspect

import numpy as np

from .api import _call_primal, _check_arguments, _copies, _derive, _positions
from .bound import derivative_of_method
from .errors import SctError, public


def jacobian(f=None, wrt=0, mode="auto", strict=False):
    """``J(*args)``: the Jacobian of an array-valued f with respect to parameter ``wrt``, of
    shape value.shape + arg.shape (a tuple of them for a tuple ``wrt``).

    ``mode="forward"`` builds it a column per forward sweep, ``"reverse"`` a row per reverse
    sweep, ``"auto"`` picks forward when the argument has no more entries than the value.
    """
    if f is None:
        return functools.partial(jacobian, wrt=wrt, mode=mode, strict=strict)
    if mode not in ("auto", "forward", "reverse"):
        raise ValueError(f"mode must be 'auto', 'forward' or 'reverse', not {mode!r}")
    try:
        method = derivative_of_method(
            f, wrt, lambda g, w: jacobian(g, wrt=w, mode=mode, strict=strict))
        if method is not None:
            return method
        positions = _positions(f, wrt)
    except SctError as err:
        raise public(err)
    compiled = {}

    def derivative(kind, k):
        """The forward derivative with respect to the k-th parameter of wrt alone (so that its
        columns' sweeps carry no tangent of the others: activity analysis drops what only the
        others reach), or the adjoint with respect to all of them (a row sweep gives every
        parameter's row)."""
        key = ("forward", k) if kind == "forward" else kind
        if key not in compiled:
            if kind == "forward":
                compiled[key] = _tangent_call(_derive(f, "forward", (positions[k],), strict))
            else:
                compiled[key] = _derive(f, "adjoint", tuple(positions), strict)
        return compiled[key]

    def jac(*args, **kwargs):
        args = _check_arguments(f, args, kwargs)
        value = _call_primal(f, _copies(args))
        matrices = []
        for k, i in enumerate(positions):
            forward_mode = mode == "forward" or mode == "auto" and \
                np.size(args[i]) <= np.size(value)
            try:
                d = derivative("forward" if forward_mode else "reverse", k)
            except SctError as err:
                raise public(err)
            matrices.append(_jacobian_block(d, forward_mode, args, value, positions, k))
        return tuple(matrices) if isinstance(wrt, (tuple, list)) else matrices[0]

    jac.__name__ = jac.__qualname__ = f"jacobian_{f.__name__}"
    jac.__wrapped_primal__ = f
    return jac


def _jacobian_block(d, forward_mode, args, value, positions, k):
    """The Jacobian of value with respect to args[positions[k]]: a column per forward sweep
    of ``d`` (a ``_tangent_call`` with respect to that parameter only), or a row per reverse
    sweep (d an adjoint with respect to all of ``positions``)."""
    x = args[positions[k]]
    if forward_mode:      # d is the derivative with respect to x alone
        columns = [np.ravel(d(_copies(args), [e])[1]) for e in _basis(x)]
        flat = np.stack(columns, axis=-1) if columns else np.zeros((np.size(value), 0))
    else:
        rows = [np.ravel(d(*_copies(args), e)[1][k]) for e in _basis(value)]
        flat = np.stack(rows) if rows else np.zeros((0, np.size(x)))
    return np.reshape(flat, np.shape(value) + np.shape(x))


def hvp(f=None, wrt=0, strict=False):
    """``hvp(*args, v) -> H v``: a Hessian-vector product of a scalar f with respect to
    parameter ``wrt``, by forward mode over sct's own reverse-mode code (one sweep)."""
    if f is None:
        return functools.partial(hvp, wrt=wrt, strict=strict)
    try:
        method = derivative_of_method(f, wrt, lambda g, w: hvp(g, wrt=w, strict=strict))
        if method is not None:
            return method
        (position,) = _positions(f, wrt, single=True)
        tangent_of_adjoint = _derive(f, "hvp", position, strict)
    except SctError as err:
        raise public(err)
    call = _tangent_call(tangent_of_adjoint)

    def product(*args, **kwargs):
        *args, v = _check_arguments(f, args, kwargs, extra="v")
        return product.checked(args, v)

    product.checked = lambda args, v: call((*args, 1.0), (v,))[1][1][0]   # all of f's args
    product.__name__ = product.__qualname__ = f"hvp_{f.__name__}"
    product.__sct_source__ = tangent_of_adjoint.__sct_source__
    return product


def hessian(f=None, wrt=0, strict=False):
    """``H(*args)``: the Hessian of a scalar f with respect to parameter ``wrt`` (shape
    arg.shape + arg.shape), a Hessian-vector product per column: forward over reverse."""
    if f is None:
        return functools.partial(hessian, wrt=wrt, strict=strict)
    try:
        method = derivative_of_method(
            f, wrt, lambda g, w: hessian(g, wrt=w, strict=strict))
        if method is not None:
            return method
        (position,) = _positions(f, wrt, single=True)
        product = hvp(f, position, strict)
    except SctError as err:
        raise public(err)

    def hess(*args, **kwargs):
        args = _check_arguments(f, args, kwargs)
        x = args[position]
        columns = [np.ravel(product.checked(_copies(args), e)) for e in _basis(x)]
        flat = np.stack(columns, axis=-1) if columns else np.zeros((0, 0))
        return np.reshape(flat, np.shape(x) + np.shape(x))

    hess.__name__ = hess.__qualname__ = f"hessian_{f.__name__}"
    hess.__sct_source__ = product.__sct_source__
    return hess


def _tangent_call(d):
    """``call(args, tangents)`` calling the forward-mode function ``d``: tangents after the
    arguments, or by name when d takes them as keywords (an f with defaults)."""
    params = list(inspect.signature(d).parameters.values())
    names = [p.name for p in params if p.kind is p.KEYWORD_ONLY]
    if not names:
        return lambda args, tangents: d(*args, *tangents)
    n = len(params) - len(names)

    def call(args, tangents):        # f's own keyword-only parameters come before the tangents
        own = names[:len(names) - len(tangents)]
        return d(*args[:n], **dict(zip(own, args[n:])),
                 **dict(zip(names[len(own):], tangents)))
    return call


def _zeros(x):
    return 0.0 if np.ndim(x) == 0 else np.zeros(np.shape(x))


def _basis(x):
    """The unit vectors of x's shape (floats for a number)."""
    n = np.size(x)
    for j in range(n):
        e = np.zeros(n)
        e[j] = 1.0
        yield float(e[0]) if np.ndim(x) == 0 else np.reshape(e, np.shape(x))
