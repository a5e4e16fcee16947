"""jit=True (sct/jit.py): the derivative compiled by numba in nopython mode agrees with the
Python derivative to 1e-12 relative and with central differences; what numba cannot compile
is an SctError at the construct; ``import sct`` does not import numba."""
import importlib.util
import inspect
import linecache
import os
import pathlib
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import sct
from bench import loops_peers

pytest.importorskip("numba")

# the loops group's programs that compile (heat does not yet: its derivative calls a prelude
# helper that has no numba version, on a list of arrays)
# numba compiles the LSTM's derivatives for about 30 s: with -m slow (make jit) only
REVERSE = ("fixed_point", "kepler", "heron", "horner", "rosenbrock", "pendulum", "kalman",
           "option_book", pytest.param("lstm", marks=pytest.mark.slow))
FORWARD = REVERSE


@pytest.fixture(autouse=True)
def _slow_only_when_selected(request):
    if request.node.get_closest_marker("slow") and \
            "slow" not in (request.config.getoption("-m") or ""):
        pytest.skip("a long numba compilation: runs with -m slow (make jit)")


def central(f, args, i, direction):
    """The directional derivative of f in argument i by central differences, the step
    scaled to the argument."""
    x = np.asarray(args[i], dtype=float)
    h = 1e-6 * max(1.0, float(np.max(np.abs(x))))
    plus, minus = list(args), list(args)
    plus[i], minus[i] = x + h * direction, x - h * direction
    if x.ndim == 0:
        plus[i], minus[i] = float(plus[i]), float(minus[i])
    return (f(*plus) - f(*minus)) / (2 * h)


def close(actual, expected, rtol):
    np.testing.assert_allclose(np.asarray(actual, dtype=float),
                               np.asarray(expected, dtype=float), rtol=rtol, atol=rtol * 1e-3)


def close_to_differences(actual, f, args, i, direction):
    """``actual`` against central differences, to 1e-6 relative and the rounding error of
    the differences (f's value's rounding over the step: kalman's log-likelihood is ~1e3)."""
    h = 1e-6 * max(1.0, float(np.max(np.abs(np.asarray(args[i], dtype=float)))))
    rounding = 1e-13 * max(1.0, abs(float(f(*args)))) / h
    np.testing.assert_allclose(float(actual), central(f, args, i, direction), rtol=1e-6,
                               atol=rounding)


@pytest.mark.parametrize("name", REVERSE)
def test_gradient_matches_python_and_differences(name):
    f, args, wrt = loops_peers.CASES[name]
    jitted = sct.grad(f, wrt=wrt, jit=True)(*args)
    python = sct.grad(f, wrt=wrt)(*args)
    assert len(jitted) == len(python) == len(wrt)
    for i, gj, gp in zip(wrt, jitted, python):
        close(gj, gp, 1e-12)
        x = np.asarray(args[i], dtype=float)
        for j in range(x.size):
            unit = np.zeros(x.shape)
            unit.flat[j] = 1.0
            close_to_differences(np.asarray(gj).flat[j], f, args, i, unit)


@pytest.mark.parametrize("name", [*REVERSE[:5], "kalman", *(
    pytest.param(name, marks=pytest.mark.slow) for name in ("pendulum", "option_book", "lstm"))])
def test_value_and_gradient(name):
    f, args, wrt = loops_peers.CASES[name]
    value, grads = sct.value_and_grad(f, wrt=wrt, jit=True)(*args)
    close(value, f(*args), 1e-12)
    for gj, gp in zip(grads, sct.grad(f, wrt=wrt)(*args)):
        close(gj, gp, 1e-12)


@pytest.mark.parametrize("name", FORWARD)
def test_tangent_matches_python_and_differences(name):
    f, args, wrt = loops_peers.CASES[name]
    rng = np.random.default_rng(1)
    for i in wrt:
        direction = rng.standard_normal(np.shape(args[i]))
        seed = direction if np.ndim(args[i]) else float(direction)
        params = list(inspect.signature(f).parameters)
        keyword = {f"d{params[i]}": seed} if f.__defaults__ else {}
        passed = () if keyword else (seed,)
        value, tangent = sct.forward(f, wrt=i, jit=True)(*args, *passed, **keyword)
        value_py, tangent_py = sct.forward(f, wrt=i)(*args, *passed, **keyword)
        close(value, value_py, 1e-12)
        close(tangent, tangent_py, 1e-12)
        close_to_differences(tangent, f, args, i, direction)


