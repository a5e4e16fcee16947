"""``python -m bench.autograd_suite``: sct against the functions autograd's own tests exercise.

Each case of ``bench/autograd_cases.py`` is written to a module of its own and differentiated
by sct in forward mode (``sct.forward``, a column of the Jacobian per unit tangent) and in
reverse mode (``sct.grad`` for a number, ``sct.jacobian(mode="reverse")`` otherwise).  The
reference is autograd running the same source with ``np`` read as ``autograd.numpy`` and
``scipy.special`` / ``.stats`` / ``.linalg`` / ``.signal`` / ``.integrate`` as autograd's
(its value checked against numpy's), or central differences (a five-point stencil) where
autograd lacks the function or fails.  When sct and autograd disagree, central differences
decide: a case whose sct derivative matches the differences and autograd's does not passes,
recorded as ``autograd-disagrees``.

Outcome of a case in each mode: ``passed``; ``wrong`` (sct's numbers, or its value, differ
from the reference: relative 1e-6 against autograd, 1e-5 against differences, each scaled by
the reference's magnitude; or an array of the wrong size); ``refused`` (an ``sct.SctError``,
grouped by its message); ``crashed`` (any other exception from sct or its generated code: a
bug).  A case is passed if both modes pass, else wrong if either is, else crashed if either
is, else refused.  ``sct.SctWarning`` (zeros for a parameter whose derivative is zero
everywhere) is not a failure.  A combination numpy itself rejects is dropped.

Options: ``--json FILE`` saves every case's record; ``-k TEXT`` runs the cases whose id
contains TEXT; ``--sample N`` runs a fixed sample of about N cases; ``--list`` prints the
wrong and crashed cases' sources.
"""
import argparse
import collections
import importlib.util
import json
import math
import os
import shutil
import sys
import tempfile
import time
import traceback
import types
import warnings

import numpy as np

HEADER = ("import math\nimport numpy as np\nimport scipy.integrate\nimport scipy.linalg\n"
          "import scipy.signal\nimport scipy.special\nimport scipy.stats\n\n\n")
AUTOGRAD_RTOL = 1e-6
DIFFERENCE_RTOL = 1e-5
STEP = np.finfo(float).eps ** (1 / 5)       # the five-point stencil's optimal step
VALUE_RTOL = 1e-9
OUTCOMES = ("passed", "wrong", "refused", "crashed")


def _copies(args):
    return [np.copy(a) if isinstance(a, np.ndarray) else a for a in args]


