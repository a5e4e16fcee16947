"""particle: the final w of the outer descent, in all four mode pairs (rr, ff, fr, rf),
against the value PROTOCOL.md gives for w = 0 (GradBench's own expected output).  The same
case serves both sizes: GradBench's eval has this one input."""
from . import Case

EXPECTED = 0.2071918746486116      # PROTOCOL.md: the final w from w = 0


def cases(size="small"):
    return [Case(modes, {"w": 0.0}, f"{modes}, w=0", lambda: EXPECTED)
            for modes in ("rr", "ff", "fr", "rf")]
