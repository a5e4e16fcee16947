"""A rule of the table: an intrinsic's signature, its derivative templates, and the fields and
hooks the passes read instead of its name (see the table's docstring in ``rules``)."""
import ast
import copy
from dataclasses import dataclass, field


@dataclass
class Rule:
    name: str                      # canonical name: 'np.sum', 'math.sin', 'Add', 'subscript'
    params: tuple                  # parameter names, in positional order
    defaults: dict                 # parameter -> default (source text)
    diff: tuple                    # differentiable parameters
    kind: str                      # elementwise | template | linear | multilinear | nondiff
    tangent: dict = field(default_factory=dict)   # parameter -> template (source text)
    both: str = None               # template used when every diff parameter is active
    scalar: bool = False           # the result is a Python number (math module, float, len)
    numbers: bool = False          # its operands must be Python numbers (math module)
    broadcast: bool = False        # a lone operand's tangent may need the result's shape
    adjoint: dict = field(default_factory=dict)   # parameter -> adjoint template
    elementwise: bool = False      # diagonal Jacobian: the adjoint follows from the tangent
    literal: tuple = ()            # (parameter, test, templates): when that operand is a number
                                   # literal passing the test, these templates replace tangent's
    masks: tuple = ()              # operands whose adjoint is zero where the result does not
                                   # take them (np.where's branches)
    steep: tuple = ()              # operands along which its slope may be infinite where its
                                   # value is finite (sqrt at 0): their adjoint may be inf
    pairs: tuple = ()              # operands that are tuples (a factorization and its flag:
                                   # cho_solve's (c, lower)), given to templates as they are,
                                   # a display not made an array
    truth: bool = False            # its result is a truth value (np.any): and/or take it
    view: object = False           # its result may be a view of an operand (writes into it
                                   # write into the operand: aliasing, activity); or call ->
                                   # whether this call's may (np.einsum: not a number's)
    forward_value: str = None      # nondiff: the value itself in forward mode where its
                                   # operand is active (a test that must see the tangent too)
    rank: object = None            # the result's number of dimensions: an int, "shape" (the
                                   # length of its shape argument, the first or the one named
                                   # shape), "like" (its one operand's), "reduce" (0 without an
                                   # axis), "elements" (1 for a list of numbers), "pieces"
                                   # (that of the arrays in its list), None (other:
                                   # elementwise rules take their operands')
    array: bool = False            # its result is a numpy array whatever its operands (a 0-d
                                   # one for numbers): x op= v then updates it in place
    shapes: tuple = ()             # positions of the operands it reads for their shape only
    symmetric: tuple = ()          # two positions whose operands it may swap, same result
    path: object = None            # call -> whether optimize=True (a contraction path) pays
    skips: object = None           # value -> positions of differentiable parameters that are
                                   # not differentiable in this call (_einsum_adjoint's k)
    entrywise: bool = False        # each entry of its result is an entry of an operand: an
                                   # adjoint passes through it entry by entry (x[i])
    rebinds: bool = False          # x = OP(x, ...) may keep its target after normalize: the
                                   # adjoint reads no value the rebinding loses (x + b, sums)
    fresh: object = False          # its result is an array of its own, never one of its
                                   # operands nor a view: True, or call, fresh -> whether
    returns: tuple = ()            # positions of operands its result may be, as they are
    parts: bool = False            # on a tuple, it makes a list of parts (sct's adjoints)
    tuple_result: bool = False     # its result is a tuple or list of arrays (np.linalg.eigh,
                                   # np.split, cho_factor's (c, lower)): its adjoint is a list
                                   # of parts, not one array
    of_container: bool = False     # its operand surely is a container (a record's field p.w)
    container: type = None         # list or dict: its result is a new one (list(xs))
    tangent_of: object = None      # a linear op's tangent, from the op on its operands' tangents
                                   # (a record's field: _field_tangent(dp, 'w'), not dp.w)
    prepare: object = None         # args, keywords -> the arguments checked (and lowered), a
                                   # Refusal where the call is outside what sct supports
    lower: object = None           # args -> (op, args of a call, args of another): the call
                                   # as op of two calls of itself (math.log(x, base))
    rewrite: object = None         # args, keywords -> an expression that means the call (or
                                   # None), checked as if written; its calls marked
                                   # ``sct_lowered`` are of that intrinsic (sum([a, b]): a + b)
    complex: str = None            # on complex operands (complexes.py): None: refused there;
                                   # "follows": its templates hold, its result is complex
                                   # where an operand is; "base": so where its first operand
                                   # is, refused where another is; "complex": a complex
                                   # result always; "real": a real one; "imaginary": a real
                                   # one whose adjoint is complex even for a real operand
    on_complex: object = None      # the Rule that replaces it where its first operand is
                                   # complex (np.abs, np.sum)
    generator: tuple = None        # a builtin reduction of a generator, lowered to a loop
                                   # (iteration.py): (its result's name, "start" where each
                                   # item is added to start, "default" where the rule itself
                                   # takes two items, the first of equal ones, and default=
                                   # is the value of no items)
    moving: object = None          # (args, keywords -> operands its entries move with that
                                   # it does not differentiate, message, hint): refused where
                                   # they carry a derivative (np.arange's start and step)

    def steep_operands(self, bound):
        """``steep``, but none where a literal operand rules the infinite slope out."""
        return () if self._templates(bound) is not self.tangent else self.steep

    def tangent_text(self, param, bound, scalar):
        """The tangent template of ``param`` for operands ``bound`` (AST), all numbers or not:
        a template written as a pair is (for numbers, for arrays)."""
        return pick(self._templates(bound).get(param), scalar)

    def both_text(self, scalar):
        return pick(self.both, scalar)

    def _templates(self, bound):
        if self.literal:
            name, test, templates = self.literal
            node = bound.get(name)
            value = getattr(node, "value", None)
            if isinstance(node, ast.Constant) and type(value) in (int, float) and test(value):
                return {**self.tangent, **templates}
        return self.tangent

    def bind(self, args, keywords):
        """Map call arguments (AST) onto parameter names; raise ValueError on misuse.  A
        parameter written ``*name`` takes the positional arguments from its place on, as a
        list."""
        star = self.star()
        if star is None and len(args) > len(self.params):
            raise ValueError(f"takes at most {len(self.params)} positional arguments")
        bound = dict(zip(self.params[:star], args))
        if star is not None:
            bound[self.params[star]] = list(args[star:])
        for name, value in keywords.items():
            if name not in self.params:
                allowed = ", ".join(p for p in self.params) or "none"
                raise ValueError(f"has no keyword '{name}' that sct supports "
                                 f"(supported: {allowed})")
            if name in bound:
                raise ValueError(f"got parameter '{name}' twice")
            bound[name] = value
        for name in self.params:
            if name not in bound and name not in self.defaults:
                raise ValueError(f"is missing its argument '{name}'")
        return bound

    def star(self):
        """The position of the ``*name`` parameter, or None."""
        return next((i for i, p in enumerate(self.params or ()) if p.startswith("*")), None)

    def param_at(self, position):
        """The parameter a positional argument binds (``*name`` for those it collects)."""
        star = self.star()
        if star is not None and position >= star:
            return self.params[star]
        return self.params[position] if position < len(self.params) else None

    def filled(self, bound):
        """``bound`` completed with defaults, as AST."""
        full = dict(bound)
        for name, text in self.defaults.items():
            full.setdefault(name, ast.parse(text, mode="eval").body)
        return full


@dataclass
class Scatter:
    """An adjoint contribution ``g`` added into the operand's adjoint at the operation's index
    (the adjoint of ``w = x[i]`` is ``b_x[i] += g``), or into its ``field`` (``w = p.w``)."""
    g: ast.AST
    field: str = None


def item_of(node, i):
    return ast.Subscript(copy.deepcopy(node), ast.Constant(i), ast.Load())


def pick(template, scalar):
    if isinstance(template, tuple):
        return template[0] if scalar else template[1]
    return template
