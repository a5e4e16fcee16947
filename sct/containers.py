"""Which names may hold a container (a tuple, list, dict or record) rather than a number or an
array: what the adjoint store and the zeros of a derivative follow (``Activity.tuples``).
A container's adjoint is a container of its items' adjoints, made by ``_zeros_like_value``
and added item by item (``_add_parts``, ``_add_item``, ``_add_field``), never with ``+``,
which would join two lists."""
import ast

from . import rules
from .ir import op_key, statements, walk
from .names import names_of


def tuples(fdef, params=()):
    """Names that may hold a tuple: ``params`` (parameters some call passes one), and names
    bound to a tuple display, to the result of a user function that returns one, to another
    such name, to an intrinsic's tuple or list of arrays (``Rule.tuple_result``: np.split,
    np.linalg.eigh), or (in sct's adjoints) to the lists ``_zeros_like_value``, ``_add_parts``
    and ``_own_parts`` make for one."""
    found = set(params) | containers(fdef)
    assigns = [s for s in statements(fdef)
               if isinstance(s, ast.Assign) and isinstance(s.targets[0], ast.Name)]
    indexed = {s.value.value.id for s in statements(fdef) if isinstance(s, ast.Assign) and
               isinstance(s.value, (ast.Subscript, ast.Attribute)) and
               isinstance(s.value.value, ast.Name)} | \
        {s.value.id for s in statements(fdef) if isinstance(s, ast.Assign) and
         isinstance(s.targets[0], ast.Tuple) and isinstance(s.value, ast.Name)}
    grown = True
    while grown:
        grown = False
        for s in assigns:
            name, value = s.targets[0].id, s.value
            callee = getattr(value, "sct_callee", None)
            rule = rules.lookup(getattr(value, "sct_op", None)) \
                if isinstance(value, ast.Call) else None
            zeros_of = rule is not None and rule.parts and names_of(value) & found
            zeros_of = zeros_of or rule is not None and rule.tuple_result
            item = isinstance(value, ast.Subscript) and isinstance(value.value, ast.Name) and \
                value.value.id in found and name in indexed     # a container's item, indexed
            if name not in found and (isinstance(value, ast.Tuple) or zeros_of or item or
                                      isinstance(value, ast.Name) and value.id in found or
                                      callee is not None and _returns_tuple(callee)):
                found.add(name)
                grown = True
    return found


def containers(fdef):
    """Names (parameters or not) that surely hold a tuple, list, dict or record when the
    function runs: those unpacked (``a, b = p``), indexed by a string (``p['w']``), whose
    fields are read (``p.w``), or whose items are indexed, unpacked or read in turn
    (``p[0][1]``).  A parameter only indexed by numbers may be an array as well: its adjoint is
    an array (``grad`` gives it back as the argument's list or tuple)."""
    found, items = set(), {}
    for stmt in statements(fdef):
        if not isinstance(stmt, ast.Assign):
            continue
        value, target = stmt.value, stmt.targets[0]
        held = value.value.id if isinstance(value, (ast.Subscript, ast.Attribute)) and \
            isinstance(value.value, ast.Name) else None
        if isinstance(value, ast.Name) and isinstance(target, ast.Tuple):
            held = value.id
            found.add(held)
        elif isinstance(value, ast.Subscript) and held:
            if isinstance(value.slice, ast.Constant) and isinstance(value.slice.value, str):
                found.add(held)
        elif isinstance(value, ast.Attribute) and held and \
                getattr(rules.lookup(op_key(value)), "of_container", False):
            found.add(held)
        else:
            continue
        if held in items:                    # p[0][1]: p's items are containers
            found.add(items[held])
        if isinstance(target, ast.Name):
            items[target.id] = held
    changed = True
    while changed:                           # and so on, down the chain
        changed = False
        for item, holder in items.items():
            if item in found and holder not in found:
                found.add(holder)
                changed = True
    return found


def _returns_tuple(fn):
    """Whether a user function returns a tuple of results, or a container (a list or dict
    display, a name bound to one or to an intrinsic's container: ``return xs`` after
    ``xs.append``)."""
    def container(value):
        if isinstance(value, ast.Tuple):
            return True
        rule = rules.lookup(getattr(value, "sct_op", None)) if isinstance(value, ast.Call) \
            else None
        return rule is not None and rule.tuple_result
    held = {t.id for s in walk(fn.node) if isinstance(s, ast.Assign) and container(s.value)
            for t in s.targets if isinstance(t, ast.Name)}
    return any(isinstance(r, ast.Return) and (container(r.value) or isinstance(
        r.value, ast.Name) and r.value.id in held) for r in walk(fn.node))
