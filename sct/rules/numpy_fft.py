"""The rule table's entries for complex numbers and numpy.fft (see the package's docstring)."""
