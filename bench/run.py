"""The benchmark harness: ``python -m bench [--quick] [--groups ...]`` (``make bench``).

Groups: ``gmm`` (gradient of ADBench's GMM objective at several sizes), ``scalar`` (a derivative
of small scalar programs), ``loops`` (the gradient of loop-heavy programs: an ODE integrator,
a Kalman filter, an LSTM, bench/loops.py), ``compile`` (transforming the GMM objective; the
import cost of a decorated function, cold and warm cache), ``memory`` (peak memory of the GMM gradient against
the objective), ``gradbench`` (sct's GradBench tool on every eval, bench/gradbench/bench.py),
``dask`` (GaussianMixture on a dask array drawn chunk by chunk, 10^6 to 10^8 rows, threaded
scheduler and LocalCluster, against the same EM in memory; bench/dask_scale.py).
Every peer is checked before it is timed: against ADBench's conformance values
on gmm/test.txt and against sct's gradient on the instance timed; a peer that disagrees stops
the run (exit status 1).  A peer that cannot run a case is reported with its reason.

Each table comes from one run: per-call times are medians of blocks of calls, the blocks of
all the peers of a table interleaved.  Results go to bench/RESULTS.md (markdown), results.json
(the numbers) and results.png (the plot); ``--quick`` writes bench/quick/ instead.
"""
import argparse
import datetime
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import numpy as np

from . import dask_scale, gmm, gmm_data, gmm_peers, loops_peers, scalar_peers
from .gradbench import bench as gradbench_group
from .timing import measure

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GROUPS = ("gmm", "scalar", "loops", "compile", "memory", "gradbench", "dask")
# the loops group times each peer for this share of --budget per program (10 programs: about
# 3 minutes in all with the defaults)
LOOPS_BUDGET_SHARE = 0.1


class BenchError(Exception):
    """A peer disagreed with sct, or sct with the conformance values: the run stops."""


# ---------------------------------------------------------------------------- set-up of peers

def short_reason(err):
    text = str(err).strip().splitlines()
    text = next((line.strip() for line in text if line.strip() and set(line.strip()) != {"="}),
                "")
    return f"{type(err).__name__}: {text}"[:240]


def prepare(peers, case, reference, to_flat, tol, loose):
    """Make and check each peer. Returns ({key: call}, {key: reason it cannot run}).

    ``reference``: the flat gradient every peer must reproduce (ADBench's test, entry by entry,
    to ``tol``; central differences to ``loose``).  Raises BenchError on a disagreement.
    """
    calls, cannot = {}, {}
    for key, label, make in peers:
        try:
            call = make(case)
            result = call()
        except gmm_peers.CannotRun as err:
            cannot[key] = str(err)
            continue
        except Exception as err:  # noqa: BLE001  (any failure of a peer is its report)
            cannot[key] = short_reason(err)
            continue
        if reference is not None:
            got = to_flat(result)
            limit = loose if key == "central_differences" else tol
            if got.shape != reference.shape or not gmm_data.adbench_close(got, reference, limit):
                worst = np.max(np.abs(got - reference)) if got.shape == reference.shape else None
                raise BenchError(f"{label} disagrees with the reference on {case_name(case)}: "
                                 f"shape {got.shape} vs {reference.shape}, largest difference "
                                 f"{worst}")
        calls[key] = call
    return calls, cannot


def case_name(case):
    return getattr(case, "name", case)


OBJECTIVES = ("objective", "objective_path")       # GMM rows that time the objective itself


def check_conformance(peers):
    """Every GMM peer that runs must reproduce ADBench's values on gmm/test.txt."""
    inst = gmm_data.test_instance()
    value = gmm.gmm_objective(*inst.args)
    if not gmm_data.adbench_close(value, gmm_data.CONFORMANCE_OBJECTIVE):
        raise BenchError(f"the numpy objective gives {value!r} on gmm/test.txt, not "
                         f"{gmm_data.CONFORMANCE_OBJECTIVE!r}")
    grad_peers = [p for p in peers if p[0] not in OBJECTIVES]
    calls, cannot = prepare(grad_peers, inst, gmm_data.CONFORMANCE_GRADIENT, gmm_peers.to_flat,
                            1e-8, 1e-6)
    return sorted(calls), cannot


# ---------------------------------------------------------------------------- groups

def run_gmm(opts, log):
    peers = [p for p in gmm_peers.PEERS if p[0] in opts.peers or p[0] in OBJECTIVES + ("sct",)]
    labels = {key: label for key, label, _ in peers}
    passed, conformance_cannot = check_conformance(peers)
    log(f"gmm/test.txt conformance (1e-8): {', '.join(passed)}")
    out = {"conformance_passed": passed, "conformance_cannot": conformance_cannot,
           "labels": labels, "instances": {}}
    for name in opts.sizes:
        inst = gmm_data.load(name)
        log(f"gmm {name}: {inst.n_params} parameters, data from {display_source(inst.source)}")
        sct_flat = gmm_peers.to_flat(gmm_peers.make_sct(inst)())
        hand_flat = gmm_peers.to_flat(gmm_peers.make_numpy_hand(inst)())
        if not gmm_data.adbench_close(sct_flat, hand_flat):
            raise BenchError(f"sct's gradient disagrees with the hand-written one on {name}")
        t_obj = measure({"objective": gmm_peers.make_objective(inst)}, 3, 0.05, 1.0)
        fd_estimate = 2 * inst.n_params * t_obj["objective"][0]
        chosen, skipped = [], {}
        for peer in peers:
            if peer[0] == "central_differences" and fd_estimate > opts.fd_budget:
                skipped[peer[0]] = fd_estimate
            else:
                chosen.append(peer)
        calls, cannot = prepare([p for p in chosen if p[0] not in OBJECTIVES], inst, sct_flat,
                                gmm_peers.to_flat, 1e-8, 1e-5)
        objectives = {key: make(inst) for key, _, make in peers if key in OBJECTIVES}
        values = [f() for f in objectives.values()]
        if not np.allclose(values, values[0], rtol=1e-10, atol=0):
            raise BenchError(f"the objectives disagree on {name}: {values}")
        calls = {**objectives, **calls}
        log(f"  timing {', '.join(calls)}")
        times = measure(calls, opts.repeats, opts.min_block, opts.budget)
        out["instances"][name] = {
            "d": inst.d, "K": inst.K, "n": inst.n, "n_params": inst.n_params,
            "source": display_source(inst.source),
            "times": {k: v[0] for k, v in times.items()},
            "blocks": {k: v[1] for k, v in times.items()},
            "cannot": cannot, "estimated": skipped}
        for key in calls:
            log(f"  {key:22s} {fmt_time(times[key][0]):>10s}  "
                f"x{times[key][0] / times['objective'][0]:8.2f} objective")
    return out


