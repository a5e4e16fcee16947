"""The ``gradbench`` group of ``make bench``: every eval of sct's GradBench tool at the sizes of
GradBench's BASELINES.md, run through our own eval driver (``eval/driver.py``: the tool's own
process, its own ``evaluate`` timings, each answer validated by GradBench's rule), beside the
figures GradBench's tools reached (``baselines.py``)."""
import importlib
import statistics

from . import baselines, tool
from .eval import driver

DERIVATIVES = {"gradient", "jacobian", "dir", "double", "rr", "ff", "fr", "rf"}
# the targets: within 2x of JAX on these, within 20x of the C++ on these
NEAR_JAX = ("gmm", "lse", "llsq", "kmeans", "ode")
NEAR_MANUAL = ("ba", "ht", "ht_simple")


def label(name, data):
    """(BASELINES table, input label) of one evaluate's input."""
    if name == "lse":
        return name, f"n={len(data['x'])}"
    if name == "llsq":
        return name, f"n={data['n']},m={len(data['x'])}"
    if name == "det":
        return name, str(data["ell"])
    if name == "ode":
        return name, f"n={len(data['x'])},s={data['s']}"
    if name == "kmeans":
        p, c = data["points"], data["centroids"]
        return name, f"k={len(c)},n={len(p)},d={len(p[0])}"
    if name == "gmm":
        return name, f"{data['d']}_{data['k']}_{data['n']}"
    if name == "lstm":
        return name, f"l={len(data['main_params']) // 2},c={len(data['sequence'])}"
    if name == "ba":
        tail = f"_n{data['n']}_m{data['m']}_p{data['p']}"
        known = [i for _, i in baselines.TABLES["ba"][1] if i.endswith(tail)]
        return name, known[0] if known else tail.lstrip("_")
    if name == "ht":
        table = "ht" if data["us"] else "ht_simple"
        tail = f"_c{len(data['data']['points'])}"
        known = [i for _, i in baselines.TABLES[table][1] if i.endswith(tail)]
        return table, known[0] if known else tail.lstrip("_")
    return name, "w=0"                     # particle, saddle: BASELINES' own label


def run(opts, log):
    """{eval: {"rows": [...], "cannot": reason?}} for the evals in ``opts.gradbench_evals``."""
    out = {}
    size = "small" if opts.quick else "baselines"
    for name in opts.gradbench_evals:
        try:
            cases = importlib.import_module(f"bench.gradbench.eval.{name}").cases(size)
            results = driver.exchange(name, cases, min_runs=opts.gradbench_runs,
                                      min_seconds=opts.gradbench_seconds)
        except Exception as err:  # noqa: BLE001  (reported, not fatal: other evals go on)
            out[name] = {"rows": [], "cannot": f"{type(err).__name__}: {err}"[:300]}
            log(f"gradbench {name}: cannot run: {out[name]['cannot']}")
            continue
        rows = []
        for case, result in zip(cases, results):
            table, key = label(name, case.input)
            ms = statistics.median(result.timings) / 1e6 if result.timings else None
            rows.append({"table": table, "function": result.function, "input": key, "ms": ms,
                         "runs": len(result.timings), "valid": result.valid,
                         "errors": result.errors[:3],
                         "baseline": baselines.TABLES.get(table, ("", {}))[1].get(
                             (result.function, key), {})})
            log(f"gradbench {table} {result.function} {key}: "
                f"{'%.4g ms' % ms if ms is not None else 'failed'}"
                f"{'' if result.valid else '  INVALID ' + '; '.join(result.errors[:2])}")
        out[name] = {"rows": rows}
    return out


def targets(g):
    """[(target, measured, met?)] for issue 14's speed targets."""
    rows = []
    every = [r for e in g.values() for r in e["rows"] if r["ms"] is not None]
    derivs = [r for r in every if r["function"] in DERIVATIVES]
    vs_torch = [(r["baseline"]["pytorch"] / r["ms"], r) for r in derivs
                if "pytorch" in r["baseline"]]
    if vs_torch:
        worst, r = min(vs_torch, key=lambda t: t[0])
        rows.append(("GradBench: sct's derivative faster than PyTorch's tool on every eval and "
                     "size both run", f"closest: {r['table']} {r['function']} {r['input']}, "
                     f"PyTorch takes {worst:.3g}x sct's time", worst > 1))
    for table in NEAR_JAX:
        ratios = [(r["ms"] / r["baseline"]["jax"], r) for r in derivs
                  if r["table"] == table and "jax" in r["baseline"]]
        if ratios:
            worst, r = max(ratios, key=lambda t: t[0])
            rows.append((f"GradBench {table}: sct's derivative within 2x of JAX (jit)",
                         f"worst {worst:.3g}x JAX ({r['function']} {r['input']})", worst <= 2))
    for table in NEAR_MANUAL:
        ratios = [(r["ms"] / r["baseline"]["manual"], r) for r in derivs
                  if r["table"] == table and "manual" in r["baseline"]]
        if ratios:
            worst, r = max(ratios, key=lambda t: t[0])
            rows.append((f"GradBench {table}: sct's jacobian within 20x of the C++ (manual)",
                         f"worst {worst:.3g}x ({r['input']})", worst <= 20))
    invalid = [r for r in every if not r["valid"]]
    rows.append(("GradBench: every answer valid (GradBench's 1e-4 rule against our "
                 "references)", f"{len(every) - len(invalid)} of {len(every)} valid",
                 not invalid))
    return rows


def tables(g):
    out = ["## GradBench", "",
           "sct's GradBench tool (`python -m bench.gradbench`) driven through each eval by "
           "`bench/gradbench/eval/` at the sizes of GradBench's BASELINES.md: median ms of the "
           "tool's own `evaluate` timings (the computation only), every answer validated by "
           "GradBench's rule against our independent references. The other columns are "
           "GradBench's own tools as BASELINES.md reports them (same kind of machine, one "
           "thread; not from this run): the C++ `manual` tool is the floor.", "",
           "| eval | function | input | sct ms | manual ms | jax ms | pytorch ms | "
           "sct ÷ manual | valid |", "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, e in g.items():
        if e.get("cannot"):
            out.append(f"| {name} | cannot run: {e['cannot']} | | | | | | | |")
        for r in e["rows"]:
            b = r["baseline"]
            cells = [fmt(r["ms"])] + [fmt(b.get(t)) for t in ("manual", "jax", "pytorch")]
            ratio = f"{r['ms'] / b['manual']:.3g}" if r["ms"] and b.get("manual") else "—"
            out.append(f"| {r['table']} | {r['function']} | {r['input']} | " +
                       " | ".join(cells) + f" | {ratio} | "
                       f"{'yes' if r['valid'] else 'NO: ' + '; '.join(r['errors'])} |")
    return out + [""]


def fmt(ms):
    return "—" if ms is None else f"{ms:.3g}"


EVALS = tuple(e for e in tool.EVALS if e != "hello")
