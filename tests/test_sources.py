"""Functions whose source is not a file (sct/cells.py): IPython cells (an ``InteractiveShell``
and a real Jupyter kernel run by nbclient), code given to ``exec`` under a file name
registered with ``linecache``, and ``python -c``; each differentiated in both modes against
central differences, its errors located in the cell's own lines."""
import linecache
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import sct
from checker import central_difference

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _difference(f, x):
    return float(central_difference(f, [x], [0], [1.0])[0])


def _check_both_modes(f, x):
    expected = _difference(f, x)
    value, tangent = sct.forward(f)(x, 1.0)
    assert np.isclose(value, f(x), rtol=1e-12)
    assert np.isclose(tangent, expected, rtol=1e-6)
    assert np.isclose(sct.grad(f)(x), expected, rtol=1e-6)


@pytest.fixture(scope="module")
def shell():
    """One IPython shell for the module's tests (made in about 0.1 s)."""
    interactive = pytest.importorskip("IPython.core.interactiveshell")
    sh = interactive.InteractiveShell.instance()
    yield sh
    sh.reset()


def _cell(shell, text):
    """Run one cell as Jupyter does (its own file name, kept in linecache); its exception."""
    result = shell.run_cell(textwrap.dedent(text), store_history=True, silent=True)
    return result.error_before_exec or result.error_in_exec


def test_a_cell_reads_imports_constants_and_helpers_of_earlier_cells(shell):
    assert _cell(shell, """
        import numpy as np
        from numpy import cos
        SCALE = 1.5
        WEIGHTS = np.array([0.5, -2.0, 3.0])

        def helper(x):
            return np.sin(x) * SCALE
    """) is None
    assert _cell(shell, """
        def f(x):
            y = helper(x) + cos(x) * np.sum(WEIGHTS)
            return y * y + SCALE * x
    """) is None
    f = shell.user_ns["f"]
    assert f.__code__.co_filename.startswith("<ipython-input-")
    _check_both_modes(f, 0.7)
    # the same from inside a cell, as a notebook calls it
    assert _cell(shell, """
        import sct
        g = sct.grad(f)(0.7)
        value, tangent = sct.forward(f)(0.7, 1.0)
    """) is None
    assert np.isclose(shell.user_ns["g"], _difference(f, 0.7), rtol=1e-6)
    assert np.isclose(shell.user_ns["tangent"], shell.user_ns["g"], rtol=1e-12)


def test_a_cell_with_magics_calls_functions_of_a_module_file(shell, tmp_path, monkeypatch):
    (tmp_path / "sources_helpers.py").write_text(
        "import numpy as np\n\n\ndef g(x):\n    return np.tanh(x) * 3.0\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _cell(shell, """
        %time unused = 1
        import sources_helpers
        from sources_helpers import g as h
        def uses_module(x):
            return sources_helpers.g(x) * h(x * x)
    """) is None
    _check_both_modes(shell.user_ns["uses_module"], 0.6)


def test_a_derivative_follows_a_constant_or_helper_changed_in_a_later_cell(shell):
    assert _cell(shell, """
        import numpy as np
        RATE = 2.0
        def inner(x):
            return np.exp(RATE * x)
        def outer(x):
            return inner(x) * x
    """) is None
    outer = shell.user_ns["outer"]
    d = sct.grad(outer)
    assert np.isclose(d(0.3), _difference(outer, 0.3), rtol=1e-6)
    assert _cell(shell, "RATE = -1.0") is None            # outer now runs with -1.0
    assert np.isclose(d(0.3), _difference(outer, 0.3), rtol=1e-6)
    assert _cell(shell, "def inner(x):\n    return x ** 3\n") is None
    assert np.isclose(d(0.3), 4 * 0.3 ** 3, rtol=1e-10)
    assert "x ** 3" in sct.source(d)
    assert _cell(shell, """
        WEIGHTS2 = np.array([1.0, 2.0])
        def weighted(x):
            return np.sum(WEIGHTS2) * x * x
    """) is None
    d = sct.forward(shell.user_ns["weighted"])
    assert d(1.0, 1.0)[1] == 6.0
    assert _cell(shell, "WEIGHTS2[0] = 5.0") is None      # changed in place
    assert d(1.0, 1.0)[1] == 14.0


def test_an_error_in_a_cell_points_at_the_cell_line(shell):
    assert _cell(shell, """
        import numpy as np

        def bad(x):
            y = x * 2.0
            return np.unknown_function(y)
    """) is None
    bad = shell.user_ns["bad"]
    with pytest.raises(sct.SctError) as err:
        sct.grad(bad)
    assert err.value.filename == bad.__code__.co_filename
    assert (err.value.lineno, err.value.col) == (5, 12)
    assert err.value.source_line.strip() == "return np.unknown_function(y)"


def test_a_global_that_is_not_a_number_is_refused_at_its_read(shell):
    assert _cell(shell, """
        TABLE = {"a": 1.0}
        def reads_table(x):
            return x * TABLE
    """) is None
    with pytest.raises(sct.SctError) as err:
        sct.grad(shell.user_ns["reads_table"])
    assert "'TABLE' is not a number constant" in err.value.message
    assert (err.value.lineno, err.value.col) == (3, 16)


def test_a_real_jupyter_kernel():
    """A notebook run by nbclient: the kernel's cells are files that do not exist on disk
    (/tmp/ipykernel_*/N.py), kept in linecache."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    cells = [f"import sys\nsys.path.insert(0, {ROOT!r})\nimport numpy as np\nimport sct\n"
             "C = 2.0\ndef g(x):\n    return np.sin(x) * C",
             "def f(x):\n    return g(x) * x + C * x * x\n"
             "d = sct.forward(f)(0.3, 1.0)[1]\nr = sct.grad(f)(0.3)\n"
             "print(f.__code__.co_filename, float(d), float(r))"]
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbclient.NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    filename, d, r = notebook.cells[1].outputs[0]["text"].split()
    assert filename.endswith(".py") and not os.path.exists(filename)
    expected = 2.0 * (np.cos(0.3) * 0.3 + np.sin(0.3)) + 4.0 * 0.3
    assert np.isclose(float(d), expected, rtol=1e-12)
    assert np.isclose(float(r), expected, rtol=1e-12)


