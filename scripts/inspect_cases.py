"""Developer aid: per case, the primary expected cause's rank and the symptoms heard.

    python scripts/inspect_cases.py tests/cases [--misses]
"""

import sys
from pathlib import Path

from advisor import Advisor, Case
from advisor.evaluation import case_files

advisor = Advisor.default()
kb = advisor.knowledge
only_misses = "--misses" in sys.argv
for file in case_files([Path(p) for p in sys.argv[1:] if not p.startswith("--")]):
    case = Case.from_file(file)
    if case.expected is None:
        continue
    d = advisor.diagnose(case)
    ids = [c.id for c in d.root_causes]
    primary = case.expected.root_causes[0]
    rank = ids.index(primary) + 1 if primary in ids else None
    if only_misses and rank is not None and rank <= 3:
        continue
    print(f"\n=== {case.case}: expected {case.expected.root_causes} primary rank {rank}")
    print("    top:", ", ".join(f"{c.id} {c.confidence:.2f}" for c in d.root_causes[:4]))
    for s in d.symptoms:
        marks = [c for c in kb.symptoms[s.id].indicates if c in case.expected.root_causes]
        print(f"    {'+' if s.present else '-'} {s.score:.2f} {s.id:<38} {'<-- ' + ','.join(marks) if marks else ''}")
        print(f"          {s.matched} | {s.quotes[0].text[:90] if s.quotes else ''}")
