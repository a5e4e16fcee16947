"""The rule table's entries for numpy's assembly and splitting functions (see the package's
docstring)."""
from .table import helper, multilinear

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
