"""hello: square and double, checked against x² and 2x (GradBench uses numpy.isclose here;
the 1e-4 rule is looser)."""
from . import Case


def cases(size="small"):
    xs = [1.0, 2.0, -3.5, 0.25] if size == "small" else [1.0, 2.0, 3.0, 4.0]
    return [case for x in xs for case in (
        Case("square", x, f"x={x}", lambda x=x: x * x),
        Case("double", x, f"x={x}", lambda x=x: 2 * x))]
