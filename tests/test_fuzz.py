"""The differential fuzzer (``tests/fuzz.py``) in the test suite.

* a short derandomized run: the same few hundred random programs every time, each checked for
  deterministic output, forward against central differences, forward against reverse, the
  gradient and the Hessian against central differences, the API wrappers with f's defaults
  omitted against the same wrappers with every argument passed, and no exception but
  SctError (and that only for a refusal the README documents); among them views written
  through, test points at edges and kinks, einsum in the sublist form (issue 10), and issue
  12's numpy/scipy functions, decompositions and complex values, and issue 13's lists, dicts,
  tuple arguments, loops over values, comprehensions, closures and asserts (``COVERED`` below
  is what the generator must be able to produce);
* every failure the fuzzer ever found, kept in the corpus as ``tests/corpus/fuzz_*.py``, under
  all of those checks again (tests/test_corpus.py runs them as corpus programs too);
* generated code that does not depend on the process (string hashing differs between them).

``make fuzz N=5000`` or ``make fuzz SECONDS=600`` runs a long fuzzing session.
"""
import json
import os
import pathlib
import random
import subprocess
import sys

import pytest

import fuzz

SHORT_RUN = int(os.environ.get("SCT_FUZZ_EXAMPLES", "150"))
CORPUS = pathlib.Path(__file__).parent / "corpus"
REGRESSIONS = sorted(CORPUS.glob("fuzz_*.py"))

# what the short run must have exercised (feature names the generator records)
COVERED = {"for", "while", "if", "elif", "break", "continue", "early return", "call",
           "tuple result", "default", "keyword argument", "reassignment", "augmented assignment",
           "swap", "tuple assignment", "index assignment", "mask assignment", "array of its own",
           "index", "boolean mask", "integer array index", "reversed slice",
           "slice with a loop variable", "axis reduction", "keepdims", "np.max", "np.prod",
           "np.var", "np.std", "norm", "dot", "einsum", "outer", "solve", "inv", "det",
           "slogdet", "cholesky", "np.where", "np.maximum", "pow", "power", "math.exp",
           "np.log", "math.sqrt", "np.arcsin", "math.erf", "np.clip", "%", "module constant",
           "conditional expression", "and/or", "not", "np.all/np.any",
           "data-dependent trip count", "loop backwards", "loop over an int parameter",
           "concatenate", "np.stack", "reshape", "transpose", "diag", "cumsum",
           # views written through (issue 10), of known and unknown rank
           "view", "view of known rank", "view of unknown rank", "row view", "reshape view",
           "alias", "entry of a vector", "write through a view",
           "augmented assignment through a view", "write through the base",
           "view read before a write", "read after a view write", "alias kept writable",
           "augmented assignment on an array", "augmented assignment on a number",
           "augmented assignment on an arithmetic result",
           "in-place update",
           # defaults of f, omitted in every API wrapper
           "default in f", "keyword argument to f", "argument read after the call",
           # test points at edges and kinks
           "edge: abs at 0", "edge: power at 0", "edge: zero base", "edge: hypot at 0",
           "edge: norm of zero", "edge: std at equal entries", "edge: zero variance",
           "edge: where guard", "edge: infinite slope",
           # einsum in both forms
           "einsum sublist", "einsum implicit", "einsum ellipsis",
           # issue 12's numpy/scipy functions, decompositions unpacked, complex values
           "issue 12 function", "issue 12: unpacked", "issue 12: factorization",
           "issue 12: complex value", "issue 12: complex write", "issue 12: complex index write",
           "issue 12: np.linalg.eigh", "issue 12: np.median", "issue 12: np.fft.fft",
           "issue 12: scipy.special.gammaln", "issue 12: scipy.linalg.cho_solve",
           # issue 13's constructs: lists, tuples passed to functions, dicts, loops over values,
           # generator sums, comprehensions, closures and lambdas, asserts
           "issue 13: append", "issue 13: list display", "issue 13: tuple argument",
           "issue 13: list argument", "issue 13: dict", "issue 13: dict item assignment",
           "issue 13: list item assignment", "issue 13: for over an array",
           "issue 13: for over a tuple", "issue 13: for over a range", "issue 13: enumerate",
           "issue 13: zip", "issue 13: generator sum", "issue 13: list comprehension",
           "issue 13: closure", "issue 13: lambda", "issue 13: assert"}


def test_generator_covers_the_subset():
    """What the generator can produce (generation only, no checks): every feature above."""
    seen = set()
    rng = random.Random(0)
    for k in range(2000):              # until everything was seen (a few hundred programs)
        size = ("small", "large")[k % 2]
        program = fuzz.generate(fuzz.Choices(lambda lo, hi: rng.randint(lo, hi)), size)
        compile(program.source, "<generated>", "exec")
        seen |= program.features
        if COVERED - fuzz.steered_features() <= seen:
            break
    missing = COVERED - seen - fuzz.steered_features()
    assert not missing, f"the generator never produced: {sorted(missing)}"


def test_short_fuzz_run():
    session = fuzz.Session()
    fuzz.make_test(session, SHORT_RUN, derandomize=True)()
    assert session.checked >= SHORT_RUN * 0.8, (session.checked, session.rejected)
    assert session.nonzero >= session.checked // 3      # many derivatives are not trivial
    assert session.hessians >= session.checked // 3


def test_regressions_exist():
    assert REGRESSIONS, "the corpus keeps the fuzzer's findings as tests/corpus/fuzz_*.py"


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.stem)
def test_fuzz_regression(path):
    """A program the fuzzer once failed on passes every check (and is still checkable)."""
    program = fuzz.Program.from_corpus(path)
    fuzz.check(program, fuzz.Session())


HASH_SCRIPT = """
import hashlib, json, sys
from sct.api import compile_module
from sct.errors import SctError
out = []
for path in sys.argv[1:]:
    text = open(path).read()
    for mode in ("forward", "reverse", "both"):
        try:
            module, _ = compile_module(text, "prog.py", ["f", "g"], mode, None)
        except SctError as err:      # a documented refusal (views written through)
            out.append("refused: " + str(err))
            continue
        out.append(hashlib.sha256(module.encode()).hexdigest())
print(json.dumps(out))
"""


def test_generated_code_is_the_same_in_every_process(tmp_path):
    rng = random.Random(0)
    paths = []
    for k in range(6):
        program = fuzz.generate(fuzz.Choices(lambda lo, hi: rng.randint(lo, hi)), "large")
        path = tmp_path / f"prog{k}.py"
        path.write_text(program.source)
        paths.append(str(path))
    runs = [subprocess.Popen([sys.executable, "-c", HASH_SCRIPT, *paths],
                             env=dict(os.environ, PYTHONHASHSEED=str(seed)),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for seed in (1, 2)]
    outputs = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
        outputs.append(json.loads(stdout))
    assert outputs[0] == outputs[1]


def test_the_function_an_error_points_at(tmp_path):
    """Helpers reuse the names of f's views (v15 in h1 and in f): the fuzzer knows which of f's
    views surely hold arrays, so it asks which function a refusal points into (a refusal of
    h1's v15, a row of a copy of a parameter, was once taken for one of f's)."""
    path = tmp_path / "program.py"
    path.write_text("import numpy as np\n\n\ndef h1(p):\n    v15 = p[0]\n    return v15\n\n\n"
                    "def f(x):\n    v15 = x[1:]\n    return v15\n")
    err = fuzz.SctError("message", str(path), 5, 5)
    assert fuzz._function_at(err) == "h1"
    err.lineno = 10
    assert fuzz._function_at(err) == "f"
