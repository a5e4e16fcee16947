"""Runs a GradBench tool through one eval's exchange and validates its answers.

``exchange(eval_name, cases)`` starts the tool, sends start, define, then per case an
evaluate (with ``min_runs``/``min_seconds``) and, after a successful one, an analysis whose
verdict comes from ``compare``, GradBench's validation rule: the same JSON structure (objects
with exactly the same keys, arrays of the same length, scalars of the same type with int and
float interchangeable) and floats within |a - e| / max(1, |a| + |e|) <= 1e-4.
"""
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TOOL = (sys.executable, "-m", "bench.gradbench")
TOLERANCE = 1e-4


class ProtocolError(Exception):
    """The tool broke the protocol: a missing, extra or malformed answer line."""


def compare(expected, actual, path="", tol=TOLERANCE):
    """The paths where ``actual`` differs from ``expected`` under GradBench's rule."""
    number = (int, float)
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return [f"{path or '.'}: keys {sorted(actual) if isinstance(actual, dict) else type(actual).__name__} "
                    f"!= {sorted(expected)}"]
        return [m for key in expected for m in compare(expected[key], actual[key],
                                                       f"{path}.{key}", tol)]
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path or '.'}: length {len(actual) if isinstance(actual, list) else type(actual).__name__} "
                    f"!= {len(expected)}"]
        return [m for i, (e, a) in enumerate(zip(expected, actual))
                for m in compare(e, a, f"{path}[{i}]", tol)]
    if isinstance(expected, bool) or isinstance(actual, bool) or \
            not isinstance(expected, number) or not isinstance(actual, number):
        return [] if expected == actual else [f"{path or '.'}: {actual!r} != {expected!r}"]
    if isinstance(expected, int) and isinstance(actual, int):
        return [] if expected == actual else [f"{path or '.'}: {actual} != {expected}"]
    if abs(actual - expected) / max(1.0, abs(actual) + abs(expected)) > tol:
        return [f"{path or '.'}: {actual!r} != {expected!r}"]
    return []


@dataclasses.dataclass
class Result:
    function: str
    description: str
    success: bool
    valid: bool = False
    errors: list = dataclasses.field(default_factory=list)
    output: object = None
    timings: list = dataclasses.field(default_factory=list)   # nanoseconds per run


class Session:
    """A running tool process, one request and one answer at a time."""

    def __init__(self, command=TOOL, cwd=ROOT):
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.stderr, text=True,
                                        env={**os.environ, "PYTHONPATH": str(cwd)})
        self.next_id = 0

    def send(self, message):
        message = {"id": self.next_id, **message}
        self.next_id += 1
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ProtocolError(f"no answer to {message['kind']}: {self.log()[-2000:]}")
        answer = json.loads(line)       # rejects NaN / Infinity only if told: check below
        if "NaN" in line or "Infinity" in line:
            raise ProtocolError(f"non-JSON number in {line[:200]!r}")
        if answer.get("id") != message["id"]:
            raise ProtocolError(f"answer {answer!r} to message {message['id']}")
        return answer

    def log(self):
        self.stderr.seek(0)
        return self.stderr.read()

    def close(self):
        self.process.stdin.close()
        extra = self.process.stdout.read()
        code = self.process.wait(timeout=60)
        self.stderr.close()
        if extra.strip():
            raise ProtocolError(f"extra output after the last answer: {extra[:200]!r}")
        return code

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def exchange(eval_name, cases, min_runs=1, min_seconds=0.0, command=TOOL, check=True):
    """A whole exchange: start, define, an evaluate (+ analysis) per case -> [Result]."""
    results = []
    with Session(command) as session:
        start = session.send({"kind": "start", "eval": eval_name})
        if set(start) - {"id", "tool", "config"}:
            raise ProtocolError(f"start answered {start!r}")
        defined = session.send({"kind": "define", "module": eval_name})
        if not defined.get("success"):
            raise ProtocolError(f"define {eval_name} failed: {defined.get('error')}")
        for case in cases:
            data = case.input
            if isinstance(data, dict):
                data = {**data, "min_runs": min_runs, "min_seconds": min_seconds}
            answer = session.send({"kind": "evaluate", "module": eval_name,
                                   "function": case.function, "input": data,
                                   "description": case.description})
            result = Result(case.function, case.description, bool(answer.get("success")))
            if result.success:
                result.output = answer["output"]
                result.timings = [t["nanoseconds"] for t in answer["timings"]
                                  if t["name"] == "evaluate"]
                if check:
                    result.errors = compare(case.reference(), result.output)[:10]
                result.valid = not result.errors
                analysis = {"kind": "analysis", "of": session.next_id - 1,
                            "valid": result.valid}
                if result.errors:
                    analysis["error"] = "; ".join(result.errors)
                session.send(analysis)
            else:
                result.errors = [answer.get("error", "no error text")]
            results.append(result)
        session.close()
    return results