def run_scalar(opts, log):
    peers = [p for p in scalar_peers.PEERS if p[0] in opts.peers or
             p[0] in ("function", "sct", "sct_forward")]
    out = {"labels": {key: label for key, label, _ in peers}, "cases": {}}
    for name in scalar_peers.CASES:
        reference = scalar_peers.to_flat(scalar_peers.make_sct(name)())
        grad_peers = [p for p in peers if p[0] not in ("function", "sct_forward")]
        calls, cannot = prepare(grad_peers, name, reference, scalar_peers.to_flat, 1e-8, 1e-6)
        # the forward-mode row: its directional derivative must be the gradient along the seeds
        fwd = scalar_peers.make_sct_forward(name)
        direction = scalar_peers.to_flat(scalar_peers.forward_seeds(name))
        value, tangent = fwd()
        if not gmm_data.adbench_close(np.dot(reference, direction), tangent):
            raise BenchError(f"sct.forward's tangent on {name} is {tangent!r}, the gradient "
                             f"along the seeds {np.dot(reference, direction)!r}")
        calls = {"function": scalar_peers.make_function(name), **calls, "sct_forward": fwd}
        log(f"scalar {name}: timing {', '.join(calls)}")
        times = measure(calls, opts.repeats, opts.min_block, opts.budget)
        out["cases"][name] = {"times": {k: v[0] for k, v in times.items()},
                              "blocks": {k: v[1] for k, v in times.items()}, "cannot": cannot}
        for key in calls:
            log(f"  {key:22s} {fmt_time(times[key][0]):>10s}  "
                f"x{times[key][0] / times['function'][0]:8.2f} function")
    return out


def run_loops(opts, log):
    """The loops group: per program, the function, then each peer's gradient, interleaved.

    Central differences are the independent check, always run once: sct's gradient must match
    them (to 1e-6), then every other peer sct's (to 1e-8).  Should sct refuse a program, the
    others are checked against central differences (to 1e-6) and sct's row says why.  Central
    differences whose one call took longer than --fd-budget are not timed again: their row is
    that one call.
    """
    peers = [p for p in loops_peers.PEERS if p[0] in opts.peers or p[0] in ("function", "sct")]
    by_key = {p[0]: p for p in loops_peers.PEERS}
    budget = opts.budget * LOOPS_BUDGET_SHARE
    out = {"labels": {key: label for key, label, _ in peers}, "budget": budget, "cases": {}}
    to_flat = loops_peers.to_flat
    for name in opts.loops:
        fd = loops_peers.make_central_differences(name)
        start = time.perf_counter()
        fd_flat = to_flat(fd())
        fd_seconds = time.perf_counter() - start
        calls, cannot = prepare([by_key["sct"]], name, fd_flat, to_flat, 1e-6, 1e-6)
        if "sct" in calls:
            reference, tol, against = to_flat(calls["sct"]()), 1e-8, "sct.grad"
        else:
            reference, tol, against = fd_flat, 1e-6, "central differences"
        others = [p for p in peers if p[0] not in ("function", "sct", "central_differences")]
        more, more_cannot = prepare(others, name, reference, to_flat, tol, 1e-6)
        calls.update(more)
        cannot.update(more_cannot)
        checked = [*calls, "central_differences"]
        single = {}
        if "central_differences" in out["labels"]:
            if fd_seconds > opts.fd_budget:
                single["central_differences"] = fd_seconds
            else:
                calls["central_differences"] = fd
        calls = {"function": loops_peers.make_function(name), **calls}
        log(f"loops {name}: checked {', '.join(checked)} (against {against}); "
            f"timing {', '.join(calls)}")
        times = measure(calls, opts.repeats, opts.min_block, budget)
        for key, seconds in single.items():
            times[key] = (seconds, 0)
        out["cases"][name] = {"times": {k: v[0] for k, v in times.items()},
                              "blocks": {k: v[1] for k, v in times.items()},
                              "cannot": cannot, "checked": checked, "against": against,
                              "single": sorted(single)}
        if "sct_jit" in calls and name in loops_peers.FIRST_CALL:
            out["cases"][name]["first_call"] = {"sct_jit": loops_peers.FIRST_CALL[name]}
            log(f"  {'sct_jit first call':22s} {fmt_time(loops_peers.FIRST_CALL[name]):>10s}")
        for key in times:
            log(f"  {key:22s} {fmt_time(times[key][0]):>10s}  "
                f"x{times[key][0] / times['function'][0]:8.2f} function")
        for key, reason in cannot.items():
            log(f"  {key:22s} {'' if reason.startswith('not run') else 'cannot run: '}{reason}")
    return out


