"""Differential fuzzing of sct: random programs inside the subset, their derivatives checked.

``programs()`` is a hypothesis strategy of random modules (``import math``, ``import numpy as
np``, module constants, helper functions calling one another, ``f``, and ``g``, a number made of
``f``'s value for the Hessian) and a test point.  The generator covers straight-line arithmetic
with the ``math`` and numpy intrinsics, nested ``if``/``elif``/``else``, ``for`` and ``while``
with data-dependent conditions and trip counts, ``break``/``continue``, early returns,
reassignments, augmented and tuple assignments and swaps, calls between helpers (tuple results,
defaults, keywords), arrays of shapes (), (3,), (2,), (2, 3), (2, 1), (2, 2) with broadcasting,
reductions (with ``axis``/``keepdims``), linear algebra (einsum in the string and in the
operand/sublist form, ``np.einsum(a, [0, 1], b, [1, 2], [0, 2])``, with and without the output
list), indexing (numbers, slices, loop variables, integer arrays, masks), index assignment, and
tuples packed into names and read back (``t = (a, b)``, ``t[0]``, ``p, q = t``).  ``f`` is
differentiated with respect to all its float parameters or some of them, and ``g`` with respect
to one.  Every intrinsic is applied inside its smooth domain (``log(1.0 + a ** 2)``,
``sqrt(1.0 + a ** 2)``, ``asin(0.9 * tanh(a))``, ``exp`` of bounded values, matrices ``2 I +
small`` for ``solve``/``inv``/``det``...), except at the edges below, and a rough bound on every
value keeps the numbers moderate.  Besides (issue 10):

* Views written through (``stmt_view``): an array whose number of dimensions sct can know
  (``np.zeros``/``np.ones``/``np.full`` with a shape, arithmetic on those) or cannot (a copy of
  a parameter), a view of it by basic indexing or reshaping (``v = s[1:]``, ``row = N[0]``,
  ``N[:, 1]``, ``s[::2]``, ``s.T``, ``np.reshape(s, (6,))``, ``s[None]``...; or ``v = s``, or a
  vector's entry, a number), index writes and ``+= -= *= /=`` through the view and through the
  base, then reads of either.  Augmented assignments also update whole arrays of their own
  (arithmetic results) and numbers.  Numpy's semantics are what the checks see: forward mode
  must follow them exactly; reverse mode may refuse ("may share memory", as the README says).
* Defaults in ``f`` itself (``def f(x, a=0.37)``; ``g`` has the same signature): every API
  wrapper is called with the defaulted arguments omitted (``sct.forward`` with keyword
  tangents, read from the generated function's signature; ``sct.grad``,
  ``sct.value_and_grad``, ``sct.jacobian`` in modes forward/reverse/auto, ``sct.hessian``,
  ``sct.hvp``) and must give what it gives with every argument passed, and what central
  differences give.
* Test points at edges and kinks: ``f`` may have one parameter that edge forms pin
  (``e_edge``): abs/np.abs/math.fabs at 0, integer and float powers with a zero base
  (``x ** 0``, ``x ** 3``, ``np.power(x, 0.0)``, ``x ** n``), ``np.power(x * x, 1.5 + e ** 2)``
  at x = 0, ``hypot(0, 0)``, the norm of a zero vector (or row), std of equal entries, and
  ``sqrt(x * x)``-like forms at 0 (``arccos(cos(x))``, ``arccosh(cosh(x))``...), and
  where guards ``np.where(x != 0, np.sin(x) / x, 1.0)`` at x = 0 and ``np.where(x > 0,
  np.log(x), 0.0)`` / ``np.sqrt`` / ``x * np.log(x)`` with zeros or negatives in x; the test
  point gets the pinned values.  Without a pin: a zero base ``np.power(0.0, 0.5 + e ** 2)``, and
  zero variance (std/var of a number, over an axis of length 1, of two copies of one value).
  The rule is the issue's: where central differences are self-consistent, sct's derivatives
  must match them and be finite (sign(0) = 0 and the subgradient 0 at a kink of abs, norm,
  hypot and std, where central differences give 0 too).

  Kept out as legitimately undefined or outside sct's conventions: sqrt, log and fractional
  powers at 0 with a direction that moves the argument (an infinite derivative; their guards
  get no direction at the pinned zeros, ``Program.frozen``, and reverse mode is checked against
  forward mode there instead); ``np.power(0, y)`` for y <= 0.5; exact ties of
  max/min/np.maximum/np.minimum/np.max/np.min and clip (central differences average, sct sends
  the derivative to the first argument or shares it), and branch conditions, ``%`` and ``//``
  exactly at their thresholds: the pinned parameter and every value computed from it
  (``Var.edge``) stay out of conditions and those operands, out of loops and out of helpers'
  arguments; second derivatives through a kink (sign(0) = 0 is right to first order, but
  abs(x) ** 2 is x ** 2, whose second derivative at 0 is 2, not sign(0) ** 2 * 2 = 0) and at a
  sin(x)/x guard, where the branch taken (1.0) matches the function only to first order
  (``Program.first_order``: the Hessian is then checked for symmetry and finiteness only;
  through an infinite slope met by a zero factor, sqrt(x * x) at 0, not even that: the second
  derivative does not exist, and sct gives inf there).
  Where guards compute both branches: numpy's divide/invalid warnings are expected there
  (``Program.relaxed``), and values and derivatives are checked to be finite instead; on a
  number (a Python float) forward mode computes the untaken branch's tangent with Python's
  arithmetic and may raise ZeroDivisionError, as the README says (rejected there).  An
  infinite slope met by a zero tangent (``sqrt(x * x)``, ``arccos(cos(x))`` at x = 0) is
  |x|-like, a kink: derivative 0 in both modes (README: conventions at kinks and edges).

* Issue 12's numpy/scipy breadth (``BREADTH``, ``e_breadth``, ``stmt_breadth``): order
  statistics (sort, median, percentile, quantile, partition, ptp, nanmax/nanmin) on entries
  made distinct by spread offsets; cumprod, take, take_along_axis, diff, roll, flip, rot90,
  moveaxis, repeat, tile, append, column_stack, dstack, ``np.r_``, pad, gradient, split,
  meshgrid, astype, select, cross, interp, polyval, tensordot, convolve/correlate (numpy's and
  scipy.signal's), fmax/fmin/fmod, nan_to_num, nansum/nanmean, average, sinc, cbrt, exp2,
  logaddexp(2); np.linalg norms of every order (the max/min orders on distinct entries,
  matrices with distinct singular values), multi_dot, matrix_power, pinv, lstsq, eigh, eigvalsh,
  svd, qr (of symmetric positive definite matrices with distinct eigenvalues, well-conditioned
  ones, 2x3 ones of full rank with distinct singular values); scipy.special (gammaln and
  digamma of positive arguments, erfinv in (-0.9, 0.9), logit in (0.1, 0.9), expit, erf, ndtr,
  log_ndtr, xlogy, i0, j0, logsumexp, softmax, log_softmax), scipy.stats (norm, t,
  multivariate_normal), scipy.linalg (solve, cholesky, solve_triangular, cho_factor/cho_solve,
  lu_factor/lu_solve, det, inv, expm, sqrtm, solve_sylvester); complex values (np.fft, np.exp
  of 1j times a value, written by index, rebound) reduced to real ones (np.real, np.imag,
  np.abs, np.angle) before they meet the rest of the program.  Decompositions and pairs are
  unpacked into names (``w, U = np.linalg.eigh(a)``), factorizations passed to their solves.
  The scipy modules used are imported.  A Hessian that the README says is refused at run time
  (matrix norms 2, -2, 'nuc') is a documented refusal.

* Issue 13's Python as people write it (``stmt_issue13``): lists
  built by displays (``ys = [a, b]``) and by ``ys.append(v)`` in a loop, read back as
  ``ys[i]``, ``ys[-1]``, ``np.array(ys)``, ``sum(ys)``, ``np.sum(np.array(ys))``; tuple
  displays passed to user functions (``tup1((a, b), c)``, a module-level helper that unpacks
  or indexes its tuple parameter); dict displays read by key (``d["a"]``, ``d.get("a")``) and
  given a new key (``d["c"] = v``); ``for w in xs`` over arrays (and ``reversed``), over tuple
  displays, ``enumerate`` and ``zip``, accumulating into a name; ``sum(e for w in xs)``; list
  comprehensions over those and over ranges; nested functions and lambdas that read names of
  the enclosing body (closures), called right after; ``assert`` with a message (a string or an
  f-string) that holds at every point.  What goes into a container no longer owns its array
  (``unown``): no later index write reaches it through another name.

``check(program)`` then asserts that

* sct's output is deterministic (transformed twice, the same text) and parses;
* the forward derivative's value is f's value and its tangent matches central differences;
* forward and reverse agree: <u, J v> = <J^T u, v> for random u, v (reverse mode compiled as a
  Jacobian row, ``scalar_output=False``), and the adjoints have the parameters' shapes;
* the gradient of g (reverse mode, ``scalar_output=True``) matches central differences of g,
  ``sct.hessian`` of g (forward over reverse) matches central differences of that gradient,
  and the Hessian is finite and symmetric;
* with defaults in f, the API wrappers with the defaulted arguments omitted (above);
* sct raises nothing but ``SctError``, and an ``SctError`` only for a refusal the README
  documents (checked where possible: a parameter refused as having no derivative must have
  none; reverse mode's "may share memory" only in programs that write into arrays or update
  names in place; "cannot tell whether it holds an array" only for augmented assignments, and
  never for a view that surely holds an array: a slice, a reshape, a row of a 2-D
  constructor's result).

The generator mostly avoids what reverse mode refuses by design (writing into an array that
another name shares; now and then it writes one, and views on purpose, and then the refusal or
a right derivative is what passes) and the bugs listed in ``KNOWN_BUGS`` (reported, not fixed
yet).

Central differences are trusted only where they are self-consistent: each is taken with steps h
and 2h (h = eps**(1/3) times the argument's scale), and a point where the two disagree (a branch
flips, a kink, a trip count changes nearby) is rejected, not failed.  Points where f itself
overflows, divides by zero or leaves a domain are rejected too.

Run ``python tests/fuzz.py --count 5000`` or ``--seconds 600`` (``make fuzz N=5000`` /
``make fuzz SECONDS=600``); each failure prints the program and is written, shrunk by hypothesis,
in the corpus format (``f``, ``ARGS``, ``WRT``, ``HESSIAN_WRT``, ``SEED``; ``FROZEN``,
``RELAXED``, ``FIRST_ORDER`` where set) to ``fuzz-failures/``; once the bug is fixed it belongs
in tests/corpus/ as ``fuzz_<name>.py``.  ``tests/test_fuzz.py`` runs a short derandomized run in
``make test``.
"""
import argparse
import ast
import atexit
import contextlib
import hashlib
import importlib.util
import inspect
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import textwrap
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field

import numpy as np
from hypothesis import HealthCheck, given, reject, seed as hypothesis_seed, settings
from hypothesis import strategies as st

import sct
import sct.api
import sct.higher
from sct.api import compile_module
from sct.errors import SctError, SctWarning

# Bugs the fuzzer found that are reported but not fixed yet: the generator steers clear of
# them, so that a run finds new ones instead.  Remove an entry once its bug is fixed.  Keys the
# generator knows: "param-shape" (swaps that change a parameter's shape), "edges" (no test
# point at an edge or kink, no zero variance, no zero base), "where-guard" (no guards),
# "defaults" (no defaults in f), "defaults-forward" (sct.forward not called with defaults
# omitted), "views" (no views written through), "einsum-sublist" (einsum as a string only),
# "reshape-of-arithmetic" (a reshape of an arithmetic result may be taken for a number),
# "row-of-constructor" (a row of a 2-D constructor's result may be taken for a number),
# "view-augment" (views and their arrays written by index only, no x op= v on them),
# "hvp-inplace" (no Hessian of g where f updates an array in place, x op= v),
# "hessian-power-zero" (no Hessian of g where x ** 0 meets x = 0),
# "named-index-adjoint" (rows and columns written at literal indices only, not y[n] = v),
# "infinite-slope-reverse" (no sqrt(x * x), arccos(cos(x))... at x = 0),
# "where-guard-number" (where guards on arrays only, not on a number),
# "copy-after-update" (no x op= v on numbers in loops),
# "norm-neg-inf-hessian" (no np.linalg.norm(x, ord=-np.inf): a Hessian through it is refused,
# "ord must be a literal", at the temporary sct's adjoint binds the literal to),
# "complex-index-write-hessian" (no Hessian of g where f writes into a complex value by index:
# the Hessian's code writes into the read-only, real tangent of its adjoint), "breadth" (none
# of issue 12's functions at all), "chain-after-complex-hessian" (no Hessian of g in programs
# with complex values: sqrt, fractional powers and powers with a moving exponent of real values
# read off complex ones are refused, "'_chain' is not supported on complex values"), "issue13"
# (none of issue 13's constructs: lists, dicts, tuple arguments, loops over values, generator
# sums, comprehensions, nested functions, asserts).
KNOWN_BUGS = {}

# features a KNOWN_BUGS key keeps the generator from producing (tests/test_fuzz.py's coverage
# test does not ask for them while the key is there)
STEERED = {
    "edges": {"edge: abs at 0", "edge: power at 0", "edge: zero base", "edge: hypot at 0",
              "edge: norm of zero", "edge: std at equal entries", "edge: zero variance",
              "edge: where guard", "edge: infinite slope", "edge: zero exponent"},
    "where-guard": {"edge: where guard"},
    "defaults": {"default in f", "keyword argument to f"},
    "views": {"view", "view of known rank", "view of unknown rank", "row view", "reshape view",
              "alias", "entry of a vector", "write through a view",
              "augmented assignment through a view", "write through the base",
              "view read before a write", "read after a view write"},
    "einsum-sublist": {"einsum sublist", "einsum implicit"},
    "view-augment": {"augmented assignment through a view"},
    "infinite-slope-reverse": {"edge: infinite slope"},
    "issue13": {"issue 13: append", "issue 13: list display", "issue 13: tuple argument",
                "issue 13: list argument", "issue 13: dict", "issue 13: dict item assignment",
                "issue 13: list item assignment", "issue 13: for over an array",
                "issue 13: for over a tuple", "issue 13: for over a range", "issue 13: enumerate",
                "issue 13: zip", "issue 13: generator sum", "issue 13: list comprehension",
                "issue 13: closure", "issue 13: lambda", "issue 13: assert"},
}


def steered_features():
    """The features that the KNOWN_BUGS entries steer the generator clear of."""
    return set().union(*(STEERED.get(key, set()) for key in KNOWN_BUGS))


S, V, W, M, C, Q = (), (3,), (2,), (2, 3), (2, 1), (2, 2)
SHAPES = [S, V, W, M, C, Q]
ARRAYS = [V, W, M, C, Q]
ELEMENTS = {V: S, W: S, M: V, Q: W}     # what iterating over an array of the shape gives
CONSTANTS = ["0.5", "1.5", "2.0", "0.25", "3.0", "0.75", "1.25", "0.1"]
# defaults of f's parameters, and so their values at the test point: unlike CONSTANTS and
# THRESHOLDS, none meets a constant of the program (no ties with a threshold or a max)
DEFAULTS = ["0.37", "1.3", "-0.62", "2.1", "0.85"]
THRESHOLDS = ["0.0", "0.5", "-0.5", "1.0", "-1.0", "0.3", "2.0"]
LIMIT = 30.0          # values whose bound exceeds this are squashed (tanh, sin)
BIG = 1e6             # a test point where |f| exceeds this is rejected
EPS = np.finfo(float).eps
STEP = EPS ** (1 / 3)


def broadcast(a, b):
    try:
        return tuple(np.broadcast_shapes(a, b))
    except ValueError:
        return None


# views by basic indexing and reshaping, per base shape: (template, shape of the view); ""
# is the base itself (an alias), and a vector's entry is a number, not a view
VIEWS = {
    V: [("{}[1:]", W), ("{}[::2]", W), ("{}[:2]", W), ("{}[::-1]", V), ("{}[-2:]", W),
        ("{}[:]", V), ("np.reshape({}, (3, 1))", (3, 1)), ("{}[None]", (1, 3)),
        ("{}.reshape(1, 3)", (1, 3)), ("{}[1]", S), ("{}", V)],
    M: [("{}[0]", V), ("{}[1]", V), ("{}[-1]", V), ("{}[:, 1]", W), ("{}[:, 1:]", Q),
        ("{}[:, ::2]", Q), ("{}[:, :1]", C), ("{}[1, 1:]", W), ("{}[..., 2]", W),
        ("{}.T", (3, 2)), ("np.transpose({})", (3, 2)), ("np.reshape({}, (6,))", (6,)),
        ("{}.reshape(3, 2)", (3, 2)), ("np.ravel({})", (6,)), ("{}[::-1, ::2]", Q),
        ("{}", M)],
    Q: [("{}[0]", W), ("{}[:, 1]", W), ("{}.T", Q), ("{}[::-1]", Q),
        ("np.reshape({}, (4,))", (4,)), ("{}[1:, :]", (1, 2)), ("np.swapaxes({}, 0, 1)", Q),
        ("{}", Q)],
    C: [("{}[:, 0]", W), ("np.reshape({}, (2,))", W), ("{}[1]", (1,)),
        ("np.squeeze({}, axis=1)", W), ("{}", C)],
    W: [("{}[::-1]", W), ("{}[1:]", (1,)), ("np.reshape({}, (2, 1))", C), ("{}[:, None]", C),
        ("np.expand_dims({}, 0)", (1, 2)), ("{}[0]", S), ("{}", W)],
}
# issue 12's functions whose results are views of their operand (README: pieces and grids are
# views), written through like the others; sct need not know that they hold arrays
BREADTH_VIEWS = {V: [("np.flip({})", V)], W: [("np.flip({})", W)],
                 M: [("np.flip({}, axis=1)", M), ("np.rot90({}, 2)", M),
                     ("np.moveaxis({}, 0, 1)", (3, 2)), ("np.hsplit({}, 3)[1]", C)],
                 C: [("np.flip({}, axis=0)", C)],
                 Q: [("np.rot90({})", Q), ("np.split({}, 2)[0]", (1, 2)),
                     ("np.hsplit({}, 2)[1]", C)]}
RESHAPES = ("reshape", "ravel", ".T", "transpose", "squeeze", "expand_dims", "None", "swapaxes")
# calls whose result may share its operand's memory
NOT_FRESH_CALLS = {"np.broadcast_to", "np.asarray", "np.reshape", "np.ravel", "np.squeeze",
                   "np.expand_dims", "np.transpose", "np.swapaxes", "np.diag", "np.einsum",
                   "np.flip", "np.rot90", "np.moveaxis", "np.real", "np.imag"}

# einsums in the operand/sublist form without the output list
IMPLICIT_EINSUMS = {"np.einsum({}, [0], {}, [0])", "np.einsum({}, [0, 1], {}, [1, 2])",
                    "np.einsum({}, [0, 1], {}, [1])"}

# operand shapes whose broadcast is the shape asked for, same shapes first
PAIRS = {s: sorted([(a, b) for a in SHAPES for b in SHAPES if broadcast(a, b) == s],
                   key=lambda p: (p != (s, s), p[0] != s, SHAPES.index(p[0]), SHAPES.index(p[1])))
         for s in SHAPES}


def shape_text(s):
    return str(s[0]) if len(s) == 1 else str(s)


def size(s):
    return int(np.prod(s)) if s else 1


# ---------------------------------------------------------------- choices

class Choices:
    """The generator's decisions: ``draw(lo, hi)`` returns an integer in [lo, hi].  Shrinking
    moves draws towards ``lo``, so the first option of every list is the simplest."""

    def __init__(self, draw):
        self.draw = draw

    def int(self, lo, hi):
        return self.draw(lo, hi)

    def pick(self, options):
        return options[self.draw(0, len(options) - 1)]

    def chance(self, percent):
        return self.draw(0, 99) >= 100 - percent


# ---------------------------------------------------------------- programs

@dataclass
class Expr:
    text: str
    bound: float
    view: str = None     # the variable this is (a view of), when it may share its memory
    fresh: bool = False  # a new array of its own (arithmetic), which += may update in place


@dataclass
class Var:
    name: str
    shape: tuple
    bound: float
    kind: str = "float"      # float | int
    lo: int = 0              # ints: the range of values
    hi: int = 0
    owned: bool = False      # an array of its own: index assignment may write into it
    written: bool = False    # index assignment wrote into it
    param: bool = False
    edge: bool = False       # computed from a parameter pinned at an edge or kink: kept out of
                             # conditions, max/min, clip, % and // (no ties, no branch kinks)
    group: str = None        # the array whose memory this shares (a view's base)
    fresh: bool = False      # an arithmetic result no other name shares: += may update it


@dataclass
class Helper:
    name: str
    params: list             # Vars
    defaults: dict           # param name -> default text
    returns: list            # shapes; one shape, or two for a tuple
    bound: list


@dataclass
class Program:
    source: str
    args: tuple
    wrt: tuple               # f's float parameters
    hess_wrt: int            # the parameter of g the Hessian is taken for
    seed: int
    features: frozenset = field(default_factory=frozenset)
    frozen: dict = field(default_factory=dict)   # parameter -> flat entries whose direction
                                                 # is 0 (one-sided points: a where guard's 0)
    relaxed: bool = False    # where guards: numpy's divide/invalid warnings in the untaken
                             # branch are expected (results are still checked to be finite)
    first_order: bool = False  # the branch taken at a guard differs from the function's
                               # continuation at second order: no Hessian against differences
    sure_arrays: frozenset = frozenset()   # views that surely hold arrays (a slice, a
                                           # reshape; a row of a 2-D constructor's result)

    def __repr__(self):
        return f"Program(seed={self.seed}, hess_wrt={self.hess_wrt}):\n{self.source}\n" \
               f"ARGS = {args_text(self.args)}\n"

    def corpus_text(self, description):
        """The program as a corpus file (tests/corpus/fuzz_*.py): f, ARGS, WRT, and for
        tests/test_fuzz.py, which runs every check again, HESSIAN_WRT (g's parameter) and SEED
        (of the random directions)."""
        extra = ""
        if self.frozen:
            extra += f"FROZEN = {self.frozen!r}\n"
        if self.relaxed:
            extra += "RELAXED = True\n"
        if self.first_order:
            extra += "FIRST_ORDER = True\n"
        return f'"""Found by the fuzzer (tests/fuzz.py): {description}"""\n' + self.source + \
            f"\n\nARGS = {args_text(self.args)}\nWRT = {self.wrt!r}\n" \
            f"HESSIAN_WRT = {self.hess_wrt}\nSEED = {self.seed}\n" + extra

    @classmethod
    def from_corpus(cls, path):
        """A corpus file written by ``corpus_text`` (or by hand in its format) as a Program."""
        text = open(path).read()
        namespace = {}
        exec(compile(text, str(path), "exec"), namespace)
        return cls(text, tuple(namespace["ARGS"]), tuple(namespace["WRT"]),
                   namespace.get("HESSIAN_WRT", namespace["WRT"][0]), namespace.get("SEED", 0),
                   frozen=dict(namespace.get("FROZEN", {})),
                   relaxed=bool(namespace.get("RELAXED", False)),
                   first_order=bool(namespace.get("FIRST_ORDER", False)))


def args_text(args):
    parts = []
    for a in args:
        if isinstance(a, np.ndarray):
            parts.append(f"np.array({a.tolist()!r})")
        else:
            parts.append(repr(a))
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