class _Modules:
    """Where a case's module files go, and the loading of them."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="sct-autograd-")
        self.count = 0
        if not os.environ.get("SCT_CACHE_DIR"):
            os.environ["SCT_CACHE_DIR"] = os.path.join(self.folder, "cache")

    def close(self):
        """Remove the folder (and the sct cache in it, unless $SCT_CACHE_DIR was set)."""
        if os.environ.get("SCT_CACHE_DIR", "").startswith(self.folder):
            del os.environ["SCT_CACHE_DIR"]
        shutil.rmtree(self.folder, ignore_errors=True)

    def load(self, source):
        self.count += 1
        name = f"autograd_case_{self.count}"
        path = os.path.join(self.folder, name + ".py")
        with open(path, "w") as out:
            out.write(source)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module.f


# ---------------------------------------------------------------- references
def _autograd_namespace():
    import autograd.numpy
    import autograd.scipy.integrate
    import autograd.scipy.linalg
    import autograd.scipy.signal
    import autograd.scipy.special
    import autograd.scipy.stats
    scipy = types.SimpleNamespace(special=autograd.scipy.special, stats=autograd.scipy.stats,
                                  linalg=autograd.scipy.linalg, signal=autograd.scipy.signal,
                                  integrate=autograd.scipy.integrate)
    return {"np": autograd.numpy, "scipy": scipy, "math": math}


def autograd_jacobians(case, args, value):
    """autograd's Jacobian for each parameter in ``case.wrt`` (shape value + argument), or
    None with the reason when autograd cannot give it."""
    import autograd
    namespace = dict(_autograd_namespace(), __name__="autograd_reference")
    try:
        exec(compile(case.source(""), f"<autograd: {case.id}>", "exec"), namespace)
        f = namespace["f"]
        own = f(*_copies(args))
        if not _close(np.asarray(own), np.asarray(value), VALUE_RTOL):
            return None, "autograd's value differs from numpy's"
        out = []
        for name in case.wrt:
            i = case.params.index(name)
            jac = np.asarray(autograd.jacobian(f, i)(*_copies(args)))
            out.append(np.reshape(jac, np.shape(value) + np.shape(args[i])))
        if not all(np.all(np.isfinite(j)) for j in out):
            return None, "autograd's derivative is not finite"
        return out, None
    except Exception as err:                # autograd lacks it or fails: differences decide
        return None, f"{type(err).__name__}: {err}"[:200]


def difference_jacobians(f, case, args, value):
    """Central differences (five points) for each parameter in ``case.wrt``."""
    out = []
    for name in case.wrt:
        i = case.params.index(name)
        x = np.asarray(args[i], dtype=float)
        columns = []
        for j in range(x.size):
            h = STEP * max(1.0, abs(float(x.flat[j])))

            def at(t):
                moved = x.copy()
                moved.flat[j] += t
                shifted = list(args)
                shifted[i] = float(moved) if np.ndim(args[i]) == 0 else moved
                return np.asarray(f(*_copies(shifted)), dtype=float)
            columns.append(np.ravel((-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h))
                                    / (12 * h)))
        flat = np.stack(columns, axis=-1) if columns else np.zeros((np.size(value), 0))
        out.append(np.reshape(flat, np.shape(value) + np.shape(args[i])))
    return out


# ---------------------------------------------------------------- sct's derivatives
def sct_forward(f, case, args, value, notes):
    """sct's Jacobians from forward mode: a tangent per unit direction of each argument;
    the value it returns is checked against f's (``notes``: a set for what is worth telling
    though not wrong)."""
    import sct
    d = sct.forward(f, wrt=case.wrt)
    positions = [case.params.index(n) for n in case.wrt]
    zeros = [0.0 if np.ndim(args[i]) == 0 else np.zeros(np.shape(args[i])) for i in positions]
    out = []
    for k, i in enumerate(positions):
        columns = []
        for e in _basis(args[i]):
            tangents = list(zeros)
            tangents[k] = e
            primal, tangent = d(*_copies(args), *tangents)
            if not _close(np.asarray(primal), np.asarray(value), VALUE_RTOL):
                raise _Wrong(f"forward value {_brief(primal)} differs from f's {_brief(value)}")
            if np.size(tangent) != np.size(value):
                if np.any(np.asarray(tangent) != 0):
                    raise _Wrong(f"tangent of shape {np.shape(tangent)} for a value of shape "
                                 f"{np.shape(value)}")
                tangent = np.zeros(np.shape(value))       # a zero tangent, not broadcast
                notes.add("zero tangent of shape () for an array value")
            columns.append(np.ravel(tangent))
        flat = np.stack(columns, axis=-1) if columns else np.zeros((np.size(value), 0))
        out.append(np.reshape(flat, np.shape(value) + np.shape(args[i])))
    return out


def sct_reverse(f, case, args, value, notes):
    """sct's Jacobians from reverse mode: ``sct.grad`` for a number, else a row per sweep."""
    import sct
    positions = [case.params.index(n) for n in case.wrt]
    if np.ndim(value) == 0:
        grads = sct.grad(f, wrt=case.wrt)(*_copies(args))
    else:
        grads = sct.jacobian(f, wrt=case.wrt, mode="reverse")(*_copies(args))
    out = []
    for g, i in zip(grads, positions):
        expected = np.shape(value) + np.shape(args[i])
        if np.shape(g) != expected:
            if np.size(g) != np.prod(expected, dtype=int):
                raise _Wrong(f"derivative of shape {np.shape(g)}, expected {expected}")
            g = np.reshape(g, expected)
        out.append(np.asarray(g))
    return out


class _Wrong(Exception):
    """sct returned something that is wrong whatever the reference."""


def _basis(x):
    n = np.size(x)
    for j in range(n):
        e = np.zeros(n)
        e[j] = 1.0
        yield float(e[0]) if np.ndim(x) == 0 else np.reshape(e, np.shape(x))


def _close(actual, expected, rtol):
    actual, expected = np.asarray(actual), np.asarray(expected)
    if actual.shape != expected.shape and actual.size != expected.size:
        return False
    actual = np.reshape(actual, expected.shape)
    if np.iscomplexobj(actual) and not np.iscomplexobj(expected):
        if np.any(np.abs(np.imag(actual)) > rtol):
            return False
        actual = np.real(actual)
    if expected.dtype == bool or actual.dtype == bool:
        return np.array_equal(actual, expected)
    finite = expected[np.isfinite(expected)] if expected.size else expected
    scale = max(1.0, float(np.max(np.abs(finite)))) if finite.size else 1.0
    return bool(np.allclose(actual, expected, rtol=rtol, atol=rtol * scale, equal_nan=True))


