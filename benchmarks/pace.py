"""The machine's pace: how fast this machine runs Python right now, for the speed benchmarks.

This project's 2-core machines run the same Python code up to ~1.9x slower for seconds at a
time (other tenants; no steal time is reported), which moves every wall-clock median. A fixed
pure-Python loop timed beside each measurement shows which figures were taken at full pace.
"""

from __future__ import annotations

import time

PACE_LOOP = 20_000
FULL_PACE = 1.10
"""A figure counts as taken at full pace when its pace is within 10% of the fastest one seen."""


def pace_ms() -> float:
    """Milliseconds of one run of a fixed pure-Python workload (at full pace ~0.75 ms on this
    project's current machines, ~1.5 ms on earlier ones)."""
    start = time.perf_counter()
    total = 0
    for i in range(PACE_LOOP):
        total += i * i % 7
    return (time.perf_counter() - start) * 1000