class Scope:
    def __init__(self, vars=None):
        self.vars = dict(vars or {})

    def copy(self):
        return Scope({k: Var(**vars(v)) for k, v in self.vars.items()})

    def floats(self, shape=None):
        return [v for v in self.vars.values() if v.kind == "float" and
                (shape is None or v.shape == shape)]

    def ints(self):
        return [v for v in self.vars.values() if v.kind == "int"]

    def tuples(self, shape=None):
        return [v for v in self.vars.values() if v.kind == "tuple" and
                (shape is None or shape in v.shape)]


# how big programs get: helpers, statements in a body, in a nested block, nesting, expression depth
SIZES = {"small": dict(helpers=1, stmts=3, block=2, nest=2, depth=2),
         "large": dict(helpers=2, stmts=6, block=3, nest=3, depth=3)}


class Generator:
    """Builds one random program from ``Choices``."""

    def __init__(self, ch, size="small"):
        self.ch = ch
        self.size = SIZES[size]
        self.counter = 0
        self.helpers = []
        self.constants = {}
        self.features = set()
        self.loop_depth = 0
        self.in_f = False
        self.returns = None
        self.scope = Scope()
        self.smooth_only = 0     # > 0: generating a condition or an operand of max/min/clip/%
        self.edge_reads = 0      # reads of edge values so far (see Var.edge)
        self.pinnable = None     # the parameter of f that edge forms may pin (its name)
        self.pin_broken = False  # that name was bound again: no more edge forms on it
        self.pins = {}           # parameter -> {flat entry: value at the test point}
        self.one_sided = set()   # parameters under a log/sqrt guard: zeros get no direction
        self.relaxed = False
        self.first_order = False
        self.f_defaults = {}     # f's parameter -> default text
        self.sinks = []          # names the return statement may add in (views, edges)
        self.sure_arrays = set()
        self.param_shapes = {}
        self.extra_helpers = []  # module-level functions of issue 13's forms (tuple arguments)
        self.tuple_helpers = 0

    def depth(self, less=0):
        return self.ch.int(0, max(0, self.size["depth"] + less))

    def fresh(self, prefix="a"):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def feature(self, name):
        self.features.add(name)

    # ------------------------------------------------------------ the module
    def program(self):
        ch = self.ch
        lines = ["import math", "", "import numpy as np", ""]
        for _ in range(ch.int(0, 2)):
            name = f"K{len(self.constants) + 1}"
            value = ch.pick(CONSTANTS)
            self.constants[name] = float(value)
            lines.append(f"{name} = {value}")
        if self.constants:
            lines.append("")
        for _ in range(ch.int(0, self.size["helpers"])):
            lines += ["", *self.helper(), ""]
        f_lines, params, n_value = self.entry()
        if self.extra_helpers:
            lines += ["", *self.extra_helpers]
        lines += ["", *f_lines, ""]
        lines += ["", *self.wrapper(params), ""]
        source = "\n".join(lines).strip() + "\n"
        imports = [f"import {m}" for m in SCIPY_MODULES if m + "." in source]
        if imports:                     # issue 12's scipy functions: their modules imported
            source = source.replace("import numpy as np\n",
                                    "import numpy as np\n" + "\n".join(imports) + "\n", 1)
        seed = ch.int(0, 2 ** 16)
        rng = np.random.default_rng(seed)
        args = []
        frozen = {}
        for i, p in enumerate(params):
            if p.kind == "int":
                args.append(n_value)
                continue
            if p.shape == S:
                value = np.array(float(np.round(rng.uniform(-1.5, 1.5), 3)))
            else:
                value = np.round(rng.uniform(-1.5, 1.5, p.shape), 3)
            # no entry at a multiple of 0.25 (0, 0.5, 1...), where np.maximum(x, np.ones(...))
            # and the like would meet a tie (central differences average a tie, sct's
            # convention does not: README)
            value = np.where(np.abs(value * 4 - np.round(value * 4)) < 1e-9, value + 0.001,
                             value)
            if p.name in self.f_defaults:
                value = np.array(float(self.f_defaults[p.name]))
            flat = value.reshape(-1)
            for k, pinned in self.pins.get(p.name, {}).items():
                flat[k] = pinned
            if p.name in self.one_sided:
                zeros = [k for k, pinned in self.pins.get(p.name, {}).items() if pinned == 0.0]
                if zeros:
                    frozen[i] = sorted(zeros)
            args.append(float(value) if p.shape == S else value)
        floats = tuple(i for i, p in enumerate(params) if p.kind == "float")
        hess_wrt = floats[ch.int(0, len(floats) - 1)]
        wrt = floats                     # every float parameter, or some of them
        if len(floats) > 1 and ch.chance(30):
            wrt = tuple(i for i in floats if i == hess_wrt or ch.chance(50))
            self.features.add("some parameters in wrt")
        return Program(source, tuple(args), wrt, hess_wrt, seed, frozenset(self.features),
                       frozen=frozen, relaxed=self.relaxed, first_order=self.first_order,
                       sure_arrays=frozenset(self.sure_arrays))

    def helper(self):
        ch = self.ch
        name = f"h{len(self.helpers) + 1}"
        params = [Var(f"p{k + 1}", ch.pick(SHAPES), 2.0, param=True)
                  for k in range(ch.int(1, 3))]
        defaults = {}
        if params[-1].shape == S and ch.chance(30):
            defaults[params[-1].name] = ch.pick(CONSTANTS)
            self.feature("default")
        returns = self.return_shapes(25)
        self.scope = Scope({p.name: Var(**vars(p)) for p in params})
        self.returns = returns
        self.in_f = False
        self.counter = 0
        self.sinks = []
        header = ", ".join(p.name + (f"={defaults[p.name]}" if p.name in defaults else "")
                           for p in params)
        body = self.block(ch.int(0, self.size["stmts"] - 1), 1, top=True)
        ret = self.return_stmt()
        bound = [max(self.expr_bound_cache)] * len(returns)
        self.helpers.append(Helper(name, params, defaults, returns, bound))
        return [f"def {name}({header}):"] + body + ["    " + ret]

    def entry(self):
        ch = self.ch
        params = []
        for k in range(ch.int(1, 3)):
            params.append(Var(["x", "y", "z"][k], ch.pick(SHAPES), 1.5, param=True))
        n_value = None
        if ch.chance(30):
            n_value = ch.int(0, 4)
            params.append(Var("n", S, 4, kind="int", lo=0, hi=4, param=True))
            self.feature("int parameter")
        if ch.chance(45) and "edges" not in KNOWN_BUGS:
            # a parameter that edge forms may pin at an edge or kink (``e_edge``): it and
            # everything computed from it stays out of conditions, max/min, clip, % and //
            p = ch.pick([p for p in params if p.kind == "float"])
            p.edge = True
            self.pinnable = p.name
        suffix = 0                  # defaults: trailing parameters that are numbers
        for p in reversed(params):
            if p.shape != S:
                break
            suffix += 1
        if suffix and ch.chance(25) and "defaults" not in KNOWN_BUGS:
            for p in params[len(params) - ch.int(1, suffix):]:
                if p.kind == "int":
                    text = str(n_value)
                elif p.name == self.pinnable and ch.chance(50):
                    text = "0.0"
                    self.pins[p.name] = {0: 0.0}
                else:
                    text = ch.pick(DEFAULTS)
                    p.bound = max(p.bound, abs(float(text)))
                    if p.name == self.pinnable:      # its value is its default
                        self.pins[p.name] = {0: float(text)}
                self.f_defaults[p.name] = text
            self.feature("default in f")
        self.param_shapes = {p.name: p.shape for p in params}
        self.scope = Scope({p.name: Var(**vars(p)) for p in params})
        self.returns = self.return_shapes(20)
        self.in_f = True
        self.counter = 0
        self.sinks = []
        body = self.block(ch.int(1, self.size["stmts"]), 1, top=True)
        ret = self.return_stmt()
        self.params = params
        return [f"def f({self.header(params)}):"] + body + ["    " + ret], params, n_value

    def header(self, params):
        return ", ".join(p.name + (f"={self.f_defaults[p.name]}" if p.name in self.f_defaults
                                   else "") for p in params)

    def return_shapes(self, percent):
        """One shape, or two for a tuple (``percent`` of the time)."""
        first = self.ch.pick(SHAPES)
        if not self.ch.chance(percent):
            return [first]
        return [first, self.ch.pick(SHAPES)]

    def wrapper(self, params):
        """g: a number made of f's value, with f's signature (defaults too); it passes f's
        defaulted parameters by position or by keyword."""
        keyword = self.f_defaults and self.ch.chance(50)
        if keyword:
            self.feature("keyword argument to f")
        names = ", ".join(f"{p.name}={p.name}" if keyword and p.name in self.f_defaults
                          else p.name for p in params)
        if len(self.returns) == 1:
            first = ["    r = f(" + names + ")"]
            value = self.ch.pick(["np.sum(r)", "np.sum(r * r)", "np.sum(np.sin(r))"])
        else:
            first = ["    r, s = f(" + names + ")"]
            value = self.ch.pick(["np.sum(r) + np.sum(s)", "np.sum(r * r) - np.sum(s)",
                                  "np.sum(r) * np.sum(s)"])
        if params and self.ch.chance(25):   # sees whatever f wrote into, or updated in, it
            self.feature("argument read after the call")
            value += f" + np.sum(np.cos({self.ch.pick(params).name}))"
        return [f"def g({self.header(params)}):"] + first + ["    return " + value]

    def return_stmt(self):
        self.expr_bound_cache = []
        parts = []
        for s in self.returns:
            e = self.squashed(self.expr(s, self.depth()))
            self.expr_bound_cache.append(e.bound)
            parts.append(e.text)
        # what views and edges computed reaches the value now and then (a number added)
        for name in self.sinks:
            var = self.scope.vars.get(name)
            if var is None or var.kind != "float" or not self.readable(var) or \
                    not self.ch.chance(60):
                continue
            self.read(var)
            term = name if var.shape == S else f"np.sum({name})"
            parts[0] = f"{grouped(Expr(parts[0], 0)).text} + 0.5 * np.tanh({term})"
            self.expr_bound_cache[0] += 0.5
            self.feature("sink")
        return "return " + ", ".join(parts)

    # ------------------------------------------------------------ statements
    def block(self, count, indent, top=False):
        lines = []
        for _ in range(count):
            lines += self.statement(indent)
        return lines

    def statement(self, indent):
        ch = self.ch
        pad = "    " * indent
        nested = indent <= self.size["nest"]
        kinds = ["assign", "assign", "reassign", "augment", "array", "index", "tuple",
                 "call", "pack", "view", "breadth", "issue13"]
        if nested:
            kinds += ["if", "for", "while", "ifassign"]
        if self.loop_depth:
            kinds += ["jump"]
        if self.in_f and indent > 1:
            kinds += ["return"]
        kind = ch.pick(kinds)
        before = self.edge_reads
        lines = getattr(self, "stmt_" + kind)(pad, indent)
        if self.pinnable and not self.pin_broken or self.edge_reads > before:
            stored = stored_names(lines)
            if self.pinnable in stored:
                self.pin_broken = True
            if self.edge_reads > before:
                self.mark_edge(stored)
        return lines

    def mark_edge(self, names):
        """The names bound or written by a statement that read an edge value are edge values,
        and so is every array sharing memory with them."""
        groups = set()
        for name in names:
            var = self.scope.vars.get(name)
            if var is not None:
                var.edge = True
                groups.add(var.group or name)
                if name not in self.sinks:
                    self.sinks.append(name)
        for var in self.scope.vars.values():
            if var.group in groups or var.name in groups:
                var.edge = True

    @contextlib.contextmanager
    def smooth(self):
        """Operands of what is not smooth or compares (conditions, max/min, clip, %, //): no
        edge values there, where pinned test points would meet ties and branch kinks."""
        self.smooth_only += 1
        try:
            yield
        finally:
            self.smooth_only -= 1

    def readable(self, v):
        """Whether a variable may be read here (edge values: at the top level, outside the
        operands of ``smooth``, and never in loops, where a later pass would carry them)."""
        return not v.edge or (not self.smooth_only and not self.loop_depth)

    def read(self, v):
        if v.edge:
            self.edge_reads += 1
        return v

    def writable(self, var, e):
        """``e`` fit to be written to ``var`` inside a loop: its bound stays within var's."""
        if self.loop_depth and e.bound > var.bound:
            return self.squash(e)
        return e

    def stmt_assign(self, pad, indent):
        s = self.ch.pick(SHAPES)
        e = self.expr(s, self.depth())
        e = self.squashed(e)
        name = self.fresh()
        e = self.unown(e)
        self.scope.vars[name] = Var(name, s, e.bound, fresh=s != S and is_fresh(e.text))
        if self.ch.chance(10):
            self.feature("annotated assignment")
            return [f"{pad}{name}: float = {e.text}"]
        return [f"{pad}{name} = {e.text}"]

    def stmt_reassign(self, pad, indent):
        candidates = [v for v in self.scope.floats() if not (v.owned and self.loop_depth)]
        if not candidates:
            return self.stmt_assign(pad, indent)
        var = self.ch.pick(candidates)
        form = self.ch.int(0, 3)
        if form == 0 or not self.loop_depth:
            e = self.writable(var, self.squashed(self.expr(var.shape, max(1, self.depth()))))
            text = e.text
        elif form == 1:
            e = self.squash(self.expr(var.shape, self.depth(-1)))
            text = f"0.5 * {var.name} + 0.5 * {e.text}"
            e = Expr(text, var.bound)
        elif form == 2:
            e = self.expr(var.shape, self.depth(-1))
            text = f"{var.name} * np.cos({e.text})" if var.shape else \
                f"{var.name} * math.cos({e.text})"
            e = Expr(text, var.bound)
        else:
            e = self.squash(self.expr(S, self.depth(-1)))
            text = f"{var.name} - 0.1 * {e.text}"
            e = Expr(text, var.bound + 0.1 * 16)
        e = self.unown(e)
        text = e.text
        if not self.loop_depth:
            var.bound = e.bound
        var.owned = False
        var.group = None
        var.fresh = var.shape != S and is_fresh(text)
        self.unsure({var.name})
        self.feature("reassignment")
        return [f"{pad}{var.name} = {text}"]

    def unsure(self, names):
        """Names bound again: neither they nor the views of their arrays surely hold arrays any
        more (sct reads a name's number of dimensions off all its bindings: README, a part
        taken by an index of numbers is a view where it cannot tell)."""
        self.sure_arrays.difference_update(names)
        self.sure_arrays.difference_update(v.name for v in self.scope.vars.values()
                                           if v.group in names)

    def stmt_augment(self, pad, indent):
        """``y op= e`` on a number, or on an array of its own, which it updates in place."""
        candidates = [v for v in self.scope.floats() if v.shape == S or v.owned or v.fresh]
        if "copy-after-update" in KNOWN_BUGS and self.loop_depth:
            candidates = [v for v in candidates if v.shape != S]
        if not candidates:
            return self.stmt_assign(pad, indent)
        var = self.ch.pick(candidates)
        if var.shape != S:
            self.feature("augmented assignment on an array")
            self.feature("in-place update")
            if var.fresh and not var.owned:
                self.feature("augmented assignment on an arithmetic result")
        else:
            self.feature("augmented assignment on a number")
        op = self.ch.pick(["+=", "-=", "*=", "/="])
        s = self.ch.pick([t for t in SHAPES if broadcast(t, var.shape) == var.shape])
        e = self.expr(s, self.depth(-1))
        if op in ("+=", "-="):
            if self.loop_depth:
                e = Expr(f"0.1 * {self.squash(e).text}", 0.1)
                var.bound += 1.6
            else:
                e = self.squashed(e)
                var.bound += e.bound
        elif op == "*=":
            e = self.squash(e)
        else:
            e = Expr(f"(1.5 + {self.paren(e)} ** 2)", 1.5)
            var.bound = var.bound / 1.5
        self.feature("augmented assignment")
        return [f"{pad}{var.name} {op} {e.text}"]

    def stmt_array(self, pad, indent):
        s = self.ch.pick(ARRAYS)
        form = self.ch.int(0, 4)
        if form == 0:
            text, bound = f"np.zeros({shape_text(s)})", 0.0
        elif form == 1:
            text, bound = f"np.ones({shape_text(s)})", 1.0
        elif form == 2:
            c = self.ch.pick(CONSTANTS)
            text, bound = f"np.full({shape_text(s)}, {c})", float(c)
        elif form == 3:
            e = self.squashed(self.expr(s, self.depth(-1)))
            text, bound = f"np.copy({e.text})", e.bound
        else:
            e = self.squashed(self.expr(s, self.depth(-1)))
            text, bound = f"np.zeros_like({e.text})", 0.0
        name = self.fresh()
        self.scope.vars[name] = Var(name, s, bound, owned=True)
        self.feature("array of its own")
        return [f"{pad}{name} = {text}"]

    def index_target(self, s):
        """(index text, shape of the part) of an array of shape ``s``."""
        index, part = self._index_target(s)
        if "named-index-adjoint" in KNOWN_BUGS and part != S and re.search("[a-z]", index):
            index = re.sub(r"[a-z]\w*( % \d+)?", "0", index)
        return index, part

    def _index_target(self, s):
        ch = self.ch
        i = self.loop_index(s[0])
        if s == V:
            return ch.pick([(i or "1", S), ("-1", S), ("1:", W), ("::2", W), (":2", W),
                            (":", V)])
        if s == W:
            return ch.pick([(i or "0", S), ("-1", S), (":", W), ("::-1", W)])
        if s == M:
            j = self.loop_index(3) or "2"
            return ch.pick([(f"{i or '1'}, {j}", S), (i or "0", V), (f":, {j}", W),
                            (":, 1:", Q), ("1, ::2", W), (":, :1", C)])
        if s == C:
            return ch.pick([(f"{i or '1'}, 0", S), (":, 0", W), (i or "0", S)])
        return ch.pick([(f"{i or '0'}, 1", S), (i or "1", W), (f":, {i or '0'}", W),
                        ("::-1", Q)])

    def loop_index(self, length):
        ints = [v for v in self.scope.ints() if v.lo >= -length and v.hi < length]
        if ints and self.ch.chance(60):
            return self.ch.pick(ints).name
        ints = [v for v in self.scope.ints() if v.lo >= 0]
        if ints and self.ch.chance(30):
            return f"{self.ch.pick(ints).name} % {length}"
        return None

    def stmt_index(self, pad, indent):
        arrays = [v for v in self.scope.floats() if v.owned and v.shape != S]
        if not arrays:
            return self.stmt_array(pad, indent)
        var = self.ch.pick(arrays)
        if self.ch.chance(10):
            cond_shape = var.shape
            with self.smooth():
                e = self.squash(self.expr(cond_shape, self.ch.int(0, 1)))
            value = self.squash(self.expr(S, self.ch.int(0, 1)))
            self.feature("mask assignment")
            return [f"{pad}{var.name}[{e.text} > {self.ch.pick(THRESHOLDS)}] = {value.text}"]
        index, part = self.index_target(var.shape)
        s = self.ch.pick([t for t in SHAPES if broadcast(t, part) == part])
        e = self.squashed(self.expr(s, self.depth()))
        op = self.ch.pick(["=", "=", "+=", "-=", "*="])
        if op == "*=":
            e = self.squash(e)
        elif self.loop_depth:
            e = self.writable(var, e)
            if op != "=":
                e = Expr(f"0.1 * {self.paren(e)}", 0.1 * e.bound)
        if not self.loop_depth:
            var.bound = max(var.bound, e.bound) + (var.bound if op in ("+=", "-=") else 0)
        e = self.unown(e)
        var.written = True
        self.feature("index assignment")
        return [f"{pad}{var.name}[{index}] {op} {e.text}"]

    def any_index(self, t):
        """(index text, shape of the part) of an array of any shape ``t``."""
        if t in SHAPES and t != S:
            return self.index_target(t)
        ch = self.ch
        form = ch.int(0, 2)
        if form == 0:
            return ", ".join(str(ch.int(0, d - 1)) for d in t), S
        if form == 1:
            return str(ch.int(0, t[0] - 1)), t[1:]
        return ":", t

    def view_write(self, target, t, bound, whole):
        """``target[index] op e`` or ``target op= e``: (line, the array's new bound)."""
        ch = self.ch
        if "view-augment" in KNOWN_BUGS and t != S:
            whole = False
        if whole or t == S:
            op = ch.pick(["+=", "-=", "*=", "/="])
            index, part = "", t
            if t != S:
                self.feature("in-place update")
        else:
            index, part = self.any_index(t)
            index = f"[{index}]"
            op = ch.pick(["=", "+=", "-=", "*="])
        e = self.expr(ch.pick([u for u in SHAPES if broadcast(u, part) == part]),
                      self.depth(-1))
        if op == "*=":
            e = self.squash(e)
        elif op == "/=":
            e = Expr(f"(1.5 + {self.paren(self.squash(e))} ** 2)", 2.5)
        else:
            e = self.squashed(e)
            bound = max(bound, e.bound) if op == "=" else bound + e.bound
        return f"{target}{index} {op} {e.text}", bound

    def stmt_view(self, pad, indent):
        """An array of known rank (np.zeros/np.ones, arithmetic on them) or of rank sct cannot
        know (a copy of a parameter), a view of it by basic indexing or reshaping (or the
        array itself under a second name), index writes and augmented assignments through the
        view and through the base, and reads of either afterwards.  Numpy's semantics are what
        central differences see: forward mode must follow them; reverse mode may refuse
        ("may share memory")."""
        ch = self.ch
        if "views" in KNOWN_BUGS:
            return self.stmt_assign(pad, indent)
        params = [p for p in self.scope.floats() if p.param and p.shape != S and
                  self.readable(p)]
        base, view = self.fresh("s"), self.fresh("v")
        constructed = False      # a constructor's result: sct knows its number of dimensions
        arithmetic = False       # arithmetic on a constructor's result
        if params and ch.chance(60):
            p = self.read(ch.pick(params))
            shape = p.shape
            st = shape_text(shape)
            text = ch.pick([f"np.copy({p.name})", f"{p.name}.copy()", f"np.array({p.name})"])
            bound = p.bound
            self.feature("view of unknown rank")
        else:
            shape = ch.pick(ARRAYS)
            st = shape_text(shape)
            form = ch.int(0, 4)
            constructed, arithmetic = form < 3, form >= 3
            if form == 0:
                text, bound = f"np.zeros({st})", 0.0
            elif form == 1:
                text, bound = f"np.ones({st})", 1.0
            elif form == 2:
                c = ch.pick(CONSTANTS)
                text, bound = f"np.full({st}, {c})", float(c)
            else:
                e = self.squashed(self.expr(ch.pick([u for u in SHAPES
                                                     if broadcast(u, shape) == shape]),
                                            self.depth(-1)))
                text = f"np.zeros({st}) + {self.paren(e)}" if form == 3 else \
                    f"np.ones({st}) * {self.paren(e)}"
                bound = e.bound
            self.feature("view of known rank")
        lines = [f"{pad}{base} = {text}"]
        if ch.chance(25):
            line, bound = self.view_write(base, shape, bound, whole=False)
            lines.append(pad + line)
        views = VIEWS[shape]
        if len(shape) == 2 and ch.chance(30):          # rows: views by an index of numbers
            views = [v for v in views if re.fullmatch(r"\{\}\[-?\d\]", v[0])]
        elif "breadth" not in KNOWN_BUGS and ch.chance(20):
            views = BREADTH_VIEWS[shape]
            self.feature("issue 12: view")
        template, vshape = ch.pick(views)
        breadth_view = (template, vshape) in BREADTH_VIEWS[shape]
        lines.append(f"{pad}{view} = {template.format(base)}")
        row = re.fullmatch(r"\{\}\[-?\d\]", template)
        if self.in_f and vshape != S and not breadth_view and (
                not row or constructed and "row-of-constructor" not in KNOWN_BUGS) and not (
                "reshape-of-arithmetic" in KNOWN_BUGS and "reshape" in template and
                arithmetic):
            self.sure_arrays.add(view)
        self.feature("view")
        if template == "{}":
            self.feature("alias")
        elif vshape == S:
            self.feature("entry of a vector")
        elif any(r in template for r in RESHAPES):
            self.feature("reshape view")
        elif len(shape) == 2 and template in ("{}[0]", "{}[1]", "{}[-1]"):
            self.feature("row view")
        wrote = False
        for k in range(ch.int(1, 3)):
            kind = ch.pick(["view", "view", "view whole", "base", "read"])
            if kind == "read" and not wrote:
                name = self.fresh()
                lines.append(f"{pad}{name} = np.sum({view})")
                self.scope.vars[name] = Var(name, S, size(vshape) * bound)
                self.feature("view read before a write")
                continue
            if kind == "base" and ch.chance(50):
                line, bound = self.view_write(base, shape, bound, whole=ch.chance(50))
                self.feature("write through the base")
            else:
                if kind == "base" or not wrote:
                    kind = "view whole" if ch.chance(50) else "view"
                line, bound = self.view_write(view, vshape, bound, whole=kind == "view whole")
                self.feature("augmented assignment through a view" if kind == "view whole" or
                             vshape == S else "write through a view")
                wrote = True
            lines.append(pad + line)
        # reads of the base or the view after the writes
        reads = [(base, shape), (view, vshape)]
        chosen = [r for r in reads if ch.chance(60)] or [ch.pick(reads)]
        terms = [ch.pick(["np.sum({} ** 2)", "np.sum(np.sin({}))", "np.mean({})", "np.sum({})"])
                 .format(n) for n, _ in chosen]
        total = sum(size(t) * max(bound, 1.0) ** 2 for _, t in chosen)
        e = self.squashed(Expr(" + ".join(terms), total))
        name = self.fresh()
        lines.append(f"{pad}{name} = {e.text}")
        self.feature("read after a view write")
        self.scope.vars[name] = Var(name, S, e.bound)
        self.sinks.append(name)
        self.scope.vars[base] = Var(base, shape, bound, owned=ch.chance(50), written=True,
                                    group=base)
        if vshape in SHAPES and vshape != S:
            self.scope.vars[view] = Var(view, vshape, bound, owned=ch.chance(40),
                                        written=True, group=base)
        elif vshape == S:
            self.scope.vars[view] = Var(view, S, bound)
        return lines

    def stmt_tuple(self, pad, indent):
        floats = self.scope.floats()
        if len(floats) >= 2 and self.ch.chance(40):
            a, b = self.ch.pick(floats), self.ch.pick(floats)
            if not (self.readable(a) and self.readable(b)):
                pass
            elif a is not b and a.shape == b.shape and not (a.owned or b.owned) or \
                    a is not b and not self.loop_depth and not (a.owned or b.owned) and \
                    not ("param-shape" in KNOWN_BUGS and (a.param or b.param)):
                a.shape, b.shape = b.shape, a.shape
                a.bound, b.bound = max(a.bound, b.bound), max(a.bound, b.bound)
                a.fresh, b.fresh = b.fresh, a.fresh
                a.group, b.group = b.group, a.group
                self.unsure({a.name, b.name})
                self.read(a), self.read(b)
                self.feature("swap")
                return [f"{pad}{a.name}, {b.name} = {b.name}, {a.name}"]
        names, texts = [], []
        for _ in range(2):
            s = self.ch.pick(SHAPES)
            e = self.unown(self.squashed(self.expr(s, self.depth(-1))))
            name = self.fresh()
            names.append((name, s, e.bound))
            texts.append(e.text)
        for name, s, bound in names:
            self.scope.vars[name] = Var(name, s, bound)
        self.feature("tuple assignment")
        return [f"{pad}{names[0][0]}, {names[1][0]} = {texts[0]}, {texts[1]}"]

    def stmt_pack(self, pad, indent):
        """``t = (a, b)``, read later as ``t[0]`` or unpacked: ``p, q = t``."""
        packed = [t for t in self.scope.tuples() if self.readable(t)]
        if packed and self.ch.chance(40):
            t = self.read(self.ch.pick(packed))
            names = [self.fresh(), self.fresh()]
            for name, shape in zip(names, t.shape):
                self.scope.vars[name] = Var(name, shape, t.bound)
            self.feature("unpacking a tuple")
            return [f"{pad}{names[0]}, {names[1]} = {t.name}"]
        shapes = [self.ch.pick(SHAPES), self.ch.pick(SHAPES)]
        parts = [self.squashed(self.expr(shape, self.depth(-1))) for shape in shapes]
        parts = [self.unown(e) for e in parts]
        name = self.fresh("t")
        self.scope.vars[name] = Var(name, tuple(shapes), max(e.bound for e in parts),
                                    kind="tuple")
        self.feature("tuple packing")
        return [f"{pad}{name} = ({parts[0].text}, {parts[1].text})"]

    def stmt_call(self, pad, indent):
        pairs = [h for h in self.helpers if len(h.returns) == 2]
        if not pairs:
            return self.stmt_assign(pad, indent)
        h = self.ch.pick(pairs)
        call = self.call_text(h)
        names = [self.fresh(), self.fresh()]
        for name, s, b in zip(names, h.returns, h.bound):
            self.scope.vars[name] = Var(name, s, b)
        self.feature("tuple result")
        return [f"{pad}{names[0]}, {names[1]} = {call}"]

    def stmt_jump(self, pad, indent):
        cond = self.condition(self.depth(-1))
        word = self.ch.pick(["break", "continue"])
        self.feature(word)
        return [f"{pad}if {cond}:", f"{pad}    {word}"]

    def stmt_return(self, pad, indent):
        self.feature("early return")
        cond = self.condition(self.depth(-1))
        return [f"{pad}if {cond}:", f"{pad}    " + self.return_stmt()]

    def merge(self, before, branches):
        """The scope after an if: names every branch defines, with the same shape."""
        merged = {}
        for name, var in branches[0].vars.items():
            others = [b.vars.get(name) for b in branches[1:]]
            if all(o is not None and o.shape == var.shape and o.kind == var.kind
                   for o in others):
                var.bound = max([var.bound] + [o.bound for o in others])
                var.owned = var.owned and all(o.owned for o in others) and name in before.vars
                var.fresh = var.fresh and all(o.fresh for o in others)
                var.edge = var.edge or any(o.edge for o in others)
                if any(o.group != var.group for o in others):
                    var.group = None
                    var.owned = var.fresh = False
                merged[name] = var
        return Scope(merged)

    def stmt_if(self, pad, indent):
        before = self.scope
        lines = []
        branches = []
        n_branches = self.ch.int(1, 3)
        for k in range(n_branches):
            self.scope = before.copy()
            if k == 0:
                lines.append(f"{pad}if {self.condition(self.depth(-1))}:")
            elif k < n_branches - 1 or self.ch.chance(40):
                lines.append(f"{pad}elif {self.condition(self.depth(-1))}:")
                self.feature("elif")
            else:
                lines.append(f"{pad}else:")
            count = self.ch.int(1, self.size["block"])
            lines += self.block(count, indent + 1) or [f"{pad}    pass"]
            branches.append(self.scope)
        if not any(line == f"{pad}else:" for line in lines):
            branches.append(before.copy())       # the path through no branch
        self.scope = self.merge(before, branches)
        self.feature("if")
        return lines

    def stmt_ifassign(self, pad, indent):
        """``if c: y = a else: y = b``: a name every branch binds."""
        s = self.ch.pick(SHAPES)
        name = self.fresh()
        a = self.squashed(self.expr(s, self.depth(-1)))
        b = self.squashed(self.expr(s, self.depth(-1)))
        a, b = self.unown(a), self.unown(b)
        cond = self.condition(self.depth(-1))
        self.scope.vars[name] = Var(name, s, max(a.bound, b.bound))
        self.feature("if")
        if self.ch.chance(30):
            self.feature("conditional expression")
            return [f"{pad}{name} = {a.text} if {cond} else {b.text}"]
        return [f"{pad}if {cond}:", f"{pad}    {name} = {a.text}", f"{pad}else:",
                f"{pad}    {name} = {b.text}"]

    def enter_loop(self):
        saved = self.scope.copy()
        for v in self.scope.floats():
            v.bound = 2 * max(v.bound, 1.0) + 2
        self.loop_depth += 1
        return saved

    def leave_loop(self, saved):
        self.loop_depth -= 1
        out = {}
        for name, var in self.scope.vars.items():
            if name in saved.vars and saved.vars[name].kind == var.kind and \
                    saved.vars[name].shape == var.shape:
                out[name] = var
        self.scope = Scope(out)

    def stmt_for(self, pad, indent):
        ch = self.ch
        i = self.fresh("i")
        ints = [v for v in self.scope.ints() if v.param]
        arrays = self.scope.floats()
        arrays = [v for v in arrays if v.shape != S]
        form = ch.int(0, 7)
        if form == 1 and ints:
            header, lo, hi = f"range({ints[0].name})", 0, ints[0].hi - 1
            self.feature("loop over an int parameter")
        elif form == 2:
            k = ch.int(2, 4)
            header, lo, hi = f"range(1, {k})", 1, k - 1
        elif form == 3:
            k = ch.int(1, 4)
            header, lo, hi = f"range({k - 1}, -1, -1)", 0, k - 1
            self.feature("loop backwards")
        elif form == 4:
            header, lo, hi = "range(0, 4, 2)", 0, 2
        elif form == 5 and arrays:
            a = ch.pick(arrays)
            header = ch.pick([f"range(len({a.name}))", f"range({a.name}.shape[0])"])
            lo, hi = 0, a.shape[0] - 1
            self.feature("loop over len")
        elif form == 6:
            with self.smooth():
                e = self.squash(self.expr(S, ch.int(0, 1)))
            header, lo, hi = f"range(1 + int(2.0 * abs({e.text})) % 3)", 0, 2
            self.feature("data-dependent trip count")
        else:
            k = ch.int(1, 4)
            header, lo, hi = f"range({k})", 0, k - 1
        saved = self.enter_loop()
        self.scope.vars[i] = Var(i, S, max(abs(lo), abs(hi)), kind="int", lo=lo, hi=hi)
        body = self.block(ch.int(1, self.size["block"]), indent + 1)
        self.leave_loop(saved)
        self.feature("for")
        return [f"{pad}for {i} in {header}:"] + body

    def stmt_while(self, pad, indent):
        ch = self.ch
        k = self.fresh("k")
        trips = ch.int(1, 4)
        saved = self.enter_loop()
        self.scope.vars[k] = Var(k, S, trips, kind="int", lo=1, hi=trips)
        cond = self.condition(self.depth(-1))
        lines = [f"{pad}{k} = 0"]
        if ch.chance(50):
            lines.append(f"{pad}while {k} < {trips} and ({cond}):")
            lines.append(f"{pad}    {k} = {k} + 1")
        else:
            lines.append(f"{pad}while {cond}:")
            lines.append(f"{pad}    {k} += 1")
            lines.append(f"{pad}    if {k} > {trips}:")
            lines.append(f"{pad}        break")
        lines += self.block(ch.int(1, self.size["block"]), indent + 1)
        self.leave_loop(saved)
        self.feature("while")
        return lines

    # ------------------------------------------------------------ conditions
    def condition(self, depth):
        with self.smooth():
            return self._condition(depth)

    def _condition(self, depth):
        ch = self.ch
        form = ch.int(0, 7) if depth > 0 else ch.int(0, 2)
        if form <= 1:
            e = self.squashed(self.expr(S, self.depth(-1)))
            op = ch.pick([">", "<", ">=", "<=", "!="])
            return f"{e.text} {op} {ch.pick(THRESHOLDS)}"
        if form == 2:
            a = self.squashed(self.expr(S, self.depth(-1)))
            b = self.squashed(self.expr(S, self.depth(-1)))
            return f"{a.text} > {b.text}"
        if form == 3:
            op = ch.pick(["and", "or"])
            self.feature("and/or")
            return f"({self.condition(depth - 1)}) {op} ({self.condition(depth - 1)})"
        if form == 4:
            self.feature("not")
            return f"not ({self.condition(depth - 1)})"
        if form == 5:
            e = self.squashed(self.expr(S, ch.int(0, 1)))
            return f"-1.5 < {e.text} < {ch.pick(['0.5', '1.0', '0.0'])}"
        if form == 6:
            ints = self.scope.ints()
            if ints:
                v = ch.pick(ints)
                self.feature("integer condition")
                return ch.pick([f"{v.name} % 2 == 0", f"{v.name} > 1", f"{v.name} == 0"])
        s = ch.pick(ARRAYS)
        e = self.squashed(self.expr(s, ch.int(0, 1)))
        fn = ch.pick(["np.all", "np.any"])
        self.feature("np.all/np.any")
        return f"{fn}({e.text} > {ch.pick(THRESHOLDS)})"

    # ------------------------------------------------------------ expressions
    def paren(self, e):
        return f"({e.text})"

    def squash(self, e):
        if e.bound <= 1.0:
            return e
        fn = self.ch.pick(["tanh", "sin"])
        return Expr(f"np.{fn}({e.text})", 1.0)

    def squashed(self, e):
        return self.squash(e) if e.bound > LIMIT else e

    def unown(self, e):
        """An array that an assignment shares (``y = a``, ``y = a[1:]``) is no longer one that
        index assignment may write into; one that was written into already is copied instead
        (reverse mode refuses writes into arrays that share memory with names read elsewhere,
        as the README says).  Now and then the array stays writable: reverse mode must then
        refuse the program or get its derivative right (a view read after a write into its
        array once gave a silently wrong adjoint)."""
        if e.view and self.ch.chance(15):
            self.feature("alias kept writable")
            return e
        views = e.view if isinstance(e.view, tuple) else (e.view,)
        for name in views:
            var = self.scope.vars.get(name)
            if var is not None and var.written:
                return Expr(f"np.copy({e.text})", e.bound)
        for name in views:
            if name in self.scope.vars:
                self.scope.vars[name].owned = False
                self.scope.vars[name].fresh = False
        return e

    def module(self, s):
        return "np" if s != S or self.ch.chance(40) else "math"

    def expr(self, s, depth):
        return grouped(self._expr(s, depth))

    def _expr(self, s, depth):
        ch = self.ch
        if depth <= 0 or ch.chance(15):
            return self.leaf(s)
        producers = [self.e_binop, self.e_binop, self.e_unary, self.e_unary, self.e_binary,
                     self.e_div, self.e_pow, self.e_reduce, self.e_index, self.e_structure,
                     self.e_linalg, self.e_call, self.e_ifexp, self.e_misc, self.e_breadth]
        if self.pinnable and self.in_f and not self.loop_depth and not self.smooth_only:
            producers += [self.e_edge, self.e_edge]
        for _ in range(4):
            e = ch.pick(producers)(s, depth - 1)
            if e is not None:
                return self.squashed(e)
        return self.leaf(s)

    def leaf(self, s):
        ch = self.ch
        vars_s = [v for v in self.scope.floats(s) if self.readable(v)]
        if vars_s and ch.chance(80):
            v = self.read(ch.pick(vars_s))
            if v.name == self.pinnable and ch.chance(50):
                e = self.e_edge(s, 1)            # the pinned parameter at its edge
                if e is not None:
                    return e
            return Expr(v.name, v.bound, view=v.name)
        packed = [t for t in self.scope.tuples(s) if self.readable(t)]
        if packed and ch.chance(50):
            t = self.read(ch.pick(packed))
            k = ch.pick([k for k, shape in enumerate(t.shape) if shape == s])
            return Expr(f"{t.name}[{k}]", t.bound, view=t.name)
        others = [v for v in self.scope.floats() if self.readable(v)]
        if others and ch.chance(75):
            return self.converted(self.read(ch.pick(others)), s)
        if s == S:
            form = ch.int(0, 4)
            ints = self.scope.ints()
            if form == 1 and ints:
                v = ch.pick(ints)
                return Expr(ch.pick([f"float({v.name})", f"{v.name} * 0.5"]), v.hi + abs(v.lo))
            if form == 2 and self.constants:
                name = ch.pick(sorted(self.constants))
                self.feature("module constant")
                return Expr(name, abs(self.constants[name]))
            if form == 3:
                return Expr(ch.pick(["math.pi", "np.pi", "math.e"]), 3.2)
            c = ch.pick(CONSTANTS)
            return Expr(c, float(c))
        scalars = [v for v in self.scope.floats(S) if self.readable(v)]
        form = ch.int(0, 4)
        if form == 1 and scalars:
            v = self.read(ch.pick(scalars))
            self.feature("array from a scalar")
            return Expr(ch.pick([f"{v.name} * np.ones({shape_text(s)})",
                                 f"np.full({shape_text(s)}, {v.name})",
                                 f"np.broadcast_to({v.name}, {s})"]), v.bound)
        if form == 2 and s == V:
            return Expr(ch.pick(["np.linspace(-1.0, 1.0, 3)", "np.arange(3.0)",
                                 "np.array([0.5, -1.0, 2.0])"]), 2.0)
        if form == 2 and s == Q:
            return Expr(ch.pick(["np.eye(2)", "np.identity(2)"]), 1.0)
        if form == 3:
            return Expr(f"np.zeros({shape_text(s)})", 0.0)
        return Expr(f"np.ones({shape_text(s)})", 1.0)

    def converted(self, v, s):
        """Variable ``v`` made into a value of shape ``s``."""
        ch, t, b = self.ch, v.shape, v.bound
        if t == s:
            return Expr(v.name, b, view=v.name)
        if t == S:
            self.feature("array from a scalar")
            return Expr(ch.pick([f"{v.name} * np.ones({shape_text(s)})",
                                 f"np.full({shape_text(s)}, {v.name})",
                                 f"np.broadcast_to({v.name}, {s})"]), b)
        if s == S:
            i = self.loop_index(t[0]) or "-1"
            index = i if len(t) == 1 else f"{i}, 0"
            return ch.pick([Expr(f"np.sum({v.name})", size(t) * b),
                            Expr(f"np.mean({v.name})", b),
                            Expr(f"{v.name}[{index}]", b)])
        if broadcast(t, s) == s:
            return Expr(f"({v.name} + np.zeros({shape_text(s)}))", b)
        return Expr(f"np.sum({v.name}) * np.ones({shape_text(s)})", size(t) * b)

    def e_binop(self, s, depth):
        a, b = self.ch.pick(PAIRS[s])
        x, y = self.expr(a, depth), self.expr(b, depth)
        op = self.ch.pick(["+", "-", "*"])
        bound = x.bound * y.bound if op == "*" else x.bound + y.bound
        if self.ch.chance(10) and op == "-" and a == s:
            return Expr(f"-{self.paren(x)}", x.bound)
        if self.ch.chance(8):
            fn = {"+": "np.add", "-": "np.subtract", "*": "np.multiply"}[op]
            return Expr(f"{fn}({x.text}, {y.text})", bound)
        return Expr(f"({x.text} {op} {y.text})", bound)

    def e_div(self, s, depth):
        a, b = self.ch.pick(PAIRS[s])
        x, y = self.expr(a, depth), self.squashed(self.expr(b, depth - 1))
        mod = self.module(b) if b == S and a == S else "np"
        den = self.ch.pick([f"(1.5 + {self.paren(y)} ** 2)", f"(2.0 + {mod}.cos({y.text}))",
                            f"(1.0 + {mod}.exp({mod}.sin({y.text})))"])
        if self.ch.chance(10):
            return Expr(f"np.divide({x.text}, {den})", x.bound)
        if self.ch.chance(10):
            self.feature("reciprocal")
            return Expr(f"{x.text} * np.reciprocal({den})", x.bound)
        return Expr(f"{self.paren(x)} / {den}", x.bound)

    def e_unary(self, s, depth):
        ch = self.ch
        choice = ch.int(0, 30)
        if choice in (27, 28, 29):           # %, //, np.clip: not smooth
            with self.smooth():
                x = self.expr(s, depth)
        else:
            x = self.expr(s, depth)
        m = self.module(s)
        np_names = {"asin": "arcsin", "acos": "arccos", "atan": "arctan", "asinh": "arcsinh",
                    "acosh": "arccosh", "atanh": "arctanh"}

        def fn(name):
            full = f"{m}.{np_names.get(name, name) if m == 'np' else name}"
            self.feature(full)
            return full

        def raw(name):
            self.feature(name)
            return name
        t, b = x.text, x.bound
        sq = f"{self.paren(x)} ** 2"
        options = [
            lambda: Expr(f"{fn('sin')}({t})", 1.0),
            lambda: Expr(f"{fn('cos')}({t})", 1.0),
            lambda: Expr(f"{fn('tanh')}({t})", 1.0),
            lambda: Expr(f"{fn('atan')}({t})", 1.6),
            lambda: Expr(f"{fn('exp')}({t})", math.exp(b)) if b <= 4 else None,
            lambda: Expr(f"{fn('expm1')}({t})", math.exp(b)) if b <= 4 else None,
            lambda: Expr(f"{fn('sinh')}({t})", math.cosh(b)) if b <= 4 else None,
            lambda: Expr(f"{fn('cosh')}({t})", math.cosh(b)) if b <= 4 else None,
            lambda: Expr(f"{fn('asinh')}({t})", math.asinh(b) + 1),
            lambda: Expr(f"{fn('sqrt')}(1.0 + {sq})", b + 1),
            lambda: Expr(f"{fn('log')}(1.0 + {sq})", math.log1p(b * b)),
            lambda: Expr(f"{fn('log1p')}({sq})", math.log1p(b * b)),
            lambda: Expr(f"{fn('log2')}(0.5 + {sq})", 2 + math.log2(0.5 + b * b)),
            lambda: Expr(f"{fn('log10')}(2.0 + {sq})", 1 + math.log10(2 + b * b)),
            lambda: Expr(f"{fn('asin')}(0.9 * {m}.tanh({t}))", 1.2),
            lambda: Expr(f"{fn('acos')}(0.5 * {m}.sin({t}))", 2.1),
            lambda: Expr(f"{fn('atanh')}(0.75 * {m}.tanh({t}))", 1.0),
            lambda: Expr(f"{fn('acosh')}(1.5 + {sq})", math.acosh(1.5 + b * b)),
            lambda: Expr(f"{fn('tan')}({t})", math.tan(b)) if b < 1.2 else
            Expr(f"{fn('tan')}(0.7 * {m}.tanh({t}))", 1.0),
            lambda: Expr(f"{raw('math.erf')}({t})", 1.0) if m == "math" else None,
            lambda: Expr(f"{raw('math.erfc')}({t})", 2.0) if m == "math" else None,
            lambda: Expr(f"{raw('math.log')}(2.0 + {sq}, 3.0)", math.log(2 + b * b, 3))
            if m == "math" else None,
            lambda: Expr(f"{raw('abs')}({t})", b),
            lambda: Expr(f"{raw('math.fabs')}({t})", b) if m == "math" else
            Expr(f"{raw('np.abs')}({t})", b),
            lambda: Expr(f"{raw('np.square')}({t})", b * b),
            lambda: Expr(f"{raw('np.negative')}({t})", b),
            lambda: Expr(f"{raw('float')}({t})", b) if s == S else None,
            lambda: Expr(f"({t} {raw('%')} 1.5)", 1.5),
            lambda: Expr(f"({t} {raw('//')} 1.0 + {t})", 2 * b + 1),
            lambda: Expr(f"{raw('np.clip')}({t}, -1.0, 0.8)", 1.0),
            lambda: Expr(f"(+{self.paren(x)})", b),
        ]
        assert len(options) == 31
        return options[choice]()

    def e_binary(self, s, depth):
        ch = self.ch
        form = ch.int(0, 7)
        a, b = ch.pick(PAIRS[s])
        if form == 2:
            with self.smooth():              # max/min: no ties at pinned points
                x, y = self.expr(a, depth), self.expr(b, depth)
        else:
            x, y = self.expr(a, depth), self.expr(b, depth)
        scalar = s == S
        m = self.module(s) if scalar else "np"
        t, u = x.text, y.text
        if form == 0:
            fn = "math.atan2" if m == "math" else "np.arctan2"
            self.feature(fn)
            return Expr(f"{fn}({t}, 1.0 + {self.paren(y)} ** 2)", 1.6)
        if form == 1:
            fn = "math.hypot" if m == "math" else "np.hypot"
            self.feature(fn)
            return Expr(f"{fn}({t}, 0.5 + {self.paren(y)} ** 2)", x.bound + y.bound ** 2 + 1)
        if form == 2:
            if scalar and a == b == S and ch.chance(50):
                fn = ch.pick(["max", "min"])
            else:
                fn = ch.pick(["np.maximum", "np.minimum"])
            self.feature(fn)
            return Expr(f"{fn}({t}, {u})", max(x.bound, y.bound))
        if form == 3:
            with self.smooth():
                cond = self.squash(self.expr(ch.pick(PAIRS[s])[0], depth - 1))
            self.feature("np.where")
            return Expr(f"np.where({cond.text} > {ch.pick(THRESHOLDS)}, {t}, {u})",
                        max(x.bound, y.bound))
        if form == 4:
            y = self.squash(y)
            fn = ch.pick(["math.pow", "**"]) if m == "math" else ch.pick(["np.power", "**"])
            base = f"(1.5 + {m}.sin({t}))"
            self.feature("pow")
            if fn == "**":
                return Expr(f"{base} ** {self.paren(y)}", 2.5)
            return Expr(f"{fn}({base}, {y.text})", 2.5)
        if form == 5 and scalar and x.bound < 30:
            # the offset keeps both arguments from being exactly zero together (an empty
            # sum gives an exact 0.0): atan2 has no derivative at the origin
            fn = "math.atan2" if m == "math" else "np.arctan2"
            return Expr(f"{fn}({t}, {self.paren(y)} + 0.3183)", 3.2)
        return Expr(f"({t} * {u} + {t})", x.bound * y.bound + x.bound)

    def e_pow(self, s, depth):
        x = self.expr(s, depth)
        k = self.ch.pick([2, 3, 2.0, 0.5, 0.0])
        if k == 0.5:
            return Expr(f"(1.0 + {self.paren(x)} ** 2) ** 0.5", x.bound + 1)
        if k == 0.0 and "edges" in KNOWN_BUGS:
            k = 2
        if k == 0.0:
            # a zero base with a moving exponent that stays above 0.5: the derivative is 0
            self.feature("edge: zero base")
            ex = f"(0.5 + {self.paren(self.squash(x))} ** 2)"
            fns = ["np.power(0.0, {})", "0.0 ** {}"]
            if s == S and self.module(s) == "math":
                fns.append("math.pow(0.0, {})")
            return Expr(self.ch.pick(fns).format(ex), 0.0)
        if x.bound ** k > 1e4:
            x = self.squash(x)
        self.feature("power")
        return Expr(f"{self.paren(x)} ** {k}", x.bound ** k)

    def e_reduce(self, s, depth):
        ch = self.ch
        if s == S:
            a = ch.pick(ARRAYS)
            form = ch.int(0, 13)
            method = ch.pick(["sum", "mean", "max", "min"]) if form == 7 else None
            if form == 2 or method in ("max", "min"):
                with self.smooth():          # ties of np.max / np.min are averaged
                    x = self.expr(a, depth)
            else:
                x = self.expr(a, depth)
            n = size(a)
            t, b = x.text, x.bound
            if form == 0:
                return Expr(f"np.sum({t})", n * b)
            if form == 1:
                return Expr(f"np.mean({t})", b)
            if form == 2:
                self.feature("np.max")
                return Expr(f"{ch.pick(['np.max', 'np.min'])}({t})", b)
            if form == 3:
                self.feature("np.prod")
                x = self.squash(x)
                return Expr(f"np.prod({x.text})", 1.0)
            if form == 4:
                self.feature("np.var")
                return Expr(f"np.var({t})", b * b)
            if form == 5:
                self.feature("np.std")
                return Expr(f"np.std({t} + np.arange({n}.0).reshape({a}))", b + n)
            if form == 6:
                self.feature("norm")
                return Expr(f"np.linalg.norm({t} + 0.5)", n * (b + 1))
            if form == 7:
                self.feature("method reduction")
                return Expr(f"({t}).{method}()", n * b)
            if form == 8:
                with self.smooth():
                    mask = self.squash(self.expr(a, depth - 1))
                self.feature("boolean mask")
                return Expr(f"np.sum(({t})[{mask.text} > {ch.pick(THRESHOLDS)}])", n * b)
            if form == 9 and a in (V, W):
                y = self.expr(a, depth)
                self.feature("dot")
                fn = self.pick_einsum(["np.dot({}, {})", "np.inner({}, {})", "({} @ {})",
                                       "np.einsum('i,i->', {}, {})",
                                       "np.einsum({}, [0], {}, [0], [])",
                                       "np.einsum({}, [0], {}, [0])"])
                return Expr(fn.format(t, y.text), n * b * y.bound)
            if form == 10:
                ints = [v for v in self.scope.ints() if v.lo >= 0]
                if ints and len(a) == 1:
                    i = ch.pick(ints).name
                    self.feature("slice with a loop variable")
                    return Expr(f"np.sum(({t})[:{i} + 1])", n * b)
                return Expr(f"np.sum({t}, axis=None)", n * b)
            if form == 11:
                self.feature("einsum")
                letters = "ij"[:len(a)]
                axes = ", ".join(str(k) for k in range(len(a)))
                fn = self.pick_einsum([f"np.einsum('{letters}->', {{}})",
                                       f"np.einsum({{}}, [{axes}], [])"] +
                                      (["np.einsum('ii', {})", "np.einsum({}, [0, 0], [])"]
                                       if a == Q else []))
                return Expr(fn.format(t), n * b)
            if form == 12:
                return self.zero_variance(S, depth)
            return Expr(f"np.sum({t} * {t})", n * b * b)
        if s == V:
            fn = ch.pick(["np.sum", "np.mean", "np.max", "np.min", "np.prod", "einsum"])
            if fn == "einsum" and "einsum-sublist" in KNOWN_BUGS:
                fn = "np.sum"
            if fn in ("np.max", "np.min"):
                with self.smooth():
                    x = self.expr(M, depth)
            else:
                x = self.expr(M, depth)
            if fn == "np.prod":
                x = self.squash(x)
            self.feature("axis reduction")
            if fn == "einsum":
                self.einsum_feature("np.einsum({}, [0, 1], [1])")
                return Expr(f"np.einsum({x.text}, [0, 1], [1])", 2 * x.bound)
            return Expr(f"{fn}({x.text}, axis=0)", 2 * x.bound)
        if s == W:
            fn = ch.pick(["np.sum({}, axis=1)", "np.var({}, axis=1)", "np.mean({}, axis=-1)",
                          "np.std({} + np.arange(3.0), axis=1, ddof=1)",
                          "np.linalg.norm({} + 0.5, axis=1)", "np.max({}, axis=1)",
                          "np.einsum({}, [Ellipsis, 1], [Ellipsis])",
                          "np.einsum('...j->...', {})", None])
            if fn is None:
                return self.zero_variance(W, depth)
            if "einsum" in fn:
                if "einsum-sublist" in KNOWN_BUGS and "'" not in fn:
                    fn = "np.sum({}, axis=1)"
                self.einsum_feature(fn)
                self.feature("einsum ellipsis")
            if "max" in fn:
                with self.smooth():
                    x = self.expr(M, depth)
            else:
                x = self.expr(M, depth)
            self.feature("axis reduction")
            return Expr(fn.format(x.text), 3 * (x.bound + 3) ** 2)
        if s == C:
            fn = ch.pick(["np.sum", "np.mean", "np.min", None])
            if fn is None:
                return self.zero_variance(C, depth)
            if fn == "np.min":
                with self.smooth():
                    x = self.expr(M, depth)
            else:
                x = self.expr(M, depth)
            self.feature("keepdims")
            return Expr(f"{fn}({x.text}, axis=1, keepdims=True)", 3 * x.bound)
        if s == M:
            x = self.expr(M, depth)
            self.feature("cumsum")
            return Expr(f"np.cumsum({x.text}, axis=1)", 3 * x.bound)
        if s == Q:
            return self.zero_variance(Q, depth)
        return None

    # ------------------------------------------------------------ edges and kinks
    def pin(self, entries, value):
        """Pin entries (flat indices) of the pinnable parameter to ``value`` at the test point;
        False if one of them is pinned to another value already."""
        pins = self.pins.setdefault(self.pinnable, {})
        if any(pins.get(k, value) != value for k in entries):
            return False
        for k in entries:
            pins[k] = value
        return True

    def some_entries(self, t):
        n = size(t)
        if n == 1:
            return [0]
        chosen = [k for k in range(n) if self.ch.chance(40)]
        return chosen or [self.ch.int(0, n - 1)]

    @staticmethod
    def element(t, k):
        return ", ".join(str(int(i)) for i in np.unravel_index(k, t))

    def adapt(self, text, t, bound, s):
        """A value of shape ``t`` made into one of shape ``s`` by smooth operations."""
        e = grouped(Expr(text, bound))
        if t == s:
            return e
        if s == S:
            return Expr(f"np.sum({e.text})", size(t) * bound)
        if t == S:
            return Expr(f"{e.text} * np.ones({shape_text(s)})", bound)
        if broadcast(t, s) == s:
            return Expr(f"({e.text} + np.zeros({shape_text(s)}))", bound)
        return Expr(f"np.sum({e.text}) * np.ones({shape_text(s)})", size(t) * bound)

    def e_edge(self, s, depth):
        """f's pinnable parameter at an edge or kink of what is applied to it: abs at 0,
        powers with a zero base, hypot(0, 0), the norm of a zero vector, std of equal entries,
        where guards with 0 (sin(x) / x) or negatives (log, sqrt) in the untaken branch.  The
        test point gets the pinned values (``pins``)."""
        name = self.pinnable
        if name is None or not self.in_f or self.loop_depth or self.smooth_only or \
                self.pin_broken or name not in self.scope.vars:
            return None
        ch = self.ch
        t = self.param_shapes[name]
        n = size(t)
        P = name
        form = ch.int(0, 8)
        self.edge_reads += 1
        if form in (0, 3, 4, 8) or form == 5 and t != S:
            # a kink: sign(0) = 0 and the subgradient 0 are right to first order, but not
            # through a square (abs(x) ** 2 = x ** 2): no Hessian against differences
            self.first_order = True
        if form == 0:
            if t != S and ch.chance(30):
                k = ch.int(0, n - 1)
                if not self.pin([k], 0.0):
                    return None
                element = f"{P}[{self.element(t, k)}]"
                self.feature("edge: abs at 0")
                return self.adapt(f"{ch.pick(['abs', 'np.abs', 'math.fabs'])}({element})", S,
                                  1.5, s)
            if not self.pin(self.some_entries(t), 0.0):
                return None
            self.feature("edge: abs at 0")
            fns = ["abs", "np.abs"] + (["math.fabs"] if t == S else [])
            return self.adapt(f"{ch.pick(fns)}({P})", t, 2.1, s)
        if form == 1:
            if not self.pin(self.some_entries(t), 0.0):
                return None
            options = [f"{P} ** 2", f"{P} ** 3", f"{P} ** 0", f"{P} ** 1", f"{P} ** 2.0",
                       f"np.power({P}, 2.0)", f"np.power({P}, 0.0)", f"np.power({P}, 3)",
                       f"np.square({P})"]
            if t == S:
                options += [f"math.pow({P}, 3.0)", f"math.pow({P}, 0.0)"]
            ints = [v for v in self.scope.ints() if v.param]
            if ints:
                options += [f"{P} ** {ints[0].name}"] * 2
            self.feature("edge: power at 0")
            text = ch.pick(options)
            if re.search(r"\*\* [0n]$|, 0\.0\)$", text):
                self.feature("edge: zero exponent")
            return self.adapt(text, t, 2.1 ** 4, s)
        if form == 2:
            if not self.pin(self.some_entries(t), 0.0):
                return None
            e = self.squash(self.expr(S, depth - 1))
            ex = f"(1.5 + {self.paren(e)} ** 2)"      # above 1.5: twice differentiable at 0
            options = [f"np.power({P} * {P}, {ex})", f"({P} * {P}) ** {ex}"]
            if t == S:
                options.append(f"math.pow({P} * {P}, {ex})")
            self.feature("edge: zero base")
            return self.adapt(ch.pick(options), t, 4.41 ** 2.5, s)
        if form == 3:
            if t != S and ch.chance(50):
                i, j = ch.int(0, n - 1), ch.int(0, n - 1)
                if not self.pin([i, j], 0.0):
                    return None
                self.feature("edge: hypot at 0")
                return self.adapt(f"np.hypot({P}[{self.element(t, i)}], "
                                  f"{P}[{self.element(t, j)}])", S, 3.0, s)
            if not self.pin(self.some_entries(t), 0.0):
                return None
            self.feature("edge: hypot at 0")
            fn = "math.hypot" if t == S and ch.chance(50) else "np.hypot"
            return self.adapt(f"{fn}({P}, 0.0)", t, 2.1, s)
        if form == 4:
            if t == S:
                return None
            self.feature("edge: norm of zero")
            if len(t) == 2 and ch.chance(50):
                r = ch.int(0, t[0] - 1)
                if not self.pin([r * t[1] + c for c in range(t[1])], 0.0):
                    return None
                return self.adapt(f"np.linalg.norm({P}, axis=1)", (t[0],), 1.5 * t[1], s)
            if not self.pin(range(n), 0.0):
                return None
            return self.adapt(f"np.linalg.norm({P})", S, 1.5 * n, s)
        if form == 5:
            if t == S:
                self.feature("edge: zero variance")
                return self.adapt(f"{ch.pick(['np.std', 'np.var'])}({P})", S, 0.0, s)
            c = ch.pick([0.0, 0.5, -0.25])          # sums of these are exact: variance 0
            self.feature("edge: std at equal entries")
            if len(t) == 2 and t[1] > 1 and ch.chance(50):
                r = ch.int(0, t[0] - 1)
                if not self.pin([r * t[1] + j for j in range(t[1])], c):
                    return None
                return self.adapt(f"np.std({P}, axis=1)", (t[0],), 1.5, s)
            if not self.pin(range(n), c):
                return None
            return self.adapt(f"np.std({P})", S, 1.5, s)
        if form == 8 and "infinite-slope-reverse" in KNOWN_BUGS:
            return None
        if form == 8:
            # an infinite slope met with a zero tangent: sqrt(x * x), arccos(cos(x)) are |x|
            # near 0 (a kink: central differences give 0, as sct's convention does)
            if not self.pin(self.some_entries(t), 0.0):
                return None
            options = [f"np.sqrt({P} * {P})", f"np.sqrt({P} ** 2)", f"({P} * {P}) ** 0.5",
                       f"np.arccos(np.cos({P}))", f"np.arcsin(np.cos({P}))",
                       f"np.arccosh(np.cosh({P}))", f"np.sqrt(1.0 - np.cos({P}))"]
            if t == S:
                options += [f"math.sqrt({P} * {P})", f"math.acos(math.cos({P}))"]
            self.feature("edge: infinite slope")
            return self.adapt(ch.pick(options), t, 2.1, s)
        if form >= 6 and ("where-guard" in KNOWN_BUGS or
                          "where-guard-number" in KNOWN_BUGS and t == S):
            return None
        if form == 6:
            if not self.pin(self.some_entries(t), 0.0):
                return None
            self.relaxed = True
            self.first_order = True     # sin(x) / x: the branch 1.0 is right to first order
            self.feature("edge: where guard")
            op = ch.pick(["!= 0", "!= 0.0"])
            if t == S:      # Python's arithmetic in the untaken branch (README): may raise
                self.feature("edge: where guard on a number")
            return self.adapt(f"np.where({P} {op}, np.sin({P}) / {P}, 1.0)", t, 1.0, s)
        entries = self.some_entries(t)
        values = [ch.pick([0.0, -0.5, -1.0]) for _ in entries]
        pins = self.pins.setdefault(name, {})
        if any(pins.get(k, v) != v for k, v in zip(entries, values)):
            return None
        for k, v in zip(entries, values):
            pins[k] = v
        self.one_sided.add(name)        # at 0 the function is one-sided: no direction there
        self.relaxed = True
        self.feature("edge: where guard")
        if t == S:
            self.feature("edge: where guard on a number")
        text, bound = ch.pick([(f"np.where({P} > 0, np.log({P}), 0.0)", 7.0),
                               (f"np.where({P} > 0, np.sqrt({P}), 0.0)", 1.5),
                               (f"np.where({P} > 0.0, {P} * np.log({P}), 0.0)", 1.0)])
        return self.adapt(text, t, bound, s)

    def pick_einsum(self, options):
        """One of the templates (einsum in the string or the operand/sublist form, or another
        function), with its features."""
        if "einsum-sublist" in KNOWN_BUGS:
            options = [o for o in options if "einsum" not in o or "'" in o]
        text = self.ch.pick(options)
        self.einsum_feature(text)
        return text

    def einsum_feature(self, text):
        """Features of an einsum template: its operand/sublist form, its implicit output."""
        if "einsum" not in text:
            return
        self.feature("einsum")
        if "'" not in text:
            self.feature("einsum sublist")
        if text in IMPLICIT_EINSUMS or "'" in text and "->" not in text:
            self.feature("einsum implicit")

    def zero_variance(self, s, depth):
        """np.var / np.std with zero variance whatever the point (no pin needed): of a number,
        over an axis of length 1, of entries that are copies of one value (two of them, so
        that the mean is exact).  The derivative is 0."""
        ch = self.ch
        if "edges" in KNOWN_BUGS:
            return None
        self.feature("edge: zero variance")
        fn = ch.pick(["np.std", "np.var", "np.std"])
        if s == S:
            form = ch.int(0, 3)
            if form == 0:
                x = self.expr(S, depth)
                return Expr(f"{fn}({x.text})", 0.0)
            if form == 1:
                x = self.expr(S, depth)
                return Expr(f"{fn}({self.paren(x)} * np.ones(2))", 0.0)
            if form == 2:
                x = self.expr(C, depth)
                return Expr(f"np.sum({fn}({x.text}, axis=1))", 0.0)
            x = self.expr(M, depth)
            return Expr(f"{fn}({self.paren(x)}[:1, 0])", 0.0)
        if s == W:
            if ch.chance(50):
                x = self.expr(C, depth)
                return Expr(f"{fn}({x.text}, axis=1)", 0.0)
            x = self.expr(W, depth)
            return Expr(f"{fn}(np.broadcast_to({x.text}, (2, 2)), axis=0)", 0.0)
        if s == C:
            x = self.expr(C, depth)
            return Expr(f"{fn}({x.text}, axis=1, keepdims=True)", 0.0)
        x = self.expr(W, depth)                 # Q
        return Expr(f"{fn}(np.stack([{x.text}, {x.text}]), axis=0, keepdims=True) + "
                    f"np.zeros((2, 2))", 0.0)

    def e_index(self, s, depth):
        ch = self.ch
        if s == S:
            a = ch.pick(ARRAYS)
            x = self.expr(a, depth)
            i = self.loop_index(a[0])
            idx = {V: [i or "1", "-1", "0"], W: [i or "0", "1"], M: [f"{i or '1'}, 2", "0, 0"],
                   C: [f"{i or '1'}, 0"], Q: [f"{i or '0'}, 1", "1, 1"]}[a]
            self.feature("index")
            return Expr(f"{self.paren(x)}[{ch.pick(idx)}]", x.bound)
        if s == V:
            form = ch.int(0, 5)
            if form == 0:
                x = self.expr(M, depth)
                i = self.loop_index(2) or ch.pick(["0", "1", "-1"])
                return Expr(f"{self.paren(x)}[{i}]", x.bound, view=x.view)
            if form == 1:
                x = self.expr(V, depth)
                self.feature("reversed slice")
                return Expr(f"{self.paren(x)}[::-1]", x.bound, view=x.view)
            if form == 2:
                x = self.expr(V, depth)
                self.feature("integer array index")
                return Expr(f"{self.paren(x)}[np.array([2, 0, 1])]", x.bound)
            if form == 3:
                x = self.expr(M, depth)
                return Expr(f"np.ravel({x.text})[::2]", x.bound, view=x.view)
            if form == 4:
                x = self.expr(M, depth)
                return Expr(f"np.reshape({x.text}, (6,))[1:4]", x.bound, view=x.view)
            x = self.expr(M, depth)
            return Expr(f"{self.paren(x)}[1, :]", x.bound, view=x.view)
        if s == W:
            form = ch.int(0, 5)
            if form == 0:
                x = self.expr(V, depth)
                return Expr(f"{self.paren(x)}[{ch.pick(['1:', ':2', '::2', '-2:'])}]",
                            x.bound, view=x.view)
            if form == 1:
                x = self.expr(M, depth)
                j = self.loop_index(3) or ch.pick(["0", "2", "-1"])
                return Expr(f"{self.paren(x)}[:, {j}]", x.bound, view=x.view)
            if form == 2:
                x = self.expr(C, depth)
                return Expr(f"{self.paren(x)}[:, 0]", x.bound, view=x.view)
            if form == 3:
                x = self.expr(Q, depth)
                return Expr(f"{self.paren(x)}[{ch.pick(['0', '1', ':, 1'])}]", x.bound,
                            view=x.view)
            if form == 4:
                x = self.expr(V, depth)
                return Expr(f"{self.paren(x)}[np.array([2, 0])]", x.bound)
            x = self.expr(W, depth)
            return Expr(f"{self.paren(x)}[..., ::-1]", x.bound, view=x.view)
        if s == C:
            x = self.expr(M, depth)
            form = ch.int(0, 2)
            if form == 0:
                return Expr(f"{self.paren(x)}[:, 1:2]", x.bound, view=x.view)
            if form == 1:
                w = self.expr(W, depth)
                self.feature("None index")
                return Expr(f"{self.paren(w)}[:, None]", w.bound, view=w.view)
            return Expr(f"{self.paren(x)}[:, :1]", x.bound, view=x.view)
        if s == M:
            x = self.expr(M, depth)
            return Expr(f"{self.paren(x)}[{ch.pick(['::-1', ':, ::-1'])}]", x.bound,
                        view=x.view)
        if s == Q:
            x = self.expr(M, depth)
            return Expr(f"{self.paren(x)}[:, {ch.pick(['1:', ':2', '::2'])}]", x.bound,
                        view=x.view)
        return None

    def e_structure(self, s, depth):
        ch = self.ch
        if s == V:
            form = ch.int(0, 3)
            if form == 0:
                w, x = self.expr(W, depth), self.expr(S, depth)
                self.feature("concatenate")
                return Expr(f"np.concatenate([{w.text}, np.array([{x.text}])])",
                            max(w.bound, x.bound))
            if form == 1:
                x = self.expr(V, depth)
                self.feature("cumsum")
                return Expr(f"np.cumsum({x.text})", 3 * x.bound)
            if form == 2:
                a, b, c = (self.expr(S, depth - 1) for _ in range(3))
                self.feature("np.array of values")
                return Expr(f"np.array([{a.text}, {b.text}, {c.text}])",
                            max(a.bound, b.bound, c.bound))
            x = self.expr(V, depth)
            return Expr(f"np.transpose({x.text})", x.bound, view=x.view)
        if s == W:
            form = ch.int(0, 2)
            if form == 0:
                x = self.expr(C, depth)
                self.feature("squeeze")
                return Expr(ch.pick([f"np.squeeze({x.text})", f"np.squeeze({x.text}, axis=1)",
                                     f"np.ravel({x.text})", f"({x.text}).flatten()"]),
                            x.bound, view=x.view)
            if form == 1:
                x = self.expr(Q, depth)
                self.feature("diag")
                return Expr(f"np.diag({x.text})", x.bound, view=x.view)
            a, b = self.expr(S, depth - 1), self.expr(S, depth - 1)
            return Expr(f"np.hstack([np.array([{a.text}]), np.array([{b.text}])])",
                        max(a.bound, b.bound))
        if s == M:
            form = ch.int(0, 5)
            if form == 0:
                a, b = self.expr(V, depth), self.expr(V, depth)
                fn = ch.pick(["np.stack", "np.vstack"])
                self.feature(fn)
                return Expr(f"{fn}([{a.text}, {b.text}])", max(a.bound, b.bound))
            if form == 1:
                a, b = self.expr(V, depth), self.expr(V, depth)
                self.feature("reshape")
                return Expr(f"np.reshape(np.concatenate([{a.text}, {b.text}]), (2, 3))",
                            max(a.bound, b.bound))
            if form == 2:
                x = self.expr(M, depth)
                self.feature("tril/triu")
                return Expr(f"{ch.pick(['np.tril', 'np.triu'])}({x.text})", x.bound)
            if form == 3:
                a, b = self.expr(C, depth), self.expr(Q, depth)
                return Expr(f"np.concatenate([{a.text}, {b.text}], axis=1)",
                            max(a.bound, b.bound))
            if form == 4:
                x = self.expr(V, depth)
                return Expr(f"np.broadcast_to({x.text}, (2, 3))", x.bound, view=x.view)
            x = self.expr(M, depth)
            self.feature("transpose")
            return Expr(f"({x.text}).T.T", x.bound, view=x.view)
        if s == C:
            x = self.expr(W, depth)
            self.feature("expand_dims")
            return Expr(ch.pick([f"np.expand_dims({x.text}, 1)", f"np.reshape({x.text}, (2, 1))",
                                 f"({x.text}).reshape(2, 1)"]), x.bound, view=x.view)
        if s == Q:
            form = ch.int(0, 4)
            if form == 0:
                x = self.expr(Q, depth)
                self.feature("transpose")
                return Expr(ch.pick([f"np.transpose({x.text})", f"({x.text}).T",
                                     f"np.swapaxes({x.text}, 0, 1)"]), x.bound, view=x.view)
            if form == 1:
                x = self.expr(W, depth)
                self.feature("diag")
                return Expr(f"np.diag({x.text})", x.bound)
            if form == 2:
                a, b = self.expr(W, depth), self.expr(W, depth)
                return Expr(f"np.stack([{a.text}, {b.text}], axis=1)", max(a.bound, b.bound))
            if form == 3:
                x = self.expr(S, depth)
                return Expr(f"{self.paren(x)} * np.eye(2)", x.bound)
            x = self.expr(Q, depth)
            return Expr(f"np.tril({x.text}, -1) + np.triu({x.text})", 2 * x.bound)
        return None

    def spd(self, depth):
        """A well-conditioned 2x2 matrix: 2 I + a small perturbation."""
        x = self.squash(self.expr(Q, depth))
        return f"(2.0 * np.eye(2) + 0.25 * {self.paren(x)})"

    def e_linalg(self, s, depth):
        ch = self.ch
        self.feature("linear algebra")
        if s == S:
            form = ch.int(0, 3)
            if form == 0:
                self.feature("det")
                return Expr(f"np.linalg.det({self.spd(depth)})", 6.0)
            if form == 1:
                self.feature("slogdet")
                return Expr(f"np.linalg.slogdet({self.spd(depth)})[1]", 2.0)
            if form == 2:
                x = self.expr(Q, depth)
                return Expr(f"np.trace({x.text})", 2 * x.bound)
            x, y = self.expr(W, depth), self.expr(W, depth)
            return Expr(f"({x.text} @ {self.spd(depth - 1)} @ {y.text})", 6 * x.bound * y.bound)
        if s == W:
            form = ch.int(0, 3)
            if form == 0:
                a, x = self.expr(M, depth), self.expr(V, depth)
                fn = self.pick_einsum(["({} @ {})", "np.dot({}, {})", "np.matmul({}, {})",
                                       "np.einsum('ij,j->i', {}, {})",
                                       "np.einsum({}, [0, 1], {}, [1], [0])",
                                       "np.einsum({}, [0, 1], {}, [1])"])
                return Expr(fn.format(a.text, x.text), 3 * a.bound * x.bound)
            if form == 1:
                b = self.expr(W, depth)
                self.feature("solve")
                return Expr(f"np.linalg.solve({self.spd(depth - 1)}, {b.text})", b.bound)
            if form == 2:
                a, x = self.expr(Q, depth), self.expr(W, depth)
                return Expr(f"({a.text} @ {x.text})", 2 * a.bound * x.bound)
            if ch.chance(30):
                x = self.expr(Q, depth)
                fn = self.pick_einsum(["np.einsum({}, [0, 0], [0])", "np.einsum('ii->i', {})"])
                return Expr(fn.format(x.text), x.bound, view=x.view)
            x = self.expr(W, depth)
            return Expr(f"({x.text} @ np.linalg.inv({self.spd(depth - 1)}))", 2 * x.bound)
        if s == V:
            a, x = self.expr(M, depth), self.expr(W, depth)
            return Expr(ch.pick([f"({x.text} @ {a.text})", f"np.dot({x.text}, {a.text})"]),
                        2 * a.bound * x.bound)
        if s == M:
            form = ch.int(0, 2)
            if form == 0:
                a, b = self.expr(W, depth), self.expr(V, depth)
                self.feature("outer")
                fn = self.pick_einsum(["np.outer({}, {})", "np.einsum('i,j->ij', {}, {})",
                                       "np.einsum({}, [0], {}, [1], [0, 1])"])
                return Expr(fn.format(a.text, b.text), a.bound * b.bound)
            a, b = self.expr(Q, depth), self.expr(M, depth)
            if form == 1:
                fn = self.pick_einsum(["({} @ {})", "({} @ {})",
                                       "np.einsum('ij,jk->ik', {}, {})",
                                       "np.einsum({}, [0, 1], {}, [1, 2], [0, 2])",
                                       "np.einsum({}, [0, 1], {}, [1, 2])"])
                return Expr(fn.format(a.text, b.text), 2 * a.bound * b.bound)
            return Expr(f"np.linalg.solve({self.spd(depth - 1)}, {b.text})", b.bound)
        if s == C:
            a, b = self.expr(Q, depth), self.expr(C, depth)
            return Expr(f"({a.text} @ {b.text})", 2 * a.bound * b.bound)
        if s == Q:
            form = ch.int(0, 3)
            if form == 0:
                a = self.expr(M, depth)
                if ch.chance(30):
                    b = self.expr(M, depth)
                    fn = self.pick_einsum(["np.einsum({}, [0, 1], {}, [2, 1], [0, 2])",
                                           "np.einsum('ij,kj->ik', {}, {})"])
                    return Expr(fn.format(a.text, b.text), 3 * a.bound * b.bound)
                if ch.chance(20):
                    q = self.expr(Q, depth)
                    fn = self.pick_einsum(["np.einsum({}, (0, 1), (1, 0))",
                                           "np.einsum('ij->ji', {})"])
                    return Expr(fn.format(q.text), q.bound, view=q.view)
                return Expr(f"({a.text} @ ({a.text}).T)", 3 * a.bound ** 2)
            if form == 1:
                self.feature("inv")
                return Expr(f"np.linalg.inv({self.spd(depth)})", 2.0)
            if form == 2:
                x = self.squash(self.expr(Q, depth))
                self.feature("cholesky")
                return Expr(f"np.linalg.cholesky(np.eye(2) + 0.25 * ({x.text} @ "
                            f"np.transpose({x.text})))", 2.0)
            a, b = self.expr(W, depth), self.expr(W, depth)
            self.feature("outer")
            return Expr(f"np.outer({a.text}, {b.text})", a.bound * b.bound)
        return None

    def call_text(self, h):
        args = []
        for k, p in enumerate(h.params):
            with self.smooth():          # helpers compare their parameters
                e = self.expr(p.shape, self.depth(-1))
            e = self.unown(self.squash(e) if e.bound > 2.0 else e)  # h may return its parameter
            if p.name in h.defaults and self.ch.chance(50):
                self.feature("default used")
                continue
            if p.name in h.defaults and self.ch.chance(50):
                args.append(f"{p.name}={e.text}")
                self.feature("keyword argument")
            else:
                args.append(e.text)
        self.feature("call")
        return f"{h.name}({', '.join(args)})"

    def e_call(self, s, depth):
        ch = self.ch
        options = [h for h in self.helpers if h.returns == [s]]
        if options:
            h = ch.pick(options)
            return Expr(self.call_text(h), h.bound[0], view="call")
        options = [(h, k) for h in self.helpers for k in range(len(h.returns))
                   if len(h.returns) == 2 and h.returns[k] == s]
        if options:
            h, k = ch.pick(options)
            self.feature("subscript of a tuple result")
            return Expr(f"{self.call_text(h)}[{k}]", h.bound[k], view="call")
        return None

    def e_ifexp(self, s, depth):
        a, b = self.expr(s, depth), self.expr(s, depth)
        self.feature("conditional expression")
        return Expr(f"({a.text} if {self.condition(min(depth, 1))} else {b.text})",
                    max(a.bound, b.bound), view=(a.view, b.view))

    def e_misc(self, s, depth):
        ch = self.ch
        x = self.expr(s, depth)
        form = ch.int(0, 2)
        if form == 0:
            self.feature("module constant")
            if self.constants:
                return Expr(f"{ch.pick(sorted(self.constants))} * {self.paren(x)}",
                            3 * x.bound)
        if form == 1 and s != S:
            fn = ch.pick(["np.copy", "np.asarray", "np.array"])
            return Expr(f"{fn}({x.text})", x.bound, view=x.view if fn == "np.asarray" else None)
        return Expr(f"({x.text} * 0.5 + 1.0)", 0.5 * x.bound + 1)

    # ------------------------------------------------------------ issue 13's constructs
    def elem(self, shape):
        """An expression of ``shape`` squashed to a bound of 1, owning no array of the scope
        (a container holds it: no later index write may reach it through another name)."""
        e = self.squash(self.expr(shape, self.depth(-1)))
        return self.unown(e)

    def iterable(self):
        """Something ``for w in ...`` runs over: (header text, element (shape, bound) pairs,
        length, loop variable names, feature).  Called under ``smooth``: no edge values."""
        ch = self.ch
        arrays = [v for v in self.scope.floats() if v.shape in ELEMENTS and self.readable(v)
                  and not v.edge]
        form = ch.int(0, 4)
        w = self.fresh("w")
        if form == 1 and arrays:
            a = self.read(ch.pick(arrays))
            k = self.fresh("k")
            return f"enumerate({a.name})", [(ELEMENTS[a.shape], a.bound)], a.shape[0], [k, w], \
                "issue 13: enumerate"
        if form == 2 and arrays:
            a, b = self.read(ch.pick(arrays)), self.read(ch.pick(arrays))
            w2 = self.fresh("w")
            return f"zip({a.name}, {b.name})", [(ELEMENTS[a.shape], a.bound),
                                                (ELEMENTS[b.shape], b.bound)], \
                min(a.shape[0], b.shape[0]), [w, w2], "issue 13: zip"
        if form == 3 or not arrays:
            se = ch.pick(SHAPES)
            with self.smooth():
                parts = [self.elem(se) for _ in range(ch.int(2, 3))]
            return "(" + ", ".join(p.text for p in parts) + ")", [(se, 1.0)], len(parts), [w], \
                "issue 13: for over a tuple"
        a = self.read(ch.pick(arrays))
        header = ch.pick([a.name, f"reversed({a.name})"]) if a.shape[0] > 1 else a.name
        return header, [(ELEMENTS[a.shape], a.bound)], a.shape[0], [w], \
            "issue 13: for over an array"

    def with_loop_vars(self, names, shapes, make):
        """``make()`` generated inside a loop, with the loop variables ``names`` in scope."""
        saved = self.enter_loop()
        for name, (shape, bound) in zip(names[-len(shapes):], shapes):
            self.scope.vars[name] = Var(name, shape, bound)
        if len(names) > len(shapes):                 # enumerate's counter
            self.scope.vars[names[0]] = Var(names[0], S, 3, kind="int", lo=0, hi=3)
        try:
            return make()
        finally:
            self.leave_loop(saved)

    def list_read(self, ys, count, se, bound, s):
        """A read of list ``ys`` (``count`` entries of shape ``se``) of shape ``s`` if it can
        be, or None."""
        ch = self.ch
        options = []
        if s == se:
            options += [(f"{ys}[{ch.int(0, count - 1)}]", bound), (f"{ys}[-1]", bound),
                        (f"sum({ys})", count * bound)]
            options += [(f"{ys}[{v.name}]", bound) for v in self.scope.ints()
                        if v.lo >= -count and v.hi < count]          # a loop variable
            w = self.fresh("w")
            fn = "np.sin" if se != S or ch.chance(50) else "math.sin"
            options += [(f"sum({fn}({w}) * {w} for {w} in {ys})", count * bound)]
        if s == (count,) + se:
            options += [(f"np.array({ys})", bound)]
        if s == S:
            options += [(f"np.sum(np.array({ys}))", count * size(se) * bound)]
        return ch.pick(options) if options else None

    def stmt_issue13(self, pad, indent):
        """Issue 13's constructs: lists built by displays, appends and comprehensions and read
        back, tuples passed to user functions, dicts read by key, loops over arrays, tuples,
        enumerate and zip, generator sums, nested functions and closures, asserts."""
        ch = self.ch
        if "issue13" in KNOWN_BUGS:
            return self.stmt_assign(pad, indent)
        form = ch.int(0, 8)
        name = self.fresh()
        if form == 0:                                 # ys = []; ys.append(...) in a loop
            ys, k, count = self.fresh("ys"), self.fresh("k"), ch.int(1, 3)
            se = ch.pick([S, S, V, W])
            s = ch.pick([se, (count,) + se, S])
            if s not in SHAPES:
                s = se
            saved = self.enter_loop()
            self.scope.vars[k] = Var(k, S, count, kind="int", lo=0, hi=count - 1)
            e = self.elem(se)
            self.leave_loop(saved)
            text, bound = self.list_read(ys, count, se, 1.0, s)
            self.scope.vars[name] = Var(name, s, bound)
            self.feature("issue 13: append")
            return [f"{pad}{ys} = []", f"{pad}for {k} in range({count}):",
                    f"{pad}    {ys}.append({e.text})", f"{pad}{name} = {text}"]
        if form == 1:                                 # a list display, read back
            ys, count = self.fresh("ys"), ch.int(1, 3)
            se = ch.pick([S, S, V, W])
            s = ch.pick([se, (count,) + se, S])
            if s not in SHAPES:
                s = se
            parts = [self.elem(se) for _ in range(count)]
            lines = [f"{pad}{ys} = [{', '.join(p.text for p in parts)}]"]
            if ch.chance(30):                         # an item replaced, before any read
                lines.append(f"{pad}{ys}[{ch.int(-count, count - 1)}] = {self.elem(se).text}")
                self.feature("issue 13: list item assignment")
            text, bound = self.list_read(ys, count, se, 1.0, s)
            self.scope.vars[name] = Var(name, s, bound)
            self.feature("issue 13: list display")
            return lines + [f"{pad}{name} = {text}"]
        if form == 2:                                 # a tuple display passed to a function
            self.tuple_helpers += 1
            u = f"tup{self.tuple_helpers}"
            shapes = [ch.pick(SHAPES), ch.pick(SHAPES)]
            s = ch.pick(SHAPES)
            saved = (self.scope, self.in_f, self.loop_depth, self.counter)
            self.scope = Scope({"q1": Var("q1", shapes[0], 1.0), "q2": Var("q2", shapes[1], 1.0),
                                "c": Var("c", S, 1.0)})
            self.in_f, self.loop_depth = False, 0
            with self.smooth():
                body = self.squash(self.expr(s, self.depth(-1)))
            self.scope, self.in_f, self.loop_depth, self.counter = saved
            unpack = ch.pick(["    q1, q2 = t", "    q1 = t[0]\n    q2 = t[1]"])
            self.extra_helpers += [f"def {u}(t, c):", unpack, f"    return {body.text}", "", ""]
            with self.smooth():
                a, b, c = self.elem(shapes[0]), self.elem(shapes[1]), self.elem(S)
            self.scope.vars[name] = Var(name, s, 1.0)
            self.feature("issue 13: tuple argument")
            if ch.chance(25):
                self.feature("issue 13: list argument")
                return [f"{pad}{name} = {u}([{a.text}, {b.text}], {c.text})"]
            if ch.chance(25):
                t = self.fresh("t")
                return [f"{pad}{t} = ({a.text}, {b.text})", f"{pad}{name} = {u}({t}, c={c.text})"]
            return [f"{pad}{name} = {u}(({a.text}, {b.text}), {c.text})"]
        if form == 3:                                 # a dict display, read by key
            d = self.fresh("d")
            s = ch.pick(SHAPES)
            a, b = self.elem(s), self.elem(s)
            lines = [f'{pad}{d} = {{"a": {a.text}, "b": {b.text}}}']
            read = ch.pick([f'{d}["a"]', f'{d}["b"]', f'{d}["a"] - 0.5 * {d}["b"]',
                            f'{d}.get("a") * np.cos({d}["b"])'])
            if ch.chance(30):
                c = self.elem(s)
                lines.append(f'{pad}{d}["c"] = {c.text}')
                read += f' + {d}["c"]'
                self.feature("issue 13: dict item assignment")
            self.scope.vars[name] = Var(name, s, 3.0)
            self.feature("issue 13: dict")
            return lines + [f"{pad}{name} = {read}"]
        if form in (4, 5):                            # for w in ...: acc = acc + ...
            s = ch.pick(SHAPES)
            with self.smooth():
                header, shapes, count, names, feat = self.iterable()
            e = self.with_loop_vars(names, shapes, lambda: self.elem(s))
            start = "0.0" if s == S else f"np.zeros({shape_text(s)})"
            target = ", ".join(names)
            self.scope.vars[name] = Var(name, s, float(count))
            self.feature(feat)
            if form == 5:                             # a generator reduction
                self.feature("issue 13: generator sum")
                return [f"{pad}{name} = sum({e.text} for {target} in {header})"]
            return [f"{pad}{name} = {start}", f"{pad}for {target} in {header}:",
                    f"{pad}    {name} = {name} + {e.text}"]
        if form == 6:                                 # a list comprehension, read back
            ys = self.fresh("ys")
            se = ch.pick([S, S, V, W])
            if ch.chance(40):
                k, count = self.fresh("k"), ch.int(1, 3)
                header, names = f"range({count})", [k]
                saved = self.enter_loop()
                self.scope.vars[k] = Var(k, S, count, kind="int", lo=0, hi=count - 1)
                e = self.elem(se)
                self.leave_loop(saved)
                feat = "issue 13: for over a range"
            else:
                with self.smooth():
                    header, shapes, count, names, feat = self.iterable()
                e = self.with_loop_vars(names, shapes, lambda: self.elem(se))
            s = ch.pick([se, (count,) + se, S])
            if s not in SHAPES:
                s = se
            text, bound = self.list_read(ys, count, se, 1.0, s)
            self.scope.vars[name] = Var(name, s, bound)
            self.feature(feat)
            self.feature("issue 13: list comprehension")
            return [f"{pad}{ys} = [{e.text} for {', '.join(names)} in {header}]",
                    f"{pad}{name} = {text}"]
        if form == 7:                                 # a nested function or a lambda
            c, u = self.fresh("c"), self.fresh("u")
            su, s = ch.pick(SHAPES), ch.pick(SHAPES)
            with self.smooth():
                self.scope.vars[u] = Var(u, su, 1.0)
                body = self.squash(self.expr(s, self.depth(-1)))
                del self.scope.vars[u]
                args = [self.elem(su) for _ in range(ch.int(1, 2))]
            self.scope.vars[name] = Var(name, s, float(len(args)))
            calls = " + ".join(f"{c}({a.text})" for a in args)
            if ch.chance(30):
                self.feature("issue 13: lambda")
                return [f"{pad}{c} = lambda {u}: {body.text}", f"{pad}{name} = {calls}"]
            self.feature("issue 13: closure")
            return [f"{pad}def {c}({u}):", f"{pad}    return {body.text}",
                    f"{pad}{name} = {calls}"]
        # assert with a message (true at every point)
        arrays = [v for v in self.scope.floats() if v.shape != S and self.readable(v)]
        self.feature("issue 13: assert")
        if arrays and ch.chance(60):
            v = self.read(ch.pick(arrays))
            test = ch.pick([f"{v.name}.shape == {v.shape}", f"len({v.name}) == {v.shape[0]}",
                            f"np.all(np.isfinite({v.name}))", f"{v.name}.ndim == {len(v.shape)}"])
            return [f'{pad}assert {test}, "{v.name} has the wrong shape"']
        with self.smooth():
            e = self.squash(self.expr(S, self.depth(-1)))
        return [f'{pad}assert np.isfinite({e.text}), f"not finite: {{{e.text}}}"']

    # ------------------------------------------------------------ issue 12's functions
    def breadth_operand(self, kind, code, depth):
        """One operand of a BREADTH template: (text, bound, view) (see BREADTH)."""
        shape = SHAPE_CODES.get(code)
        if kind == "a":
            e = self.squashed(self.expr(shape, depth))
            return e.text, e.bound, e.view
        if kind in ("d", "s"):
            with self.smooth():
                e = self.squash(self.expr(shape, depth))
            if kind == "s" or shape == S:
                return e.text, 1.0, None
            return f"({e.text} + {OFFSETS[shape]})", 3.0, None
        # the base matrices' entries off the diagonal are never zero: at a matrix whose column
        # has zeros below the diagonal LAPACK reflects nothing, and QR's signs and eigh's
        # eigenvectors jump there (no derivative)
        if kind == "sym":
            x = self.paren(self.squash(self.expr(Q, depth - 1)))
            return (f"(np.array([[1.0, 0.3], [0.3, 2.2]]) + 0.1 * ({x} + np.transpose({x})))",
                    3.0, None)
        if kind in ("wc", "tri"):
            x = self.paren(self.squash(self.expr(Q, depth - 1)))
            text = f"(np.array([[2.0, 0.3], [0.4, 2.0]]) + 0.25 * {x})"
            return (text if kind == "wc" else f"np.tril({text})"), 3.0, None
        if kind == "wcm":
            x = self.paren(self.squash(self.expr(M, depth - 1)))
            return (f"(np.array([[1.0, 0.3, 0.2], [0.1, 2.5, 0.3]]) + 0.15 * {x})", 3.0,
                    None)
        e = self.squash(self.expr(shape, depth))
        if kind == "p":
            return f"(1.0 + {self.paren(e)} ** 2)", 2.0, None
        return e.text, 1.0, None                                   # "u"

    def breadth_fill(self, template, depth, extra=None):
        """A template with its placeholders filled: (text, B, the first operand's view)."""
        pieces = re.split(r"(\{[a-z]+(?::[A-Z])?\})", template)
        if sum(p.startswith("{") for p in pieces) > 2:
            depth -= 1
        out, bounds, views = [], [1.0], []
        for piece in pieces:
            if not piece.startswith("{"):
                out.append(piece)
                continue
            kind, _, code = piece[1:-1].partition(":")
            if extra and kind in extra:
                out.append(extra[kind])
                continue
            text, bound, view = self.breadth_operand(kind, code, depth)
            out.append(text)
            if kind == "a":
                bounds.append(bound)
                views.append(view)
        return "".join(out), max(bounds), (views[0] if views else None)

    def breadth_features(self, text):
        if "1j" in text or "np.fft." in text:
            self.feature("issue 12: complex")
        for name in re.findall(r"\b(?:np|scipy)\.[\w.]+(?=\(|\[)", text):
            if name not in BASIC_CALLS:
                self.feature(f"issue 12: {name}")
        self.feature("issue 12 function")

    def e_breadth(self, s, depth):
        """A function of issue 12 (BREADTH), in its smooth domain."""
        if "breadth" in KNOWN_BUGS:
            return None
        template, bound, flags = self.ch.pick(BREADTH[s])
        if any(d in template for d in NO_HESSIAN) and self.ch.chance(50):
            template, bound, flags = self.ch.pick(BREADTH[s])  # Hessians refused less often
        if "norm-neg-inf-hessian" in KNOWN_BUGS:
            template = template.replace("-np.inf", "np.inf")
        text, b, view = self.breadth_fill(template, depth)
        self.breadth_features(template)
        e = Expr(text, float(eval(bound, {"B": b})), view=view if "view" in flags else None)
        if "view" in flags:
            e = self.unown(e)
        return e

    def stmt_breadth(self, pad, indent):
        """Results of issue 12's functions bound to names: decompositions and pairs unpacked,
        factorizations passed to their solves, complex values written into and reduced to
        real ones."""
        ch = self.ch
        if "breadth" in KNOWN_BUGS:
            return self.stmt_assign(pad, indent)
        form = ch.int(0, 9)
        if form <= 3:
            template, outputs = ch.pick(UNPACKED)
            if any(d in template for d in NO_HESSIAN) and ch.chance(60):
                template, outputs = ch.pick(UNPACKED[3:])   # g's Hessian is refused less often
            text, b, _ = self.breadth_fill(template, self.depth(-1))
            self.breadth_features(template)
            names = [self.fresh() for _ in outputs]
            for name, (shape, bound) in zip(names, outputs):
                self.scope.vars[name] = Var(name, shape, bound if bound else 3.0 * b)
            self.feature("issue 12: unpacked")
            return [f"{pad}{', '.join(names)} = {text}"]
        if form <= 5:
            factor, solve = ch.pick(FACTORED)
            f, g, name = self.fresh("c"), self.fresh("c"), self.fresh()
            text, _, _ = self.breadth_fill(factor, self.depth(-1))
            solved, b, _ = self.breadth_fill(solve, self.depth(-1), {"f": f, "g": g})
            self.breadth_features(factor + solve)
            self.scope.vars[name] = Var(name, W, 2.0 * b)
            self.feature("issue 12: factorization")
            return [f"{pad}{f}, {g} = {text}", f"{pad}{name} = {solved}"]
        z, name = self.fresh("z"), self.fresh()
        template, bound = ch.pick(COMPLEX_VALUES)
        text, b, _ = self.breadth_fill(template, self.depth(-1))
        modulus = float(eval(bound, {"B": b}))
        lines = [f"{pad}{z} = {text}"]
        self.breadth_features(template)
        for _ in range(ch.int(0, 2) if ch.chance(50) else 0):
            write = ch.pick(COMPLEX_WRITES)
            if "[" in write:
                self.feature("issue 12: complex index write")
            line, b, _ = self.breadth_fill(write, self.depth(-1),
                                           {"z": z, "k": str(ch.int(0, 2))})
            modulus = max(modulus, b + 1.0)
            lines.append(pad + line)
            self.feature("issue 12: complex write")
        read, bound = ch.pick(COMPLEX_READS)
        text, b, _ = self.breadth_fill(read, self.depth(-1), {"z": z})
        e = self.squashed(Expr(text, float(eval(bound, {"B": b, "Z": modulus}))))
        self.breadth_features(read)
        self.scope.vars[name] = Var(name, V, e.bound)
        self.feature("issue 12: complex value")
        return lines + [f"{pad}{name} = {e.text}"]


