"""The rule table's entries for scipy.stats (see the package's docstring)."""
