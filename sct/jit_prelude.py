"""numba versions of the prelude helpers that sct's generated code calls (imported by the
modules that ``jit=True`` compiles, never by ``import sct``): the Python helpers test their
arguments' classes at run time, these choose a body per argument type as numba compiles.

A case the Python helper handles and these do not (an adjoint summed back over a shape that
is neither its own, a number's nor its trailing part) raises a ValueError, never a wrong sum.
"""
import numba
import numpy as np
from numba import types
from numba.core.imputils import impl_ret_borrowed
from numba.extending import intrinsic, overload


HELPERS = set()       # the names of the prelude's helpers this module has versions of


def _provided(helper):
    HELPERS.add(helper.__name__)
    return helper


def _is_array(t):
    return isinstance(t, types.Array)


def _is_number(t):
    return isinstance(t, (types.Number, types.Boolean))


@numba.njit(cache=True)
@_provided
def _structured(adjoint, value):
    """An adjoint as returned: jit=True passes numbers and arrays alone, returned as they
    are."""
    return adjoint


@numba.njit(cache=True)
@_provided
def _zeros_like_param(value):
    """Zeros of the shape of an array parameter indexed by numbers."""
    return np.zeros(value.shape)


@_provided
def _unbroadcast(g, x):
    """Stub: numba compiles the body ``_unbroadcast_impl`` chooses for the types."""
    raise NotImplementedError


@numba.njit(cache=True)
def _summed_to(g, shape):
    """g, an array whose trailing dimensions are ``shape`` or ones of it, summed to it."""
    if g.shape == shape:
        return g
    size = 1
    for n in shape:
        size *= n
    if size == 1:
        return np.full(shape, np.sum(g))
    raise ValueError("sct jit: an adjoint summed back over a broadcast this backend does not "
                     "handle (drop jit=True)")


@overload(_unbroadcast, jit_options={"cache": True})
def _unbroadcast_impl(g, x):
    if _is_number(g) and _is_number(x):
        return lambda g, x: g
    if _is_array(g) and _is_number(x):
        return lambda g, x: np.sum(g)
    if _is_number(g) and _is_array(x):
        return lambda g, x: np.full(x.shape, g)
    if _is_array(g) and _is_array(x) and g.ndim == x.ndim:
        return lambda g, x: _summed_to(g, x.shape)
    if _is_array(g) and _is_array(x) and g.ndim > x.ndim:
        def lead_summed(g, x):
            tail = g.shape[g.ndim - x.ndim:]
            flat = np.ascontiguousarray(g).reshape((-1,) + tail)
            return _summed_to(flat.sum(axis=0), x.shape)
        return lead_summed
    return None


@_provided
def _unbroadcast_product(a, b, x):
    """Stub: ``_unbroadcast(a * b, x)``, compiled as such."""
    raise NotImplementedError


@overload(_unbroadcast_product, jit_options={"cache": True})
def _unbroadcast_product_impl(a, b, x):
    return lambda a, b, x: _unbroadcast(a * b, x)




@_provided
def _over(d, s):
    """Stub: d / s, exactly zero where d is zero (prelude_core._over), compiled by type."""
    raise NotImplementedError


@overload(_over, jit_options={"cache": True})
def _over_impl(d, s):
    if _is_number(d) and _is_number(s):
        def numbers(d, s):
            if s != 0:
                return d / s
            if d == 0:
                return 0.0 * s
            return np.copysign(np.inf, d) * np.copysign(1.0, s)
        return numbers
    if _is_array(d):
        return lambda d, s: np.where(d == 0, 0.0, d / s)
    if _is_array(s):
        def over_array(d, s):
            if d == 0:
                return np.zeros(s.shape)
            return d / s
        return over_array
    return None


@_provided
def _matmul_adjoint_a(g, a, b):
    """Stub: the adjoint of a @ b for a (prelude_products), for operands without stacks."""
    raise NotImplementedError


@overload(_matmul_adjoint_a, jit_options={"cache": True})
def _matmul_adjoint_a_impl(g, a, b):
    if not (_is_array(g) and _is_array(a) and _is_array(b)):
        return None
    if a.ndim == 2 and b.ndim == 2 and g.ndim == 2:
        return lambda g, a, b: g @ b.T
    if a.ndim == 2 and b.ndim == 1 and g.ndim == 1:
        return lambda g, a, b: np.outer(g, b)
    if a.ndim == 1 and b.ndim == 2 and g.ndim == 1:
        return lambda g, a, b: b @ g
    return None


@_provided
def _matmul_adjoint_b(g, a, b):
    """Stub: the adjoint of a @ b for b (prelude_products), for operands without stacks."""
    raise NotImplementedError


@overload(_matmul_adjoint_b, jit_options={"cache": True})
def _matmul_adjoint_b_impl(g, a, b):
    if not (_is_array(g) and _is_array(a) and _is_array(b)):
        return None
    if a.ndim == 2 and g.ndim == b.ndim and b.ndim in (1, 2):
        return lambda g, a, b: a.T @ g
    if a.ndim == 1 and b.ndim == 2 and g.ndim == 1:
        return lambda g, a, b: np.outer(a, g)
    return None


@_provided
def _sum_adjoint(g, a, axis, keepdims):
    """Stub: the adjoint of np.sum (prelude_arrays), for a sum over every axis."""
    raise NotImplementedError


@overload(_sum_adjoint, jit_options={"cache": True})
def _sum_adjoint_impl(g, a, axis, keepdims):
    if not (isinstance(axis, (types.NoneType, types.Omitted)) or axis is None) or \
            not _is_number(g):
        return None
    if _is_array(a):
        return lambda g, a, axis, keepdims: np.full(a.shape, g)
    if _is_number(a):
        return lambda g, a, axis, keepdims: g + 0.0
    return None


@intrinsic
def _some(typingctx, value):
    """A saved variable's value: a sweep initialises the variables it saves to None before
    the loop that first assigns them, so numba types them Optional; a read (never of the
    None, which is only ever pushed) casts it to the type it holds."""
    if isinstance(value, types.NoneType):
        return None     # a type set still growing: the value's own type comes later
    if isinstance(value, types.Optional):
        def cast(context, builder, signature, args):
            held = context.cast(builder, args[0], value, value.type)
            return impl_ret_borrowed(context, builder, value.type, held)   # a new reference
        return value.type(value), cast

    def same(context, builder, signature, args):
        return impl_ret_borrowed(context, builder, value, args[0])
    return value(value), same

SOME = _some.__name__