EXEC_TEXT = """\
import math
K = 2.0

def g(x):
    return math.sin(x) * K

def f(x):
    y = g(x)
    return y * y + K * x

def broken(x):
    return g(x) + nowhere(x)
"""


def test_exec_of_text_registered_with_linecache():
    name = "<generated by test_sources>"
    linecache.cache[name] = (len(EXEC_TEXT), None, EXEC_TEXT.splitlines(True), name)
    namespace = {}
    exec(compile(EXEC_TEXT, name, "exec"), namespace)
    _check_both_modes(namespace["f"], 0.4)
    with pytest.raises(sct.SctError) as err:
        sct.grad(namespace["broken"])
    assert (err.value.filename, err.value.lineno, err.value.col) == (name, 12, 19)


def test_exec_of_a_string_python_did_not_keep_is_refused():
    namespace = {}
    exec("def f(x):\n    return x * 2.0\n", namespace)
    with pytest.raises(sct.SctError) as err:
        sct.grad(namespace["f"])
    assert "compiled from a string (file name '<string>', line 1) that Python does not " \
           "keep" in err.value.message
    assert "linecache.cache[name]" in err.value.hint


def test_exec_text_replaced_after_the_function_ran_is_refused():
    name = "<replaced by test_sources>"
    text = "def f(x):\n    return x * 2.0\n"
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    namespace = {}
    exec(compile(text, name, "exec"), namespace)
    other = "def f(x):\n    return x * 3.0\n"
    linecache.cache[name] = (len(other), None, other.splitlines(True), name)
    with pytest.raises(sct.SctError) as err:
        sct.grad(namespace["f"])
    assert "no longer defines 'f' as it runs" in err.value.message


def _python_c(program):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(program)], env=env,
                          capture_output=True, text=True, timeout=60)


def test_python_c():
    done = _python_c("""
        import numpy as np
        import sct
        C = 3.0
        def g(x):
            return np.exp(x) * C
        def f(x):
            return g(x) * x
        print(float(sct.grad(f)(0.5)), float(sct.forward(f)(0.5, 1.0)[1]))
        exec("def h(x):\\n    return x * 2.0\\n")
        try:
            sct.grad(h)
        except sct.SctError as err:
            print(err.message)
        def bad(x):
            return undefined(x)
        try:
            sct.grad(bad)
        except sct.SctError as err:
            print(err.headline())
    """)
    assert done.returncode == 0, done.stderr
    first, refused, located = done.stdout.splitlines()
    expected = 1.5 * np.exp(0.5) * 3.0
    assert all(np.isclose(float(v), expected, rtol=1e-12) for v in first.split())
    assert refused.startswith("the source of 'h' cannot be read: it was compiled from a string")
    assert located.startswith("<string>:16:12: error: unknown function 'undefined'")
