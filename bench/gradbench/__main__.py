"""``python -m bench.gradbench``: sct's GradBench tool, JSON lines on stdin and stdout.

One thread per numerical library, as GradBench's baselines were measured, unless the caller
set the variables itself: they must be set before numpy is imported.

On glibc, freed memory is kept for reuse (``keep_freed_memory``): by default glibc gives
blocks above 128 KB back to the system as soon as they are freed (and trims the heap's top),
so that numpy's temporaries of a few hundred KB and more are page-faulted in afresh at every
run (kmeans' dir at k = 10, n = 10,000: 5.8 ms, with freed memory kept 1.2 ms; det's
gradient at ell = 9: 41 ms and 21 ms).  JAX and PyTorch keep freed memory in allocators of
their own; ``MALLOC_MMAP_THRESHOLD_`` / ``MALLOC_TRIM_THRESHOLD_`` set by the caller win.
"""
import ctypes
import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def keep_freed_memory():
    """glibc's mallopt: blocks up to 32 MB (its largest mmap threshold) from the heap, and
    the heap's free top kept up to 1 GB; nothing elsewhere."""
    if not sys.platform.startswith("linux") or "MALLOC_MMAP_THRESHOLD_" in os.environ or \
            "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):       # not glibc
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 * 1024 * 1024)
    mallopt(m_trim_threshold, 1024 * 1024 * 1024)


keep_freed_memory()

from .tool import main  # noqa: E402  (after the environment is set)

sys.exit(main())
