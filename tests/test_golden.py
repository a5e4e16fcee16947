"""Golden files: the exact text sct generates for small programs.

Each ``golden/programs/NAME.py`` is transformed (every function, with respect to every
parameter; a ``_wrt_P`` suffix in NAME restricts to parameter P; a module-level tuple
``FUNCTIONS`` names the functions or methods, ``"Model.loss"``, to transform) and compared byte
for byte with
``golden/expected/NAME.<mode>.py``.  A change to the emitted code is therefore always a visible
diff.  To accept a change, run ``make golden`` (it sets SCT_UPDATE_GOLDEN=1) and read the diff
before committing it.  The generated code is also run, and checked against central differences,
by the corpus and intrinsic tests.
"""
import ast
import os
import pathlib

import pytest

import sct

HERE = pathlib.Path(__file__).parent / "golden"
PROGRAMS = sorted((HERE / "programs").glob("*.py"))
MODES = ["forward", "reverse"]


def generate(path, mode):
    name = path.stem
    wrt = name.split("_wrt_")[1] if "_wrt_" in name else None
    text = path.read_text()
    names = [ast.literal_eval(s.value) for s in ast.parse(text).body if isinstance(s, ast.Assign)
             and [getattr(t, "id", None) for t in s.targets] == ["FUNCTIONS"]]
    return sct.transform(text, list(names[0]) if names else None, mode=mode, wrt=wrt,
                         filename=path.name)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_golden(path, mode):
    expected = HERE / "expected" / f"{path.stem}.{mode}.py"
    text = generate(path, mode)
    if os.environ.get("SCT_UPDATE_GOLDEN"):
        expected.write_text(text)
    assert expected.exists(), f"no golden file {expected.name}: run 'make golden'"
    assert text == expected.read_text(), f"generated code changed: run 'make golden' and " \
                                         f"read the diff of {expected.name}"


def test_enough_golden_programs():
    assert len(PROGRAMS) >= 10


GENERATED = sorted((HERE / "expected").glob("*.py")) + \
    [pathlib.Path(__file__).parent.parent / "sct" / "mixture" / "loglik_grad.py"]


@pytest.mark.parametrize("path", GENERATED, ids=lambda p: p.name)
def test_a_generated_module_holds_only_the_helpers_it_calls(path):
    """Each prelude helper a module defines is called by its generated code, or by another
    helper that is (emit scans the calls; once, reverse-mode modules shipped tangent helpers
    such as _extremum_tangent that nothing called)."""
    import ast
    tree = ast.parse(path.read_text())
    defs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    helpers = {name for name in defs if name.startswith("_")}

    def calls(node):
        return {n.func.id for n in ast.walk(node)
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    reached = set().union(*[calls(f) for name, f in defs.items() if name not in helpers])
    todo = list(reached & helpers)
    while todo:
        new = calls(defs[todo.pop()]) & helpers - reached
        reached |= new
        todo += new
    assert helpers <= reached, f"uncalled helpers in {path.name}: {sorted(helpers - reached)}"