def run_compile(opts, log):
    import sct
    source = (HERE / "gmm.py").read_text()
    out = {"transform": {}, "imports": {}, "peers": {}}
    for mode in ("forward", "reverse"):
        def transform(mode=mode):
            return sct.transform(source, name="gmm_objective", mode=mode, wrt=(0, 1, 2),
                                 filename=str(HERE / "gmm.py"))
        transform()
        times = measure({mode: transform}, opts.compile_repeats, 0.0, 30.0)
        out["transform"][mode] = times[mode][0]
        log(f"compile: sct.transform(gmm_objective, mode={mode!r}): "
            f"{fmt_time(times[mode][0])}")
    with tempfile.TemporaryDirectory(prefix="sct-bench-") as folder:
        write_import_modules(folder)
        for case in ("seed", "gmm"):
            for state in ("cold", "warm", "warm-nopyc"):
                # Python's default is to keep bytecode (__pycache__) of the cached module;
                # "warm-nopyc" is the same with PYTHONDONTWRITEBYTECODE=1, as some shells set
                pyc = {"PYTHONDONTWRITEBYTECODE": "1" if state == "warm-nopyc" else None}
                runs = []
                warm_dir = os.path.join(folder, f"cache-{case}-{state}")
                if state != "cold":
                    probe("import", folder, f"plain_{case}", f"decorated_{case}",
                          env={"SCT_CACHE_DIR": warm_dir, **pyc})
                for r in range(opts.compile_repeats):
                    cache = warm_dir if state != "cold" else os.path.join(
                        folder, f"cache-{case}-cold-{r}")
                    runs.append(probe("import", folder, f"plain_{case}", f"decorated_{case}",
                                      env={"SCT_CACHE_DIR": cache, **pyc}))
                cost = float(np.median([r["decorated"] - r["plain"] for r in runs]))
                out["imports"][f"{case}_{state}"] = {
                    "cost": cost, "plain": float(np.median([r["plain"] for r in runs])),
                    "runs": len(runs)}
                log(f"compile: import of decorated {case}, {state} cache: +{fmt_time(cost)}")
        out["in_process_warm"] = in_process_warm()
        log(f"compile: sct.grad of the seed, warm cache, in a process that has already "
            f"loaded one: {fmt_time(out['in_process_warm'])}")
        for peer in ("sct", "jax_jit", "tangent"):
            if peer not in opts.peers and peer != "sct":
                continue
            runs = []
            for r in range(max(1, opts.compile_repeats // 2)):
                env = {"SCT_CACHE_DIR": os.path.join(folder, f"first-{peer}-{r}"),
                       "TANGENT_CACHE_DIR": os.path.join(folder, f"first-{peer}-{r}")}
                try:
                    runs.append(probe("first-call", peer, "d10_K25_n1000", env=env))
                except BenchError as err:
                    out["peers"][peer] = {"error": str(err)}
                    break
            if runs:
                out["peers"][peer] = {
                    "first": float(np.median([r["first"] for r in runs])),
                    "second": float(np.median([r["second"] for r in runs])), "runs": len(runs)}
                log(f"compile: {peer} set-up and first call, d10_K25_n1000: "
                    f"{fmt_time(out['peers'][peer]['first'])}")
    return out


def run_memory(opts, log):
    keys = [k for k, _, _ in gmm_peers.PEERS if k not in ("central_differences", "objective_path")
            and (k in opts.peers or k in ("objective", "sct"))]
    out = {"instances": {}}
    for name in opts.memory_sizes:
        rows = {}
        for key in keys:
            try:
                rows[key] = probe("memory", key, name)
            except BenchError as err:
                rows[key] = {"error": str(err)}
        out["instances"][name] = rows
        log(f"memory {name}: " + ", ".join(
            f"{k} {fmt_bytes(r['tracemalloc_peak'])} traced, {fmt_bytes(r.get('rss_peak', 0))} rss"
            for k, r in rows.items() if "error" not in r) + " (objective first)")
    return out


def dask_max_iter(n):
    """EM iterations timed at n rows: 3, or 2 from 10^8 rows on (a pass takes minutes)."""
    return 2 if n >= 10 ** 8 else 3


def run_dask(opts, log):
    """The dask group (bench/dask_scale.py): per size, the threaded scheduler and a
    LocalCluster; at the smallest size also sct and scikit-learn on the materialised rows.
    Each run is a fresh process whose process tree's resident memory is sampled."""
    out = {"chunk_rows": opts.dask_chunk_rows, "workers": dask_scale.WORKERS,
           "error_factor": dask_scale.ERROR_FACTOR, "memory_n": opts.dask_sizes[0], "runs": []}
    start = time.perf_counter()
    for n in opts.dask_sizes:
        kinds = ["threads", "cluster"] + (["persisted", "memory", "sklearn"]
                                          if n == out["memory_n"] else [])
        for kind in [k for k in kinds if k in opts.dask_runs]:
            try:
                row = dask_scale.measure(kind, n, opts.dask_chunk_rows, dask_max_iter(n))
            except RuntimeError as err:
                raise BenchError(str(err)) from None
            out["runs"].append(row)
            log(f"dask n={n:.0e} {dask_scale.LABELS[kind]}: {fmt_time(row['iteration'])} per "
                f"iteration ({row['max_iter']} run), peak RSS {fmt_bytes(row['peak_rss'])}, "
                f"mean error {row['mean_error']:.2g} (standard error "
                f"{row['sampling_error']:.2g}); process {row['wall']:.1f} s")
    out["seconds"] = time.perf_counter() - start
    log(f"dask: {out['seconds']:.0f} s in all")
    return out


# ---------------------------------------------------------------------------- helpers

def in_process_warm():
    """Seconds for sct.grad of the seed function when its generated module is on disk and the
    process has loaded sct's cache before (sct's in-memory table of loaded modules cleared)."""
    import sct
    from sct import cache

    from . import scalar
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, False   # Python's default
    try:
        sct.grad(scalar.seed)

        def derive():
            cache._loaded.clear()
            sct.grad(scalar.seed)
        return measure({"warm": derive}, 21, 0.02, 5.0)["warm"][0]
    finally:
        sys.dont_write_bytecode = saved


def probe(*args, env=None):
    """Run ``python -m bench.probe ARGS`` in a fresh process; its JSON answer.  ``env`` holds
    variables to set, or to remove where the value is None."""
    full_env = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full_env.pop(key, None)
        else:
            full_env[key] = value
    full_env.setdefault("TANGENT_CACHE_DIR", tempfile.gettempdir())
    proc = subprocess.run([sys.executable, "-m", "bench.probe", *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        lines = [line for line in proc.stderr.strip().splitlines() if line.strip()]
        raise BenchError(f"probe {' '.join(args)} failed: {lines[-1] if lines else '?'}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


IMPORT_MODULES = {
    "seed": '''import math
{import_sct}

{decorator}
def f(x1, x2):
    return x1 * x2 + math.sin(x1)
''',
}


def write_import_modules(folder):
    """plain_X.py and decorated_X.py: the same functions without and with sct's decorator."""
    texts = {"seed": IMPORT_MODULES["seed"]}
    gmm_text = (HERE / "gmm.py").read_text()
    texts["gmm"] = gmm_text.replace("import numpy as np\n", "import numpy as np\n{import_sct}\n",
                                    1).replace("def gmm_objective(",
                                               "{decorator}\ndef gmm_objective(", 1)
    decorators = {"seed": "@sct.grad", "gmm": "@sct.grad(wrt=(0, 1, 2))"}
    for case, text in texts.items():
        for kind in ("plain", "decorated"):
            body = text.replace("{import_sct}", "import sct" if kind == "decorated" else "")
            body = body.replace("{decorator}\n", decorators[case] + "\n" if kind == "decorated"
                                else "")
            path = Path(folder) / f"{kind}_{case}.py"
            path.write_text(body)
    import compileall
    compileall.compile_dir(folder, quiet=1)


def display_source(source):
    path = Path(source)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        adbench = gmm_data.adbench_dir()
        if adbench is not None:
            try:
                return "ADBench data folder: " + str(path.resolve().relative_to(adbench))
            except ValueError:
                pass
        return source


def fmt_time(t):
    if t is None:
        return "—"
    if t >= 1:
        return f"{t:.3g} s"
    if t >= 1e-3:
        return f"{t * 1e3:.3g} ms"
    if t >= 1e-6:
        return f"{t * 1e6:.3g} µs"
    return f"{t * 1e9:.3g} ns"


def fmt_bytes(b):
    if b >= 1 << 20:
        return f"{b / (1 << 20):.1f} MiB"
    return f"{b / 1024:.0f} KiB"


def fmt_ratio(r):
    if r is None:
        return "—"
    if r >= 100:
        return f"{r:.0f}×"
    if r >= 10:
        return f"{r:.1f}×"
    return f"{r:.2f}×"


# ---------------------------------------------------------------------------- environment

def environment():
    env = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
           "python": platform.python_version(), "platform": platform.platform(),
           "machine": platform.machine(), "cores": os.cpu_count(), "cpu": cpu_model(),
           "memory": memory_total(), "load_before": load_average(),
           "openblas_env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE",
                                                            "OPENBLAS_L2_SIZE")},
           "threads_env": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS",
                                                           "OPENBLAS_NUM_THREADS",
                                                           "MKL_NUM_THREADS", "XLA_FLAGS")},
           "versions": {}, "blas": [], "git": git_state()}
    for module, dist in (("sct", "sct"), ("numpy", "numpy"), ("scipy", "scipy"),
                         ("jax", "jax"), ("jaxlib", "jaxlib"), ("torch", "torch"),
                         ("autograd", "autograd"), ("tangent", "tangent-ad"),
                         ("matplotlib", "matplotlib")):
        try:
            from importlib.metadata import version
            env["versions"][dist] = version(dist)
        except Exception:  # noqa: BLE001
            env["versions"][dist] = "not installed"
    try:
        import threadpoolctl
        env["blas"] = [{k: info.get(k) for k in ("internal_api", "version", "architecture",
                                                 "num_threads", "filepath")}
                       for info in threadpoolctl.threadpool_info()]
    except ImportError:
        env["blas"] = [{"internal_api": "threadpoolctl not installed"}]
    return env


