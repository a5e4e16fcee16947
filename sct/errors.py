"""The one exception sct raises for bad input, a located, explained error, and the one
warning it gives, located and explained the same way."""


class SctError(Exception):
    """An input sct cannot differentiate, located in the user's source.

    Attributes: ``filename``, ``lineno`` (1-based), ``col`` (1-based), ``source_line``,
    ``message`` (what is wrong) and ``hint`` (what to write instead).
    ``str(err)`` is the full report: ``FILE:LINE:COL: error: MESSAGE``, the source line,
    a caret under the construct, and the hint.
    """

    def __init__(self, message, filename="<unknown>", lineno=None, col=None,
                 source_line=None, hint=None):
        self.message = message
        self.filename = filename
        self.lineno = lineno
        self.col = col
        self.source_line = source_line
        self.hint = hint
        super().__init__(self.report())

    @classmethod
    def at(cls, node, source, message, hint=None):
        """An error located at an AST node of ``source`` (a ``Source``)."""
        lineno = getattr(node, "lineno", None)
        line = source.line(lineno) if lineno else None
        col = char_column(line, getattr(node, "col_offset", None))
        return cls(message, source.filename, lineno, col, line, hint)

    kind = "error"

    def headline(self):
        """The one-line form: ``FILE:LINE:COL: error: MESSAGE``."""
        where = self.filename
        if self.lineno is not None:
            where += f":{self.lineno}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.kind}: {self.message}"

    def report(self):
        lines = [self.headline()]
        if self.source_line is not None:
            lines.append("    " + self.source_line.rstrip())
            if self.col is not None:
                prefix = self.source_line[: self.col - 1]
                pad = "".join(c if c == "\t" else " " for c in prefix)
                lines.append("    " + pad + "^")
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


class SctWarning(UserWarning):
    """A derivative sct computes though it is probably not what was asked for (a parameter in
    ``wrt`` on which the value depends only where no derivative flows: its derivative is zero
    everywhere).  ``str(w)`` is the report of an ``SctError``, headed ``warning``."""

    kind = "warning"
    headline, report = SctError.headline, SctError.report

    def __init__(self, message, filename="<unknown>", lineno=None, col=None,
                 source_line=None, hint=None):
        self.message, self.filename, self.lineno, self.col = message, filename, lineno, col
        self.source_line, self.hint = source_line, hint
        super().__init__(self.report())

    at = classmethod(SctError.at.__func__)


def char_column(line, byte_offset):
    """The 1-based character column of a 0-based UTF-8 byte offset into ``line`` (the AST's
    ``col_offset`` counts bytes), or None."""
    if byte_offset is None:
        return None
    if line is None:
        return byte_offset + 1
    return len(line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore")) + 1


def public(err):
    """``err`` without its traceback through sct, for ``raise public(err)`` in the public
    function that caught it: the traceback shows the user's call, that one line, the message."""
    err.__suppress_context__ = True
    return err.with_traceback(None)
