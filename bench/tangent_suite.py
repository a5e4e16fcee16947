"""``python -m bench.tangent_suite``: sct against every function of Google Tangent's
``tests/functions.py`` (restated in ``bench/tangent_cases.py``).

Each case is written to a module of its own and differentiated by sct in forward mode
(``sct.forward``, one unit tangent per element of each differentiated argument, in the
argument's own structure: a tuple or a dict of numbers gets a tuple or a dict of tangents) and
in reverse mode (``sct.grad`` for a number, ``sct.jacobian(mode="reverse")`` otherwise).  The
reference is central differences (a five-point stencil) of the function itself.  Values and
derivatives are compared flattened (a tuple or dict value or gradient: its leaves in order).

Outcome per mode: ``passed``; ``wrong`` (numbers or value differ from the reference: relative
1e-5, scaled by the reference's magnitude; or a derivative of the wrong size or structure);
``refused`` (an ``sct.SctError``, grouped by message); ``crashed`` (any other exception).  A
case is wrong if either mode is, else crashed, else refused, else passed.

Options: ``-k TEXT`` runs the cases whose id contains TEXT; ``--json FILE`` saves the
records; ``--list`` prints the sources of the cases that are not passed.
"""
import argparse
import collections
import json
import os
import sys
import time
import traceback
import warnings

import numpy as np

from .autograd_suite import STEP, _brief, _close, _Modules

RTOL = 1e-5
VALUE_RTOL = 1e-9
OUTCOMES = ("passed", "wrong", "refused", "crashed")


class _Wrong(Exception):
    """sct returned something wrong whatever the reference."""


# ---------------------------------------------------------------- structures of numbers
def leaves(x):
    """The numbers and arrays in ``x`` (tuples, lists, dicts: in order), as float arrays."""
    if isinstance(x, (tuple, list)):
        return [leaf for item in x for leaf in leaves(item)]
    if isinstance(x, dict):
        return [leaf for key in x for leaf in leaves(x[key])]
    return [np.asarray(x, dtype=float)]


def flat(x):
    """``x``'s leaves, raveled and joined."""
    parts = [np.ravel(leaf) for leaf in leaves(x)]
    return np.concatenate(parts) if parts else np.zeros(0)


def rebuilt(x, values):
    """``x`` with its leaves' elements taken in order from the flat ``values``."""
    position = [0]

    def build(v):
        if isinstance(v, (tuple, list)):
            return type(v)(build(item) for item in v)
        if isinstance(v, dict):
            return {k: build(item) for k, item in v.items()}
        n = int(np.size(v))
        part = values[position[0]:position[0] + n]
        position[0] += n
        return float(part[0]) if np.ndim(v) == 0 and not isinstance(v, np.ndarray) \
            else np.reshape(part, np.shape(v))
    return build(x)


def _copies(args):
    return [rebuilt(a, flat(a).copy()) if _differentiable(a) else a for a in args]


def _differentiable(x):
    return not isinstance(x, (bool, int, np.integer)) and \
        all(leaf.dtype.kind == "f" for leaf in [np.asarray(v) for v in _raw_leaves(x)])


def _raw_leaves(x):
    if isinstance(x, (tuple, list)):
        return [leaf for item in x for leaf in _raw_leaves(item)]
    if isinstance(x, dict):
        return [leaf for key in x for leaf in _raw_leaves(x[key])]
    return [x]


# ---------------------------------------------------------------- Jacobians
def difference_jacobians(f, case, args):
    """Per parameter in ``case.wrt``: the Jacobian (flat value x flat argument), by central
    differences (five points)."""
    out = []
    for name in case.wrt:
        i = case.params.index(name)
        x = flat(args[i])
        columns = []
        for j in range(x.size):
            h = STEP * max(1.0, abs(float(x[j])))

            def at(t):
                moved = x.copy()
                moved[j] += t
                shifted = list(args)
                shifted[i] = rebuilt(args[i], moved)
                return flat(f(*_copies(shifted)))
            columns.append((-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h))
        out.append(np.stack(columns, axis=-1))
    return out


def sct_forward(f, case, args, value):
    import sct
    d = sct.forward(f, wrt=case.wrt)
    positions = [case.params.index(n) for n in case.wrt]
    zeros = [rebuilt(args[i], np.zeros(flat(args[i]).size)) for i in positions]
    out = []
    for k, i in enumerate(positions):
        columns = []
        for j in range(flat(args[i]).size):
            unit = np.zeros(flat(args[i]).size)
            unit[j] = 1.0
            tangents = list(zeros)
            tangents[k] = rebuilt(args[i], unit)
            primal, tangent = d(*_copies(args), *tangents)
            if not _close(flat(primal), flat(value), VALUE_RTOL):
                raise _Wrong(f"forward value {_brief(primal)} differs from f's {_brief(value)}")
            column = flat(tangent)
            if column.size != flat(value).size:
                raise _Wrong(f"a tangent of {column.size} numbers for a value of "
                             f"{flat(value).size}")
            columns.append(column)
        out.append(np.stack(columns, axis=-1))
    return out


