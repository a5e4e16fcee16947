"""Prelude helpers that any generated code may call (see prelude.py): the zero-safe quotients
and powers of the rule templates, adjoints summed back to their operands' shapes, and the
reverse sweep's store of adjoints (tuples' parts, index writes, copies of its own)."""
import numpy as np


def _over(d, s):
    """d / s, exactly zero where d is zero: an infinite slope (s = 0: sqrt at 0, asin at 1)
    along a direction that does not move the operand contributes nothing; +-inf where only s
    is zero, as numpy divides (never a ZeroDivisionError for numbers)."""
    if d.__class__ is float and s.__class__ is float or np.ndim(d) == 0 and np.ndim(s) == 0:
        if s:
            return d / s
        return 0.0 * s if d == 0 else np.copysign(np.inf, d) * np.copysign(1.0, s)
    if np.all(s):
        return d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(d) == 0, 0.0, np.asarray(d, dtype=float) / s)


def _ratio(d, s):
    """d / s, and zero where s is zero: the subgradient 0 at the kink of a norm, a standard
    deviation or hypot at zero (where d, proportional to the operand, is zero too)."""
    if d.__class__ is float and s.__class__ is float or np.ndim(d) == 0 and np.ndim(s) == 0:
        return d / s if s else 0.0 * d
    if np.all(s):
        return d / s
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(s) == 0, 0.0, np.asarray(d, dtype=float) / s)


def _power_tangent(a, b, d):
    """The tangent of a ** b along d, a's tangent: b a^(b-1) d, exactly zero where b is zero
    (a ** 0 is 1 everywhere, 0 ** 0 too) or d is, and +-inf at a = 0 for 0 < b < 1."""
    if np.ndim(a) == 0 and np.ndim(b) == 0 and np.ndim(d) == 0:
        if b == 0 or d == 0:
            return 0.0 * d
        if a == 0 and b < 1:
            return np.copysign(np.inf, d)
        return b * a ** (b - 1) * d
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = b * np.power(np.asarray(a, dtype=float), np.subtract(b, 1.0)) * d
    return np.where((np.asarray(b) == 0) | (np.asarray(d) == 0), 0.0, full)


def _powered(a, e, d):
    """a ** e * d, exactly zero where d is zero (an infinite power along no direction)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = np.power(np.asarray(a, dtype=float), e) * d
    return np.where(np.asarray(d) == 0, 0.0, full)


def _exponent_tangent(p, a, d):
    """The tangent of p = a ** b along d, b's tangent: p log(a) d, exactly zero where p is
    (0 ** b = 0 for every b > 0) or d is (a negative base has no real logarithm)."""
    if np.ndim(p) == 0 and np.ndim(a) == 0 and np.ndim(d) == 0:
        if p == 0 or d == 0:
            return 0.0 * d
        return p * np.log(a) * d if a > 0 else np.nan
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        full = p * np.log(a) * d
    return np.where((np.asarray(p) == 0) | (np.asarray(d) == 0), 0.0, full)


def _unbroadcast(g, x):
    """Sum an adjoint back to the shape of the operand ``x`` it was broadcast from."""
    if g.__class__ is np.ndarray:       # equal shapes, or two numbers: the common cases first
        if x.__class__ is np.ndarray and g.shape == x.shape:
            return g
    elif (g.__class__ is float or g.__class__ is np.float64) and \
            (x.__class__ is float or x.__class__ is np.float64):
        return g
    shape = np.shape(x)
    if np.shape(g) == shape:
        return g
    if np.ndim(g) < len(shape):     # x[i] = v drops v's leading ones
        g = np.reshape(g, (1,) * (len(shape) - np.ndim(g)) + np.shape(g))
    lead = np.ndim(g) - len(shape)
    if lead > 0:
        g = np.sum(g, axis=tuple(range(lead)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and np.shape(g)[i] != 1)
    if axes:
        g = np.sum(g, axis=axes, keepdims=True)
    return np.reshape(g, shape)


def _broadcast_back(g, a):
    """The adjoint of ``_unbroadcast(a, x)`` in ``a``: g, of x's shape, broadcast to a's (a
    new array), leading ones that a lacks dropped."""
    shape = np.shape(a)
    if np.shape(g) == shape:
        return g
    if np.ndim(g) > len(shape):         # x[i] = v dropped v's leading ones
        g = np.reshape(g, np.shape(g)[np.ndim(g) - len(shape):])
    return np.broadcast_to(g, shape).copy() if shape else g


def _unbroadcast_product_adjoint(g, b, a):
    """The adjoint in ``a`` of ``_unbroadcast_product(a, b, x)``: g, of x's shape, broadcast
    to the shape of a * b, times b, summed back to a's shape."""
    if np.ndim(g) == 0 and np.ndim(b) == 0 and np.ndim(a) == 0:
        return g * b
    full = np.broadcast_shapes(np.shape(a), np.shape(b))
    if np.ndim(g) > len(full):          # x[i] = v dropped v's leading ones
        g = np.reshape(g, np.shape(g)[np.ndim(g) - len(full):])
    return _unbroadcast(np.broadcast_to(g, full) * b, a)


