"""sct against every function of Google Tangent's tests/functions.py (bench/tangent_suite.py,
restated in bench/tangent_cases.py; issue 13's done-criterion).

Every case passes in both modes against central differences: its nested def, dicts, lists,
comprehensions, del and stacks included.
"""
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench import tangent_suite as suite                      # noqa: E402
from bench.tangent_cases import CASES, TANGENT_NAMES, Case, S   # noqa: E402

@pytest.fixture(scope="module")
def records():
    return suite.run(CASES)


def test_every_case_passes_in_both_modes(records):
    problems = []
    for r in records:
        if r["outcome"] != "passed":
            detail = "; ".join(f"{m}: {r[m]['outcome']} {r[m].get('message', '')}"
                               for m in ("forward", "reverse"))
            problems.append(f"{r['id']} is {r['outcome']}: {detail}")
    assert not problems, "\n".join(problems)
    assert len(records) == len(CASES) >= 157


def test_the_catalogue_covers_every_function_of_tangents_file():
    # 128 defs in Tangent's file, tfe_squeeze_before twice: 127 names
    assert len(TANGENT_NAMES) == len(set(TANGENT_NAMES)) == 127
    assert {c.name for c in CASES} == set(TANGENT_NAMES)
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert all(c.ref == f"functions.py::{c.name}" and set(c.wrt) <= set(c.params)
               for c in CASES)


def test_a_wrong_derivative_is_counted_wrong(monkeypatch):
    """The instrument: a derivative perturbed by 1e-4 is 'wrong' in that mode."""
    case = Case("saxpy", "instrument", "def f(a, b, c):\n    return a * b + c", [S()] * 3)
    honest = suite.sct_reverse
    monkeypatch.setattr(suite, "sct_reverse",
                        lambda *args: [j * (1 + 1e-4) for j in honest(*args)])
    (record,) = suite.run([case])
    assert record["forward"]["outcome"] == "passed"
    assert record["reverse"]["outcome"] == "wrong"
    assert record["outcome"] == "wrong"


def test_structured_arguments_are_flattened_and_rebuilt():
    value = ({"a": 1.0, "b": [2.0, 3.0]}, (4.0,))
    assert list(suite.flat(value)) == [1.0, 2.0, 3.0, 4.0]
    again = suite.rebuilt(value, np.array([5.0, 6.0, 7.0, 8.0]))
    assert again == ({"a": 5.0, "b": [6.0, 7.0]}, (8.0,))
