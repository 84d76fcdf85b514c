"""Instructions per case, stage by stage: a deterministic yardstick for speed work on a noisy machine.

    python benchmarks/instruction_count.py [FOLDER] [--cases 100]

Runs the same small program under valgrind's cachegrind once per stage (reading the case files,
`hear`, the whole diagnosis, the JSON of a diagnosis) and once doing nothing but loading, and
prints the instructions each stage costs per case (with a knowledge cache of its own, built first). Wall-clock medians on shared machines move by
10-50% between runs; instruction counts move by well under 1%, so two commits can be compared
one after the other. They do not see cache misses or memory stalls: confirm a gain with
`batch_speed.py` or `engine_speed.py` too. Needs `valgrind` on the PATH.

FOLDER defaults to the realistic blind cases under benchmarks/holdout*; pass the folder that
benchmarks/batch_speed.py writes to count its synthetic cases instead.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROGRAM = r"""
import sys
from pathlib import Path
from advisor import Advisor, Case
from advisor.batch import render
folder, count, stage = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
paths = sorted(p for p in folder.rglob('*') if p.suffix in ('.yaml', '.yml', '.json', '.txt', '.md', '.csv'))
paths = paths[:: max(1, len(paths) // count)][:count]
advisor = Advisor.default()
cases = [Case.from_file(p) for p in paths]
advisor.diagnose(cases[0])  # first use: imports and tables built on demand
if stage == 'parse':
    for p in paths: Case.from_file(p)
elif stage == 'hear':
    for c in cases: advisor.hear(c)
elif stage == 'diagnose':
    for c in cases: advisor.diagnose(c)
elif stage == 'render':
    for d in [advisor.diagnose(c) for c in cases]: render(d, 'jsonl')
"""
STAGES = ("load", "parse", "hear", "diagnose", "render")


def instructions(script: Path, folder: Path, count: int, stage: str, cache: Path) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, str(script), str(folder), str(count), stage],
        capture_output=True, text=True, check=True, env={**os.environ, "PMO_ADVISOR_CACHE": str(cache)},
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, help="case files (default: benchmarks/holdout*)")
    parser.add_argument("--cases", type=int, default=100)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "stage.py"
        script.write_text(PROGRAM, encoding="utf-8")
        folder = args.folder
        if folder is None:
            folder = Path(tmp) / "cases"
            folder.mkdir()
            for path in sorted(Path(__file__).parent.glob("holdout*/*.yaml")):
                (folder / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
        cache = Path(tmp) / "knowledge-cache"  # its own: other runs pruning the shared one would rebuild it mid-count
        instructions(script, folder, 1, "load", cache)  # builds the knowledge cache
        counts = {stage: instructions(script, folder, args.cases, stage, cache) for stage in STAGES}
    n = args.cases
    per_case = {
        "read a case file": (counts["parse"] - counts["load"]) / n,
        "hear (statements -> evidence)": (counts["hear"] - counts["load"]) / n,
        "assess (evidence -> diagnosis)": (counts["diagnose"] - counts["hear"]) / n,
        "diagnose (hear + assess)": (counts["diagnose"] - counts["load"]) / n,
        "JSON of a diagnosis": (counts["render"] - counts["diagnose"]) / n,
    }
    print(f"instructions per case, {n} cases of {folder if args.folder else 'benchmarks/holdout*'}")
    print(f"  {'start and load the knowledge':32s} {counts['load'] / 1e6:9.1f} M (once)")
    for label, value in per_case.items():
        print(f"  {label:32s} {value / 1e6:9.2f} M")


if __name__ == "__main__":
    main()
