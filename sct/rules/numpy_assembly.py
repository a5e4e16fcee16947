"""The rule table's entries for numpy's assembly and splitting functions (see the package's
docstring)."""