# ---------------------------------------------------------------- issue 12's functions
# Expression forms of the numpy/scipy breadth of issue 12, per result shape: (template, bound,
# flags).  Placeholders: {a:V} any expression of shape V; {u:V} one squashed to [-1, 1];
# {p:V} a positive one, 1 + u ** 2; {d:V} distinct entries (u plus spread offsets, no edge
# values: sort, median, max and partition are smooth there); {s:V} a smooth one in [-1, 1]
# (no edge values: the operands of fmax, fmod, interp's x, conditions); {sym} a symmetric
# positive definite 2x2 matrix with distinct eigenvalues, {wc} a well-conditioned 2x2 matrix,
# {wcm} a 2x3 one of full rank with distinct singular values, {tri} a well-conditioned lower
# triangle (none of them with a zero off the diagonal: see breadth_operand).  The bound is a
# Python expression in B, the largest bound of the {a:...} operands (at least 1).  Flags:
# "view" (the result may share the first operand's memory).
OFFSETS = {V: "np.array([0.0, 0.37, 0.81])", W: "np.array([0.0, 0.43])",
           M: "np.array([[0.0, 0.37, 0.81], [1.19, 1.61, 2.03]])",
           C: "np.array([[0.0], [0.43]])", Q: "np.array([[0.0, 0.43], [0.91, 1.37]])", S: "0.0"}
