"""Smoke test of the benchmark suite (bench/): the GMM objective and the gradients of sct and
of the peers in the dev environment against ADBench's conformance values, and a tiny run of the
harness.  The heavy peers (JAX, PyTorch, tangent-ad) are checked by the harness itself, against
sct, before it times them (make bench)."""
import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.special import multigammaln

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import gmm, gmm_data, gmm_peers, loops_peers, run, scalar_peers  # noqa: E402

import sct  # noqa: E402


@pytest.fixture(scope="module")
def test_case():
    return gmm_data.test_instance()


def conforms(grads):
    return gmm_data.adbench_close(gmm_data.flat(grads), gmm_data.CONFORMANCE_GRADIENT)


def test_objective_reproduces_adbench(test_case):
    value = gmm.gmm_objective(*test_case.args)
    assert gmm_data.adbench_close(value, gmm_data.CONFORMANCE_OBJECTIVE)
    assert abs(value - gmm_data.CONFORMANCE_OBJECTIVE) < 1e-9


@pytest.mark.parametrize("d", [1, 2, 3, 10, 20, 64, 128])
@pytest.mark.parametrize("m", [0, 2])
def test_log_mvgamma_is_scipys(d, m):
    a = 0.5 * (d + m + 1)
    assert math.isclose(gmm.log_mvgamma(a, d), multigammaln(a, d), rel_tol=1e-11, abs_tol=1e-11)


def test_sct_gradient_reproduces_adbench(test_case):
    g = sct.grad(gmm.gmm_objective, wrt=(0, 1, 2))
    grads = g(*test_case.args)
    assert [np.shape(x) for x in grads] == [(3,), (3, 2), (3, 3)]
    assert conforms(grads)


def test_sct_value_and_gradient(test_case):
    value, grads = sct.value_and_grad(gmm.gmm_objective, wrt=(0, 1, 2))(*test_case.args)
    assert gmm_data.adbench_close(value, gmm_data.CONFORMANCE_OBJECTIVE)
    assert conforms(grads)


@pytest.mark.parametrize("peer", ["numpy_hand", "central_differences", "autograd"])
def test_dev_peers_reproduce_adbench(test_case, peer):
    make = {key: make for key, _, make in gmm_peers.PEERS}[peer]
    assert gmm_data.adbench_close(gmm_peers.to_flat(make(test_case)()),
                                  gmm_data.CONFORMANCE_GRADIENT)


def test_sct_matches_hand_written_gradient_on_an_adbench_file():
    inst = gmm_data.load("d2_K5_n1000")
    assert (inst.d, inst.K, inst.n) == (2, 5, 1000)
    sct_flat = gmm_peers.to_flat(gmm_peers.make_sct(inst)())
    hand_flat = gmm_peers.to_flat(gmm_peers.make_numpy_hand(inst)())
    assert sct_flat.shape == (inst.n_params,)
    assert gmm_data.adbench_close(sct_flat, hand_flat, 1e-10)


