"""``python -m bench.gradbench``: sct's GradBench tool, JSON lines on stdin and stdout.

One thread per numerical library, as GradBench's baselines were measured, unless the caller
set the variables itself: they must be set before numpy is imported.  glibc's allocator is
told to keep the memory that numpy frees (``tool.keep_freed_memory``): without it ba's
Jacobian takes twice as long and the GMM gradient at d = 10, K = 25 three times as long.
"""
import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from .tool import keep_freed_memory, main  # noqa: E402  (after the environment is set)

keep_freed_memory()
sys.exit(main())