SHAPE_CODES = {"S": S, "V": V, "W": W, "M": M, "C": C, "Q": Q}
BREADTH = {
    S: [
        ("scipy.special.gammaln({p:S})", "1", ""),
        ("np.sum(scipy.special.gammaln({p:V}))", "3", ""),
        ("scipy.special.digamma({p:S})", "1", ""),
        ("scipy.special.erf({u:S})", "1", ""),
        ("scipy.special.erfinv(0.9 * {u:S})", "1.2", ""),
        ("scipy.special.ndtr({u:S})", "1", ""),
        ("scipy.special.log_ndtr({u:S})", "3", ""),
        ("scipy.special.expit({a:S})", "1", ""),
        ("scipy.special.logit(0.5 + 0.4 * {u:S})", "2.2", ""),
        ("scipy.special.xlogy({u:S}, {p:S})", "1", ""),
        ("scipy.special.i0({u:S})", "1.3", ""),
        ("scipy.special.j0({a:S})", "1", ""),
        ("np.sinc({a:S})", "1", ""),
        ("np.cbrt({p:S})", "1.3", ""),
        ("np.exp2({u:S})", "2", ""),
        ("np.logaddexp({u:S}, {u:S})", "2", ""),
        ("np.logaddexp2({u:V}, {u:S})[1]", "2", ""),
        ("scipy.special.logsumexp({u:V})", "2.2", ""),
        ("scipy.special.logsumexp({u:M}, b={p:M})", "4", ""),
        ("np.median({d:V})", "2", ""),
        ("np.median({d:M})", "3", ""),
        ("np.percentile({d:V}, 30.0)", "2", ""),
        ("np.quantile({d:M}, 0.7)", "3", ""),
        ("np.ptp({d:V})", "3", ""),
        ("np.nanmax({d:M})", "3", ""),
        ("np.nanmin({d:V})", "2", ""),
        ("np.nansum({a:M})", "6 * B", ""),
        ("np.nanmean({a:V})", "B", ""),
        ("np.average({a:V}, weights={p:V})", "B", ""),
        ("np.polyval({u:V}, {u:S})", "3", ""),
        ("np.interp({s:S}, np.array([-0.6, 0.1, 0.7]), {u:V})", "1", ""),
        ("np.linalg.norm({u:V} + 2.0, ord=1)", "9", ""),
        ("np.linalg.norm({d:V} + 2.0, ord=np.inf)", "5", ""),
        ("np.linalg.norm({d:W} + 2.0, ord=-np.inf)", "5", ""),
        ("np.linalg.norm({u:V} + 2.0, ord=2.5)", "6", ""),
        ("np.linalg.norm({u:V} + 2.0, ord=3)", "6", ""),
        ("np.linalg.norm({u:M} + 2.0, 'fro')", "8", ""),
        ("np.linalg.norm({wc}, ord='nuc')", "6", ""),
        ("np.linalg.norm({wcm}, ord=2)", "4", ""),
        ("np.linalg.norm({wcm}, ord=-2)", "2", ""),
        ("np.linalg.norm({d:Q} + 2.0, ord=1)", "9", ""),
        ("np.linalg.norm({d:Q} + 2.0, ord=np.inf)", "9", ""),
        ("np.sum(np.linalg.eigvalsh({sym}) ** 2)", "12", ""),
        ("np.linalg.eigvalsh({sym})[0]", "2", ""),
        ("np.sum(np.linalg.svd({wcm}, compute_uv=False))", "5", ""),
        ("np.trace(np.linalg.matrix_power({wc}, 3))", "30", ""),
        ("np.trace(np.linalg.matrix_power({wc}, -1))", "3", ""),
        ("scipy.linalg.det({wc})", "6", ""),
        ("np.sum(scipy.linalg.expm(0.3 * {u:Q}))", "6", ""),
        ("np.trace(scipy.linalg.sqrtm({sym}))", "4", ""),
        ("scipy.stats.norm.logpdf({u:S}, {u:S}, {p:S})", "3", ""),
        ("scipy.stats.norm.logcdf({u:S})", "3", ""),
        ("scipy.stats.norm.cdf({u:S}, 0.3, {p:S})", "1", ""),
        ("scipy.stats.norm.pdf({u:S}, {u:S})", "1", ""),
        ("scipy.stats.t.logpdf({u:S}, 3.0)", "3", ""),
        ("scipy.stats.t.logpdf({u:S}, 1.0 + {p:S})", "3", ""),
        ("scipy.stats.multivariate_normal.logpdf({u:W}, mean={u:W}, cov={sym})", "6", ""),
        ("np.tensordot({a:M}, {a:M}, axes=2)", "6 * B * B", ""),
        ("np.sum(np.cross({a:V}, {a:V}))", "6 * B * B", ""),
        ("np.sum(np.gradient({a:V}))", "3 * B", ""),
        ("np.real(np.sum(np.exp(1j * {a:V})))", "3", ""),
        ("np.sum(np.abs(np.fft.fft({a:V})) ** 2)", "27 * B * B", ""),
        ("np.real(np.fft.fft({a:V})[1])", "3 * B", ""),
        ("np.imag(np.fft.fft({a:V}))[1]", "3 * B", ""),
        ("np.abs(np.exp(1j * {a:S}) + 2.0)", "3", ""),
        ("np.angle(np.exp(1j * {u:S}) + 2.0)", "1", ""),
        ("np.sum(scipy.special.softmax({a:V}) * {a:V})", "B", ""),
        ("np.sum(np.sort({d:V}) * np.array([1.0, -2.0, 0.5]))", "8", ""),
        ("np.sum(({a:V}).astype(float))", "3 * B", ""),
        ("scipy.special.gamma({p:S})", "1", ""),
        ("scipy.special.rgamma({p:S})", "1.2", ""),
        ("scipy.special.psi({p:S})", "1", ""),
        ("scipy.special.polygamma(1, {p:S})", "2", ""),
        ("scipy.special.multigammaln(2.0 + {p:S}, 2)", "3", ""),
        ("scipy.special.beta({p:S}, {p:S})", "1", ""),
        ("scipy.special.betaln({p:S}, {p:S})", "2", ""),
        ("scipy.special.erfc({u:S})", "2", ""),
        ("scipy.special.erfcx({u:S})", "3", ""),
        ("scipy.special.ndtri(0.5 + 0.4 * {u:S})", "2", ""),
        ("scipy.special.erfcinv(1.0 + 0.9 * {u:S})", "2", ""),
        ("scipy.special.xlog1py({u:S}, {p:S})", "1.2", ""),
        ("scipy.special.entr({p:S})", "1", ""),
        ("scipy.special.rel_entr({p:S}, {p:S})", "2", ""),
        ("scipy.special.j1({a:S})", "1", ""),
        ("scipy.special.jv(1.5, {p:S})", "1", ""),
        ("scipy.special.y0({p:S})", "1", ""),
        ("scipy.special.y1({p:S})", "1", ""),
        ("scipy.special.i1({u:S})", "1", ""),
        ("scipy.special.i0e({p:S})", "1", ""),
        ("scipy.special.iv(0.5, {p:S})", "2", ""),
        ("scipy.special.gammainc(2.0, {p:S})", "1", ""),
        ("scipy.special.gammaincc(1.5, {p:S})", "1", ""),
        ("scipy.special.betainc(2.0, 3.0, 0.5 + 0.4 * {u:S})", "1", ""),
        ("scipy.special.logsumexp({u:M}, axis=(0, 1))", "3", ""),
        ("scipy.stats.norm.sf({u:S})", "1", ""),
        ("scipy.stats.norm.logsf({u:S}, {u:S}, {p:S})", "3", ""),
        ("scipy.stats.norm.ppf(0.5 + 0.4 * {u:S}, {u:S}, {p:S})", "6", ""),
        ("scipy.stats.t.cdf({u:S}, 4.0)", "1", ""),
        ("scipy.stats.t.pdf({u:S}, 2.5, {u:S}, {p:S})", "1", ""),
        ("scipy.stats.chi2.pdf({p:S}, 3.0)", "1", ""),
        ("scipy.stats.chi2.logpdf({p:S}, {p:S} + 1.0)", "4", ""),
        ("scipy.stats.chi2.cdf({p:S}, 2.5)", "1", ""),
        ("scipy.stats.gamma.logpdf({p:S}, {p:S})", "4", ""),
        ("scipy.stats.gamma.cdf({p:S}, 2.0)", "1", ""),
        ("scipy.stats.beta.logpdf(0.5 + 0.4 * {u:S}, {p:S}, {p:S})", "4", ""),
        ("scipy.stats.beta.cdf(0.5 + 0.4 * {u:S}, 2.0, 3.0)", "1", ""),
        ("scipy.stats.poisson.logpmf(3, {p:S})", "6", ""),
        ("scipy.stats.poisson.cdf(2, {p:S})", "1", ""),
        ("scipy.stats.multivariate_normal.pdf({u:W}, mean={u:W}, cov={sym})", "1", ""),
        ("scipy.stats.multivariate_normal.logpdf({u:W}, mean={u:W}, cov={p:S})", "8", ""),
        ("scipy.stats.multivariate_normal.logpdf({u:W}, mean={u:W}, cov={p:W})", "8", ""),
        ("scipy.stats.multivariate_normal.entropy(mean={u:W}, cov={sym})", "4", ""),
        ("scipy.stats.dirichlet.logpdf(scipy.special.softmax({u:V}), {p:V})", "8", ""),
        ("np.median({d:M}, axis=(0, 1))", "3", ""),
        ("np.real(np.sum(np.conj(np.fft.fft({a:V})) * np.fft.fft({a:V})))", "27 * B * B", ""),
    ],
    V: [
        ("np.sort({d:V})", "2", ""),
        ("np.partition({d:V}, 1)", "2", ""),
        ("np.cumprod({u:V})", "1", ""),
        ("np.roll({a:V}, 1)", "B", ""),
        ("np.flip({a:V})", "B", "view"),
        ("np.take({a:V}, np.array([2, 0, 1]))", "B", ""),
        ("np.take_along_axis({a:V}, np.array([1, 2, 0]), axis=0)", "B", ""),
        ("np.repeat({a:S}, 3)", "B", ""),
        ("np.tile({a:S}, 3)", "B", ""),
        ("np.append({a:W}, {a:S})", "B", ""),
        ("np.r_[{a:W}, {a:S}]", "B", ""),
        ("np.cross({a:V}, {a:V})", "2 * B * B", ""),
        ("np.convolve({a:W}, {a:W})", "2 * B * B", ""),
        ("np.correlate({a:V}, {a:V}, mode='same')", "3 * B * B", ""),
        ("scipy.signal.convolve({a:W}, {a:W})", "2 * B * B", ""),
        ("scipy.signal.correlate({a:V}, {a:V}, mode='same')", "3 * B * B", ""),
        ("np.convolve({a:V}, np.array([0.5, -1.0]), mode='same')", "2 * B", ""),
        ("np.gradient({a:V})", "B", ""),
        ("np.gradient({a:V}, 0.5)", "2 * B", ""),
        ("np.gradient({a:V}, edge_order=2)", "3 * B", ""),
        ("np.pad({a:W}, (1, 0))", "B", ""),
        ("np.pad({a:W}, (0, 1), mode='edge')", "B", ""),
        ("np.pad({a:W}, (1, 0), mode='reflect')", "B", ""),
        ("np.pad({a:W}, (1, 0), constant_values={a:S})", "B", ""),
        ("np.diff({a:M}, axis=0)[0]", "2 * B", ""),
        ("np.fmax({s:V}, {s:V})", "1", ""),
        ("np.fmin({s:V}, {s:S})", "1", ""),
        ("np.fmod({s:V}, 1.5)", "1", ""),
        ("np.nan_to_num({a:V})", "B", ""),
        ("scipy.special.softmax({a:V})", "1", ""),
        ("scipy.special.log_softmax({u:V})", "4", ""),
        ("scipy.special.expit({a:V})", "1", ""),
        ("np.median({d:M}, axis=0)", "3", ""),
        ("np.percentile({d:M}, 40.0, axis=0)", "3", ""),
        ("np.nanmax({d:M}, axis=0)", "3", ""),
        ("np.ptp({d:M}, axis=0)", "4", ""),
        ("np.average({a:M}, axis=0, weights=np.array([0.3, 0.7]))", "B", ""),
        ("np.select([{s:V} > 0.0, {s:V} < -0.5], [{a:V}, {a:V}], {a:V})", "B", ""),
        ("np.interp({s:V}, np.array([-0.6, 0.1, 0.7]), {u:V})", "1", ""),
        ("np.real(np.fft.ifft(np.fft.fft({a:V}) * np.exp(1j * {u:V})))", "3 * B", ""),
        ("np.fft.irfft(np.fft.rfft({a:V}), n=3)", "3 * B", ""),
        ("np.abs(np.fft.fft({a:V}))", "3 * B", ""),
        ("np.tensordot({a:M}, {a:W}, axes=([0], [0]))", "2 * B * B", ""),
        ("np.linalg.multi_dot([{a:W}, {a:Q}, {a:M}])", "12 * B * B * B", ""),
        ("np.linalg.pinv({wcm}) @ {a:W}", "4 * B", ""),
        ("np.moveaxis({a:M}, 0, 1) @ {a:W}", "2 * B * B", ""),
        ("({a:V}).astype(np.float64)", "B", ""),
        ("np.polyval({u:W}, {u:V})", "2", ""),
        ("np.cumprod({u:M})[:3]", "1", ""),
        ("np.linalg.norm({u:M} + 2.0, ord=1, axis=0)", "6", ""),
        ("np.fft.fftshift({a:V})", "B", ""),
        ("np.fft.irfft(np.fft.rfft({a:V}) * {u:W}, n=3)", "3 * B", ""),
        ("np.angle(np.exp(1j * {u:V}) + 2.0)", "1", ""),
    ],
    W: [
        ("np.linalg.eigvalsh({sym})", "3", ""),
        ("np.linalg.eigh({sym})[0]", "3", ""),
        ("np.linalg.eigh({sym})[1][:, 0] ** 2", "1", ""),
        ("np.linalg.svd({wcm}, compute_uv=False)", "3", ""),
        ("np.linalg.svd({wcm}, full_matrices=False)[0][0] ** 2", "1", ""),
        ("np.linalg.lstsq(np.transpose({wcm}), {a:V}, rcond=None)[0]", "4 * B", ""),
        ("scipy.linalg.solve({wc}, {a:W})", "B", ""),
        ("scipy.linalg.solve({sym}, {a:W}, assume_a='pos')", "2 * B", ""),
        ("scipy.linalg.cho_solve(scipy.linalg.cho_factor({sym}), {a:W})", "2 * B", ""),
        ("scipy.linalg.solve_triangular({tri}, {a:W}, lower=True)", "B", ""),
        ("scipy.linalg.lu_solve(scipy.linalg.lu_factor({wc}), {a:W})", "B", ""),
        ("np.linalg.solve(np.linalg.matrix_power({wc}, 2), {a:W})", "B", ""),
        ("np.median({d:M}, axis=1)", "3", ""),
        ("np.quantile({d:M}, 0.25, axis=1)", "3", ""),
        ("np.nanmin({d:M}, axis=1)", "3", ""),
        ("np.nanmean({a:M}, axis=1)", "B", ""),
        ("np.nansum({a:M}, axis=1)", "3 * B", ""),
        ("scipy.special.logsumexp({u:M}, axis=1)", "3", ""),
        ("np.diff({a:V})", "2 * B", ""),
        ("np.sort({d:M}, axis=1)[:, 0]", "3", ""),
        ("np.array_split({a:V}, 2)[0]", "B", "view"),
        ("np.hsplit({a:M}, 3)[1][:, 0]", "B", "view"),
        ("np.flip({a:W})", "B", "view"),
        ("np.roll({a:W}, -1)", "B", ""),
        ("np.convolve({a:V}, {a:W}, mode='valid')", "2 * B * B", ""),
        ("np.correlate({a:V}, {a:W})", "2 * B * B", ""),
        ("scipy.signal.convolve({a:V}, {a:W}, mode='valid')", "2 * B * B", ""),
        ("np.abs(np.fft.rfft({a:V}))", "3 * B", ""),
        ("np.real(np.fft.rfft({a:V}))", "3 * B", ""),
        ("np.diag(np.linalg.qr({wc})[1]) ** 2", "9", ""),
        ("np.gradient({a:M}, axis=1)[:, 0]", "2 * B", ""),
        ("np.linalg.norm({u:M} + 2.0, axis=1)", "6", ""),
        ("np.quantile({d:V}, np.array([0.1, 0.6]))", "2", ""),
        ("np.average({a:M}, axis=1, weights={p:M})", "B", ""),
        ("np.linalg.svd({wc})[1]", "3", ""),
        ("scipy.stats.multivariate_normal.logpdf({u:Q}, mean={u:W}, cov={sym})", "6", ""),
    ],
    M: [
        ("np.sort({d:M}, axis=1)", "3", ""),
        ("np.sort({d:M}, axis=0)", "3", ""),
        ("np.cumprod({u:M}, axis=1)", "1", ""),
        ("np.roll({a:M}, 1, axis=1)", "B", ""),
        ("np.flip({a:M}, axis=0)", "B", "view"),
        ("np.take({a:M}, np.array([2, 0, 1]), axis=1)", "B", ""),
        ("np.take_along_axis({a:M}, np.array([[0, 2, 1], [1, 0, 2]]), axis=1)", "B", ""),
        ("np.tile({a:V}, (2, 1))", "B", ""),
        ("np.repeat({a:C}, 3, axis=1)", "B", ""),
        ("np.append({a:Q}, {a:C}, axis=1)", "B", ""),
        ("np.column_stack([{a:W}, {a:Q}])", "B", ""),
        ("np.gradient({a:M}, axis=1)", "2 * B", ""),
        ("np.gradient({a:M})[0]", "2 * B", ""),
        ("np.pad({a:Q}, ((0, 0), (1, 0)))", "B", ""),
        ("np.pad({a:Q}, ((0, 0), (0, 1)), mode='reflect')", "B", ""),
        ("np.rot90({a:M}, 2)", "B", "view"),
        ("np.moveaxis(np.rot90({a:M}), 0, 1)", "B", "view"),
        ("np.tensordot({a:Q}, {a:M}, axes=1)", "2 * B * B", ""),
        ("scipy.special.softmax({a:M}, axis=1)", "1", ""),
        ("scipy.special.log_softmax({u:M}, axis=0)", "3", ""),
        ("np.meshgrid({a:V}, {a:W})[0]", "B", ""),
        ("np.meshgrid({a:V}, {a:W}, indexing='xy')[1] * {a:V}", "B * B", ""),
        ("scipy.linalg.solve_triangular({tri}, {a:M}, lower=True)", "B", ""),
        ("np.transpose(np.linalg.pinv({wcm}))", "3", ""),
        ("np.transpose(np.linalg.qr(np.transpose({wcm}))[0]) ** 2", "1", ""),
        ("np.linalg.svd({wcm}, full_matrices=False)[2] ** 2", "1", ""),
        ("np.select([{s:M} > 0.3], [{a:M}], {a:S})", "B", ""),
        ("np.fmax({s:M}, {s:V})", "1", ""),
        ("np.real(np.fft.fft({a:M}, axis=1))", "3 * B", ""),
        ("np.abs(np.fft.fft2({a:M})) ** 2", "36 * B * B", ""),
        ("np.real(np.exp(1j * {a:M}) * {a:V})", "B", ""),
        ("scipy.signal.convolve({a:M}, np.array([[0.5, -0.25]]), mode='same')", "B", ""),
        ("np.percentile({d:M}, np.array([25.0, 75.0]), axis=0)", "3", ""),
        ("np.flipud({a:M})", "B", "view"),
        ("np.fliplr({a:M})", "B", "view"),
        ("np.transpose(np.rollaxis({a:M}, 1))", "B", "view"),
        ("np.real(np.fft.ifft2(np.fft.fft2({a:M}) * {u:M}))", "B", ""),
        ("np.real(np.fft.fftn({a:M}))", "6 * B", ""),
        ("np.fft.irfftn(np.fft.rfftn({a:M}), s=(2, 3), axes=(0, 1))", "B", ""),
    ],
    C: [
        ("np.median({d:M}, axis=1, keepdims=True)", "3", ""),
        ("np.sort({d:C}, axis=0)", "2", ""),
        ("np.hsplit({a:M}, 3)[0]", "B", "view"),
        ("np.split({a:Q}, 2, axis=1)[1]", "B", "view"),
        ("scipy.special.logsumexp({u:M}, axis=1, keepdims=True)", "3", ""),
        ("np.nanmax({d:M}, axis=1, keepdims=True)", "3", ""),
        ("np.ptp({d:M}, axis=1, keepdims=True)", "4", ""),
        ("np.diff({a:M}, axis=1)[:, :1]", "2 * B", ""),
        ("np.percentile({d:M}, 50.0, axis=1, keepdims=True)", "3", ""),
        ("np.linalg.norm({u:M} + 2.0, axis=1, keepdims=True)", "6", ""),
    ],
    Q: [
        ("np.linalg.eigh({sym})[1] ** 2", "1", ""),
        ("scipy.linalg.cholesky({sym}, lower=True)", "2", ""),
        ("scipy.linalg.cholesky({sym})", "2", ""),
        ("np.linalg.cholesky({sym})", "2", ""),
        ("scipy.linalg.inv({wc})", "2", ""),
        ("scipy.linalg.expm(0.3 * {u:Q})", "2", ""),
        ("scipy.linalg.sqrtm({sym})", "2", ""),
        ("np.linalg.matrix_power({wc}, 2)", "8", ""),
        ("np.linalg.matrix_power({wc}, -2)", "2", ""),
        ("np.linalg.multi_dot([{a:M}, np.transpose({a:M}), {a:Q}])", "6 * B * B * B", ""),
        ("np.linalg.pinv({wc})", "2", ""),
        ("np.linalg.qr({wc})[0] ** 2", "1", ""),
        ("np.rot90({a:Q})", "B", "view"),
        ("np.column_stack([{a:W}, {a:W}])", "B", ""),
        ("np.dstack([{a:W}, {a:W}])[0]", "B", ""),
        ("np.quantile({d:M}, np.array([0.2, 0.9]), axis=1)", "3", ""),
        ("np.sort({d:Q}, axis=0)", "3", ""),
        ("np.cumprod({u:Q}, axis=0)", "1", ""),
        ("np.tensordot({a:M}, {a:M}, axes=([1], [1]))", "3 * B * B", ""),
        ("scipy.linalg.solve_sylvester({wc}, {wc}, {a:Q})", "B", ""),
        ("scipy.linalg.solve({sym}, {a:Q}, assume_a='sym')", "2 * B", ""),
        ("np.real(np.fft.fft2({a:Q}))", "4 * B", ""),
        ("np.real(np.fft.ifft(np.fft.fft({a:Q}, axis=0), axis=0))", "B", ""),
        ("scipy.signal.convolve({a:C}, ({a:W})[None])", "2 * B * B", ""),
        ("np.c_[{a:W}, {a:W}]", "B", ""),
        ("np.vsplit({a:Q}, 2)[0] * {a:C}", "B * B", ""),
        ("np.linalg.svd({wc})[0] ** 2", "1", ""),
        ("np.linalg.matrix_power({wc}, 0) * {a:S}", "B", ""),
    ],
}
# complex values of a shape (bound on the modulus), and the real values made of them
COMPLEX_VALUES = [("np.fft.fft({a:V})", "3 * B"), ("np.exp(1j * {a:V})", "1"),
                  ("({a:V} + 1j * {a:V})", "2 * B"), ("np.fft.ifft({a:V})", "B")]
