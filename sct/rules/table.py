"""The rule table's builders: each call adds entries to ``RULES`` (see the package's docstring
for the kinds of entry); ``ALIASES`` maps other spellings to canonical names, ``HELPERS`` names
the prelude functions generated code calls (intrinsics for forward mode over that code)."""
from .rule import Rule, pick

RULES = {}
ALIASES = {}


def _params(spec):
    names, defaults = [], {}
    for part in filter(None, (p.strip() for p in _top_level(spec))):
        name, _, default = part.partition("=")
        names.append(name.strip())
        if default:
            defaults[name.strip()] = default.strip()
    return tuple(names), defaults


def _top_level(spec):
    """A parameter list split at its commas outside parentheses (``axes=(0, 1)`` is one)."""
    parts, depth, start = [], 0, 0
    for i, c in enumerate(spec):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            parts.append(spec[start:i])
            start = i + 1
    return parts + [spec[start:]]


def _add(name, spec, kind, diff=None, tangent=None, both=None, scalar=False,
         broadcast=False, adjoint=None, pointwise=False, literal=(), masks=(), steep=()):
    params, defaults = _params(spec)
    assert not {"y", "M"} & set(params), f"{name}: y and M are the templates' own names"
    assert not (pointwise and "g" in params), f"{name}: g is the adjoint templates' own name"
    if diff is None:
        diff = params[:1] if kind == "linear" else tuple(tangent or ())
    RULES[name] = Rule(name, params, defaults, tuple(diff), kind, dict(tangent or {}),
                       both=both, scalar=scalar, broadcast=broadcast, adjoint=dict(adjoint or {}),
                       elementwise=pointwise or kind == "elementwise", literal=literal,
                       masks=tuple(masks), steep=tuple(steep))


def elementwise(names, spec, tangent, both=None, modules=("math", "np"), literal=(),
                steep=()):
    """One rule per module for each of ``names`` (``'sin'`` gives math.sin and np.sin); a
    template written as a pair is (for math, for numpy)."""
    for module in modules:
        for name in names.split():
            module_name = name if module == "math" else NUMPY_NAMES.get(name, name)

            def fill(t):
                t = pick(t, module == "math")
                return t.replace("M.", module + ".") if t else t
            extra = literal and (literal[0], literal[1],
                                 {p: fill(t) for p, t in literal[2].items()})
            _add(f"{module}.{module_name}", spec, "elementwise",
                 tangent={p: fill(t) for p, t in tangent.items()}, both=fill(both),
                 scalar=(module == "math"), literal=extra or (), steep=steep)


def linear(names, spec="a", adjoint=None, diff=None):
    for name in names.split():
        _add(name, spec, "linear", diff=diff, adjoint=adjoint)


def multilinear(names, spec, diff, adjoint=None):
    for name in names.split():
        _add(name, spec, "multilinear", diff=diff, adjoint=adjoint)


def nondiff(names, spec="*"):
    for name in names.split():
        RULES[name] = Rule(name, None, {}, (), "nondiff")


def template(name, spec, tangent, both=None, broadcast=False, adjoint=None, masks=()):
    """``broadcast``: the template of a lone active operand (``da``) keeps that operand's
    shape, so the transform broadcasts it to the result's when another operand is an array;
    ``masks``: operands whose adjoint is exactly zero in entries the result leaves out."""
    _add(name, spec, "template", tangent=tangent, both=both, broadcast=broadcast,
         adjoint=adjoint, masks=masks)


def pointwise(name, spec, tangent, both=None, broadcast=False, literal=(), masks=(),
              steep=()):
    """An elementwise template entry: its adjoint follows from its tangent."""
    _add(name, spec, "template", tangent=tangent, both=both, broadcast=broadcast, pointwise=True,
         literal=literal, masks=masks, steep=steep)


def alias(**pairs):
    for old, new in pairs.items():
        ALIASES[old.replace("__", ".")] = new


# numpy spells some of math's names differently
NUMPY_NAMES = {"asin": "arcsin", "acos": "arccos", "atan": "arctan", "atan2": "arctan2",
               "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh", "pow": "power"}

HELPERS = set()


def helper(name, spec, kind, diff, tangent=None, adjoint=None):
    _add(name, spec, kind, diff=diff, tangent=tangent, adjoint=adjoint)
    HELPERS.add(name)