def _error(actual, expected):
    a = np.reshape(np.asarray(actual, dtype=complex), np.shape(expected))
    e = np.asarray(expected, dtype=float)
    return float(np.max(np.abs(a - e))) if e.size else 0.0


def _brief(x, width=120):
    text = np.array2string(np.asarray(x), precision=6, threshold=8, separator=", ")
    return text if len(text) <= width else text[:width] + "..."


# ---------------------------------------------------------------- a case
def run_case(case, modules):
    """The record of one case: outcome overall and per mode, with the details."""
    import sct
    record = {"id": case.id, "file": case.file, "ref": case.ref, "wrt": list(case.wrt)}
    started = time.perf_counter()
    args = case.arguments()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            f = modules.load(case.source(HEADER))
            value = f(*_copies(args))
            if np.iscomplexobj(value):
                raise TypeError("the case's value is complex")
            np.asarray(value, dtype=float)
        except Exception as err:            # numpy rejects the combination: dropped
            record.update(outcome="dropped", message=f"{type(err).__name__}: {err}"[:200])
            return record
        reference, why = autograd_jacobians(case, args, value)
        record["reference"] = "autograd" if reference is not None else "differences"
        if reference is None:
            record["autograd"] = why
            reference = difference_jacobians(f, case, args, value)
        differences = None
        for mode, derive in (("forward", sct_forward), ("reverse", sct_reverse)):
            entry, notes = {}, set()
            try:
                got = derive(f, case, args, value, notes)
            except sct.SctError as err:
                entry.update(outcome="refused", message=err.message)
            except _Wrong as err:
                entry.update(outcome="wrong", message=str(err))
            except Exception as err:
                tb = traceback.extract_tb(err.__traceback__)
                where = f"{os.path.basename(tb[-1].filename)}:{tb[-1].lineno}" if tb else "?"
                entry.update(outcome="crashed", message=f"{type(err).__name__}: {err}"[:300],
                             where=where)
            else:
                rtol = AUTOGRAD_RTOL if record["reference"] == "autograd" else DIFFERENCE_RTOL
                if all(_close(g, r, rtol) for g, r in zip(got, reference)):
                    entry["outcome"] = "passed"
                elif record["reference"] == "autograd":
                    if differences is None:
                        differences = difference_jacobians(f, case, args, value)
                    sct_ok = all(_close(g, d, DIFFERENCE_RTOL) for g, d in zip(got, differences))
                    ag_ok = all(_close(r, d, DIFFERENCE_RTOL)
                                for r, d in zip(reference, differences))
                    if sct_ok and not ag_ok:
                        entry.update(outcome="passed", note="autograd-disagrees")
                    else:
                        entry.update(outcome="wrong", **_mismatch(case, got, reference))
                else:
                    entry.update(outcome="wrong", **_mismatch(case, got, reference))
            if notes:
                entry["notes"] = sorted(notes)
            record[mode] = entry
    outcomes = {record[m]["outcome"] for m in ("forward", "reverse")}
    for outcome in ("wrong", "crashed", "refused"):
        if outcome in outcomes:
            record["outcome"] = outcome
            break
    else:
        record["outcome"] = "passed"
    record["seconds"] = round(time.perf_counter() - started, 3)
    return record


def _mismatch(case, got, reference):
    for name, g, r in zip(case.wrt, got, reference):
        if not _close(g, r, DIFFERENCE_RTOL):
            return {"message": f"d/d{name}: max error {_error(g, r):.3g}",
                    "sct": _brief(g), "expected": _brief(r)}
    name, g, r = case.wrt[0], got[0], reference[0]
    return {"message": f"d/d{name}: max error {_error(g, r):.3g} (beyond 1e-6 of autograd's)",
            "sct": _brief(g), "expected": _brief(r)}


# ---------------------------------------------------------------- the suite
def select(cases, keyword=None, sample=None):
    if keyword:
        cases = [c for c in cases if keyword in c.id]
    if sample and sample < len(cases):
        step = len(cases) / sample
        cases = [cases[int(k * step)] for k in range(sample)]
    return cases