def _unbroadcast_product(a, b, x):
    """``_unbroadcast(a * b, x)``, summing the product as einsum does, without making it first
    (one pass over the operands instead of three, and no temporary of the broadcast shape)."""
    number_a = a.__class__ is float or a.__class__ is np.float64
    number_b = b.__class__ is float or b.__class__ is np.float64
    if x.__class__ is np.ndarray:       # equal shapes, or numbers: the common cases first
        if (number_a or a.__class__ is np.ndarray and a.shape == x.shape) and \
                (number_b or b.__class__ is np.ndarray and b.shape == x.shape):
            return a * b
    elif x.__class__ is float or x.__class__ is np.float64:
        if number_a and number_b:
            return a * b
        if a.__class__ is np.ndarray and b.__class__ is np.ndarray and a.shape == b.shape:
            return np.dot(a.ravel(), b.ravel())     # a sum onto a number: no einsum path
    shape_a, shape_b, shape = np.shape(a), np.shape(b), np.shape(x)
    if shape_b == shape and shape_a in ((), shape) or shape_a == shape and shape_b == ():
        return a * b        # nothing to sum (np.broadcast_shapes alone costs 3 us)
    full = np.broadcast_shapes(shape_a, shape_b)
    if full == shape or len(shape) > len(full) or len(full) > 26:
        return _unbroadcast(a * b, x)
    letters = "abcdefghijklmnopqrstuvwxyz"[:len(full)]
    lead = len(full) - len(shape)
    kept = "".join(c for c, n, m in zip(letters[lead:], shape, full[lead:]) if n != 1 or m == 1)
    spec = f"{letters[len(full) - np.ndim(a):]},{letters[len(full) - np.ndim(b):]}->{kept}"
    return np.reshape(np.einsum(spec, a, b), shape)


def _assigned_adjoint(b, index, v):
    """The adjoint of v in x[index] = v from x's adjoint b: b[index] summed back to v's shape,
    counting only the last write where an index repeats (numpy keeps the last); an array of
    its own, never a view of b (whose part the reverse sweep sets to zero next)."""
    part = b[index]
    parts = index if isinstance(index, tuple) else (index,)
    if not any(np.ndim(p) > 0 and np.asarray(p).dtype != bool for p in parts):
        return np.copy(_unbroadcast(part, v))   # numbers, slices, masks repeat no entry
    ids = np.reshape(np.arange(np.size(part)), np.shape(part))
    last = np.full(np.shape(b), -1)
    last[index] = ids
    return _unbroadcast(np.where(last[index] == ids, part, 0.0), v)


def _record_fields(value):
    """The field names of a record (a dataclass instance, or an object with attributes of its
    own), or None for anything else."""
    fields = getattr(type(value), "__dataclass_fields__", None)
    if fields is not None:
        return list(fields)
    if isinstance(value, (np.ndarray, np.generic, type)) or callable(value):
        return None
    own = getattr(value, "__dict__", None)
    return list(own) if own is not None else None


def _with_fields(record, fields):
    """A copy of a record with the fields given (frozen dataclasses too)."""
    import copy
    new = copy.copy(record)
    for name, v in fields.items():
        object.__setattr__(new, name, v)
    return new


def _is_container(value):
    """Whether ``value`` is a tuple, list, dict or record (not a number or an array)."""
    return isinstance(value, (tuple, list, dict)) or _record_fields(value) is not None


