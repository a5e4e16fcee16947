"""The GradBench protocol (GradBench's own documentation; the README's GradBench section):
one JSON message per line on stdin, exactly one JSON answer per line on stdout, in order.

- ``start``: ``{"id", "tool": "sct", "config": {...}}``.
- ``define``: imports ``bench.gradbench.<module>`` and calls its ``define()``, which compiles
  the module's derivatives with sct; ``success: false`` with the reason when the module is not
  one sct implements or ``define()`` fails.
- ``evaluate``: converts the input (not timed), runs the function at least ``min_runs`` times
  and until the runs add up to ``min_seconds`` (once when the input has neither), one
  ``evaluate`` timing per run around the computation alone, converts the last run's result to
  JSON (not timed).  Any exception, or a result holding NaN or infinity, answers
  ``success: false`` with the error's text; its traceback goes to stderr.
- ``analysis`` and any other kind: a bare ``{"id"}`` (an invalid analysis is logged).

stdout carries nothing but the answers: anything else printed while a message is handled
(by a module, a warning) is sent to stderr.
"""
import contextlib
import ctypes
import ctypes.util
import dataclasses
import importlib
import json
import os
import sys
import time
import traceback
from typing import Any, Callable

import numpy as np

EVALS = ("hello", "lse", "llsq", "det", "ode", "kmeans", "gmm", "lstm", "ba", "ht",
         "particle", "saddle")


def to_json(value):
    """numpy arrays and numbers as plain JSON values (lists, floats, ints), recursively."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return to_json(value.tolist())
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


@dataclasses.dataclass(frozen=True)
class Function:
    """One function of an eval: ``compute(*arguments(input))`` is timed, the rest is not.

    ``compute`` must not change its arguments: every run gets the same ones.
    """
    compute: Callable[..., Any]
    arguments: Callable[[Any], tuple] = lambda data: (data,)
    output: Callable[[Any], Any] = to_json


class Tool:
    def __init__(self, log=sys.stderr):
        self.functions = {}          # module -> {function name: Function}
        self.log = log

    def respond(self, message):
        kind = message.get("kind")
        answer = {"id": message["id"]}
        if kind == "start":
            import sct
            answer.update(tool="sct", config={"version": sct.__version__})
        elif kind == "define":
            answer.update(self.define(message["module"]))
        elif kind == "evaluate":
            answer.update(self.evaluate(message["module"], message["function"],
                                        message["input"]))
        elif kind == "analysis" and not message.get("valid", True):
            print(f"sct: evaluate {message.get('of')} was judged invalid: "
                  f"{message.get('error', '')}", file=self.log)
        return answer

    def define(self, module):
        if module not in EVALS:
            return {"success": False, "error": f"sct's tool has no module {module!r}"}
        try:
            functions = importlib.import_module(f"bench.gradbench.{module}").define()
        except Exception as err:  # noqa: BLE001  (any failure is the tool's answer)
            return self.failure(err)
        self.functions[module] = functions
        return {"success": True}

    def evaluate(self, module, name, data):
        function = self.functions.get(module, {}).get(name)
        if function is None:
            return {"success": False,
                    "error": f"module {module!r} has no function {name!r} defined"}
        try:
            arguments = function.arguments(data)
            value, timings = run(function.compute, arguments, data)
            output = function.output(value)
            json.dumps(output, allow_nan=False)
        except Exception as err:  # noqa: BLE001
            return self.failure(err)
        return {"success": True, "output": output, "timings": timings}

    def failure(self, err):
        traceback.print_exception(type(err), err, err.__traceback__, file=self.log)
        return {"success": False, "error": f"{type(err).__name__}: {err}"}


def run(compute, arguments, data):
    """``(last result, timings)``: runs until ``min_runs`` and ``min_seconds`` are both met."""
    min_runs, min_seconds = 1, 0.0
    if isinstance(data, dict):
        min_runs = data.get("min_runs", 1)
        min_seconds = data.get("min_seconds", 0.0)
    timings, spent = [], 0
    while True:
        start = time.perf_counter_ns()
        value = compute(*arguments)
        elapsed = time.perf_counter_ns() - start
        timings.append({"name": "evaluate", "nanoseconds": elapsed})
        spent += elapsed
        if len(timings) >= min_runs and spent >= min_seconds * 1e9:
            return value, timings


def keep_freed_memory():
    """Tell glibc's malloc to keep freed memory for reuse: arrays up to 32 MB from the heap
    (not mmap), and the heap never trimmed.  By default every array of more than about
    128 KB that numpy frees goes back to the kernel, and the next one of the same size costs
    a page fault per 4 KB page; vectorised code over 30,000 observations (ba) spends more
    than half its time so (ba's jacobian at ba1: 30-35 ms instead of 60-70 ms).  PyTorch and
    JAX keep pools of their own (kmeans' dir at k = 10, n = 10,000: 5.8 ms without, 1.2 ms
    with).  ``MALLOC_MMAP_THRESHOLD_`` or ``MALLOC_TRIM_THRESHOLD_`` set by the caller win.
    Returns whether the allocator took the settings (False where the C library is not glibc
    or the caller chose)."""
    if "MALLOC_MMAP_THRESHOLD_" in os.environ or "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):
        return False
    m_trim_threshold, m_mmap_threshold = -1, -3
    return bool(mallopt(m_mmap_threshold, 32 * 1024 * 1024)) and \
        bool(mallopt(m_trim_threshold, 1 << 30))


def main(stdin=None, stdout=None, log=None, tool=None):
    stdin, stdout, log = stdin or sys.stdin, stdout or sys.stdout, log or sys.stderr
    tool = tool or Tool(log)
    for line in stdin:
        if not line.strip():
            continue
        with contextlib.redirect_stdout(log):     # stray prints must not reach the eval
            answer = tool.respond(json.loads(line))
        stdout.write(json.dumps(answer, allow_nan=False) + "\n")
        stdout.flush()
    return 0