COMPLEX_WRITES = ["{z}[{k}] = np.exp(1j * {a:S})", "{z}[{k}] = {z}[{k}] * {u:S}",
                  "{z} = {z} * np.exp(1j * {u:S})", "{z}[{k}] = {a:S} + 0.5j"]
COMPLEX_READS = [("np.real({z})", "Z"), ("np.imag({z})", "Z"), ("np.abs({z}) ** 2", "Z * Z"),
                 ("np.real({z} * np.conj({z}))", "Z * Z"), ("np.real(np.fft.ifft({z}))", "Z"),
                 ("np.real({z}) * {a:V}", "Z * B")]
# decompositions and other results unpacked into names: (template, [(shape, bound)...])
UNPACKED = [("np.linalg.eigh({sym})", [(W, 3.0), (Q, 1.0)]),
            ("np.linalg.svd({wcm}, full_matrices=False)", [(Q, 1.0), (W, 3.0), (M, 1.0)]),
            ("np.linalg.qr({wc})", [(Q, 1.0), (Q, 3.0)]),
            ("np.meshgrid({a:V}, {a:W})", [(M, None), (M, None)]),
            ("np.hsplit({a:Q}, 2)", [(C, None), (C, None)]),
            ("np.gradient({a:M})", [(M, None), (M, None)]),
            ("scipy.special.logsumexp({a:V}, return_sign=True)", [(S, None), (S, 1.0)]),
            ("np.linalg.lstsq({wc}, {a:W}, rcond=None)[0], np.linalg.slogdet({wc})[1]",
             [(W, None), (S, 3.0)])]
