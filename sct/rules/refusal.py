"""The refusal a rule's hook raises for a call outside what sct supports."""


class Refusal(Exception):
    """A call outside what sct supports: ``node`` (None for the call itself), the message and
    what to write instead; the frontend reports it at the node."""

    def __init__(self, node, message, hint):
        super().__init__(message)
        self.node, self.message, self.hint = node, message, hint
