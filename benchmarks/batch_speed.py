"""Batch speed and memory: `pmo-advisor diagnose` over many case files, against the I/O floor.

    python benchmarks/batch_speed.py [--files 2000] [--jobs 2] [--repeat 3]

Writes a folder of mixed case files (YAML, text notes, CSV surveys), then runs, side
by side and alternately, (a) the I/O floor: a process that only parses the same files
and writes one JSON line each, and (b) `pmo-advisor diagnose --format jsonl`. Prints
medians, cases per second and the ratio. Then the cold start of one case (median of
several runs) and the peak memory (RSS) of runs over a quarter, half and all files,
which should stay flat as the number of files grows.
Goals (issue 4): >= 500 cases/s, within 10x of the floor, cold start < 0.5 s, flat memory.

Every run is bracketed by probes of the machine's pace (benchmarks/pace.py: a fixed
pure-Python loop; this project's 2-core machines run the same code up to ~1.9x slower for
seconds at a time). The report gives each figure's pace and, for the cold start, the
median of the runs made at full pace (both probes within 10% of the fastest probe).

The advisor package is byte-compiled first, as `pip install` does: in a shell with
PYTHONDONTWRITEBYTECODE=1 (this project's CI machines set it) every cold start would
otherwise compile all its modules from source again, about 0.15 s.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pace import FULL_PACE, pace_ms

STATEMENTS = [
    "Our integration architect is on three projects next week and nobody checked before promising her.",
    "Everything is priority one, so in practice nothing is.",
    "We only hear a project is late when the client calls.",
    "Budget is honestly not our problem.",
    "The steering committee meets but nobody there can decide anything.",
    "Every project manager runs it their own way, with their own templates.",
    "Requirements keep changing after sign-off and nobody looks at the impact.",
    "We had the same data migration problem on the last three projects.",
    "Status reports are green until the week before go-live.",
    "The PMO just sends templates nobody reads.",
    "Good project managers leave after a year because there is no career path.",
    "Nobody owns the benefits once the project closes.",
]
ROLES = ["executives", "project_managers", "functional_managers", "project_team_members", "portfolio_managers"]

FLOOR = r"""
import json, sys, csv, io
from pathlib import Path
import yaml
try:
    from yaml import CSafeLoader as L
except ImportError:
    from yaml import SafeLoader as L
out = sys.stdout
for path in sorted(p for p in Path(sys.argv[1]).rglob('*') if p.is_file()):
    text = path.read_text(encoding='utf-8-sig')
    if path.suffix == '.yaml':
        data = yaml.load(text, Loader=L)
    elif path.suffix == '.csv':
        data = list(csv.reader(io.StringIO(text)))
    else:
        data = [line for line in text.splitlines() if line.strip() and not line.startswith('#')]
    out.write(json.dumps({'case': path.stem, 'data': data}) + '\n')
"""


def make_cases(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        picks = rng.sample(STATEMENTS, rng.randint(3, 8))
        kind = i % 3
        if kind == 0:
            body = [f"case: case-{i:05}", "context: {organization_size: medium, pmo_maturity: %d}" % rng.randint(1, 5),
                    "stakeholders:"]
            for j in range(0, len(picks), 3):
                body += [f"  - name: Person {j}", f"    role: {rng.choice(ROLES)}", "    statements:"]
                body += [f"      - \"{s}\"" for s in picks[j:j + 3]]
            (folder / f"case-{i:05}.yaml").write_text("\n".join(body) + "\n", encoding="utf-8")
        elif kind == 1:
            (folder / f"notes-{i:05}.txt").write_text("# interview notes\n" + "\n".join(picks) + "\n", encoding="utf-8")
        else:
            rows = ["stakeholder,role,statement"] + [f"P{j},{rng.choice(ROLES)},\"{s}\"" for j, s in enumerate(picks)]
            (folder / f"survey-{i:05}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def pace() -> float:
    """The machine's pace now: the median of 15 runs of the pace loop (milliseconds)."""
    return statistics.median(pace_ms() for _ in range(15))


def paced(cmd: list[str]) -> tuple[float, float]:
    """(wall time of a command, the slower of the machine's paces just before and just after it)."""
    before = pace()
    elapsed = run(cmd)[0]
    return elapsed, max(before, pace())


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time of a command, and the peak RSS (KiB) of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    elapsed = time.perf_counter() - start
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def peak_rss(cmd: list[str]) -> int:
    """Peak RSS of one fresh run (KiB), measured with /usr/bin/time when available."""
    if Path("/usr/bin/time").exists():
        done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=True)
        return int(done.stderr.strip().splitlines()[-1])
    return run(cmd)[1]


def compile_package() -> None:
    """Write the advisor package's bytecode (.pyc), as installing it from a wheel does."""
    spec = importlib.util.find_spec("advisor")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(folder, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    py = sys.executable
    diagnose = [py, "-m", "advisor", "diagnose", "--format", "jsonl", "--quiet"]
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "cases"
        make_cases(folder, args.files)
        subprocess.run([*diagnose, str(folder / "case-00000.yaml")], check=True, stdout=subprocess.DEVNULL)  # warm the cache
        floor_runs, tool_runs = [], []
        for _ in range(args.repeat):
            floor_runs.append(paced([py, "-c", FLOOR, str(folder)]))
            tool_runs.append(paced([*diagnose, "--jobs", str(args.jobs), str(folder)]))
        floor, tool = (statistics.median(t for t, _ in runs) for runs in (floor_runs, tool_runs))
        tool_paces = ", ".join(f"{args.files / t:.0f} at {p:.2f}" for t, p in tool_runs)
        print(f"{args.files} mixed case files, {args.jobs} job(s), median of {args.repeat} alternating runs")
        print(f"  I/O floor (parse + one JSON line)  {floor:6.2f} s   {args.files / floor:7.0f} files/s")
        print(f"  pmo-advisor diagnose --format jsonl {tool:6.2f} s   {args.files / tool:7.0f} cases/s")
        print(f"    each run: cases/s at the pace (ms) {tool_paces}")
        print(f"  ratio to the floor                  {tool / floor:6.1f}x")
        one = folder / "case-00000.yaml"
        cold = [paced([*diagnose, str(one)]) for _ in range(9)]
        fastest = min(p for _, p in floor_runs + tool_runs + cold)
        full = [t for t, p in cold if p <= FULL_PACE * fastest]
        at_full = f"{statistics.median(full):.3f} s over {len(full)} of {len(cold)} runs" if full else "no run"
        print(f"  one case, cold start                median {statistics.median(t for t, _ in cold):.3f} s  "
              f"(min {min(t for t, _ in cold):.3f} s; at full pace {at_full})")
        print(f"  pace probes (ms): fastest {fastest:.2f}, median {statistics.median(p for _, p in tool_runs + cold):.2f}")
        for label, count in (("quarter", args.files // 4), ("half", args.files // 2), ("all", args.files)):
            subset = Path(tmp) / f"subset-{count}"
            subset.mkdir()
            for path in sorted(folder.iterdir())[:count]:
                os.link(path, subset / path.name)
            rss = peak_rss([*diagnose, "--jobs", "1", str(subset)])
            print(f"  peak memory, {count:5d} files ({label:<7}) {rss / 1024:6.1f} MiB")


if __name__ == "__main__":
    main()