# factorizations passed on to their solves
FACTORED = [("scipy.linalg.cho_factor({sym})", "scipy.linalg.cho_solve(({f}, {g}), {a:W})"),
            ("scipy.linalg.lu_factor({wc})", "scipy.linalg.lu_solve(({f}, {g}), {a:W})")]
# what no Hessian goes through (README: refused, by name or at run time), picked less often
NO_HESSIAN = ("eigh", "eigvalsh", "svd", "qr", "expm", "'nuc'", "ord=2", "ord=-2")
SCIPY_MODULES = ("scipy.linalg", "scipy.signal", "scipy.special", "scipy.stats")
# calls of the templates that are not issue 12's (their features are recorded elsewhere)
BASIC_CALLS = {"np.sum", "np.array", "np.transpose", "np.trace", "np.tril", "np.eye", "np.diag",
               "np.exp", "np.abs", "np.conj"}


def is_fresh(text):
    """Whether the array ``text`` computes is new (arithmetic, most numpy calls), not a view."""
    node = ast.parse(text, mode="eval").body
    if isinstance(node, (ast.BinOp, ast.UnaryOp)):
        return True
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        return name.startswith("np.") and name not in NOT_FRESH_CALLS
    return False


def stored_names(lines):
    """The names a statement binds, or writes into (``y[i] = v``, ``y += v``)."""
    names = set()
    for node in ast.walk(ast.parse(textwrap.dedent("\n".join(lines)))):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store):
            base = node.value
            while isinstance(base, ast.Subscript):
                base = base.value
            if isinstance(base, ast.Name):
                names.add(base.id)
    return names