def git_state():
    """The commit measured, and whether sct's sources differ from it."""
    def git(*args):
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else None
    commit = git("rev-parse", "--short", "HEAD")
    if commit is None:
        return "not a git checkout"
    dirty = git("status", "--porcelain", "--", "sct")
    return commit + (" with uncommitted changes in sct/" if dirty else "")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total():
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        return f"{kb / (1 << 20):.0f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def load_average():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# ---------------------------------------------------------------------------- report

def targets(results):
    """[(target, measured, met?)] for the targets of issues 6, 14, 15 and 17."""
    rows = []
    g = results.get("gmm")
    if g:
        worst = max(((inst["times"]["sct"] / inst["times"]["objective"], name)
                     for name, inst in g["instances"].items()), default=None)
        if worst:
            rows.append(("GMM: sct's gradient ≤ 3× the numpy objective at every size",
                         f"worst {fmt_ratio(worst[0])} ({worst[1]})", worst[0] <= 3))
        for name in ("d10_K25_n10000", "d64_K100_n1000"):
            inst = g["instances"].get(name)
            if not inst:
                continue
            for peer in ("jax_jit", "torch"):
                if peer in inst["times"]:
                    r = inst["times"][peer] / inst["times"]["sct"]
                    rows.append((f"GMM {name}: sct faster than {g['labels'][peer]}",
                                 f"{g['labels'][peer]} takes {fmt_ratio(r)} sct's time",
                                 r > 1))
                else:
                    rows.append((f"GMM {name}: sct faster than {g['labels'][peer]}",
                                 f"{g['labels'][peer]} cannot run: "
                                 f"{inst['cannot'].get(peer, 'not run')}", None))
    s = results.get("scalar")
    if s:
        for name, case in s["cases"].items():
            t = case["times"]
            r = t["sct"] / t["function"]
            rows.append((f"scalar {name}: sct.grad ≤ 4× the function per call",
                         fmt_ratio(r), r <= 4))
            need = 10 if scalar_peers.CASES[name][3] else 3
            # the AD tools of issue 6 (central differences call the function twice per
            # argument: a floor no derivative by program transformation can beat 3x)
            peers = [k for k in t if k not in ("function", "sct", "sct_forward",
                                               "central_differences")]
            if peers:
                slowest_margin = min((t[k] / t["sct"], k) for k in peers)
                rows.append((f"scalar {name}: sct.grad ≥ {need}× faster than each peer",
                             f"closest: {s['labels'][slowest_margin[1]]} at "
                             f"{fmt_ratio(slowest_margin[0])} sct's time",
                             slowest_margin[0] >= need))
    lp = results.get("loops")
    if lp and lp["cases"]:
        ratios = []
        for name, case in lp["cases"].items():
            t = case["times"]
            target = f"loops {name}: sct.grad ≤ 4× the function"
            if "sct" in t:
                ratios.append(t["sct"] / t["function"])
                rows.append((target, fmt_ratio(ratios[-1]), ratios[-1] <= 4))
            else:
                ratios.append(math.inf)
                rows.append((target, f"sct cannot run: {case['cannot'].get('sct', '?')}",
                             False))
        median = statistics.median(ratios)
        worst = max(zip(ratios, lp["cases"]))
        rows.append((f"loops: sct.grad ≤ 3× the function at the median of the "
                     f"{len(ratios)} programs",
                     f"median {fmt_ratio(median) if median < math.inf else 'cannot run'}; "
                     f"worst {fmt_ratio(worst[0]) if worst[0] < math.inf else 'cannot run'} "
                     f"({worst[1]})", median <= 3))
    c = results.get("compile")
    if c:
        for mode, t in c["transform"].items():
            rows.append((f"compile: GMM objective transforms ({mode}) in < 200 ms",
                         fmt_time(t), t < 0.2))
        for key in ("seed_warm", "gmm_warm", "seed_warm-nopyc", "gmm_warm-nopyc"):
            if key in c["imports"]:
                t = c["imports"][key]["cost"]
                case, state = key.split("_")
                rows.append((f"compile: a decorated function costs < 1 ms at import, warm "
                             f"cache ({case}{', PYTHONDONTWRITEBYTECODE=1' * (state != 'warm')})",
                             fmt_time(t), t < 1e-3))
    if results.get("gradbench"):
        rows += gradbench_group.targets(results["gradbench"])
    m = results.get("memory")
    if m:
        for name, rows_m in m["instances"].items():
            obj, sg = rows_m["objective"], rows_m.get("sct", {})
            if "tracemalloc_peak" in sg:
                r = sg["tracemalloc_peak"] / obj["tracemalloc_peak"]
                rows.append((f"memory {name}: GMM gradient peak ≤ 4× the objective's "
                             f"(tracemalloc)", fmt_ratio(r), r <= 4))
    if results.get("dask"):
        rows += dask_targets(results["dask"])
    return rows


def dask_memory_row(runs):
    """The in-memory sct run of the dask group, or None."""
    return next((r for r in runs if r["kind"] == "memory"), None)


def dask_ratio(row, memory):
    """A run's seconds per iteration times its cores, over sct's in-memory seconds per
    iteration scaled to the run's rows (None without an in-memory run)."""
    if memory is None:
        return None
    return (row["iteration"] * dask_scale.CORES[row["kind"]]) / (
        memory["iteration"] * row["n"] / memory["n"])


def dask_chunks_held(row, chunk_rows, workers):
    """A worker's peak resident memory less its memory before the fit, in chunks: for a
    LocalCluster the largest growth of one worker process (the client's and scheduler's
    process apart), for the threaded scheduler the process's growth over its threads."""
    chunk = chunk_rows * dask_scale.D * 8
    if row["kind"] == "cluster" and row.get("child_growth") is not None:
        return row["child_growth"] / chunk
    return (row["peak_rss"] - row["rss_before"]) / (chunk * workers)


