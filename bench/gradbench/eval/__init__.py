"""A GradBench eval of our own, for the tests and ``make bench``: it drives a tool command
(``python -m bench.gradbench``) through GradBench's protocol and judges each answer by
GradBench's rule (``driver.compare``) against an independent reference.

One module per eval (``eval/lse.py``, ...), each with ``cases(size)``: a list of ``Case``
for ``size`` "small" (the tests) or "baselines" (the sizes of GradBench's BASELINES.md, for
``make bench``).  A case's ``reference()`` computes the expected output without the tool's
code: a closed form, central differences of a primal written separately, or ADBench's
conformance values.
"""
import dataclasses
from typing import Any, Callable


@dataclasses.dataclass
class Case:
    function: str
    input: Any                    # the JSON input, without min_runs / min_seconds
    description: str
    reference: Callable[[], Any]  # the expected JSON output, computed independently