def grouped(e):
    """``e`` in parentheses unless it is a name, a call, a subscript or a number."""
    node = ast.parse(e.text, mode="eval").body
    if not isinstance(node, (ast.Name, ast.Call, ast.Subscript, ast.Attribute)) and not (
            isinstance(node, ast.Constant) and node.value >= 0) and \
            not (e.text.startswith("(") and e.text.endswith(")") and _balanced(e.text[1:-1])):
        e.text = f"({e.text})"
    return e


def _balanced(text):
    depth = 0
    for c in text:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def generate(ch, size="small"):
    return Generator(ch, size).program()


@st.composite
def programs(draw, size="small"):
    return generate(Choices(lambda lo, hi: draw(st.integers(lo, hi))), size)


# ---------------------------------------------------------------- checking

class Rejected(Exception):
    """The program or point is unfit for the checks (f fails there, or is not smooth there)."""


class FuzzFailure(AssertionError):
    def __init__(self, program, message):
        self.program = program
        self.message = message
        super().__init__(f"{message}\n\n--- program ---\n{program.source}\n"
                         f"ARGS = {args_text(program.args)}\nWRT = {program.wrt}\n"
                         f"(g's Hessian with respect to parameter {program.hess_wrt}; "
                         f"directions seed {program.seed})")


# refusals the README documents; the generator avoids them but they are not bugs
DOCUMENTED_REFUSALS = ("no derivative flows", "Second derivatives through np.prod",
                       "second derivative through an adjoint")
# README: a call to a function that may update its parameter in place (x op= v), where the
# caller reads the argument after the call
UPDATED_ARGUMENT = "is read after this call, and sct's derivatives would read its value"
# README: Hessians through some of issue 12's functions are refused when they run
SECOND_ORDER_REFUSAL = "sct has no second derivative of"
# what the README says reverse mode refuses (the generator avoids writing such programs)
REVERSE_REFUSALS = ("may share memory", "writes into its parameter",
                    "cannot follow writes through a second name")
# features of programs that write into arrays or update names in place: only those may meet
# the refusals above (a program without any write that reverse mode refuses is a failure)
WRITE_FEATURES = {"index assignment", "mask assignment", "augmented assignment", "view",
                  "issue 12: complex index write"}


@contextlib.contextmanager
def strict_numerics(relaxed=False):
    """numpy's floating-point warnings as errors.  ``relaxed`` (where guards, which compute
    both branches): divisions by zero and invalid operations pass; what comes out is still
    checked to be finite."""
    ignore = "ignore" if relaxed else "raise"
    with np.errstate(over="raise", divide=ignore, invalid=ignore, under="ignore"), \
            warnings.catch_warnings():
        warnings.simplefilter("error")
        # sct's own warning (a parameter whose derivative is zero everywhere gets zeros), which
        # a Jacobian compiled at its first call may give here: its zeros are checked as any
        warnings.simplefilter("ignore", SctWarning)
        yield


def leaves(value):
    if isinstance(value, (tuple, list)):
        return [x for v in value for x in leaves(v)]
    return [np.asarray(value, dtype=float)]


def fresh(args):
    """Copies of the arrays among ``args``: a function may write into its arguments (f, and
    its derivatives as f does), which must not change the next call's."""
    return [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]


def evaluate(fn, args, relaxed=False):
    """fn(*args) under strict numerics; a failure of the user's own function is a rejection."""
    try:
        with strict_numerics(relaxed):
            value = fn(*fresh(args))
    except (ArithmeticError, ValueError, np.linalg.LinAlgError, RuntimeWarning) as err:
        raise Rejected(f"the program fails at the test point: {err!r}")
    out = leaves(value)
    if not all(np.all(np.isfinite(x)) for x in out) or \
            any(x.size and np.max(np.abs(x)) > BIG for x in out):
        raise Rejected("the value is not finite or too large")
    return value


def shifted(args, wrt, v, t):
    out = list(args)
    for i, d in zip(wrt, v):
        x = np.asarray(args[i], dtype=float) + t * np.asarray(d)
        out[i] = float(x) if np.ndim(args[i]) == 0 else x
    return out


def directions(args, wrt, rng, frozen=None):
    """Random directions for the parameters ``wrt``, scaled like them; entries ``frozen``
    (parameter -> flat indices: points where f is one-sided) get 0."""
    out = []
    for i in wrt:
        x = np.asarray(args[i], dtype=float)
        scale = max(1.0, float(np.max(np.abs(x)))) if x.size else 1.0
        d = rng.standard_normal(x.shape) * scale
        if frozen and frozen.get(i):
            d = np.array(d)
            d.reshape(-1)[list(frozen[i])] = 0.0
        out.append(float(d) if np.ndim(args[i]) == 0 else d)
    return out


def central(fn, args, wrt, v, what, relaxed=False):
    """Central differences of fn along v, trusted only where steps h and 2h agree: a list of
    (estimate, error allowance) per leaf."""
    def diff(h):
        plus = leaves(evaluate(fn, shifted(args, wrt, v, h), relaxed))
        minus = leaves(evaluate(fn, shifted(args, wrt, v, -h), relaxed))
        return [(p - m) / (2 * h) for p, m in zip(plus, minus)]
    r1, r2 = diff(STEP), diff(2 * STEP)
    out = []
    for a, b in zip(r1, r2):
        scale = max(1.0, float(np.max(np.abs(a))) if a.size else 0.0)
        gap = float(np.max(np.abs(a - b))) if a.size else 0.0
        if gap > 1e-4 * scale:
            raise Rejected(f"{what}: central differences are not self-consistent here "
                           f"(a branch, kink or trip count nearby)")
        out.append((a, 1e-5 * scale + 3 * gap))
    return out


def compare(program, actual, reference, what):
    actual = leaves(actual)
    if len(actual) != len(reference):
        raise FuzzFailure(program, f"{what}: {len(actual)} outputs, expected {len(reference)}")
    for k, (a, (r, allowance)) in enumerate(zip(actual, reference)):
        if np.size(a) != np.size(r):
            raise FuzzFailure(program, f"{what}, output {k}: shape {np.shape(a)}, expected "
                                       f"{np.shape(r)}")
        a = np.reshape(a, np.shape(r))
        err = float(np.max(np.abs(a - r))) if r.size else 0.0
        if not err <= allowance:
            raise FuzzFailure(program, f"{what}, output {k}: sct gives {a!r}, central "
                                       f"differences {r!r} (error {err:.3g}, allowed "
                                       f"{allowance:.3g})")


def same(program, actual, expected, what):
    """Two results of sct that must agree up to rounding (the same derivative two ways)."""
    a, b = leaves(actual), leaves(expected)
    if len(a) != len(b) or any(np.shape(x) != np.shape(y) for x, y in zip(a, b)):
        raise FuzzFailure(program, f"{what}: shapes {[np.shape(x) for x in a]}, expected "
                                   f"{[np.shape(y) for y in b]}")
    for x, y in zip(a, b):
        finite = np.isfinite(x) & np.isfinite(y)
        if "edge: infinite slope" in program.features and \
                np.array_equal(x[~finite], y[~finite], equal_nan=True):
            x, y = x[finite], y[finite]     # a Hessian through it is inf: the same inf twice
        scale = max(1.0, float(np.max(np.abs(y), initial=0.0)))
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))) or \
                not float(np.max(np.abs(x - y), initial=0.0)) <= 1e-10 * scale:
            raise FuzzFailure(program, f"{what}: {x!r}, expected {y!r}")


class Session:
    """Imports generated modules from a temporary folder; counts what was checked.
    ``thorough``: transform each program's reverse mode twice too (the short run in the test
    suite does it for a third of them), and call both of grad and value_and_grad."""

    def __init__(self, thorough=False):
        self.thorough = thorough
        self.folder = tempfile.mkdtemp(prefix="sct-fuzz-")
        self.checked = 0
        self.rejected = 0
        self.nonzero = 0             # programs whose derivative is not zero at the point
        self.hessians = 0
        self.nonzero_hessians = 0
        self.reverse_refused = 0     # programs reverse mode refused (documented)
        self.wrappers = 0            # programs whose API wrappers ran with defaults omitted
        self.features = {}
        self.counter = 0

    def load(self, program):
        digest = hashlib.sha256(program.source.encode()).hexdigest()[:16]
        self.counter += 1
        name = f"sct_fuzz_{digest}_{self.counter}"
        path = os.path.join(self.folder, name + ".py")
        with open(path, "w") as fh:
            fh.write(program.source)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            sys.modules.pop(name, None)
            raise
        return module, path, name


def sct_call(program, what, fn, *args, **kwargs):
    """Call into sct: an SctError passes through, any other exception is a failure."""
    try:
        return fn(*args, **kwargs)
    except SctError:
        raise
    except Exception as err:
        raise FuzzFailure(program, f"{what}: sct raised {type(err).__name__}: {err}\n"
                                   f"{traceback.format_exc()}") from err


def run_generated(program, what, fn, *args, **kwargs):
    """Call generated code: it must not raise where f does not."""
    try:
        with strict_numerics(program.relaxed):
            return fn(*fresh(args), **kwargs)
    except ZeroDivisionError as err:
        if "edge: where guard on a number" in program.features:
            # README: on Python numbers, forward mode computes the untaken branch's tangent
            # with Python's arithmetic, which raises where numpy gives inf
            raise Rejected(f"{what}: a where guard on a number: {err}") from err
        raise FuzzFailure(program, f"{what}: the generated code raised ZeroDivisionError: "
                                   f"{err}\n{traceback.format_exc()}") from err
    except NotImplementedError as err:
        if what in ("Hessian", "gradient") and SECOND_ORDER_REFUSAL in str(err):
            # README: a Hessian through matrix norms 2, -2, 'nuc' or lstsq's residuals and
            # singular values is refused at run time
            raise Rejected(f"{what}: a documented refusal at run time: {err}") from err
        raise FuzzFailure(program, f"{what}: the generated code raised NotImplementedError: "
                                   f"{err}\n{traceback.format_exc()}") from err
    except Exception as err:
        raise FuzzFailure(program, f"{what}: the generated code raised {type(err).__name__}: "
                                   f"{err}\n{traceback.format_exc()}") from err


def run_api(program, what, fn, *args):
    """Call a function an API wrapper returned (it may compile on its first call: an SctError
    passes through); anything else it raises is a failure."""
    try:
        with strict_numerics(program.relaxed):
            return fn(*args)
    except SctError:
        raise
    except ZeroDivisionError as err:
        if "edge: where guard on a number" in program.features:
            raise Rejected(f"{what}: a where guard on a number: {err}") from err
        raise FuzzFailure(program, f"{what} raised ZeroDivisionError: {err}\n"
                                   f"{traceback.format_exc()}") from err
    except Exception as err:
        raise FuzzFailure(program, f"{what} raised {type(err).__name__}: {err}\n"
                                   f"{traceback.format_exc()}") from err


def verify_refusal(program, err, module, fn_name):
    """An SctError for a program of the subset must be a refusal the README documents; one
    saying no derivative flows from a parameter must be right (central differences give 0).
    Returns the position of that parameter, or None."""
    if UPDATED_ARGUMENT in err.message:
        if not (program.features & {"argument read after the call", "call"} and any(
                feat.startswith("augmented assignment") for feat in program.features)):
            raise FuzzFailure(program, f"a refusal of a call updating an argument read after "
                                       f"it, in a program where g reads no argument after "
                                       f"calling f or f updates nothing:\n{err}")
        return None
    if not any(text in err.message for text in DOCUMENTED_REFUSALS):
        raise FuzzFailure(program, f"sct refused a program of the subset:\n{err}")
    if "no derivative flows" not in err.message:
        return None
    fn = getattr(module, fn_name)
    params = list(fn.__code__.co_varnames[:fn.__code__.co_argcount])
    name = err.message.split("'")[1]
    if name not in params or f"of '{fn_name}'" not in err.message:
        raise FuzzFailure(program, f"a refusal naming no parameter of '{fn_name}':\n{err}")
    i = params.index(name)
    rng = np.random.default_rng(program.seed + 7)
    v = directions(program.args, [i], rng)
    for r, allowance in central(fn, program.args, [i], v, "refused parameter",
                                program.relaxed):
        if np.max(np.abs(r), initial=0.0) > allowance:
            raise FuzzFailure(program, f"sct says no derivative flows from '{name}', but "
                                       f"central differences give {r!r}:\n{err}")
    return i


def reverse_refusal(program, err, what):
    """True for a refusal of reverse mode the README documents, in a program that writes
    into arrays or updates names in place (views, aliases, augmented assignments); a failure
    for one in a program that writes nothing."""
    if not any(text in err.message for text in REVERSE_REFUSALS):
        return False
    if not any(feat in WRITE_FEATURES or feat.startswith("augmented assignment")
               for feat in program.features) and program.features:
        raise FuzzFailure(program, f"{what}: reverse mode refused a program that writes into "
                                   f"no array and updates nothing in place:\n{err}")
    return True


AMBIGUOUS = "cannot tell whether it holds an array"


def _function_at(err):
    """The name of the function of the program's file that holds the line an error points at
    (None if unknown): helpers reuse the names f's views have."""
    try:
        with open(err.filename) as fh:
            lines = fh.read().splitlines()[:err.lineno]
    except (OSError, TypeError):
        return None
    for line in reversed(lines):
        if line.startswith("def "):
            return line[4:].split("(")[0]
    return None


def ambiguous_update(program, err):
    """True for the refusal (both modes) of ``x op= v`` where x may be an array or a number
    and a name sharing its memory is read later (README: refused, and why), in a program with
    augmented assignments, where x is not a view that surely holds an array."""
    if AMBIGUOUS not in err.message:
        return False
    name = err.message.split("'")[1]
    if name in program.sure_arrays and _function_at(err) == "f":     # f's names only
        raise FuzzFailure(program, f"sct cannot tell whether '{name}' holds an array, which "
                                   f"surely holds one (a slice, a reshape, or a row of a "
                                   f"constructor's result):\n{err}")
    if program.features and not any(feat.startswith("augmented assignment") or
                                    feat == "in-place update" for feat in program.features):
        raise FuzzFailure(program, f"a refusal of an augmented assignment in a program "
                                   f"without one:\n{err}")
    return True