@sct.grad(jit=True)
def cube(x):
    return x * x * x


@sct.value_and_grad(jit=True)
def cube_value(x):
    return x * x * x


@sct.forward(wrt="x", jit=True)
def cube_tangent(x, n):
    return x * x * x * n


def test_decorators_and_defaults():
    from bench.scalar import heron
    assert cube(2.0) == pytest.approx(12.0, rel=1e-14)
    assert cube(2) == pytest.approx(12.0, rel=1e-14)          # an int: numba's own variant
    assert cube_value(2.0) == pytest.approx((8.0, 12.0), rel=1e-14)
    assert cube_tangent(2.0, 3, 1.0) == pytest.approx((24.0, 36.0), rel=1e-14)
    g = sct.grad(heron, wrt=0, jit=True)
    close(g(2.0), 0.5 / np.sqrt(2.0), 1e-12)                   # tol by its default
    close(g(2.0, tol=1e-10), 0.5 / np.sqrt(2.0), 1e-9)
    value, tangent = sct.forward(heron, wrt=0, jit=True)(3.0, da=1.0)
    close(value, np.sqrt(3.0), 1e-12)
    close(tangent, 0.5 / np.sqrt(3.0), 1e-12)
    assert "import" in sct.source(g)


def test_array_kinds_dispatch():
    """A variant per number of dimensions; a new array length reuses numba's code."""
    f, args, wrt = loops_peers.CASES["rosenbrock"]
    g = sct.grad(f, jit=True)
    for n in (3, 10, 25):
        x = np.linspace(-1.0, 1.0, n)
        close(g(x), sct.grad(f)(x), 1e-12)


PROGRAMS = '''
import numpy as np
import scipy.special


def uses_einsum(x):
    return np.sum(np.einsum("i,i->i", x, x))


def uses_gammaln(x):
    return scipy.special.gammaln(x) * 2.0


def uses_list(p):
    return p[0] * p[1]
'''


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    folder = tmp_path_factory.mktemp("jit_refused")
    (folder / "jit_refused_programs.py").write_text(PROGRAMS)
    sys.path.insert(0, str(folder))
    try:
        import jit_refused_programs
        yield jit_refused_programs
    finally:
        sys.path.remove(str(folder))


@pytest.mark.parametrize("make", [sct.grad, sct.forward])
@pytest.mark.parametrize("name, construct, line", [("uses_einsum", "np.einsum", 7),
                                                   ("uses_gammaln", "scipy.special.gammaln", 11)])
def test_refusal_names_the_construct(refused, make, name, construct, line):
    with pytest.raises(sct.SctError) as info:
        make(getattr(refused, name), jit=True)
    err = info.value
    assert construct in err.message and "nopython" in err.message
    assert err.lineno == line and err.source_line.strip().startswith("return")
    assert err.source_line[err.col - 1:].startswith(construct.split(".")[0])
    assert "drop jit=True" in err.hint


@pytest.mark.parametrize("make, extra", [(sct.grad, ()), (sct.forward, ([1.0, 0.0],))])
def test_pytree_argument_refused(refused, make, extra):
    g = make(refused.uses_list, jit=True)
    with pytest.raises(sct.SctError, match="parameter 'p'") as info:
        g([1.0, 2.0], *extra)
    assert "drop jit=True" in info.value.hint
    assert sct.grad(refused.uses_list)([1.0, 2.0]) == [2.0, 1.0]    # the Python path serves


@pytest.mark.parametrize("name", ["heat"])
def test_numba_refusal_is_an_error_not_a_fallback(name):
    f, args, wrt = loops_peers.CASES[name]
    g = sct.grad(f, wrt=wrt, jit=True)
    with pytest.raises(sct.SctError, match="numba cannot compile .*helper") as info:
        g(*args)
    assert "drop jit=True" in info.value.hint