def run(cases, progress=None):
    modules = _Modules()
    records = []
    try:
        for n, case in enumerate(cases):
            records.append(run_case(case, modules))
            if progress and (n + 1) % 100 == 0:
                progress(f"{n + 1}/{len(cases)}")
    finally:
        modules.close()
    return records


def counts(records):
    """{file: Counter of outcomes}, with "total"."""
    table = collections.defaultdict(collections.Counter)
    for r in records:
        table[r["file"]][r["outcome"]] += 1
        table["total"][r["outcome"]] += 1
    return table


def report(records, show_sources=False):
    from .autograd_cases import CASES
    lines = []
    table = counts(records)
    files = sorted(k for k in table if k != "total") + ["total"]
    width = max(len(k) for k in files)
    head = f"{'file':<{width}}  {'cases':>5}  " + "  ".join(f"{o:>7}" for o in OUTCOMES)
    lines += [head, "-" * len(head)]
    for name in files:
        c = table[name]
        run_count = sum(c[o] for o in OUTCOMES)
        if name == "total":
            lines.append("-" * len(head))
        lines.append(f"{name:<{width}}  {run_count:>5}  " +
                     "  ".join(f"{c[o]:>7}" for o in OUTCOMES))
    dropped = table["total"]["dropped"]
    kept = [r for r in records if r["outcome"] != "dropped"]
    lines.append(f"({dropped} combinations numpy rejects dropped; references: "
                 f"{sum(r['reference'] == 'autograd' for r in kept)} autograd, "
                 f"{sum(r['reference'] == 'differences' for r in kept)} differences)")
    for mode in ("forward", "reverse"):
        c = collections.Counter(r[mode]["outcome"] for r in kept)
        lines.append(f"{mode:>8} mode: " + ", ".join(f"{c[o]} {o}" for o in OUTCOMES))
    disputed = [r["id"] for r in kept
                if any(r[m].get("note") == "autograd-disagrees" for m in ("forward", "reverse"))]
    if disputed:
        lines.append(f"\npassed where autograd disagrees with central differences "
                     f"({len(disputed)}): " + ", ".join(disputed))
    noted = collections.Counter(n for r in kept for m in ("forward", "reverse")
                                for n in r[m].get("notes", ()))
    for note, n in noted.items():
        lines.append(f"note: {note} ({n} sweeps of cases)")
    reasons = collections.Counter()
    for r in kept:
        messages = {r[m]["message"] for m in ("forward", "reverse")
                    if r[m]["outcome"] == "refused"}
        for message in messages:
            reasons[message] += 1
    if reasons:
        lines.append(f"\nrefusals by reason (cases; {len(reasons)} reasons):")
        lines += [f"{n:>5}  {message}" for message, n in reasons.most_common()]
    by_id = {c.id: c for c in CASES}
    for outcome in ("wrong", "crashed"):
        bad = [r for r in kept if r["outcome"] == outcome]
        if bad:
            lines.append(f"\n{outcome} ({len(bad)}):")
        for r in bad:
            for mode in ("forward", "reverse"):
                e = r[mode]
                if e["outcome"] in ("wrong", "crashed"):
                    lines.append(f"  {r['id']} [{mode}, wrt {', '.join(r['wrt'])}, reference "
                                 f"{r['reference']}]: {e['message']}"
                                 + (f" at {e['where']}" if "where" in e else ""))
                    if "sct" in e:
                        lines.append(f"      sct:      {e['sct']}\n      expected: "
                                     f"{e['expected']}")
            if show_sources and r["id"] in by_id:
                lines.append("      " + by_id[r["id"]].source("").replace("\n", "\n      "))
    return "\n".join(lines)


def main(argv=None):
    from .autograd_cases import CASES
    parser = argparse.ArgumentParser(prog="python -m bench.autograd_suite",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--json", metavar="FILE", help="save every case's record")
    parser.add_argument("-k", metavar="TEXT", help="only the cases whose id contains TEXT")
    parser.add_argument("--sample", type=int, metavar="N", help="a fixed sample of N cases")
    parser.add_argument("--list", action="store_true", help="print wrong cases' sources")
    options = parser.parse_args(argv)
    cases = select(CASES, options.k, options.sample)
    started = time.perf_counter()
    records = run(cases, progress=lambda s: print(s, file=sys.stderr, flush=True))
    print(report(records, options.list))
    print(f"\n{len(cases)} cases in {time.perf_counter() - started:.1f} s")
    if options.json:
        with open(options.json, "w") as out:
            json.dump(records, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
