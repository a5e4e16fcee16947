"""sct's benchmark suite (issue 6): GMM gradients, scalar code, compile cost and memory.

``make bench`` installs the ``bench`` extra and runs ``python -m bench``; see ``bench/README.md``.
"""
