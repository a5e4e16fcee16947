"""Measurements that need a fresh process, run by the harness as ``python -m bench.probe``.

``memory PEER INSTANCE``: the peak memory of one GMM call of PEER (after a first call), as
the rise of the resident set (Linux: peak reset through /proc/self/clear_refs, read from
VmHWM) and as tracemalloc's peak (numpy's allocations are traced; JAX's and PyTorch's are not).

``import DIR PLAIN DECORATED``: seconds to import module PLAIN, then module DECORATED (the same
functions under sct's decorators), from DIR, with sct and numpy already imported.

``first-call PEER INSTANCE``: seconds for a GMM peer's set-up and first call (transforming or
tracing and compiling included), then for its second call.

Each prints one line of JSON.
"""
import gc
import json
import sys
import time


def _status():
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) * 1024
    return fields


def memory(peer, instance):
    import tracemalloc

    from . import gmm_data, gmm_peers
    inst = gmm_data.load(instance)
    make = {key: make for key, _, make in gmm_peers.PEERS}[peer]
    call = make(inst)
    call()
    gc.collect()
    result = {}
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        before = _status()["VmRSS"]
        call()
        result["rss_peak"] = _status()["VmHWM"] - before
    except OSError as err:
        result["rss_error"] = str(err)
    gc.collect()
    tracemalloc.start()
    call()
    result["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result


def imports(folder, plain, decorated):
    import importlib

    import numpy  # noqa: F401
    import sct  # noqa: F401
    sys.path.insert(0, folder)
    start = time.perf_counter()
    importlib.import_module(plain)
    middle = time.perf_counter()
    importlib.import_module(decorated)
    end = time.perf_counter()
    return {"plain": middle - start, "decorated": end - middle}


PEER_MODULES = {"sct": "sct", "jax_jit": "jax", "jax": "jax", "torch": "torch",
                "autograd": "autograd", "tangent": "tangent"}


def first_call(peer, instance):
    """The import of the peer's library is not counted."""
    import importlib

    from . import gmm_data, gmm_peers
    if peer in PEER_MODULES:
        module = importlib.import_module(PEER_MODULES[peer])
        if module.__name__ == "jax":        # start the CPU backend before the clock starts
            module.block_until_ready(module.numpy.zeros(1))
    inst = gmm_data.load(instance)
    make = {key: make for key, _, make in gmm_peers.PEERS}[peer]
    start = time.perf_counter()
    call = make(inst)
    call()
    middle = time.perf_counter()
    call()
    end = time.perf_counter()
    return {"first": middle - start, "second": end - middle}


def main(argv):
    kind, *args = argv
    result = {"memory": memory, "import": imports, "first-call": first_call}[kind](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
