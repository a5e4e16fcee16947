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
