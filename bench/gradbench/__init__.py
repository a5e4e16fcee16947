"""sct as a GradBench tool (``python -m bench.gradbench``): see ``tool.py`` for the protocol and
``../../README.md`` (GradBench) for how to run it against GradBench's evals.

One module per eval (``hello.py``, ``lse.py``, ...).  Each is ordinary Python in sct's subset,
the eval's math as PROTOCOL.md states it, and a ``define()`` that builds every derivative with
sct (``sct.grad``, ``sct.jacobian``, ``sct.hvp``, ``sct.forward``) and returns
``{function name: Function}``.  ``eval/`` is a small GradBench eval of our own (inputs,
independent references, the validation rule) that the tests and ``make bench`` drive the tool
with.

"PROTOCOL.md" in these modules is the project's summary of GradBench's protocol and of each
eval's functions, inputs and outputs (kept outside the repository); GradBench's own
description is its repository's ``evals/<name>/README.md`` (github.com/gradbench/gradbench).
"BASELINES.md" is the source of the figures quoted in ``baselines.py``.
"""
