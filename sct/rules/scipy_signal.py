"""The rule table's entries for scipy.signal (see the package's docstring)."""
