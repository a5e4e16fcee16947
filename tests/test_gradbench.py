"""sct as a GradBench tool (bench/gradbench): every eval through a whole exchange with the
tool's own process, judged by GradBench's rule against independent references
(bench/gradbench/eval/), and the protocol's edge cases in process."""
import importlib
import io
import json

import pytest

from bench.gradbench import tool
from bench.gradbench.eval import driver


@pytest.mark.parametrize("name", tool.EVALS)
def test_eval_exchange_validates(name):
    cases = importlib.import_module(f"bench.gradbench.eval.{name}").cases("small")
    functions = {case.function for case in cases}
    runs = 2 if isinstance(cases[0].input, dict) else 1     # hello's input is a number
    if name in ("particle", "saddle"):       # a second run of each costs seconds (see the README)
        runs = 1
    results = driver.exchange(name, cases, min_runs=runs)
    assert len(results) == len(cases)
    assert {r.function for r in results} == functions
    for result in results:
        assert result.success, (result.function, result.description, result.errors)
        assert result.valid, (result.function, result.description, result.errors)
        assert len(result.timings) == runs and all(t > 0 for t in result.timings)


def test_compare_is_gradbench_rule():
    assert driver.compare({"a": [1.0, 2]}, {"a": [1.00005, 2.0]}) == []
    assert driver.compare(1000.0, 1000.15) == []          # about 2e-4 relative for large values
    assert driver.compare(1000.0, 1000.25) != []
    assert driver.compare(0.0, 1.1e-4) != []              # an absolute 1e-4 near zero
    assert driver.compare({"a": 1}, {"a": 1, "b": 2}) != []   # an extra key
    assert driver.compare([1.0], [1.0, 2.0]) != []
    assert driver.compare(3, 3.0) == []                   # int and float interchangeable
    assert driver.compare(3, 4) != []
    assert driver.compare("a", 1.0) != []


def _talk(messages, functions=None):
    """Answers of an in-process tool to ``messages`` (stdout), and what went to stderr."""
    out, err = io.StringIO(), io.StringIO()
    t = tool.Tool(log=err)
    t.functions.update(functions or {})
    lines = "".join(json.dumps({"id": i, **m}) + "\n" for i, m in enumerate(messages))
    tool.main(io.StringIO(lines), out, err, t)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_unknown_module_and_function_answer_failure():
    answers, _ = _talk([{"kind": "start", "eval": "nope"},
                        {"kind": "define", "module": "nope"},
                        {"kind": "evaluate", "module": "hello", "function": "square",
                         "input": 2.0}])
    assert answers[0]["id"] == 0 and answers[0]["tool"] == "sct"
    assert answers[1] == {"id": 1, "success": False, "error": "sct's tool has no module 'nope'"}
    assert answers[2]["success"] is False and "square" in answers[2]["error"]


def test_failing_function_answers_its_error_and_the_tool_goes_on():
    answers, log = _talk([{"kind": "define", "module": "hello"},
                          {"kind": "evaluate", "module": "hello", "function": "square",
                           "input": "not a number"},
                          {"kind": "evaluate", "module": "hello", "function": "square",
                           "input": 3.0},
                          {"kind": "analysis", "of": 2, "valid": False, "error": "because"},
                          {"kind": "whatever"}])
    assert answers[0] == {"id": 0, "success": True}
    assert answers[1]["success"] is False
    assert answers[1]["error"].startswith("ValueError: could not convert string to float")
    assert "Traceback" in log and "Traceback" not in json.dumps(answers)
    assert answers[2]["success"] is True and answers[2]["output"] == 9.0
    assert answers[3] == {"id": 3} and "because" in log
    assert answers[4] == {"id": 4}


def test_nan_and_infinity_are_never_printed():
    answers, _ = _talk([{"kind": "define", "module": "hello"},
                        {"kind": "evaluate", "module": "hello", "function": "square",
                         "input": 1e200},
                        {"kind": "evaluate", "module": "fake", "function": "nan", "input": {}}],
                       {"fake": {"nan": tool.Function(lambda d: [1.0, float("nan")])}})
    assert answers[1]["success"] is False and "JSON" in answers[1]["error"]
    assert answers[2]["success"] is False


def test_min_runs_and_min_seconds_are_honoured():
    slept = tool.Function(lambda d: __import__("time").sleep(0.01) or 1.0)
    answers, _ = _talk([{"kind": "evaluate", "module": "fake", "function": "f",
                         "input": {"min_runs": 5, "min_seconds": 0}},
                        {"kind": "evaluate", "module": "fake", "function": "f",
                         "input": {"min_runs": 1, "min_seconds": 0.1}}],
                       {"fake": {"f": slept}})
    assert len(answers[0]["timings"]) == 5
    runs = [t["nanoseconds"] for t in answers[1]["timings"]]
    assert sum(runs) >= 0.1e9 and sum(runs[:-1]) < 0.1e9     # stops as soon as it is met
    assert {t["name"] for t in answers[1]["timings"]} == {"evaluate"}


def test_prints_of_a_function_go_to_stderr():
    noisy = tool.Function(lambda d: print("chatter") or 2.0)
    answers, log = _talk([{"kind": "evaluate", "module": "fake", "function": "f", "input": {}}],
                         {"fake": {"f": noisy}})
    assert answers == [{"id": 0, "success": True, "output": 2.0,
                        "timings": answers[0]["timings"]}]
    assert "chatter" in log


def test_conversion_and_output_are_not_timed():
    import time
    slow_input = tool.Function(lambda x: x, arguments=lambda d: (time.sleep(0.2) or 1.0,),
                               output=lambda v: time.sleep(0.2) or v)
    answers, _ = _talk([{"kind": "evaluate", "module": "fake", "function": "f", "input": {}}],
                       {"fake": {"f": slow_input}})
    assert answers[0]["timings"][0]["nanoseconds"] < 0.1e9
