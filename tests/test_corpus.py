"""The corpus: small programs covering the subset, each differentiated in forward mode and
checked against central differences.

Each ``tests/corpus/<name>.py`` defines ``f`` (and the helpers it calls), ``ARGS`` (a test
point) and optionally ``WRT`` (parameter indices; by default every non-integer argument).
Modules named ``*_helpers.py`` hold functions that corpus programs import.
"""
import ast
import importlib.util
import pathlib
import sys

import numpy as np
import pytest

import sct
from checker import check_forward

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
    wrt = wrt_of(load(path))
    text = path.read_text()
    first = sct.transform(text, "f", wrt=wrt, filename=str(path))
    second = sct.transform(text, "f", wrt=wrt, filename=str(path))
    assert first == second
    ast.parse(first)