def sct_reverse(f, case, args, value):
    import sct
    positions = [case.params.index(n) for n in case.wrt]
    scalar = isinstance(value, (float, int, np.floating)) or \
        isinstance(value, np.ndarray) and value.ndim == 0
    if scalar:
        grads = sct.grad(f, wrt=case.wrt)(*_copies(args))
    else:
        grads = sct.jacobian(f, wrt=case.wrt, mode="reverse")(*_copies(args))
    if len(case.wrt) == 1 and not isinstance(grads, tuple) or \
            len(case.wrt) == 1 and scalar and isinstance(args[positions[0]], tuple):
        grads = (grads,)
    out = []
    for g, i in zip(grads, positions):
        n_in, n_out = flat(args[i]).size, flat(value).size
        g = flat(g)
        if g.size != n_in * n_out:
            raise _Wrong(f"a derivative of {g.size} numbers, expected {n_out} x {n_in}")
        out.append(np.reshape(g, (n_out, n_in)))
    return out


# ---------------------------------------------------------------- a case
def run_case(case, modules):
    import sct
    record = {"id": case.id, "name": case.name, "wrt": list(case.wrt)}
    started = time.perf_counter()
    args = case.arguments()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        f = modules.load(case.source())
        value = f(*_copies(args))
        reference = difference_jacobians(f, case, args)
        for mode, derive in (("forward", sct_forward), ("reverse", sct_reverse)):
            entry = {}
            try:
                got = derive(f, case, args, value)
            except sct.SctError as err:
                entry.update(outcome="refused", message=err.message,
                             where=f"{err.lineno}:{err.col}")
            except _Wrong as err:
                entry.update(outcome="wrong", message=str(err))
            except Exception as err:
                tb = traceback.extract_tb(err.__traceback__)
                where = f"{os.path.basename(tb[-1].filename)}:{tb[-1].lineno}" if tb else "?"
                entry.update(outcome="crashed", message=f"{type(err).__name__}: {err}"[:300],
                             where=where)
            else:
                bad = [(n, g, r) for n, g, r in zip(case.wrt, got, reference)
                       if not _close(g, r, RTOL)]
                if bad:
                    name, g, r = bad[0]
                    entry.update(outcome="wrong", message=f"d/d{name}: max error "
                                 f"{float(np.max(np.abs(g - r))):.3g}", sct=_brief(g),
                                 expected=_brief(r))
                else:
                    entry["outcome"] = "passed"
            record[mode] = entry
    outcomes = {record[m]["outcome"] for m in ("forward", "reverse")}
    record["outcome"] = next((o for o in ("wrong", "crashed", "refused") if o in outcomes),
                             "passed")
    record["seconds"] = round(time.perf_counter() - started, 3)
    return record


def run(cases):
    modules = _Modules()
    try:
        return [run_case(c, modules) for c in cases]
    finally:
        modules.close()


def report(records, show_sources=False):
    from .tangent_cases import CASES
    by_id = {c.id: c for c in CASES}
    total = collections.Counter(r["outcome"] for r in records)
    lines = [f"{len(records)} cases of Tangent's tests/functions.py: " +
             ", ".join(f"{total[o]} {o}" for o in OUTCOMES)]
    for mode in ("forward", "reverse"):
        c = collections.Counter(r[mode]["outcome"] for r in records)
        lines.append(f"{mode:>8} mode: " + ", ".join(f"{c[o]} {o}" for o in OUTCOMES))
    for outcome in ("wrong", "crashed", "refused"):
        groups = collections.defaultdict(list)
        for r in records:
            for mode in ("forward", "reverse"):
                if r[mode]["outcome"] == outcome:
                    groups[r[mode]["message"]].append(f"{r['id']} [{mode}]")
        if not groups:
            continue
        lines.append(f"\n{outcome} ({sum(1 for r in records if r['outcome'] == outcome)} "
                     f"cases), by message:")
        for message, where in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"  {len(where):>3}  {message}")
            lines += [f"         {w}" for w in where]
        if show_sources:
            for r in records:
                if r["outcome"] == outcome and r["id"] in by_id:
                    lines.append("      " + by_id[r["id"]].text.replace("\n", "\n      "))
    return "\n".join(lines)


def main(argv=None):
    from .tangent_cases import CASES
    parser = argparse.ArgumentParser(prog="python -m bench.tangent_suite",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("-k", metavar="TEXT", help="only the cases whose id contains TEXT")
    parser.add_argument("--json", metavar="FILE", help="save every case's record")
    parser.add_argument("--list", action="store_true", help="print the failing cases' sources")
    options = parser.parse_args(argv)
    cases = [c for c in CASES if not options.k or options.k in c.id]
    started = time.perf_counter()
    records = run(cases)
    print(report(records, options.list))
    print(f"\n{len(cases)} cases in {time.perf_counter() - started:.1f} s")
    if options.json:
        with open(options.json, "w") as out:
            json.dump(records, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