def test_instances_have_their_sizes():
    for name, (d, K, n, _, _) in gmm_data.INSTANCES.items():
        inst = gmm_data.load(name)
        assert inst.alphas.shape == (K,) and inst.means.shape == (K, d)
        assert inst.icf.shape == (K, d * (d + 1) // 2) and inst.x.shape == (n, d)
        assert (inst.wishart_gamma, inst.wishart_m) == (1.0, 0)
    # the 1k points of d10 K25 are the first 1000 of the 10k file, as in ADBench
    small, large = gmm_data.load("d10_K25_n1000"), gmm_data.load("d10_K25_n10000")
    assert np.array_equal(small.x, large.x[:1000]) and np.array_equal(small.icf, large.icf)


def test_wishart_constant_is_scipys_on_a_larger_instance():
    inst = gmm_data.load("d20_K25_n1000")
    d, N = inst.d, inst.d + inst.wishart_m + 1
    ours = N * d * (math.log(inst.wishart_gamma) - 0.5 * math.log(2)) - gmm.log_mvgamma(0.5 * N, d)
    scipys = gmm_peers.wishart_constant(d, inst.wishart_gamma, inst.wishart_m)
    assert math.isclose(ours, scipys, rel_tol=1e-12)


def test_scalar_cases_agree_with_central_differences():
    for name in scalar_peers.CASES:
        sct_flat = scalar_peers.to_flat(scalar_peers.make_sct(name)())
        fd = scalar_peers.to_flat(scalar_peers.make_central_differences(name)())
        assert gmm_data.adbench_close(sct_flat, fd, 1e-6), name
        auto = scalar_peers.to_flat(scalar_peers.make_autograd(name)())
        assert gmm_data.adbench_close(sct_flat, auto, 1e-12), name


def test_harness_stops_on_a_peer_that_disagrees(test_case):
    wrong = ("wrong", "a wrong gradient", lambda inst: lambda: (np.zeros(3), np.zeros((3, 2)),
                                                                np.ones((3, 3))))
    with pytest.raises(run.BenchError, match="a wrong gradient disagrees"):
        run.prepare([wrong], test_case, gmm_data.CONFORMANCE_GRADIENT, gmm_peers.to_flat,
                    1e-8, 1e-6)


def test_harness_reports_a_peer_that_cannot_run(test_case):
    def broken(inst):
        raise gmm_peers.CannotRun("needs a GPU")
    calls, cannot = run.prepare([("broken", "broken", broken), *[
        p for p in gmm_peers.PEERS if p[0] == "numpy_hand"]], test_case,
        gmm_data.CONFORMANCE_GRADIENT, gmm_peers.to_flat, 1e-8, 1e-6)
    assert list(calls) == ["numpy_hand"] and cannot == {"broken": "needs a GPU"}


def test_quick_run_of_the_harness_writes_its_report(tmp_path):
    status = run.main(["--groups", "gmm,scalar", "--sizes", "d2_K5_n1000", "--peers",
                       "numpy_hand,autograd,central_differences", "--repeats", "1",
                       "--min-block", "0.001", "--budget", "0.01", "--out", str(tmp_path)])
    assert status == 0
    text = (tmp_path / "RESULTS.md").read_text()
    for needle in ("## GMM gradient", "### d2_K5_n1000", "| sct.grad |", "## Scalar code",
                   "### heron", "numpy, hand-written gradient", "## Targets (issues 6, 14, 15 and 17)",
                   "numpy's BLAS"):
        assert needle in text, needle
    assert (tmp_path / "results.png").stat().st_size > 0
    assert (tmp_path / "results.json").stat().st_size > 0


def test_quick_run_of_the_gradbench_group(tmp_path):
    status = run.main(["--quick", "--groups", "gradbench", "--evals", "lse,det",
                       "--out", str(tmp_path)])
    assert status == 0
    results = json.loads((tmp_path / "results.json").read_text())["gradbench"]
    rows = results["lse"]["rows"] + results["det"]["rows"]
    assert rows and all(r["valid"] and r["ms"] > 0 for r in rows)
    assert {r["function"] for r in rows} == {"primal", "gradient"}
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## GradBench" in text and "| det | gradient |" in text
    assert "every answer valid" in text


def test_loops_cases_agree_with_central_differences():
    for name in ("heron", "horner", "fixed_point", "kepler", "kalman"):
        sct_flat = loops_peers.to_flat(loops_peers.make_sct(name)())
        fd = loops_peers.to_flat(loops_peers.make_central_differences(name)())
        assert gmm_data.adbench_close(sct_flat, fd, 1e-6), name


def test_quick_run_of_the_loops_group(tmp_path):
    # the cheap programs (central differences of the LSTM alone take seconds); the peers of
    # the dev environment, and those of the bench extra where installed
    programs = ["option_book", "heron", "horner", "fixed_point", "kepler"]
    status = run.main(["--groups", "loops", "--loops", ",".join(programs), "--peers",
                       "jax_jit,torch,tangent,central_differences", "--repeats", "1",
                       "--min-block", "0.001", "--budget", "0.01", "--out", str(tmp_path)])
    assert status == 0
    results = json.loads((tmp_path / "results.json").read_text())["loops"]
    assert list(results["cases"]) == programs
    for name, case in results["cases"].items():
        assert case["against"] == "sct.grad", name
        assert {"sct", "central_differences"} <= set(case["checked"]), name
        assert case["times"]["function"] > 0 and case["times"]["sct"] > 0, name
        # every peer asked for is either timed (after its check) or says why it is not
        for key in ("jax_jit", "torch", "tangent", "central_differences"):
            assert key in case["times"] or case["cannot"].get(key), (name, key)
    # JAX cannot reverse-differentiate a data-dependent while loop, where it is installed
    assert "jax_jit" not in results["cases"]["kepler"]["times"]
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## Loops" in text and "| kepler |" in text
    assert "| loops kepler: sct.grad ≤ 4× the function |" in text
    assert "loops: sct.grad ≤ 3× the function at the median of the 5 programs" in text


def _loops_opts(*argv):
    return run.parse_args(["--groups", "loops", "--repeats", "1", "--min-block", "0.001",
                           "--budget", "0.01", *argv])


def test_loops_group_stops_on_a_peer_that_disagrees(monkeypatch):
    wrong = ("torch", "a wrong gradient", lambda name: lambda: (0.0,))
    monkeypatch.setattr(loops_peers, "PEERS", [*loops_peers.PEERS[:2], wrong])
    with pytest.raises(run.BenchError, match="a wrong gradient disagrees"):
        run.run_loops(_loops_opts("--loops", "heron", "--peers", "torch"), lambda text: None)


def test_loops_group_checks_against_central_differences_where_sct_refuses(monkeypatch):
    def refused(name):
        raise sct.SctError("refused for the test")
    peers = [("sct", "sct.grad", refused) if key == "sct" else (key, label, make)
             for key, label, make in loops_peers.PEERS]
    monkeypatch.setattr(loops_peers, "PEERS", peers)
    out = run.run_loops(_loops_opts("--loops", "horner", "--peers", "central_differences"),
                        lambda text: None)
    case = out["cases"]["horner"]
    assert case["against"] == "central differences" and "sct" not in case["times"]
    assert "refused for the test" in case["cannot"]["sct"]
    target, measured, met = next(r for r in run.targets({"loops": out})
                                 if r[0].startswith("loops horner"))
    assert met is False and "cannot run" in measured


def test_quick_run_of_the_dask_group(tmp_path):
    # tiny sizes, the threaded scheduler and the two in-memory runs (tests/test_mixture_dask.py
    # runs the fit on a LocalCluster); each run is a fresh process
    status = run.main(["--groups", "dask", "--dask-sizes", "1e4,2e4", "--dask-chunk-rows",
                       "2500", "--dask-runs", "threads,persisted,memory,sklearn", "--out",
                       str(tmp_path)])
    assert status == 0
    results = json.loads((tmp_path / "results.json").read_text())["dask"]
    assert [(r["n"], r["kind"]) for r in results["runs"]] == [
        (10000, "threads"), (10000, "persisted"), (10000, "memory"), (10000, "sklearn"),
        (20000, "threads")]
    for r in results["runs"]:
        assert r["iteration"] > 0 and len(r["lapses"]) == 3 and r["peak_rss"] > r["rss_before"] > 0
        assert r["mean_error"] < results["error_factor"] * r["sampling_error"]
    # the same rows and the same start: the same EM, whatever runs it
    bounds = [r["lower_bound"] for r in results["runs"][:4]]
    assert max(bounds) - min(bounds) < 1e-9
    text = (tmp_path / "RESULTS.md").read_text()
    assert "## Dask: larger than memory" in text and "The group took" in text
    for row in ("| 1e+04 | dask, threaded scheduler | 2 | 3 |", "| 1e+04 | sct, in memory | 1 |",
                "| 1e+04 | dask, threaded, chunks persisted | 2 | 3 |",
                "| 1e+04 | scikit-learn, in memory | 1 |",
                "| 2e+04 | dask, threaded scheduler | 2 |"):
        assert row in text, row
    for target in ("peak RSS of the process tree independent of n",
                   "an EM iteration × 2 cores ≤ 1.5× sct's in-memory iteration",
                   "recovered means within 4 standard errors"):
        assert target in text, target


def test_chunks_per_worker_count_a_cluster_worker_process_alone():
    chunk = 2500 * 10 * 8
    cluster = {"kind": "cluster", "peak_rss": 900 * chunk, "rss_before": 100 * chunk,
               "child_growth": 3 * chunk}          # the client's process grew the rest
    threads = {"kind": "threads", "peak_rss": 110 * chunk, "rss_before": 100 * chunk}
    assert run.dask_chunks_held(cluster, 2500, 2) == 3
    assert run.dask_chunks_held(threads, 2500, 2) == 5
    assert run.dask_chunks_held({**cluster, "child_growth": None}, 2500, 2) == 400