def dask_targets(dk):
    rows, runs = [], dk["runs"]
    memory = dask_memory_row(runs)
    for kind in ("threads", "cluster", "persisted"):
        mine = [r for r in runs if r["kind"] == kind]
        if not mine:
            continue
        label = dask_scale.LABELS[kind]
        small, large = mine[0], mine[-1]
        growth = large["peak_rss"] / small["peak_rss"]
        if kind != "persisted":         # held in memory by design: one size only
            rows.append((f"dask ({label}): peak RSS of the process tree independent of n "
                         f"(≤ 1.25× from n = {small['n']:.0e} to {large['n']:.0e})",
                         f"{fmt_bytes(small['peak_rss'])} → {fmt_bytes(large['peak_rss'])} "
                         f"({fmt_ratio(growth)})", growth <= 1.25))
        held = max(dask_chunks_held(r, dk["chunk_rows"], dk["workers"]) for r in mine)
        whose = ("the largest worker process's" if kind == "cluster" else
                 "the process's, over its threads:")
        rows.append((f"dask ({label}): no more than 4 chunks per worker in memory ({whose} "
                     f"peak minus its resident memory before the fit)",
                     f"worst {held:.1f} chunks", held <= 4))
        ratios = [(dask_ratio(r, memory), r["n"]) for r in mine]
        if memory is not None:
            worst = max(ratios)
            rows.append((f"dask ({label}): an EM iteration × {dask_scale.CORES[kind]} cores ≤ "
                         f"1.5× sct's in-memory iteration at n = {memory['n']:.0e} (per row)",
                         f"worst {fmt_ratio(worst[0])} (n = {worst[1]:.0e})", worst[0] <= 1.5))
    worst = max((r["mean_error"] / r["sampling_error"], r["n"], r["kind"]) for r in runs)
    rows.append((f"dask: recovered means within {dk['error_factor']} standard errors of the "
                 f"true ones at every n", f"worst {worst[0]:.2f} standard errors (n = "
                 f"{worst[1]:.0e}, {dask_scale.LABELS[worst[2]]})",
                 worst[0] <= dk["error_factor"]))
    return rows


def dask_tables(dk):
    memory = dask_memory_row(dk["runs"])
    chunk_mb = dk["chunk_rows"] * dask_scale.D * 8 / 1e6
    out = ["## Dask: larger than memory", "",
           f"`GaussianMixture({dask_scale.K})`, full covariances, on rows drawn chunk by chunk "
           f"from a known mixture (d = {dask_scale.D}, K = {dask_scale.K}; "
           "`sct.mixture.mixture_samples`, never materialised: each pass over the data draws "
           f"its chunks again), {dk['chunk_rows']} rows ({chunk_mb:.3g} MB) per chunk. Dask "
           f"runs on {dk['workers']} cores: the threaded scheduler with {dk['workers']} threads, "
           f"or a LocalCluster of {dk['workers']} worker processes of one thread; the in-memory "
           f"rows (n = {dk['memory_n']:.0e}, the same rows materialised) on one core. Every "
           "process runs BLAS on one thread. Each fit starts from the same given parameters "
           "near the truth and runs a fixed number of EM iterations (`tol=0`); \"s / "
           "iteration\" is the median of the time lapses `verbose=2` prints per iteration (the "
           "first left out when there are three or more). \"× in memory per core\": seconds "
           "per iteration × cores, over sct's in-memory seconds per iteration scaled to the "
           "same rows. Peak RSS: the process and its children (the cluster's workers), sampled "
           f"every {dask_scale.SAMPLE_SECONDS * 1e3:.0f} ms; \"before fit\" is the tree's resident "
           "memory once modules, cluster and in-memory data are ready; \"chunks per worker\": "
           "for the LocalCluster the largest growth of one worker process from then to its "
           "peak (the client's and the scheduler's process apart), else the process's growth "
           "over its threads, in chunks. \"fit\": the whole "
           "`fit` call, which also makes one pass of its own over the chunks to look for NaN "
           "and infinity. Mean error: the largest coordinate error of the recovered means, "
           "beside the standard error of the worst-determined coordinate "
           "(sqrt(max variance / (n weight_k)), the largest over k).", "",
           "| n | run | cores | iterations | s / iteration | rows / s | × in memory per core "
           "| fit | peak RSS | before fit | chunks per worker | mean error | standard error "
           "| error ÷ s.e. |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
           "| ---: | ---: |"]
    for r in dk["runs"]:
        ratio = dask_ratio(r, memory)
        out.append(f"| {r['n']:.0e} | {dask_scale.LABELS[r['kind']]} | "
                   f"{dask_scale.CORES[r['kind']]} | {r['max_iter']} | "
                   f"{fmt_time(r['iteration'])} | {r['n'] / r['iteration']:.3g} | "
                   f"{fmt_ratio(ratio)} | {fmt_time(r['fit'])} | {fmt_bytes(r['peak_rss'])} | "
                   f"{fmt_bytes(r['rss_before'])} | "
                   f"{dask_chunks_held(r, dk['chunk_rows'], dk['workers']):.1f} | "
                   f"{r['mean_error']:.2g} | "
                   f"{r['sampling_error']:.2g} | {r['mean_error'] / r['sampling_error']:.2f} |")
    out += ["", f"The group took {dk['seconds']:.0f} s.", ""]
    return out


def report(results, opts):
    env = results["environment"]
    lines = ["# sct benchmark results", "",
             "Written by `make bench` (`python -m bench`); do not edit by hand. "
             "Every figure of a table comes from the one run described here, as the median of "
             "repeated timings (blocks of calls, all the peers of a table interleaved). "
             "Ratios travel between machines better than times.", "",
             "## Machine and libraries", "",
             f"- date: {env['date']}; command: `{results['command']}`"
             f"{' (quick run)' if opts.quick else ''}; sct at {env.get('git')}",
             f"- CPU: {env['cpu']} ({env['machine']}), {env['cores']} cores, {env['memory']}; "
             f"{env['platform']}",
             f"- load average before / after the run: {env['load_before']} / "
             f"{env.get('load_after')} (other jobs shared the machine; see the method notes)",
             f"- Python {env['python']}; " + ", ".join(
                 f"{k} {v}" for k, v in env["versions"].items()),
             "- numpy's BLAS: " + "; ".join(
                 f"{b.get('internal_api')} {b.get('version')}, kernel {b.get('architecture')}, "
                 f"{b.get('num_threads')} threads" for b in env["blas"]),
             "- OpenBLAS settings during the run: " + ", ".join(
                 f"{k}={'unset' if v is None else v}" for k, v in env["openblas_env"].items()),
             "- threads: " + ", ".join(f"{k}={'unset' if v is None else v}"
                                       for k, v in env["threads_env"].items())
             + f"; PyTorch intra-op threads {env.get('torch_threads')}",
             ""]
    rows = targets(results)
    if rows:
        lines += ["## Targets (issues 6, 14, 15 and 17)", "", "| target | measured | met |",
                  "| --- | --- | --- |"]
        for target, measured, met in rows:
            lines.append(f"| {target} | {measured} | "
                         f"{'yes' if met else ('no' if met is False else 'n/a')} |")
        lines.append("")
    if "gmm" in results:
        lines += gmm_tables(results["gmm"])
    if "scalar" in results:
        lines += scalar_tables(results["scalar"])
    if "loops" in results:
        lines += loops_tables(results["loops"])
    if "compile" in results:
        lines += compile_tables(results["compile"])
    if "memory" in results:
        lines += memory_tables(results["memory"], results.get("gmm"))
    if "gradbench" in results:
        lines += gradbench_group.tables(results["gradbench"])
    if "dask" in results:
        lines += dask_tables(results["dask"])
    lines += method_notes(results)
    return "\n".join(lines) + "\n"


