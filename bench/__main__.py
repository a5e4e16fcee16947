"""``python -m bench``: see bench/run.py.

The thread count of every library (``--threads``, default 1) must be set in the environment
before numpy, JAX or PyTorch is imported, so it is read here, before anything else.
"""
import os
import sys


def _threads(argv):
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


threads = _threads(sys.argv[1:])
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = threads
if threads == "1":
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                               " --xla_cpu_multi_thread_eigen=false"
                               " intra_op_parallelism_threads=1").strip()

from .run import main  # noqa: E402  (after the environment is set)

sys.exit(main())
