"""The rule table's entries for numpy's assembly and splitting functions (see the package's
docstring)."""
import ast
import copy

from .checks import argument, passed
from .refusal import Refusal
from .table import RULES, helper, linear, multilinear

# ---------------------------------------------------------------- convolutions
# np.convolve(a, v, mode): bilinear, symmetric in a and v in every mode (numpy puts the longer
# operand first); np.correlate(a, v, mode)[k] = sum_n a[n + k] v[n] (real operands: nothing is
# conjugated), the full convolution of a with v reversed, cut to numpy's window.  The adjoints
# are correlations of g padded back into the full result (prelude_assembly.py; the transpose of
# a convolution matrix is a correlation matrix).
multilinear("np.convolve", "a, v, mode='full'", diff=("a", "v"),
            adjoint={"a": "_convolve_adjoint(g, a, v, mode)",
                     "v": "_convolve_adjoint(g, v, a, mode)"})
multilinear("np.correlate", "a, v, mode='valid'", diff=("a", "v"),
            adjoint={"a": "_correlate_adjoint_a(g, a, v, mode)",
                     "v": "_correlate_adjoint_v(g, a, v, mode)"})
helper("_convolve_adjoint", "g, a, v, mode", "multilinear", ("g", "v"))
helper("_correlate_adjoint_a", "g, a, v, mode", "multilinear", ("g", "v"))
helper("_correlate_adjoint_v", "g, a, v, mode", "multilinear", ("g", "a"))

# ---------------------------------------------------------------- padding
# np.pad copies entries of the array (and, for mode 'constant', the constants): linear in both.
# Its adjoint adds each entry of g into what it copies (an index map from np.pad of the
# array's indices; prelude_assembly.py).
PAD_MODES = ("constant", "edge", "reflect")
linear("np.pad", "array, pad_width, mode='constant', constant_values=0",
       diff=("array", "constant_values"),
       adjoint={"array": "_pad_adjoint(g, array, pad_width, mode)",
                "constant_values": "_pad_constant_adjoint(g, array, pad_width, "
                                   "constant_values)"})
helper("_pad_adjoint", "g, array, pad_width, mode", "linear", ("g",))
helper("_pad_constant_adjoint", "g, array, pad_width, constant_values", "linear", ("g",))


def pad_modes(args, keywords):
    """np.pad with a mode sct differentiates, written as a string."""
    mode = argument(args, keywords, "mode", 2)
    if mode is None:
        return args
    if not isinstance(mode, ast.Constant) or mode.value not in PAD_MODES:
        raise Refusal(mode, "np.pad is supported with mode 'constant', 'edge' or 'reflect', "
                            "written as a string",
                      "pad with one of those modes, or assemble the array with "
                      "np.concatenate")
    return args


RULES["np.pad"].prepare = pad_modes

# ---------------------------------------------------------------- gradient
# np.gradient is linear in f: along each axis y = D f with D numpy's difference stencil
# (central inside, one-sided of edge_order at the ends); the adjoint is D^T g along each axis,
# D read from np.gradient of the identity (prelude_assembly.py).  One spacing (a number, or the
# coordinates of a 1-d f), which sct does not differentiate.  Where f has several axes and no
# axis is given numpy returns one array per axis: the result is a tuple (``tuple_result``).
linear("np.gradient", "f, varargs=1.0, axis=None, edge_order=1",
       adjoint={"f": "_gradient_adjoint(g, f, varargs, axis, edge_order)"})
helper("_gradient_adjoint", "g, f, varargs, axis, edge_order", "linear", ("g",))


def one_spacing(args, keywords):
    """np.gradient(f), np.gradient(f, h): one spacing at most (sct's signature reads a third
    positional argument as a second spacing, as numpy does, and refuses it)."""
    if len(args) > 2:
        raise Refusal(args[2], "np.gradient is supported with one spacing (a number) at most",
                      "pass one spacing for every axis, or differentiate along one axis at a "
                      "time with axis=k")
    return args


RULES["np.gradient"].prepare = one_spacing
RULES["np.gradient"].moving = (passed({"varargs": 1}),
                               "sct does not differentiate np.gradient in its spacing",
                               "divide the gradient at unit spacing by h: np.gradient(f) / h")
RULES["np.gradient"].tuple_result = True

# ---------------------------------------------------------------- splitting
# The pieces are slices of the array (views of it): linear, their adjoints (a list, one per
# piece) joined back along the axis.
for _name, _spec, _axis in (("np.split", "ary, indices_or_sections, axis=0", "axis"),
                            ("np.array_split", "ary, indices_or_sections, axis=0", "axis"),
                            ("np.hsplit", "ary, indices_or_sections", "'h'"),
                            ("np.vsplit", "ary, indices_or_sections", "0"),
                            ("np.dsplit", "ary, indices_or_sections", "2")):
    linear(_name, _spec, adjoint={"ary": f"_pieces_adjoint(g, ary, {_axis})"})
    RULES[_name].view = RULES[_name].tuple_result = True
helper("_pieces_adjoint", "g, ary, axis", "linear", ("g",))

# ---------------------------------------------------------------- grids
# np.meshgrid(x_0, ..., indexing): grid k repeats x_k (raveled) along its axis: linear in each
# x_k; its adjoint sums g[k] over the other axes ('xy' swaps the first two).


def meshgrid_adjoint(value, g, slot):
    """The adjoint of operand ``slot`` of np.meshgrid (a call of positional operands)."""
    indexing = next((k.value for k in value.keywords if k.arg == "indexing"),
                    ast.Constant("xy"))
    args = [copy.deepcopy(g), copy.deepcopy(value.args[slot]), ast.Constant(slot),
            ast.Constant(len(value.args)), copy.deepcopy(indexing)]
    return ast.Call(ast.Name("_meshgrid_adjoint", ast.Load()), args, [])


linear("np.meshgrid", "*xi, indexing='xy', sparse=False, copy=True", diff=("*xi",),
       adjoint={"*xi": meshgrid_adjoint})
RULES["np.meshgrid"].view = RULES["np.meshgrid"].tuple_result = True      # copy=False: views
helper("_meshgrid_adjoint", "g, x, k, count, indexing", "linear", ("g",))