def gmm_tables(g):
    labels = g["labels"]
    out = ["## GMM gradient", "",
           "ADBench's GMM objective (`bench/gmm.py`), gradient with respect to alphas, means "
           "and icf. \"× objective\" is the time over the numpy objective's own time; "
           "\"× sct\" over `sct.grad`'s. Every peer first reproduced ADBench's 18 gradient "
           "values on gmm/test.txt to 1e-8 "
           f"({', '.join(labels[k] for k in g['conformance_passed'])}) and sct's gradient on "
           "each instance below (central differences to 1e-5).", ""]
    names = list(g["instances"])
    if names:
        out += ["Summary, gradient time ÷ objective time:", "",
                "| peer | " + " | ".join(names) + " |",
                "| --- |" + " --- |" * len(names)]
        for key, label in labels.items():
            if key == "objective":
                continue
            cells = []
            for name in names:
                inst = g["instances"][name]
                if key in inst["times"]:
                    cells.append(fmt_ratio(inst["times"][key] / inst["times"]["objective"]))
                elif key in inst["estimated"]:
                    cells.append(f"~{fmt_ratio(inst['estimated'][key] / inst['times']['objective'])}"
                                 " (estimate)")
                else:
                    cells.append("cannot run")
            out.append(f"| {label} | " + " | ".join(cells) + " |")
        out.append("")
    for name, inst in g["instances"].items():
        t_obj, t_sct = inst["times"]["objective"], inst["times"].get("sct")
        out += [f"### {name} (d = {inst['d']}, K = {inst['K']}, n = {inst['n']}, "
                f"{inst['n_params']} parameters; data: {inst['source']})", "",
                "| peer | time per call | × objective | × sct | blocks timed |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for key, label in labels.items():
            if key in inst["times"]:
                t = inst["times"][key]
                out.append(f"| {label} | {fmt_time(t)} | {fmt_ratio(t / t_obj)} | "
                           f"{fmt_ratio(t / t_sct) if t_sct else '—'} | {inst['blocks'][key]} |")
            elif key in inst["estimated"]:
                t = inst["estimated"][key]
                out.append(f"| {label} | not run: ~{fmt_time(t)} estimated "
                           f"(2 × {inst['n_params']} objective calls) | ~{fmt_ratio(t / t_obj)} "
                           f"| ~{fmt_ratio(t / t_sct)} | — |")
            else:
                out.append(f"| {label} | cannot run: {md(inst['cannot'].get(key, '?'))} "
                           "| — | — | — |")
        out.append("")
    return out


def scalar_tables(s):
    labels = s["labels"]
    out = ["## Scalar code", "",
           "Time per derivative call (`bench/scalar.py`); \"× function\" is the time over one "
           "call of the function itself, \"× sct\" over `sct.grad`'s. Each peer's gradient "
           "first matched sct's (central differences to 1e-6); the `sct.forward` row computes "
           "one directional derivative (checked against the gradient).", "",
           "Summary, derivative time ÷ function time:", "",
           "| peer | " + " | ".join(s["cases"]) + " |",
           "| --- |" + " --- |" * len(s["cases"])]
    for key, label in labels.items():
        if key == "function":
            continue
        cells = []
        for case in s["cases"].values():
            t = case["times"]
            cells.append(fmt_ratio(t[key] / t["function"]) if key in t else "cannot run")
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    out.append("")
    for name, case in s["cases"].items():
        t = case["times"]
        out += [f"### {name}: {scalar_peers.DESCRIPTIONS[name]}", "",
                "| peer | time per call | × function | × sct | blocks timed |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for key, label in labels.items():
            if key in t:
                out.append(f"| {label} | {fmt_time(t[key])} | "
                           f"{fmt_ratio(t[key] / t['function'])} | "
                           f"{fmt_ratio(t[key] / t['sct'])} | {case['blocks'][key]} |")
            else:
                out.append(f"| {label} | cannot run: {md(case['cannot'].get(key, '?'))} "
                           "| — | — | — |")
        out.append("")
    return out


def loops_tables(lp):
    labels = lp["labels"]
    peers = [k for k in labels if k != "function"]
    first_calls = any(case.get("first_call") for case in lp["cases"].values())
    out = ["## Loops", "",
           "The gradient of loop-heavy programs (`bench/loops.py`), one row per program: the "
           "function's time per call, then each peer's time per gradient and, in brackets, "
           "that time over the function's. Before timing, sct's gradient matched central "
           "differences (to 1e-6, ADBench's measure) and every other peer's matched sct's (to "
           "1e-8); the JAX and PyTorch rows run ports of the programs (bench/loops_peers.py), "
           "tangent-ad the programs themselves. Each peer's blocks took about "
           f"{lp['budget']:.2g} s per program.", "",
           "| program | function | " + " | ".join(labels[k] for k in peers) +
           (" | sct.grad(jit=True) first call" if first_calls else "") + " |",
           "| --- | ---: |" + " ---: |" * (len(peers) + bool(first_calls))]
    notes = {}                  # (peer, reason) -> the programs
    for name, case in lp["cases"].items():
        t = case["times"]
        cells = [fmt_time(t["function"])]
        for key in peers:
            if key in t:
                one = " (one call)" if key in case.get("single", ()) else ""
                cells.append(f"{fmt_time(t[key])}{one} ({fmt_ratio(t[key] / t['function'])})")
            else:
                reason = case["cannot"].get(key, "not run")
                kind = "not run" if reason.startswith("not run") else "cannot run"
                cells.append(kind)
                notes.setdefault((key, reason), []).append(name)
        if first_calls:
            first = case.get("first_call", {}).get("sct_jit")
            cells.append(fmt_time(first) if first is not None else "")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out.append("")
    if first_calls:
        out += ["sct.grad(jit=True): warm calls, numba's code for the arguments' types compiled; "
                "its first call (numba compiling the derivative, or loading it from numba's "
                "cache on disk if an earlier run left it there) in the last column.", ""]
    if any(case.get("against") != "sct.grad" for case in lp["cases"].values()):
        out += ["Where sct cannot run a program, the other peers were checked against central "
                "differences (to 1e-6) instead: " + ", ".join(
                    name for name, case in lp["cases"].items()
                    if case.get("against") != "sct.grad") + ".", ""]
    if any(case.get("single") for case in lp["cases"].values()):
        out += ["\"(one call)\": central differences above `--fd-budget` seconds are timed by "
                "their one check call alone.", ""]
    if notes:
        out += ["Peers that do not run a program, and why:", ""]
        out += [f"- {labels[key]} ({', '.join(names)}): {md(reason)}"
                for (key, reason), names in sorted(notes.items(), key=lambda n: (
                    peers.index(n[0][0]), list(lp["cases"]).index(n[1][0])))]
        out.append("")
    out += ["The programs:", ""]
    out += [f"- {name}: {loops_peers.DESCRIPTIONS[name]}" for name in lp["cases"]]
    out.append("")
    return out


def compile_tables(c):
    out = ["## Compile cost", "",
           "| what | time |", "| --- | ---: |"]
    for mode, t in c["transform"].items():
        out.append(f"| `sct.transform` of the GMM objective, {mode} mode, wrt (alphas, means, "
                   f"icf); median | {fmt_time(t)} |")
    names = {"seed": "the seed function, `@sct.grad`",
             "gmm": "the GMM objective, `@sct.grad(wrt=(0, 1, 2))`"}
    states = {"cold": "cold cache", "warm": "warm cache",
              "warm-nopyc": "warm cache with PYTHONDONTWRITEBYTECODE=1 (the cached module "
                            "compiled from source at every import)"}
    for key, row in c["imports"].items():
        case, state = key.split("_")
        out.append(f"| import of a module defining {names[case]}, {states[state]}, in a fresh "
                   f"process, minus the same module undecorated ({fmt_time(row['plain'])}); "
                   f"median of {row['runs']} processes | {fmt_time(row['cost'])} |")
    if "in_process_warm" in c:
        out.append("| `sct.grad` of the seed function, warm cache, in a process that has "
                   "already loaded a generated module (the fresh process's one-time costs "
                   f"excluded) | {fmt_time(c['in_process_warm'])} |")
    peer_names = {"sct": "`sct.grad` (empty cache: transform, write, import)",
                  "jax_jit": "`jax.jit(jax.grad)` (trace and XLA compile)",
                  "tangent": "`tangent.grad` (empty disk cache: transform)"}
    for peer, row in c["peers"].items():
        if "error" in row:
            out.append(f"| {peer_names[peer]}, set-up and first call | cannot run: "
                       f"{md(row['error'])} |")
        else:
            out.append(f"| {peer_names[peer]}: set-up and first call on d10_K25_n1000 "
                       f"(a later call: {fmt_time(row['second'])}); median of {row['runs']} "
                       f"processes | {fmt_time(row['first'])} |")
    out.append("")
    return out


UNTRACED = ("jax_jit", "jax", "torch")   # their buffers bypass tracemalloc


def memory_tables(m, g):
    out = ["## Memory", "",
           "Peak memory of one call (after a first one), each in a fresh process: tracemalloc's "
           "peak (numpy's buffers are traced, JAX's and PyTorch's are not: \"n/a\") and the "
           "rise of the resident set (VmHWM after the peak is reset; a ratio only where the "
           "objective's rise is at least 1 MiB: below that, freed memory is reused and the "
           "figure says little). Ratios are to the numpy objective.", ""]
    for name, rows in m["instances"].items():
        obj = rows["objective"]
        out += [f"### {name}", "",
                "| peer | tracemalloc peak | × objective | RSS rise | × objective |",
                "| --- | ---: | ---: | ---: | ---: |"]
        labels = dict((k, label) for k, label, _ in gmm_peers.PEERS)
        for key, row in rows.items():
            if "error" in row:
                out.append(f"| {labels[key]} | cannot run: {md(row['error'])} | — | — | — |")
                continue
            traced = row["tracemalloc_peak"]
            traced_ok = key not in UNTRACED
            rss, rss_obj = row.get("rss_peak"), obj.get("rss_peak")
            rss_ok = rss is not None and rss_obj is not None and rss_obj >= 1 << 20
            out.append(
                f"| {labels[key]} | {fmt_bytes(traced) if traced_ok else 'n/a'} | "
                f"{fmt_ratio(traced / obj['tracemalloc_peak']) if traced_ok else 'n/a'} | "
                f"{fmt_bytes(rss) if rss is not None else '—'} | "
                f"{fmt_ratio(rss / rss_obj) if rss_ok else '—'} |")
        out.append("")
    return out


def method_notes(results):
    return ["## Method", "",
            "- Per-call times: each peer's calls are grouped into blocks of at least "
            f"{results['options']['min_block'] * 1e3:.0f} ms (one call when a call is longer), "
            "the garbage collector off during a block; the blocks of all the peers of a table "
            f"are interleaved, up to {results['options']['repeats']} per peer or about "
            f"{results['options']['budget']:.0f} s of blocks per peer, and the median is kept.",
            "- Set-up is not timed: `sct.grad` is compiled once (its cost is in Compile cost), "
            "`jax.jit` has compiled on the check call, PyTorch's parameters are leaf tensors "
            "made once, JAX's inputs are JAX arrays made once.",
            "- Central differences: two objective calls per parameter; where that would take "
            "longer than the budget the time is estimated from the objective's time and marked.",
            "- JAX runs with `jax_enable_x64` (float64, as every other peer). Every library "
            f"runs on {results['options'].get('threads', '1')} thread(s) (`--threads`: BLAS, "
            "OpenMP and so PyTorch, XLA): on this 2-core machine shared with other jobs, "
            "PyTorch with 2 OpenMP threads ran the GMM gradient 10× slower than with one, and "
            "no library was faster with two.",
            "- The machine is shared with other jobs (see the load average above): between two "
            "full runs the GMM ratios moved by 10–20 %, those of the microsecond-scale scalar "
            "cases by up to 2×; ratios within one table are steadier than times.",
            "- Raw numbers: `results.json` beside this file; plot: `results.png`.", ""]


def md(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def plot(results, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = [k for k in ("gmm", "scalar", "loops") if k in results]
    if not panels:
        return
    fig, axes = plt.subplots(len(panels), 1, figsize=(12, 4.2 * len(panels)), squeeze=False)
    for ax, key in zip(axes[:, 0], panels):
        data = results[key]
        if key == "gmm":
            cases, base = data["instances"], "objective"
            title = "GMM gradient: time ÷ numpy objective time (lower is better)"
        else:
            cases, base = data["cases"], "function"
            title = ("Scalar code" if key == "scalar" else "Loops") + (
                ": derivative time ÷ function time (lower is better; × at 1: cannot run)")
        peers = [k for k in data["labels"] if k != base]
        width = 0.8 / len(peers)
        for i, peer in enumerate(peers):
            xs, ys, missing = [], [], []
            for j, case in enumerate(cases.values()):
                t = case["times"]
                x = j + (i - (len(peers) - 1) / 2) * width
                if peer in t:
                    xs.append(x)
                    ys.append(t[peer] / t[base])
                elif peer in case.get("cannot", {}):
                    missing.append(x)
            bars = ax.bar(xs, ys, width, label=data["labels"][peer],
                          edgecolor="black" if peer == "sct" else None,
                          linewidth=1.5 if peer == "sct" else 0)
            for x in missing:        # a peer that cannot run the case: a cross at the axis
                ax.plot([x], [1.0], marker="x", color=bars.patches[0].get_facecolor()
                        if bars.patches else "black", markersize=7)
        ax.set_yscale("log")
        ax.axhline(1.0, color="grey", linewidth=0.8)
        ax.set_xticks(range(len(cases)))
        ax.set_xticklabels(list(cases))
        ax.set_title(title)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        ax.grid(axis="y", which="both", alpha=0.3)
    fig.suptitle(f"sct benchmarks — {results['environment']['cpu']}, "
                 f"{results['environment']['date'][:10]}", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true",
                   help="a short run: small GMM sizes, few repeats; writes bench/quick/")
    p.add_argument("--groups", default=",".join(GROUPS),
                   help=f"comma-separated groups to run (default: all of {', '.join(GROUPS)})")
    p.add_argument("--sizes", help="comma-separated GMM instances (default: all of "
                   f"{', '.join(gmm_data.INSTANCES)}; quick: {', '.join(gmm_data.QUICK)})")
    p.add_argument("--peers", help="comma-separated peers besides sct and the function itself "
                   "(default: all)")
    p.add_argument("--repeats", type=int, help="blocks timed per peer (default 21, quick 5)")
    p.add_argument("--min-block", type=float, help="seconds per block (default 0.1, quick 0.02)")
    p.add_argument("--budget", type=float,
                   help="seconds of blocks per peer and table (default 20, quick 2)")
    p.add_argument("--fd-budget", type=float,
                   help="largest estimated seconds per central-differences gradient that is "
                   "run rather than estimated (default 5, quick 0.5)")
    p.add_argument("--threads", default="1",
                   help="threads for every library: BLAS, OpenMP, PyTorch, XLA (default 1; "
                   "read by bench/__main__.py before numpy is imported)")
    p.add_argument("--evals", help="comma-separated GradBench evals of the gradbench group "
                   f"(default: all of {', '.join(gradbench_group.EVALS)})")
    p.add_argument("--loops", help="comma-separated programs of the loops group (default: all "
                   f"of {', '.join(loops_peers.CASES)})")
    p.add_argument("--dask-sizes", help="comma-separated row counts of the dask group "
                   "(default 1e6,1e7,1e8; quick 2e4,4e4); the first also runs in memory")
    p.add_argument("--dask-chunk-rows", type=float, help="rows per chunk of the dask group "
                   f"(default {dask_scale.CHUNK_ROWS}, quick 5000)")
    p.add_argument("--dask-runs", default=",".join(dask_scale.KINDS),
                   help="comma-separated runs of the dask group: threads, cluster (at every "
                   "size), memory, sklearn (at the first; default: all)")
    p.add_argument("--out", help="output folder (default bench/, quick: bench/quick/)")
    opts = p.parse_args(argv)
    quick = opts.quick
    opts.groups = [g for g in opts.groups.split(",") if g]
    for g in opts.groups:
        if g not in GROUPS:
            p.error(f"unknown group {g!r}")
    opts.sizes = opts.sizes.split(",") if opts.sizes else (
        list(gmm_data.QUICK) if quick else list(gmm_data.INSTANCES))
    for s in opts.sizes:
        if s not in gmm_data.INSTANCES:
            p.error(f"unknown GMM instance {s!r}")
    all_peers = ({k for k, _, _ in gmm_peers.PEERS} | {k for k, _, _ in scalar_peers.PEERS} |
                 {k for k, _, _ in loops_peers.PEERS})
    opts.peers = set(opts.peers.split(",")) if opts.peers else all_peers
    opts.repeats = opts.repeats or (5 if quick else 21)
    opts.min_block = opts.min_block if opts.min_block is not None else (0.02 if quick else 0.1)
    opts.budget = opts.budget or (2.0 if quick else 20.0)
    opts.fd_budget = opts.fd_budget if opts.fd_budget is not None else (0.5 if quick else 5.0)
    opts.compile_repeats = 3 if quick else 9
    opts.memory_sizes = [s for s in opts.sizes if s in (
        gmm_data.QUICK if quick else gmm_data.INSTANCES)]
    opts.gradbench_evals = opts.evals.split(",") if opts.evals else list(gradbench_group.EVALS)
    for e in opts.gradbench_evals:
        if e not in gradbench_group.EVALS:
            p.error(f"unknown GradBench eval {e!r}")
    opts.gradbench_runs = 1 if quick else 3         # GradBench's own --min-runs 3
    opts.gradbench_seconds = 0.0 if quick else 0.5
    opts.loops = opts.loops.split(",") if opts.loops else list(loops_peers.CASES)
    for name in opts.loops:
        if name not in loops_peers.CASES:
            p.error(f"unknown loops program {name!r}")
    try:
        opts.dask_sizes = sorted(int(float(v)) for v in (
            opts.dask_sizes or ("2e4,4e4" if quick else "1e6,1e7,1e8")).split(",") if v)
    except ValueError:
        p.error(f"--dask-sizes: row counts expected, got {opts.dask_sizes!r}")
    opts.dask_chunk_rows = int(opts.dask_chunk_rows or (5000 if quick else dask_scale.CHUNK_ROWS))
    if not opts.dask_sizes or opts.dask_sizes[0] < 2 * dask_scale.K or opts.dask_chunk_rows < 1:
        p.error("--dask-sizes and --dask-chunk-rows: at least 10 rows, at least 1 per chunk")
    opts.dask_runs = [k for k in opts.dask_runs.split(",") if k]
    for k in opts.dask_runs:
        if k not in dask_scale.KINDS:
            p.error(f"unknown dask run {k!r}: one of {', '.join(dask_scale.KINDS)}")
    opts.out = Path(opts.out) if opts.out else (HERE / "quick" if quick else HERE)
    return opts


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    opts = parse_args(argv)
    os.environ.setdefault("SCT_CACHE_DIR", tempfile.mkdtemp(prefix="sct-bench-cache-"))
    os.environ.setdefault("TANGENT_CACHE_DIR", tempfile.mkdtemp(prefix="tangent-bench-cache-"))
    start = time.time()

    def log(text):
        print(f"[{time.time() - start:7.1f}s] {text}", flush=True)

    results = {"command": "python -m bench " + " ".join(argv), "environment": environment(),
               "options": {"repeats": opts.repeats, "min_block": opts.min_block,
                           "budget": opts.budget, "fd_budget": opts.fd_budget,
                           "quick": opts.quick, "threads": opts.threads}}
    env = results["environment"]
    log(f"numpy {env['versions']['numpy']}, BLAS " + "; ".join(
        f"{b.get('internal_api')} {b.get('architecture')}" for b in env["blas"]))
    runners = {"gmm": run_gmm, "scalar": run_scalar, "loops": run_loops,
               "compile": run_compile, "memory": run_memory, "gradbench": gradbench_group.run,
               "dask": run_dask}
    try:
        for group in opts.groups:
            results[group] = runners[group](opts, log)
    except BenchError as err:
        print(f"bench: FAILED: {err}", file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        return 1
    env["load_after"] = load_average()
    torch = sys.modules.get("torch")                # read once PyTorch has run, if it has
    env["torch_threads"] = torch.get_num_threads() if torch else "not loaded"
    opts.out.mkdir(parents=True, exist_ok=True)
    (opts.out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n")
    (opts.out / "RESULTS.md").write_text(report(results, opts))
    try:
        plot(results, opts.out / "results.png")
    except ImportError as err:
        log(f"no plot: {err}")
    log(f"wrote {opts.out / 'RESULTS.md'}, results.json, results.png")
    return 0
