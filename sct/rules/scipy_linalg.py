"""The rule table's entries for scipy.linalg (see the package's docstring)."""
