"""The rule table's entries for scipy.signal (see the package's docstring)."""
from .table import helper, multilinear

# ---------------------------------------------------------------- convolutions
# Both are bilinear in (in1, in2), for every method (they compute the same values).  The
# result is a window of the full convolution (of in1 with in2, reversed on every axis for a
# correlation): 'full' all of it, 'same' in1's shape centred ((m - 1) // 2 on), 'valid' from
# min(n, m) - 1 on.  The adjoint of y = crop(a * w) for a is the valid correlation of g padded
# back into the full shape with w, and for w the one with a (the transpose of a convolution
# matrix is a correlation matrix; e.g. Goodfellow, Bengio, Courville, Deep Learning, 9.5).
SIDES = (("1", "in1", "in2"), ("2", "in2", "in1"))
for _op in ("convolve", "correlate"):
    multilinear(f"scipy.signal.{_op}", "in1, in2, mode='full', method='auto'",
                diff=("in1", "in2"),
                adjoint={param: f"_signal_{_op}_adjoint_{side}(g, in1, in2, mode)"
                         for side, param, _ in SIDES})
    for _side, _param, _other in SIDES:
        # linear in g and in the other operand; the operand itself gives only its shape
        helper(f"_signal_{_op}_adjoint_{_side}", "g, in1, in2, mode", "multilinear",
               ("g", _other))
