"""Prelude helpers of Python's containers as values (rules/containers.py)."""
import numpy as np


def _appended(items, item):
    """``items + [item]``: the new list that ``items.append(item)`` stands for."""
    return items + [item]


def _structured(adjoint, value):
    """A parameter's adjoint in the structure of its value, as returned: a tuple (or the same
    NamedTuple) for a tuple, a list for a list, a dict with the same keys for a dict; None for
    what carries no derivative (a string, None, True/False); arrays and numbers as they are.
    An array adjoint of a list or tuple (of numbers, or of arrays of one shape) is split into
    its rows."""
    if isinstance(value, (str, bool)) or value is None:
        return None
    if isinstance(value, (tuple, list)) and (isinstance(adjoint, (tuple, list)) or np.ndim(
            adjoint) > 0 and len(adjoint) == len(value)):     # an array's rows, for a list
        items = [_structured(a, v) for a, v in zip(adjoint, value)]
        if isinstance(value, list):
            return items
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict) and isinstance(adjoint, dict):
        return {k: _structured(adjoint[k], value[k]) for k in value}
    return adjoint


def _zeros_like_param(value):
    """Zeros for the adjoint of a parameter indexed by numbers: an array of its shape, or for
    a list or tuple of arrays of different shapes, a list of zeros, one array per item."""
    try:
        return np.zeros(np.shape(value))
    except ValueError:        # numpy refuses ragged sequences
        pass
    items = []
    for item in value:
        try:
            items.append(np.zeros(np.shape(item)))
        except ValueError:
            raise ValueError("sct: a list or tuple argument whose items are lists of "
                             "differently shaped arrays: index its items in the function "
                             "as p[i][j], or pass arrays") from None
    return items