def _zeros_like_value(value):
    """Zeros shaped as a value: an array; for a tuple or list, a list of zeros (a NamedTuple
    of them for a NamedTuple); a dict of zeros for a dict, a record of zeros for a record
    (a dataclass, an object); None for what carries no derivative (a string, a flag, None)."""
    if isinstance(value, (str, bool)) or value is None or callable(value):
        return None
    if hasattr(value, "_fields"):
        return type(value)(*[_zeros_like_value(v) for v in value])
    if isinstance(value, (tuple, list)):
        return [_zeros_like_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _zeros_like_value(v) for k, v in value.items()}
    fields = _record_fields(value)
    if fields is not None:
        return _with_fields(value, {f: _zeros_like_value(getattr(value, f)) for f in fields})
    return np.zeros(np.shape(value))


def _add_parts(a, b):
    """The sum of two adjoints of a container, item by item (``+`` would join two tuples):
    a list for a tuple, whose items index updates may change; a NamedTuple, dict or record
    for one; None is a zero."""
    if a.__class__ is np.ndarray and b.__class__ is np.ndarray:
        return a + b                # two arrays (the items of a list of arrays)
    if a is None or b is None:
        return b if a is None else a
    if _is_container(a) != _is_container(b):
        part, other = (b, a) if _is_container(a) else (a, b)
        if np.ndim(part) == 0 and not np.any(part):
            return other        # a zero made without the container's shape
        if np.ndim(part) == 0 or not isinstance(other, (tuple, list)):
            raise ValueError("sct: an array added into a container's adjoint")
    if hasattr(a, "_fields"):
        return type(a)(*[_add_parts(x, y) for x, y in zip(a, b)])
    if isinstance(a, (tuple, list)) or isinstance(b, (tuple, list)):
        return [_add_parts(x, y) for x, y in zip(a, b)]
    if isinstance(a, dict):
        return {k: _add_parts(v, b.get(k)) for k, v in a.items()}
    fields = _record_fields(a)
    if fields is not None:
        return _with_fields(a, {f: _add_parts(getattr(a, f), getattr(b, f)) for f in fields})
    return a + b


def _own_parts(value):
    """A copy of a container's adjoint that index updates may change: a list of copies (for a
    NamedTuple, dict or record: one of the same kind)."""
    if value.__class__ is np.ndarray:
        return np.copy(value)
    if hasattr(value, "_fields"):
        return type(value)(*[_own_parts(v) for v in value])
    if isinstance(value, (tuple, list)):
        return [_own_parts(v) for v in value]
    if isinstance(value, dict):
        return {k: _own_parts(v) for k, v in value.items()}
    fields = _record_fields(value)
    if fields is not None:
        return _with_fields(value, {f: _own_parts(getattr(value, f)) for f in fields})
    return np.copy(value) if isinstance(value, np.ndarray) else value


def _add_item(b, index, g):
    """``b`` with ``g`` added into its item at ``index``: a list or dict in place, a
    NamedTuple anew."""
    if hasattr(b, "_fields"):
        items = list(b)
        items[index] = _add_parts(items[index], g)
        return type(b)(*items)
    if isinstance(b, np.ndarray) and b.ndim == 1 and b.dtype == np.float64 and \
            isinstance(index, np.ndarray) and index.dtype.kind in "iu" and index.size > 4096 and \
            isinstance(g, (np.ndarray, np.generic, float, int)) and not np.iscomplexobj(g):
        n = b.shape[0]      # a large gather x[i] of a vector: np.add.at by np.bincount, 2x (at
        if index.max() >= n or index.min() < -n:   # 5,000 entries) to 8x faster; as add.at,
            raise IndexError(f"index out of bounds for an axis of size {n}")   # it raises
        b += np.bincount(np.ravel(index) % n, minlength=n,
                         weights=np.ravel(np.broadcast_to(g, index.shape)))
        return b
    if isinstance(b, np.ndarray) and isinstance(g, (np.ndarray, np.generic, float, int)) and \
            (np.iscomplexobj(b) or not np.iscomplexobj(g)):
        np.add.at(b, index, g)      # an array (a name sct took for a container): an index of
        return b                    # integer arrays may repeat an entry, whose parts add up
    b[index] = _add_parts(b[index], g)
    return b


