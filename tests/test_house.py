"""The house: the rule table is the one place that knows intrinsics by name, and the modules
import each other downwards only.

A pass may build calls of sct's prelude helpers into the code it generates, but it never tests
an operation against an intrinsic's name (``key == "np.einsum"``, ``op in ("np.zeros", ...)``,
``RULES["np.matmul"]``), nor keeps a list of such names: what it needs to know of an intrinsic
is a field or a hook of its rule.
"""
import ast
import pathlib
import warnings

import pytest

from sct import rules

SCT = pathlib.Path(__file__).parent.parent / "sct"
PASSES = sorted(p for p in SCT.glob("*.py") if p.stem not in ("__init__", "__main__"))
# the intermediate form's own keys (ir.op_key): forms of the subset, not functions
FORMS = {"subscript", "tuple", "attribute", "list", "pop", "push", "range", "call", "compare",
         "copy"}
INTRINSICS = (set(rules.RULES) | set(rules.ALIASES)) - FORMS


def named_intrinsics(tree):
    """(line, name) of each intrinsic's name that the module tests against or lists."""
    found = []

    def strings(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return [s for e in node.elts for s in strings(e)]
        if isinstance(node, ast.Dict):
            return [s for e in node.keys if e is not None for s in strings(e)]
        return []

    typed = set()          # comparisons of annotations name Python's types, not intrinsics
    for node in ast.walk(tree):
        candidates = []
        if id(node) in typed:
            continue
        if isinstance(node, ast.Compare) and "annotation" in ast.unparse(node.left):
            typed |= {id(c) for c in node.comparators}
        elif isinstance(node, ast.Compare):
            candidates = [s for e in [node.left] + node.comparators for s in strings(e)]
        elif isinstance(node, ast.Subscript) and isinstance(node.value, (ast.Attribute, ast.Name)):
            candidates = strings(node.slice)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) in (
                "lookup", "startswith", "get", "canonical"):
            candidates = [s for a in node.args for s in strings(a)]
        elif isinstance(node, (ast.Set, ast.Dict)) or isinstance(node, (ast.Tuple, ast.List)) \
                and len(node.elts) > 1:
            candidates = strings(node)
        prefix = isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "startswith"
        for s in candidates:
            if s.value in INTRINSICS or prefix and s.value in ("np.", "math."):
                found.append((s.lineno, s.value))
    return sorted(set(found))


@pytest.mark.parametrize("path", PASSES, ids=lambda p: p.stem)
def test_no_pass_names_an_intrinsic(path):
    found = named_intrinsics(ast.parse(path.read_text()))
    assert not found, f"{path.name} names intrinsics (make them fields of the rule): {found}"


def test_the_check_finds_a_name_test():
    tree = ast.parse("if key == 'np.einsum':\n    pass\nFIXED = {'np.eye': 2, 'np.ravel': 1}\n"
                     "math = op.startswith('math.')\n")
    assert named_intrinsics(tree) == [(1, "np.einsum"), (3, "np.eye"), (3, "np.ravel"),
                                      (4, "math.")]


def imports(path, modules):
    """The sct modules a module imports at its top level (``from .x import y``, ``from . import
    x``, the package itself for ``from . import name`` of a name it defines)."""
    package = ".".join(path.relative_to(SCT.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            if node.module:
                found.add(f"{base}.{node.module}")
            else:
                found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                          for a in node.names}
    return found


def test_no_import_circle():
    """The modules import downwards only: no module reaches itself through its imports
    (``sct/__init__.py`` and ``rules/__init__.py`` count as the packages they define)."""
    modules = {}
    for path in SCT.rglob("*.py"):
        name = ".".join(path.relative_to(SCT.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph = {name: {m for m in imports(path, modules) if m in modules}
             for name, path in modules.items()}
    for start in graph:
        todo, seen = list(graph[start]), set()
        while todo:
            m = todo.pop()
            assert m != start, f"an import circle through {start}"
            if m not in seen:
                seen.add(m)
                todo += graph[m]


def _sample_call(rule):
    """numpy's function of a rule called on a sample array where its required parameters are
    one array (or a list of arrays), else None."""
    import numpy as np
    if not rule.name.startswith("np.") or rule.params is None:
        return None
    required = [p for p in rule.params if p not in rule.defaults and not p.startswith("*")]
    if len(required) != 1:
        return None
    function = np
    for part in rule.name.split(".")[1:]:
        function = getattr(function, part)
    base = np.arange(1.0, 7.0).reshape(2, 3)
    argument = [base, base] if required[0] == "arrays" else base
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return base, function(argument)
    except (TypeError, ValueError, np.linalg.LinAlgError):
        return None


def test_every_intrinsic_that_returns_a_view_is_marked_one():
    """A rule whose numpy function returns memory of its operand must say so (``Rule.view``):
    writes through the result would otherwise change the operand behind sct's back (np.flip,
    added without the mark, made a derivative silently wrong)."""
    import numpy as np
    checked = 0
    for name, rule in rules.RULES.items():
        sample = _sample_call(rule)
        if sample is None:
            continue
        checked += 1
        base, result = sample
        if isinstance(result, np.ndarray) and np.shares_memory(result, base):
            assert rule.view, f"{name} returns a view of its operand: mark it Rule.view"
    assert checked >= 20


def test_helper_sources_are_those_of_the_imported_module():
    """Generated modules copy the prelude's helpers from the file's text as read at import (a
    long run, such as the fuzzer's, that outlives an edit of the file once copied shifted,
    broken helpers): the same text inspect reads from an unchanged file."""
    import inspect
    from sct.rules import prelude
    names = [n for n in dir(prelude) if rules.is_helper(n)]
    assert len(names) > 40
    for name in names:
        assert prelude.helper_text(name) == inspect.getsource(getattr(prelude, name)), name
