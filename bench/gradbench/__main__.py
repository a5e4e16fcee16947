"""``python -m bench.gradbench``: sct's GradBench tool, JSON lines on stdin and stdout.

One thread per numerical library, as GradBench's baselines were measured, unless the caller
set the variables itself: they must be set before numpy is imported.

glibc's malloc gives a freed block of more than 128 KB back to the system and maps the next
one afresh, so that every large numpy temporary is page-faulted in again at each call: on
this kind of machine (a virtual machine) that tripled sct's GMM gradient at d = 10, K = 25
(1000 x 25 x 10 temporaries, 8 ms against 2.7 ms).  The tool keeps freed memory for reuse
(``mallopt``: blocks up to 32 MB from the heap, no trimming), the reuse a caching allocator
gives; elsewhere (not glibc) nothing changes.
"""
import ctypes
import ctypes.util
import os
import sys

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")


def _keep_freed_memory():
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3      # glibc's malloc.h
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 32 << 20)
        libc.mallopt(M_TRIM_THRESHOLD, 1 << 30)
    except (OSError, AttributeError):
        pass


_keep_freed_memory()

from .tool import main  # noqa: E402  (after the environment is set)

sys.exit(main())
