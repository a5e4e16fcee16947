"""sct against every function of Google Tangent's tests/functions.py (bench/tangent_suite.py,
restated in bench/tangent_cases.py; issue 13's done-criterion).

Every case passes in both modes against central differences, or is listed below with the
construct it needs (the part of issue 13 building it): when that part merges, its entries are
removed (a listed case that passes fails the test, so that the table stays true).  No case may
ever be wrong.
"""
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from bench import tangent_suite as suite                      # noqa: E402
from bench.tangent_cases import CASES, TANGENT_NAMES, Case, S   # noqa: E402

# Tangent's function name -> the construct sct refuses in it today (and who builds it).
EXPECTED_REFUSED = {
    # lists as values (containers, the lead): a list literal of numbers as an operand,
    # indexed, or rebinding a name that held a number
    "test_anf_list": "list literal as a value: np.sum([1, a * a, 2])",
    "test_deep_anf_list": "list literal as a value: np.sum([1, x[0] * x[1] * x[2], 3])",
    "test_list_and_subscript": "list literal indexed: x = [1.0, a, 3.0]; x[0] * x[1]",
    "redefining_var_as_list": "list literal as a value: x = [a]",
    # dicts (containers, pytrees: the lead): a dict parameter, dict(a=...) built and passed
    "dict_saxpy": "dict parameter read by key: val['a']",
    "dict_wrapper": "dict built with dict(a=a, ...) and passed to a function",
    "nested_dict": "nested dict parameter: p['i']['j']",
    # the del statement (no part names it; an inert statement like assert: the lead decides)
    "_trace_mul": "del of a local name: c = 3; del c",
    "tfe_trace_fn": "del of a local name, in the callee _trace_mul",
    # functions as values: a nested def called in a loop
    "iterpower_with_nested_def": "nested def: def _fn(a, n) inside f",
    # comprehensions (containers: list comprehensions)
    "listcomp": "list comprehension over an array: [i * 3 for i in a]",
    # lists used as stacks in reverse mode (containers): forward mode passes; reverse mode
    # refuses a push of a value carrying a derivative (it silently dropped it before)
    "stack_pushing": "stack.append(a) / stack.pop() of an active value, reverse mode",
}

# Tangent's function name -> a crash (an exception from sct's generated code, a bug) seen
# today; each fails the test if it becomes wrong, and must be removed once it passes.
KNOWN_CRASHES = {
    # a tuple of numbers indexed by a run-time int parameter: x = a, b, c; x[i]. Forward
    # mode passes; reverse mode's _add_at(b_x, i, b_out) gets a tuple from
    # _zeros_like_value(x) ("TypeError: first operand must be array"). Containers (tuples).
    "passthru_pack": "tuple indexed by an int parameter, reverse mode",
}


@pytest.fixture(scope="module")
def records():
    return suite.run(CASES)


def test_every_case_passes_or_is_expected_refused(records):
    problems = []
    for r in records:
        name, outcome = r["name"], r["outcome"]
        detail = "; ".join(f"{m}: {r[m]['outcome']} {r[m].get('message', '')}"
                           for m in ("forward", "reverse"))
        if outcome == "wrong":
            problems.append(f"{r['id']} is WRONG: {detail}")
        elif name in EXPECTED_REFUSED:
            if outcome != "refused":
                problems.append(f"{r['id']} is {outcome}, listed as refused for "
                                f"{EXPECTED_REFUSED[name]!r}: update EXPECTED_REFUSED ({detail})")
        elif name in KNOWN_CRASHES:
            if outcome not in ("crashed", "refused"):
                problems.append(f"{r['id']} is {outcome}, listed in KNOWN_CRASHES: remove it "
                                f"({detail})")
        elif outcome != "passed":
            problems.append(f"{r['id']} is {outcome}: {detail}")
    assert not problems, "\n".join(problems)


def test_the_catalogue_covers_every_function_of_tangents_file():
    # 128 defs in Tangent's file, tfe_squeeze_before twice: 127 names
    assert len(TANGENT_NAMES) == len(set(TANGENT_NAMES)) == 127
    assert {c.name for c in CASES} == set(TANGENT_NAMES)
    assert set(EXPECTED_REFUSED) | set(KNOWN_CRASHES) <= set(TANGENT_NAMES)
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
