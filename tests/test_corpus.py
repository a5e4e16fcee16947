"""The corpus: small programs covering the subset, each differentiated in forward and reverse
mode and checked against central differences and against each other.

Each ``tests/corpus/<name>.py`` defines ``f`` (and the helpers it calls), ``ARGS`` (a test
point) and optionally ``WRT`` (parameter indices; by default every non-integer argument).
A program that reverse mode refuses says so with ``REVERSE_REFUSED``, a substring of the
message of the ``SctError`` expected.  Modules named ``*_helpers.py`` hold functions that
corpus programs import.

In reverse mode each program's adjoint is compiled as a Jacobian row would be
(``scalar_output=False``) and checked against central differences and against sct's own forward
derivative; programs whose value is a single number also go through ``sct.grad`` and
``sct.value_and_grad`` (``scalar_output=True``, a different compilation), which must agree with
the adjoint.
"""
import ast
import functools
import importlib.util
import pathlib
import sys

import numpy as np
import pytest

import sct
from checker import check_forward, check_forward_reverse, check_reverse
from sct.api import compile_module
from sct.errors import SctError

CORPUS = pathlib.Path(__file__).parent / "corpus"
PROGRAMS = sorted(p for p in CORPUS.glob("*.py") if not p.stem.endswith("_helpers"))


@pytest.fixture(scope="module", autouse=True)
def corpus_on_path():
    """Corpus programs import their helper modules as top-level modules."""
    sys.path.insert(0, str(CORPUS))
    yield
    sys.path.remove(str(CORPUS))


def load(path):
    spec = importlib.util.spec_from_file_location(f"corpus_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def default_wrt(args):
    """Every argument that is not an integer (loop counts and indices are not differentiated)."""
    return tuple(i for i, a in enumerate(args) if not isinstance(a, (bool, int, np.integer)))


def wrt_of(module):
    wrt = getattr(module, "WRT", None)
    return default_wrt(module.ARGS) if wrt is None else tuple(wrt)


def test_corpus_is_large_enough():
    assert len(PROGRAMS) >= 45


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_forward(path):
    module = load(path)
    wrt = wrt_of(module)
    d_f = sct.forward(module.f, wrt=wrt)
    check_forward(module.f, d_f, module.ARGS, wrt)


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_transform_is_deterministic(path):
    """Two compilations give the same bytes: ``sct.transform`` here and ``sct.forward`` (in
    test_forward, whose generated module the cache keeps)."""
    module = load(path)
    wrt = wrt_of(module)
    first = sct.transform(path.read_text(), "f", wrt=wrt, filename=path.name)
    second = sct.source(sct.forward(module.f, wrt=wrt))
    assert first == second
    ast.parse(first)


@functools.lru_cache(maxsize=None)
def compile_reverse(path, wrt, scalar_output=False):
    """The adjoint of ``f`` in ``path``, compiled from the module text sct generates (once
    for the tests that share it)."""
    text, names = compile_module(path.read_text(), str(path), ["f"], "reverse", wrt,
                                 scalar_output=scalar_output)
    namespace = {}
    exec(compile(text, f"<sct reverse of {path.name}>", "exec"), namespace)
    return namespace[names["f"]]


def refused(module):
    return getattr(module, "REVERSE_REFUSED", None)


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: p.stem)
def test_reverse(path):
    module = load(path)
    wrt = wrt_of(module)
    if refused(module):
        with pytest.raises(SctError) as err:
            compile_reverse(path, wrt)
        assert refused(module) in err.value.message
        assert err.value.filename == str(path) and err.value.lineno is not None
        assert f"{path}:{err.value.lineno}:" in str(err.value)
        return
    b_f = compile_reverse(path, wrt)
    check_reverse(module.f, b_f, module.ARGS, wrt)


def programs_where(predicate):
    """The corpus programs whose module satisfies ``predicate`` (read at collection time)."""
    sys.path.insert(0, str(CORPUS))
    try:
        return [p for p in PROGRAMS if predicate(load(p))]
    finally:
        sys.path.remove(str(CORPUS))


@pytest.mark.parametrize("path", programs_where(lambda m: not refused(m)), ids=lambda p: p.stem)
def test_forward_matches_reverse(path):
    module = load(path)
    wrt = wrt_of(module)
    d_f = sct.forward(module.f, wrt=wrt)
    b_f = compile_reverse(path, wrt)
    check_forward_reverse(module.f, d_f, b_f, module.ARGS, wrt)


def returns_number(module):
    return isinstance(module.f(*module.ARGS), (float, np.floating))


@pytest.mark.parametrize("path", programs_where(returns_number), ids=lambda p: p.stem)
def test_grad_matches_adjoint(path):
    module = load(path)
    wrt = wrt_of(module)
    if refused(module):
        with pytest.raises(SctError, match=refused(module)):
            sct.grad(module.f, wrt=wrt)
        return
    value, adjoints = compile_reverse(path, wrt)(*module.ARGS, 1.0)
    gradients = sct.grad(module.f, wrt=wrt)(*module.ARGS)
    value2, gradients2 = sct.value_and_grad(module.f, wrt=wrt)(*module.ARGS)
    assert isinstance(gradients, tuple) and len(gradients) == len(wrt)
    np.testing.assert_allclose(value2, value, rtol=1e-13, atol=0)
    for g, g2, a, i in zip(gradients, gradients2, adjoints, wrt):
        assert np.shape(g) == np.shape(module.ARGS[i])
        np.testing.assert_allclose(g, a, rtol=1e-10, atol=1e-13, err_msg=f"grad, argument {i}")
        np.testing.assert_allclose(g2, a, rtol=1e-10, atol=1e-13,
                                   err_msg=f"value_and_grad, argument {i}")
