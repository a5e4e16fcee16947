"""The prelude: small functions that rule templates call (adjoints of reductions, factorizations,
zero-safe quotients, special functions).

Generated code must run with numpy alone (and scipy where the user's code calls it), so the
emitter copies the source of each helper a module uses into that module, below its imports;
helpers call one another by their bare names.  The helpers live in the ``prelude_*.py``
files of this package, one per family; this module gathers them into one namespace (a name is
a helper if it is a function of that namespace whose name starts with ``_``) and gives their
source text.
"""
import inspect
import re
import sys

from . import (prelude_arrays, prelude_assembly, prelude_containers, prelude_core,
               prelude_decompositions, prelude_fft, prelude_linalg, prelude_order, prelude_products, prelude_scipy_linalg,
               prelude_special, prelude_stats)

PARTS = (prelude_arrays, prelude_assembly, prelude_containers, prelude_core, prelude_decompositions, prelude_fft,
         prelude_linalg, prelude_order, prelude_products, prelude_scipy_linalg, prelude_special,
         prelude_stats)
_LINES = {}         # file name -> its lines, as read when sct was imported
for _part in PARTS:
    with open(_part.__file__, encoding="utf-8") as _file:
        _LINES[_part.__file__] = _file.read().splitlines(keepends=True)
    for _name, _value in vars(_part).items():
        if _name.startswith("_") and inspect.isfunction(_value) and \
                _value.__module__ == _part.__name__:
            assert _name not in globals(), f"prelude helper {_name} is defined twice"
            globals()[_name] = _value
_SOURCES = {}


def helper_text(name):
    """The source of helper ``name``, from its file's text as it was when sct was imported (a
    process that runs while the file changes keeps emitting the helpers it runs)."""
    if name not in _SOURCES:
        code = getattr(sys.modules[__name__], name).__code__
        lines = _LINES[code.co_filename]
        _SOURCES[name] = "".join(inspect.getblock(lines[code.co_firstlineno - 1:]))
    return _SOURCES[name]


def source(names):
    """The source of the helpers ``names`` and of the helpers they call, sorted by name."""
    module = sys.modules[__name__]
    needed, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        todo += [n for n in re.findall(r"(?<![.\w])(_[a-z][a-z_0-9]*)\(", helper_text(name))
                 if inspect.isfunction(getattr(module, n, None))]    # not object.__setattr__
    return "\n\n".join(helper_text(n) for n in sorted(needed))