def transformed(program, what, *args, twice=True, **kwargs):
    """compile_module (twice: the same text both times), and the text parses."""
    first = sct_call(program, what, compile_module, *args, **kwargs)
    if twice and sct_call(program, what, compile_module, *args, **kwargs) != first:
        raise FuzzFailure(program, f"{what}: two transforms of the same input differ")
    try:
        ast.parse(first[0])
    except SyntaxError as err:
        raise FuzzFailure(program, f"{what}: the generated code does not parse: {err}")
    return first


def tangent_names(program, d_f, f, wrt):
    """The tangent parameters of ``d_f = sct.forward(f, wrt)``: None when they follow the
    arguments positionally (f has no defaults), else the keyword-only names, in the order of
    wrt, those of defaulted parameters defaulting to 0.0 (README, API)."""
    params = inspect.signature(f).parameters
    signature = inspect.signature(d_f)
    keyword = [p for p in signature.parameters.values()
               if p.kind is inspect.Parameter.KEYWORD_ONLY]
    defaulted = any(p.default is not inspect.Parameter.empty for p in params.values())
    if not keyword and not defaulted:
        return None
    if defaulted and len(keyword) != len(wrt):
        raise FuzzFailure(program, f"sct.forward of a function with defaulted parameters: "
                                   f"the derivative's signature {signature} has no "
                                   f"keyword-only tangent for each of {len(wrt)} parameters")
    if not defaulted:
        raise FuzzFailure(program, f"sct.forward of a function without defaults: keyword-only "
                                   f"tangents {signature}")
    names = list(params)
    for p, i in zip(keyword, wrt):
        has_default = params[names[i]].default is not inspect.Parameter.empty
        if has_default != (p.default is not inspect.Parameter.empty) or \
                has_default and p.default != 0.0:
            raise FuzzFailure(program, f"sct.forward: tangent '{p.name}' of parameter "
                                       f"'{names[i]}' in {signature}: the tangent of a "
                                       f"defaulted parameter defaults to 0.0, the others to "
                                       f"nothing")
    return [p.name for p in keyword]


def call_forward(program, what, d_f, names, args, tangents):
    """d_f(*args, *tangents), tangents by keyword where ``names`` (tangent_names) says so;
    ``tangents`` may hold None for a tangent left to its default."""
    if names is None:
        return run_generated(program, what, d_f, *args, *tangents)
    return run_generated(program, what, d_f, *args,
                         **{n: t for n, t in zip(names, tangents) if t is not None})


def check(program, session):
    """Every check of the module docstring, for one program; Rejected if it is unfit."""
    module, path, name = session.load(program)
    try:
        _check_derivatives(program, module, path, session)
    finally:
        sys.modules.pop(name, None)
        with contextlib.suppress(OSError):
            os.unlink(path)


def _check_derivatives(program, module, path, session):
    args = program.args
    f = module.f
    value = evaluate(f, args, program.relaxed)
    rng = np.random.default_rng(program.seed)
    # forward mode, with respect to every float parameter that has a derivative
    wrt = list(program.wrt)
    while True:
        try:
            d_f = sct_call(program, "sct.forward", sct.forward, f, wrt=tuple(wrt))
            if session.thorough or program.seed % 3 == 0:
                # determinism (the short run: a third of the programs; the reverse transform
                # is transformed again for another third)
                text = transformed(program, "forward transform", program.source, path, ["f"],
                                   "forward", tuple(wrt), origin=os.path.basename(path),
                                   twice=False)[0]
                if text != sct.source(d_f):
                    raise FuzzFailure(program, "forward transform: two transforms of the same "
                                               "input differ")
            break
        except SctError as err:
            if ambiguous_update(program, err):
                raise Rejected(f"a documented refusal: {err.message[:60]}") from err
            i = verify_refusal(program, err, module, "f")
            if i is None:
                raise Rejected(f"a documented refusal: {err.message[:60]}") from err
            wrt.remove(i)
            if not wrt:
                raise Rejected("no parameter has a derivative") from err
    names = tangent_names(program, d_f, f, wrt)
    v = directions(args, wrt, rng, program.frozen)
    reference = central(f, args, wrt, v, "f", program.relaxed)
    fvalue, tangent = call_forward(program, "forward derivative", d_f, names, args, v)
    exact = [(x, 1e-12 * max(1.0, float(np.max(np.abs(x), initial=0.0)))) for x in leaves(value)]
    compare(program, fvalue, exact, "forward value")
    compare(program, tangent, reference, "forward tangent")
    if any(np.any(x != 0) for x in leaves(tangent)):
        session.nonzero += 1
    adjoints = _check_reverse(program, module, path, session, wrt, value, exact, v, tangent,
                              d_f, names, rng)
    refused = adjoints is None
    hessian = None
    if not refused:
        # g's Hessian with respect to hess_wrt, or to a parameter whose adjoint is not zero
        # (one that no derivative reaches is refused, and that costs a transform)
        moving = [i for i, a in zip(wrt, adjoints) if np.any(np.asarray(a) != 0)]
        candidates = sorted(dict.fromkeys([program.hess_wrt] + list(wrt)),
                            key=lambda i: (i not in moving, i != program.hess_wrt))
        if not moving:          # most likely no derivative reaches g: the short run skips it
            candidates = candidates[:1] if session.thorough else []
        try:
            if candidates:
                hessian = _check_hessian(program, module, session, candidates, rng)
        except Rejected:
            pass
    if any(p.default is not inspect.Parameter.empty
           for p in inspect.signature(f).parameters.values()):
        _check_defaults(program, module, session, wrt, d_f, names, v, reference, hessian,
                        refused)


def _check_reverse(program, module, path, session, wrt, value, exact, v, tangent, d_f,
                   names, rng):
    """Forward and reverse agree, reverse mode compiled as a Jacobian row: <u, J v> = <J^T u,
    v>.  Returns the adjoints, or None where reverse mode refused the program (documented)."""
    f, args = module.f, program.args
    try:
        b_f = sct_call(program, "reverse transform", sct.api._derive, f, "adjoint",
                       tuple(wrt))
    except SctError as err:
        if reverse_refusal(program, err, "reverse transform"):
            session.reverse_refused += 1
            return None
        raise FuzzFailure(program, f"reverse mode refused what forward mode accepted:\n{err}")
    if session.thorough or program.seed % 3 == 1:
        text, _ = transformed(program, "reverse transform", program.source, path, ["f"],
                              "reverse", tuple(wrt), scalar_output=False,
                              origin=os.path.basename(path), twice=False)
        if text != sct.source(b_f):
            raise FuzzFailure(program, "reverse transform: two transforms of the same input "
                                       "differ")
    u = [rng.standard_normal(np.shape(x)) for x in leaves(value)]
    parts = list(u)

    def like(val):
        if isinstance(val, (tuple, list)):
            return tuple(like(x) for x in val)
        p = parts.pop(0)
        return float(p) if np.ndim(val) == 0 else p
    seed = like(value)
    rvalue, adjoints = run_generated(program, "reverse derivative", b_f, *args, seed)
    compare(program, rvalue, exact, "reverse value")
    if len(adjoints) != len(wrt):
        raise FuzzFailure(program, f"reverse: {len(adjoints)} adjoints for {len(wrt)} "
                                   f"parameters")
    for a, i in zip(adjoints, wrt):
        if np.shape(a) != np.shape(args[i]):
            raise FuzzFailure(program, f"reverse: the adjoint of parameter {i} has shape "
                                       f"{np.shape(a)}, expected {np.shape(args[i])}")
    dual(program, u, tangent, adjoints, v, "")
    if not isinstance(value, tuple) and np.ndim(value) == 0 and \
            (session.thorough or program.seed % 4 == 1):
        # f's value is a number: sct.grad(f) (reverse mode, scalar_output=True) is u's multiple
        try:
            direct = sct_call(program, "sct.grad", sct.grad, f, wrt=tuple(wrt))
        except SctError as err:
            if not reverse_refusal(program, err, "sct.grad"):
                raise FuzzFailure(program, f"sct.grad refused what reverse mode accepted "
                                           f"(f's value is a number):\n{err}")
        else:
            grads = run_api(program, "sct.grad", direct, *args)
            same(program, [float(u[0]) * np.asarray(x) for x in grads], adjoints,
                 "sct.grad of f against reverse mode's adjoints (times the output adjoint)")
        # the frozen entries too: reverse mode must agree with forward mode there (where a
        # guard's untaken branch is infinite), though no difference quotient can say more
        free = directions(args, wrt, rng)
        _, free_tangent = call_forward(program, "forward derivative", d_f, names, args, free)
        dual(program, u, free_tangent, adjoints, free, " (directions at the one-sided points)")
    return adjoints


def dual(program, u, tangent, adjoints, v, what):
    jv = leaves(tangent)
    lhs_terms = [np.asarray(ui * np.reshape(ji, np.shape(ui))) for ui, ji in zip(u, jv)]
    rhs_terms = [np.asarray(a) * np.asarray(d) for a, d in zip(adjoints, v)]
    lhs = sum(float(np.sum(t)) for t in lhs_terms)
    rhs = sum(float(np.sum(t)) for t in rhs_terms)
    scale = max(sum(float(np.sum(np.abs(t))) for t in lhs_terms),
                sum(float(np.sum(np.abs(t))) for t in rhs_terms))
    # both sides are exact up to rounding: relative to the terms, and for a derivative that
    # cancels to about zero, to rounding errors of the size of u and v themselves
    floor = 1e-12 * sum(float(np.sum(np.abs(x))) for x in u) * \
        sum(float(np.sum(np.abs(x))) for x in v)
    if not (np.isfinite(lhs) and np.isfinite(rhs) and abs(lhs - rhs) <= 1e-9 * scale + floor):
        raise FuzzFailure(program, f"forward and reverse disagree{what}: <u, J v> = {lhs!r}, "
                                   f"<J^T u, v> = {rhs!r}")


def hvp_call(program, what, fn, args, v):
    """The forward-over-reverse function of g with respect to one parameter, called with
    output adjoint 1.0 and tangent v (by keyword where its tangents are keyword-only)."""
    keyword = [p.name for p in inspect.signature(fn).parameters.values()
               if p.kind is inspect.Parameter.KEYWORD_ONLY]
    if keyword:
        return run_generated(program, what, fn, *args, 1.0, **{keyword[0]: v})
    return run_generated(program, what, fn, *args, 1.0, v)


def _check_hessian(program, module, session, candidates, rng):
    """The gradient and the Hessian of g, a number made of f's value (forward over reverse),
    against central differences; returns (parameter, Hessian, direction) or None."""
    g, args = module.g, program.args
    evaluate(g, args, program.relaxed)
    if "hvp-inplace" in KNOWN_BUGS and "in-place update" in program.features or \
            "hessian-power-zero" in KNOWN_BUGS and "edge: zero exponent" in program.features or \
            "complex-index-write-hessian" in KNOWN_BUGS and \
            "issue 12: complex index write" in program.features or \
            "chain-after-complex-hessian" in KNOWN_BUGS and "issue 12: complex" in \
            program.features:
        return None
    for k in candidates:
        try:
            hvp = sct_call(program, "sct.hessian", sct.api._derive, g, "hvp", k)
            hess = sct_call(program, "sct.hessian", sct.hessian, g, wrt=k)
            break
        except SctError as err:
            if reverse_refusal(program, err, "sct.hessian"):
                return None
            if verify_refusal(program, err, module, "g") is None:
                return None     # no Hessian of np.prod: documented
    else:
        return None

    def grad(*a):
        """The gradient sct.grad returns: the value part of the Hessian's forward-over-reverse
        function (the same reverse-mode compilation, scalar_output=True).  That function
        returns 0.0 in place of g's own value (api._without_value: a Hessian-vector product
        carries no tangent of it)."""
        (g_value, (gradient,)), _ = hvp_call(program, "gradient", hvp, a,
                                             np.zeros(np.shape(a[k])))
        if g_value != 0.0:
            raise FuzzFailure(program, f"g's value from the forward-over-reverse function "
                                       f"behind sct.hessian is {g_value!r}, not 0.0")
        return gradient
    gr = grad(*args)
    if np.shape(gr) != np.shape(args[k]):
        raise FuzzFailure(program, f"gradient of shape {np.shape(gr)} for a parameter of "
                                   f"shape {np.shape(args[k])}")
    e = directions(args, [k], rng, program.frozen)
    ((rg, allowance),) = central(g, args, [k], e, "g", program.relaxed)
    compare(program, float(np.sum(np.asarray(gr) * e[0])), [(rg, allowance)],
            "gradient of g along a direction (the forward-over-reverse function's value part)")
    if session.thorough or program.seed % 4 == 2:
        # sct.grad itself (reverse mode alone, scalar_output=True): the same gradient
        try:
            direct = sct_call(program, "sct.grad", sct.grad, g, wrt=k)
        except SctError as err:
            if not reverse_refusal(program, err, "sct.grad"):
                verify_refusal(program, err, module, "g")
        else:
            same(program, run_api(program, "sct.grad", direct, *args), gr,
                 "sct.grad against the gradient in sct.hessian's forward-over-reverse function")
    H = run_generated(program, "Hessian", hess, *args)
    n = size(np.shape(args[k]))
    if np.shape(H) != np.shape(args[k]) * 2:
        raise FuzzFailure(program, f"Hessian of shape {np.shape(H)}, expected "
                                   f"{np.shape(args[k]) * 2}")
    flat = np.reshape(H, (n, n))
    if not np.all(np.isfinite(flat)) and "edge: infinite slope" in program.features:
        return k, H, e[0]       # through an infinite slope there is no second derivative
    if not np.all(np.isfinite(flat)):
        raise FuzzFailure(program, f"the Hessian is not finite:\n{flat!r}")
    asym = float(np.max(np.abs(flat - flat.T)))
    if not asym <= 1e-8 * max(1.0, float(np.max(np.abs(flat)))):
        raise FuzzFailure(program, f"the Hessian is not symmetric:\n{flat!r}")
    hv = np.reshape(flat @ np.ravel(e[0]), np.shape(args[k]))
    session.hessians += 1
    if np.any(flat != 0):
        session.nonzero_hessians += 1
    if not program.first_order:
        reference = central(lambda *a: np.asarray(grad(*a), dtype=float), args, [k], e,
                            "gradient of g", program.relaxed)
        compare(program, hv, reference, "Hessian times a direction")
    return k, H, e[0]


def _check_defaults(program, module, session, wrt, d_f, names, v, reference, hessian,
                    refused):
    """f and g with their defaulted parameters omitted, through every API wrapper: the same
    derivatives as with every argument passed, and as central differences."""
    f, g, args = module.f, module.g, program.args
    params = list(inspect.signature(f).parameters.values())
    required = sum(p.default is inspect.Parameter.empty for p in params)
    cut = required
    if len(params) - required > 1 and program.seed % 3 == 1:
        cut += 1                          # some defaults passed, the others omitted
    omitted = args[:cut]
    kept = [j for j, i in enumerate(wrt) if i < cut]
    session.wrappers += 1
    relaxed = program.relaxed
    # sct.forward: the tangents of omitted parameters default to 0.0
    if "defaults-forward" not in KNOWN_BUGS:
        what = "sct.forward with defaulted parameters omitted"
        if names is None:
            raise FuzzFailure(program, f"{what}: the tangents are positional "
                                       f"{inspect.signature(d_f)}")
        _, t_omitted = call_forward(program, what, d_f, names, omitted,
                                    [v[j] if j in kept else None for j in range(len(wrt))])
        zeros = [v[j] if j in kept else sct.higher._zeros(args[i]) for j, i in enumerate(wrt)]
        _, t_full = call_forward(program, "sct.forward with every argument", d_f, names,
                                 args, zeros)
        same(program, t_omitted, t_full, what)
        if kept:
            with contextlib.suppress(Rejected):
                compare(program, t_omitted, central(f, args, [wrt[j] for j in kept],
                                                    [v[j] for j in kept], "f", relaxed), what)
    # sct.jacobian in every mode, of f returning one value
    value = evaluate(f, args, relaxed)
    if not isinstance(value, tuple):
        for mode in ("forward", "reverse", "auto"):
            if refused and mode != "forward":
                continue
            what = f"sct.jacobian(mode={mode!r}) with defaulted parameters omitted"
            try:
                J = sct_call(program, what, sct.jacobian, f, wrt=tuple(wrt), mode=mode)
                j_omitted = run_api(program, what, J, *omitted)
                j_full = run_api(program, f"sct.jacobian(mode={mode!r})", J, *args)
            except SctError as err:
                if reverse_refusal(program, err, what):
                    continue
                raise FuzzFailure(program, f"{what}: sct refused what sct.forward "
                                           f"accepted:\n{err}")
            same(program, j_omitted, j_full, what)
            jv = sum(np.tensordot(np.asarray(jm), np.asarray(d), axes=np.ndim(args[i]))
                     for jm, d, i in zip(j_full, v, wrt))
            compare(program, jv, reference, f"sct.jacobian(mode={mode!r}) times a direction")
    # sct.grad / sct.value_and_grad of g
    if not refused:
        kinds = ("grad", "value_and_grad") if session.thorough else \
            (("grad", "value_and_grad")[program.seed % 2],)
        for kind in kinds:
            what = f"sct.{kind} with defaulted parameters omitted"
            try:
                G = sct_call(program, what, getattr(sct, kind), g, wrt=tuple(wrt))
            except SctError as err:
                if not reverse_refusal(program, err, what):
                    verify_refusal(program, err, module, "g")     # documented, or a failure
                continue
            r_omitted = run_api(program, what, G, *omitted)
            r_full = run_api(program, f"sct.{kind}", G, *args)
            same(program, r_omitted, r_full, what)
            grads = r_full if kind == "grad" else r_full[1]
            if kind == "value_and_grad":
                g_value = evaluate(g, args, relaxed)
                compare(program, r_full[0], [(np.asarray(g_value, dtype=float), 1e-12 * max(
                    1.0, abs(float(g_value))))], f"sct.{kind}: the value")
            if len(grads) != len(wrt):
                raise FuzzFailure(program, f"sct.{kind}: {len(grads)} gradients for "
                                           f"{len(wrt)} parameters")
            with contextlib.suppress(Rejected):
                ((rg, allowance),) = central(g, args, wrt, v, "g", relaxed)
                along = sum(float(np.sum(np.asarray(gi) * np.asarray(d)))
                            for gi, d in zip(grads, v))
                compare(program, along, [(rg, allowance)], f"sct.{kind} along a direction")
    # sct.hessian and sct.hvp of g
    if hessian is not None:
        k, H, e = hessian
        what = "sct.hessian with defaulted parameters omitted"
        h_omitted = run_api(program, what, sct_call(program, what, sct.hessian, g, wrt=k),
                            *omitted)
        same(program, h_omitted, H, what)
        what = "sct.hvp with defaulted parameters omitted"
        hv = run_api(program, what, sct_call(program, what, sct.hvp, g, wrt=k), *omitted, e)
        n = size(np.shape(args[k]))
        same(program, hv, np.reshape(np.reshape(H, (n, n)) @ np.ravel(e), np.shape(args[k])),
             what)


# ---------------------------------------------------------------- running

def make_test(session, count, derandomize, stats_seed=None, size="small"):
    """A hypothesis test function checking ``count`` programs."""
    @settings(max_examples=count, deadline=None, database=None, derandomize=derandomize,
              suppress_health_check=list(HealthCheck), print_blob=False)
    @given(programs(size))
    def fuzz(program):
        try:
            with time_limit(PROGRAM_SECONDS, program):
                check(program, session)
        except Rejected:
            session.rejected += 1
            reject()
        session.checked += 1
        for feat in program.features:
            session.features[feat] = session.features.get(feat, 0) + 1
    if stats_seed is not None:
        fuzz = hypothesis_seed(stats_seed)(fuzz)
    return fuzz


PROGRAM_SECONDS = 120      # sct must never hang: a program that takes longer is a failure


@contextlib.contextmanager
def time_limit(seconds, program):
    """Fail the program if its checks take more than ``seconds`` (where signals allow)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise FuzzFailure(program, f"checking the program took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _leaf_errors(error):
    """The failures in ``error``: itself, or those of an exception group (hypothesis reports
    distinct failures of one run together)."""
    group = getattr(error, "exceptions", None)
    if not group:
        return [error]
    return [leaf for sub in group for leaf in _leaf_errors(sub)]


def write_failure(failure, folder):
    os.makedirs(folder, exist_ok=True)
    digest = hashlib.sha256(failure.program.source.encode()).hexdigest()[:10]
    path = os.path.join(folder, f"fuzz_{digest}.py")
    headline = failure.message.splitlines()[0]
    with open(path, "w") as fh:
        fh.write(failure.program.corpus_text(headline))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Differential fuzzing of sct.")
    parser.add_argument("--count", type=int, default=None, help="programs to check")
    parser.add_argument("--seconds", type=float, default=None, help="time to run")
    parser.add_argument("--seed", type=int, default=0, help="first hypothesis seed")
    parser.add_argument("--chunk", type=int, default=100, help="programs per hypothesis run")
    parser.add_argument("--size", choices=["small", "large", "mixed"], default="mixed",
                        help="program size (mixed: small and large by turns)")
    parser.add_argument("--failures", default="fuzz-failures",
                        help="folder for failing programs, in the corpus format")
    options = parser.parse_args(argv)
    if options.count is None and options.seconds is None:
        options.count = 1000
    if not os.environ.get("SCT_CACHE_DIR"):      # generated modules: a folder of this run's
        os.environ["SCT_CACHE_DIR"] = tempfile.mkdtemp(prefix="sct-fuzz-cache-")
        atexit.register(shutil.rmtree, os.environ["SCT_CACHE_DIR"], True)
    session = Session(thorough=True)
    atexit.register(shutil.rmtree, session.folder, True)
    start = time.monotonic()
    failures = []
    chunk_seed = options.seed
    while True:
        if options.count is not None and session.checked >= options.count:
            break
        if options.seconds is not None and time.monotonic() - start >= options.seconds:
            break
        n = options.chunk if options.count is None else \
            min(options.chunk, options.count - session.checked)
        before = session.checked
        try:
            size = options.size if options.size != "mixed" else \
                ("small", "large")[chunk_seed % 2]
            make_test(session, n, False, chunk_seed, size)()
        except Exception as error:          # one failure, or a group of distinct ones
            for failure in _leaf_errors(error):
                if isinstance(failure, FuzzFailure):
                    path = write_failure(failure, options.failures)
                    failures.append(path)
                    print(f"\nFAILURE (seed {chunk_seed}), written to {path}:\n{failure}\n",
                          flush=True)
                else:
                    traceback.print_exception(type(failure), failure, failure.__traceback__)
                    failures.append(f"seed {chunk_seed}: {failure!r}")
        chunk_seed += 1
        print(f"[{time.monotonic() - start:7.1f} s] {session.checked} programs checked, "
              f"{session.rejected} points rejected, {len(failures)} failures", flush=True)
        if session.checked == before and not failures:
            break
    print(f"\n{session.checked} programs checked in {time.monotonic() - start:.0f} s "
          f"({session.nonzero} with a derivative that is not zero, {session.hessians} "
          f"Hessians, {session.wrappers} with defaults omitted in the API wrappers, "
          f"{session.reverse_refused} refused by reverse mode), {session.rejected} test points "
          f"rejected, {len(failures)} failures")
    print("features: " + ", ".join(f"{k} {v}" for k, v in sorted(session.features.items())))
    for path in failures:
        print("  " + path)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
