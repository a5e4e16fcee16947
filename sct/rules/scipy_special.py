"""The rule table's entries for scipy.special (see the package's docstring)."""
from .table import pointwise

# expit(x) = 1 / (1 + e^-x): d = y (1 - y)
pointwise("scipy.special.expit", "x", {"x": "y * (1 - y) * dx"})