def test_numba_cache_beside_sct_cache():
    f, args, wrt = loops_peers.CASES["kepler"]
    sct.grad(f, wrt=wrt, jit=True)(*args)
    folder = os.path.join(os.environ["SCT_CACHE_DIR"], "__pycache__")
    assert any(name.endswith(".nbi") for name in os.listdir(folder))


def test_import_does_not_import_numba():
    code = textwrap.dedent("""
        import sys
        import sct
        from bench.scalar import horner
        sct.grad(horner)([1.0, 2.0], 3.0)
        sct.forward(horner, wrt=1)([1.0, 2.0], 3.0, 1.0)
        assert "numba" not in sys.modules, "numba imported"
        print("ok")
    """)
    env = {**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(sct.__file__))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# corpus programs whose derivatives compile in both modes (the default run); every corpus
# program runs with -m slow: each must match the Python path or be an SctError
CORPUS = pathlib.Path(__file__).parent / "corpus"
COMPILING = ("abs_min_max", "branches_returns", "call_in_loop", "conditions_bool",
             "early_returns", "floordiv_mod", "for_range_data", "fuzz_inner_while_stack",
             "rev_callee_variants")
ALL_CORPUS = sorted(p.stem for p in CORPUS.glob("*.py") if not p.stem.endswith("_helpers"))


def corpus_program(stem):
    sys.path.insert(0, str(CORPUS))
    try:
        spec = importlib.util.spec_from_file_location(f"corpus_{stem}", CORPUS / f"{stem}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(CORPUS))
    wrt = getattr(module, "WRT", None)
    if wrt is None:
        wrt = tuple(i for i, a in enumerate(module.ARGS)
                    if not isinstance(a, (bool, int, np.integer)))
    return module, tuple(wrt)


def jit_agrees(stem):
    """The corpus program's jitted gradient (if its value is a number) and tangent against
    the Python path's, to 1e-12 relative; the modes numba refused (an SctError)."""
    from checker import call_forward, leaves
    module, wrt = corpus_program(stem)
    f, args = module.f, module.ARGS
    refused = []
    runs = [("forward", lambda jit: call_forward(sct.forward(f, wrt=wrt[0], jit=jit), args,
                                                 [direction]))]
    rng = np.random.default_rng(0)
    direction = rng.standard_normal(np.shape(args[wrt[0]]))
    direction = direction if np.ndim(args[wrt[0]]) else float(direction)
    if isinstance(f(*args), (float, int, np.floating)):
        runs.append(("grad", lambda jit: sct.grad(f, wrt=wrt, jit=jit)(*args)))
    for mode, run in runs:
        try:
            python = run(False)
        except sct.SctError:
            continue                        # refused without jit too
        try:
            jitted = run(True)
        except sct.SctError:
            refused.append(mode)
            continue
        expected, actual = leaves(python), leaves(jitted)
        assert len(actual) == len(expected), mode
        for a, e in zip(actual, expected):
            np.testing.assert_allclose(a, e, rtol=1e-12, atol=1e-300, err_msg=mode)
    return refused


@pytest.mark.parametrize("stem", COMPILING)
def test_corpus_programs_compile_and_agree(stem):
    assert jit_agrees(stem) == []


@pytest.mark.slow
@pytest.mark.parametrize("stem", ALL_CORPUS)
def test_every_corpus_program_agrees_or_is_refused(stem):
    jit_agrees(stem)


def test_a_cells_changed_global_compiles_again():
    """numba freezes the globals it reads: a function from a cell (text registered with
    linecache) whose constant a later cell changes gets a derivative compiled again."""
    name = "<sct-jit-cell-1>"
    text = "def scaled_square(x):\n    return C * x * x\n"
    linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    namespace = {"C": 2.0}
    exec(compile(text, name, "exec"), namespace)
    g = sct.grad(namespace["scaled_square"], jit=True)
    assert g(3.0) == pytest.approx(12.0, rel=1e-14)
    namespace["C"] = 5.0
    assert g(3.0) == pytest.approx(30.0, rel=1e-14)
    d = sct.forward(namespace["scaled_square"], jit=True)
    assert d(3.0, 1.0) == pytest.approx((45.0, 30.0), rel=1e-14)
