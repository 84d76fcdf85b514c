"""How long `pmo-advisor interview` takes from command start to the first screen painted.

Each run starts a fresh interpreter (as the command does) that loads the advisor,
builds the app with ``tui.app.make_app`` and runs it headless; the app exits on
its first ``Ready`` event (sent once the first frame is displayed). The parent
reports the median wall time and the child's own phase times. Goal: < 1 s.

    python benchmarks/tui_startup.py            # 7 runs
    python benchmarks/tui_startup.py --runs 15
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time

CHILD = r"""
import json, sys, time
start = float(sys.argv[1])
phases = {"interpreter": time.time() - start}
t = time.perf_counter()
from advisor.engine import Advisor
phases["import advisor"] = time.perf_counter() - t
t = time.perf_counter()
advisor = Advisor.load(())
phases["load knowledge"] = time.perf_counter() - t
t = time.perf_counter()
from tui.app import AdvisorApp, make_app
phases["import tui"] = time.perf_counter() - t
t = time.perf_counter()

def ready(self) -> None:
    phases["app to first paint"] = time.perf_counter() - t
    phases["total"] = time.time() - start
    self.exit()

AdvisorApp.on_ready = ready
make_app(advisor, sessions=sys.argv[2]).run(headless=True, size=(100, 32))
print(json.dumps(phases))
"""


def one_run(sessions: str) -> dict[str, float]:
    """Start one fresh interpreter; return its phase times in seconds."""
    started = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(started), sessions],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as sessions:
        one_run(sessions)  # warm the file cache and .pyc files
        runs = [one_run(sessions) for _ in range(args.runs)]
    print(f"pmo-advisor interview: command start to first screen painted ({args.runs} runs, headless 100x32)")
    for phase in runs[0]:
        values = [r[phase] for r in runs]
        print(f"  {phase:<20} median {statistics.median(values) * 1000:7.0f} ms   (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})")
    total = statistics.median(r["total"] for r in runs)
    print(f"goal < 1000 ms: {'met' if total < 1.0 else 'NOT met'} ({total * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
