"""Prelude helpers of Python's containers as values (rules/containers.py)."""
import numpy as np

from .prelude_core import _zeros_like_value


def _appended(items, item):
    """``items + [item]``: the new list that ``items.append(item)`` stands for."""
    return items + [item]


def _structured(adjoint, value):
    """A parameter's adjoint in the structure of its value, as returned: a tuple (or the same
    NamedTuple) for a tuple, a list for a list, a dict with the same keys for a dict; None for
    what carries no derivative (a string, None, True/False); arrays and numbers as they are.
    An array adjoint of a list or tuple (of numbers, or of arrays of one shape) is split into
    its rows."""
    if value.__class__ is float or value.__class__ is np.ndarray:
        return adjoint                  # the common case, first (scalar code pays per call)
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


def _dict(keys, values):
    """The dict ``{keys[0]: values[0], ...}`` a display ``{'w': w, 'b': b}`` makes."""
    return dict(zip(keys, values))


def _dict_values(g, keys):
    """The adjoints of a dict display's values: the adjoint dict's items at its keys."""
    return [g[k] for k in keys]


def _dict_adjoint(g, mapping):
    """The adjoint of ``dict(mapping)``: ``g`` for a dict; for an iterable of (key, value)
    pairs, a list of the pairs' adjoints: ``g`` at the key for the last pair of each key (which
    the dict keeps), zeros for the pairs a later one replaced, no part for the keys."""
    if isinstance(mapping, dict):
        return g
    pairs = list(mapping)
    last = {k: i for i, (k, _) in enumerate(pairs)}
    return [[None, g[k] if last[k] == i else _zeros_like_value(v)]
            for i, (k, v) in enumerate(pairs)]


def _items(mapping):
    """``list(mapping.items())``: ``d.items()``, as a list of (key, value) pairs."""
    return list(mapping.items())


def _from_items(g, mapping):
    """The adjoint of ``d.items()``: a dict from the pairs' adjoints (their values' parts)."""
    return {k: pair[1] for k, pair in zip(mapping, g)}


def _values(mapping):
    """``list(mapping.values())``: ``d.values()``."""
    return list(mapping.values())


def _from_values(g, mapping):
    """The adjoint of ``d.values()``: a dict with the values' adjoints at their keys."""
    return dict(zip(mapping, g))


def _keys(mapping):
    """``list(mapping)``: ``d.keys()``."""
    return list(mapping)


def _get(mapping, key, default=None):
    """``mapping.get(key, default)``."""
    return mapping.get(key, default)


def _get_adjoint(g, mapping, key):
    """The adjoint of ``d.get(key, default)`` for ``d``: ``g`` at ``key`` if d has it."""
    adjoint = _zeros_like_value(mapping)
    if key in mapping:
        adjoint[key] = g
    return adjoint


def _default_adjoint(g, mapping, key):
    """The adjoint of ``d.get(key, default)`` for ``default``: ``g`` unless d has the key."""
    return 0.0 * g if key in mapping else g


def _with_item(mapping, key, value):
    """A copy of ``mapping`` with ``value`` at ``key``: the new dict ``d[key] = value`` makes
    (the new list of ``ys[i] = value``)."""
    new = list(mapping) if isinstance(mapping, list) else dict(mapping)
    new[key] = value
    return new


def _item_removed(g, mapping, key):
    """The adjoint of ``_with_item(mapping, key, value)`` for ``mapping``: ``g`` with a zero
    at ``key`` if mapping had the key (a list has every index it was given), without the key
    if not."""
    if isinstance(mapping, list):
        new = list(g)
        new[key] = _zeros_like_value(mapping[key])
        return new
    new = dict(g)
    if key in mapping:
        new[key] = _zeros_like_value(mapping[key])
    else:
        new.pop(key, None)
    return new


def _merged(mapping, items):
    """``dict(mapping, **items)``: a copy of ``mapping`` with the ``items`` of a second dict."""
    new = dict(mapping)
    new.update(items)
    return new


def _merged_adjoint(g, mapping, items):
    """The adjoint of ``_merged(mapping, items)`` for ``mapping``: ``g`` at its keys that
    ``items`` does not replace (zero at those it does)."""
    return {k: _zeros_like_value(v) if k in items else g[k] for k, v in mapping.items()}


def _dict_part(g, items):
    """The adjoint of ``_merged(mapping, items)`` for ``items``: ``g`` at their keys."""
    return {k: g[k] for k in items}


def _is_member(value, cls, member):
    """``value == cls.member`` for a member of an enum class (by its class's name and its
    name: generated code does not import the user's class)."""
    return type(value).__name__ == cls and getattr(value, "name", None) == member