def _field_tangent(tangent, name):
    """The tangent of ``p.name`` in the tangent record of ``p``: its field ``name``; a zero
    where ``name`` is an attribute of the record's class (a constant)."""
    fields = tangent._fields if hasattr(tangent, "_fields") else _record_fields(tangent)
    if fields is not None and name not in fields:
        return _zeros_like_value(getattr(tangent, name))
    return getattr(tangent, name)


def _add_field(b, name, g):
    """``b`` with ``g`` added into its field ``name`` (the adjoint of ``w = p.name``); ``b``
    itself where ``name`` is an attribute of the record's class, a constant."""
    fields = b._fields if hasattr(b, "_fields") else _record_fields(b)
    if fields is not None and name not in fields:
        return b
    if hasattr(b, "_replace"):
        return b._replace(**{name: _add_parts(getattr(b, name), g)})
    return _with_fields(b, {name: _add_parts(getattr(b, name), g)})


def _add_at(b, index, g):
    """b[index] += g counting repeated indices, as np.add.at does; returns b.  An index that
    turns out to be basic (numbers, slices, None, ...: no entry twice) is added in place, which
    is exact there too and takes a hundredth of np.add.at's time."""
    if _basic_index(index):
        b[index] += g
    else:
        np.add.at(b, index, g)
    return b


def _basic_index(index):
    """Whether an index is of integers, slices, None and ... only (not bools, not arrays)."""
    for part in index if isinstance(index, tuple) else (index,):
        if part is None or part is Ellipsis or isinstance(part, slice):
            continue
        if not isinstance(part, (int, np.integer)) or isinstance(part, (bool, np.bool_)):
            return False
    return True


def _detached(value):
    """``value`` with its arrays copied (tuples rebuilt, numbers kept): an adjoint's returned
    value, before its reverse sweep writes old entries back into the arrays it shares."""
    if isinstance(value, tuple):
        return tuple(_detached(v) for v in value)
    return np.copy(value) if isinstance(value, np.ndarray) else value


def _same_array(a, b):
    """Whether a is the numpy array b (numbers are never updated in place)."""
    return a is b and isinstance(b, np.ndarray)


def _kept_array(value, old):
    """``value`` as numpy leaves the array ``old`` it updated in place (``old += v``): an
    array of old's dtype, though of no dimensions; ``value`` itself where old is no array."""
    return np.asarray(value, dtype=old.dtype) if isinstance(old, np.ndarray) else value


def _own_value(value):
    """``value``, an array copied: where a user function that generated code calls may update
    its parameter in place (``x += v``), as sct's derivatives of its callers assume it does
    not (they rebind ``x``, and sct refuses callers that would see the difference)."""
    return np.copy(value) if isinstance(value, np.ndarray) else value


def _taken(g, dg=None):
    """Whether an adjoint g reaches an operand that np.where (or a steep slope) may leave out:
    where it is not zero, or where its tangent dg (a Hessian's forward sweep over the reverse
    one) is not, g being zero only at this point."""
    taken = np.asarray(g) != 0
    return taken if dg is None else taken | (np.asarray(dg) != 0)


def _unless_zero(g, t):
    """t, exactly zero where the adjoint g is: an adjoint that np.where (or np.maximum,
    np.minimum, np.clip) sends nowhere stays zero back through the operations of the branch
    not taken, whatever inf or NaN that branch's own values hold (sin(x) / x at 0)."""
    return np.where(np.asarray(g) == 0, 0.0, t)


def _chain(g, p):
    """g p, the chain rule's product of an adjoint and a slope, with 0 inf = 0: zero where
    either is zero, whatever the other holds. An infinite slope's adjoint (sqrt at 0) meeting a
    zero slope gives 0, as forward mode takes a zero tangent through an infinite slope."""
    if g.__class__ is float and p.__class__ is float or np.ndim(g) == 0 and np.ndim(p) == 0:
        return 0.0 if g == 0 or p == 0 else g * p
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where((np.asarray(g) == 0) | (np.asarray(p) == 0), 0.0, g * p)


def _empty_argument(name):
    """What Python's max() and min() do with an empty iterable (a generator's reduction that
    sct wrote as a loop): raise ValueError."""
    raise ValueError(f"{name}() iterable argument is empty")


def _range_length(start, stop, step):
    """len(range(start, stop, step)), as Python counts a range's items (a loop over
    enumerate, zip or reversed of a range with a computed step: iteration.py); ValueError for
    a step of 0."""
    return len(range(start, stop, step))
