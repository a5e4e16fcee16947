"""The rule table's entries for scipy.special (see the package's docstring)."""
