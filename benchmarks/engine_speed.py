"""Engine speed: a 10-statement case diagnosed, one interview step, and the same on a
synthetic knowledge base ten times the size of the built-in one.

    python benchmarks/engine_speed.py [--repeat 200]

Prints medians (and p90) measured side by side in one run, and the 10x ratios.
Goals (issue 3): diagnose <= 5 ms, interview step <= 10 ms, 10x knowledge within 10x.

The machine's pace (benchmarks/pace.py): this project's 2-core machines run the same
Python code up to ~1.9x slower for seconds at a time, which moves every median. Each
sample is therefore followed by a fixed pure-Python workload, and the report adds what
the diagnosis costs in those units (a figure that does not move with the machine's
phases) and its median over the samples taken while the machine ran at full pace (its
pace within 10% of the fastest tenth).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from advisor import Advisor, Case
from advisor.knowledge import default_knowledge_dir
from pace import FULL_PACE, pace_ms

STATEMENTS = [
    "Our integration architect is on three projects next week and nobody checked before promising her to the client.",
    "Everything is priority one, so in practice nothing is.",
    "We only hear a project is late when the client calls.",
    "Budget is honestly not our problem.",
    "The steering committee meets but nobody there can actually decide anything.",
    "Every project manager runs it their own way, with their own templates.",
    "Requirements keep changing after sign-off and nobody assesses the impact.",
    "We had the same data migration problem on the last three projects.",
    "Status reports are green until the week before go-live.",
    "The PMO just sends templates nobody reads.",
]


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # type: ignore[no-untyped-def]
        return True


def timed(fn, repeat: int) -> list[tuple[float, float]]:
    """(milliseconds of `fn`, milliseconds of the pace run right after it), `repeat` times."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(((time.perf_counter() - start) * 1000, pace_ms()))
    return samples


def synthetic_knowledge(factor: int, folder: Path) -> Path:
    """The built-in knowledge with symptoms, causes, services and measures cloned `factor` times."""
    source = default_knowledge_dir()
    cloned_kinds = {"symptoms", "causes", "services", "measures"}
    for path in sorted(source.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        out: dict = {}
        for section, items in data.items():
            if section not in cloned_kinds:
                out[section] = items
                continue
            clones = []
            for k in range(factor):
                for item in items:
                    clones.append(_clone(item, section, k))
            out[section] = clones
        target = folder / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        if "rules" in out:
            out["rules"] = [r for r in out["rules"] if "symptom:" not in yaml.safe_dump(r)]
        target.write_text(yaml.dump(out, Dumper=_NoAliases, sort_keys=False), encoding="utf-8")
    (folder / "knowledge.yaml").write_text(f"version: synthetic-x{factor}\nextends: none\n", encoding="utf-8")
    return folder


def _suffix(identifier: str, k: int) -> str:
    return identifier if k == 0 else f"{identifier}_x{k}"


def _clone(item: dict, section: str, k: int) -> dict:
    item = dict(item)
    item["id"] = _suffix(item["id"], k)
    if section == "symptoms":
        item["indicates"] = {_suffix(c, k): v for c, v in item.get("indicates", {}).items()}
        item["moves"] = [_suffix(m, k) for m in item.get("moves", [])]
        if k:  # a distinct word per clone keeps the vocabulary growing like a real, larger base
            item["cues"] = [f"{cue} variant{k}" for cue in item.get("cues", [])[:5]] + list(item.get("cues", [])[5:])
    elif section == "causes":
        item["contributes_to"] = {_suffix(c, k): v for c, v in item.get("contributes_to", {}).items()}
        item["treated_by"] = {_suffix(s, k): v for s, v in item.get("treated_by", {}).items()}
    elif section == "services":
        item["requires"] = [_suffix(s, k) for s in item.get("requires", [])]
        item["measures"] = [_suffix(m, k) for m in item.get("measures", [])]
    return item


def measure(advisor: Advisor, repeat: int) -> dict[str, list[tuple[float, float]]]:
    case = Case.from_statements(STATEMENTS, context={"organization_size": "large", "pmo_maturity": 2})
    advisor.diagnose(case)  # warm caches (stems, typo corrections)
    diagnose = timed(lambda: advisor.diagnose(case), repeat)

    def interview_step() -> None:
        question = session.next_question() or session.more_questions(1)[0]
        session.answer(question.symptom_id, "yes")
        session.undo()

    session = advisor.interview(case)
    session.next_question()
    step = timed(interview_step, repeat)
    return {"diagnose": diagnose, "step": step}


def report(name: str, samples: list[tuple[float, float]]) -> float:
    """Print the median and p90 of `samples`, their cost in paces, and their median at full pace
    (the paces of one kind of sample are compared with each other: what ran before a pace warms or
    cools the processor's caches for it)."""
    times = [t for t, _ in samples]
    paces = sorted(p for _, p in samples)
    fastest_pace = statistics.median(paces[: max(1, len(paces) // 10)])
    median = statistics.median(times)
    p90 = statistics.quantiles(times, n=10)[-1]
    in_paces = statistics.median(t / p for t, p in samples)
    at_full = [t for t, p in samples if p <= FULL_PACE * fastest_pace]
    full = f"{statistics.median(at_full):7.2f} ms ({len(at_full)}/{len(samples)} samples)" if at_full else "no sample"
    print(f"  {name:<22} median {median:7.2f} ms   p90 {p90:7.2f} ms   {in_paces:5.2f} paces   at full pace {full}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--factor", type=int, default=10)
    args = parser.parse_args()
    base = Advisor.default()
    with tempfile.TemporaryDirectory() as tmp:
        big = Advisor.load([synthetic_knowledge(args.factor, Path(tmp))])
    kb, kb_big = base.knowledge, big.knowledge
    print(f"knowledge: {len(kb.symptoms)} symptoms, {len(kb.causes)} causes | "
          f"x{args.factor}: {len(kb_big.symptoms)} symptoms, {len(kb_big.causes)} causes")
    results: dict[str, dict[str, float]] = {}
    samples: dict[str, dict[str, list[tuple[float, float]]]] = {"built-in": {}, f"x{args.factor}": {}}
    for _ in range(3):  # alternate, so both see the same machine
        for label, advisor in (("built-in", base), (f"x{args.factor}", big)):
            for key, values in measure(advisor, max(1, args.repeat // 3)).items():
                samples[label].setdefault(key, []).extend(values)
    paces = sorted(p for figures in samples.values() for values in figures.values() for _, p in values)
    print(f"pace (a fixed Python loop run after every sample): median {statistics.median(paces):.2f} ms, "
          f"fastest tenth up to {paces[len(paces) // 10]:.2f} ms, slowest tenth from {paces[len(paces) * 9 // 10]:.2f} ms")
    for label, figures in samples.items():
        print(f"{label}:")
        results[label] = {k: report(k if k != "step" else "interview step", v) for k, v in figures.items()}
    print("ratios (x{0} / built-in):".format(args.factor))
    for key in ("diagnose", "step"):
        ratio = results[f"x{args.factor}"][key] / results["built-in"][key]
        print(f"  {key:<28} {ratio:5.1f}x")


if __name__ == "__main__":
    main()
