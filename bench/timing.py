"""Timing: calls grouped into blocks long enough to time, blocks of every peer interleaved.

Interleaving (one block of each peer in turn, then again) spreads any slow spell of the
machine over all peers of a table alike; each figure is the median of a peer's blocks.
"""
import gc
import statistics
import time


def time_block(call, number):
    """Seconds per call over one block of ``number`` calls, with the garbage collector off."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(number):
            call()
        return (time.perf_counter() - start) / number
    finally:
        if enabled:
            gc.enable()


def calibrate(call, min_block):
    """(calls per block, estimated seconds per call): enough calls for ``min_block`` seconds."""
    number = 1
    while True:
        t = time_block(call, number)
        if t * number >= min_block or number >= 1 << 20:
            return number, t
        number = min(1 << 20, max(number * 2, int(min_block / max(t, 1e-9) * 1.1) + 1))


def measure(calls, repeats, min_block, budget):
    """{key: median seconds per call, the block count} for ``calls`` {key: call}.

    Each call has run once before (its check). A peer whose blocks are slow gets fewer of them,
    at least 3 (or 1 if one call alone takes more than ``budget``), so that its blocks take about
    ``budget`` seconds in all.
    """
    plan = {}
    for key, call in calls.items():
        number, t = calibrate(call, min_block)
        block = t * number
        plan[key] = [number, max(1 if block > budget else 3,
                                 min(repeats, int(budget / max(block, 1e-9)))), []]
    for r in range(max(p[1] for p in plan.values())):
        for key, call in calls.items():
            number, count, times = plan[key]
            if r < count:
                times.append(time_block(call, number))
    return {key: (statistics.median(times), len(times)) for key, (_, _, times) in plan.items()}
