"""Intrinsic-table rows for Python's containers as values (lists, dicts, records): run by
test_intrinsics.py (see its docstring for what each row checks)."""
from rows import S, V, row

ROWS = [
    row("list-display-operand", "a, s", "a - [s, 2.0 * s, 0.5]", [V, S]),
    row("list-of-a-tuple", "a, s", "np.stack(list((a, s * a)))", [V, S]),
    row("list-appended", "a, s", "ys = [a]\nys.append(s * a)\nys.append(a * a)\nnp.stack(ys)",
        [V, S]),
    row("dict-display-and-copy", "a, s", "d = {'a': a, 'b': s}\ne = dict(d)\ne['b'] = s * a\n"
        "e['a'] * d['b'] + e.get('b', 2.0) + e.get('c', s) * a + np.stack(list(e.values()))[0]",
        [V, S]),
    row("dict-items", "a, s", "d = {'a': a, 'b': s * a}\nps = list(d.items())\n"
        "ps[0][1] * ps[1][1]", [V, S]),
    row("list-appended-numbers", "a, s", "ys = []\nys.append(s)\nys.append(s * a[0])\n"
        "np.array(ys) * a[1]", [V, S]),
]
