"""Derivatives specialised per argument signature, as ``jax.jit`` compiles per shape:
``specialising(general, specialised)`` puts a dispatch on the arguments' classes, then on
the arrays' numbers of dimensions, in front of a derivative sct compiled for any argument.
"""
import functools
import inspect

import numpy as np

from .errors import SctError
from .names import Namer


_NUMBER_CLASSES = (float, int, np.float64)      # not bool: True + True is 2, an int's sum


def specialising(general, specialised):
    """``general``, a gradient of f, behind a dispatch on its arguments: a call passing some
    parameters Python numbers or numpy arrays runs the gradient compiled for calls passing
    those parameters numbers and arrays of those numbers of dimensions (``specialised(kinds)``,
    compiled at the first such call, as ``jax.jit`` compiles per shape), whose sweeps know
    what is a number and so need no shape helpers there (``_unbroadcast``, zeros of a
    shape).  The general gradient, which ``sct.source`` shows and the CLI writes, serves any
    other call.  Calls dispatch on their arguments' classes, then, where arrays are among
    them, on their numbers of dimensions."""
    params = inspect.signature(general).parameters
    variants = {}

    def compiled(kinds):
        if not kinds:
            return general
        try:
            return specialised(kinds)
        except SctError:        # refused for these arguments: the general code serves them
            return general

    def dispatch(*values):
        classes = tuple(v.__class__ for v in values)
        numbers = {p: 0 for p, c in zip(params, classes) if c in _NUMBER_CLASSES}
        arrays = [p for p, c in zip(params, classes) if c is np.ndarray]
        if not arrays:
            variant = compiled(numbers)
        else:
            by_ndim = {}

            def choose(*values):
                ndims = tuple(v.ndim for p, v in zip(params, values) if p in arrays)
                chosen = by_ndim[ndims] = compiled({**numbers, **dict(zip(arrays, ndims))})
                return chosen
            variant = _dispatcher(general, "".join(f"{p}.ndim, " for p in arrays),
                                  by_ndim, choose)
        variants[classes] = variant
        return variant

    call = _dispatcher(general, "".join(f"{p}.__class__, " for p in params), variants,
                       dispatch)
    call.__sct_variants__ = variants
    return call


def _dispatcher(general, key, table, choose):
    """A function of general's signature that calls ``table[key]``, the key an expression of
    its parameters, or where the table has none, ``choose(*arguments)``'s choice; compiled
    from text, so that a traceback through it shows no frame of sct's."""
    params = inspect.signature(general).parameters
    signature, passed = [], []
    for p, v in params.items():         # the defaults are general's own, set below
        if v.kind is v.KEYWORD_ONLY and "*" not in signature:
            signature.append("*")
        signature.append(p if v.default is inspect.Parameter.empty else f"{p}=None")
        passed.append(f"{p}={p}" if v.kind is v.KEYWORD_ONLY else p)
    namer = Namer(set(params))         # a parameter may be called table
    table_name, choose_name, variant = (namer.fresh(n) for n in ("table", "choose", "variant"))
    text = (f"def {general.__name__}({', '.join(signature)}):\n"
            f"    try:\n"
            f"        {variant} = {table_name}[{key or '()'}]\n"
            f"    except KeyError:\n"
            f"        {variant} = {choose_name}({', '.join(params)})\n"
            f"    return {variant}({', '.join(passed)})\n")
    namespace = {table_name: table, choose_name: choose}
    exec(compile(text, f"<sct dispatch of {general.__name__}>", "exec"), namespace)
    call = functools.wraps(general)(namespace[general.__name__])
    call.__defaults__, call.__kwdefaults__ = general.__defaults__, general.__kwdefaults__
    call.__sct_source__ = general.__sct_source__
    call.__wrapped_primal__ = general.__wrapped_primal__
    return call
