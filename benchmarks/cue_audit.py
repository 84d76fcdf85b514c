"""Cues against the case writers' diagnoses: cues that fire mostly where the symptom does not belong.

    python benchmarks/cue_audit.py DIR... [--min-fired 6] [--max-share 0.12]

Listens to every statement of the development cases and, for each cue (and whole phrasing)
that a symptom was heard through, counts the cases' statements it fired in and how many of
those belong to a case whose expected root causes the symptom indicates (sensitivity >= 0.3).
A cue that fires often and almost never where its symptom belongs is usually too general once
stop words go ("understand why we are doing" is just "understand why", "ten answers" is any
number of answers) or names a scene rather than a complaint: each is a candidate for a more
specific wording, another symptom, or removal, to be weighed by a knowledge editor. Pass only
development sets: a blind set used here is no longer blind (the README says which are unread).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from advisor import Advisor, Case
from advisor.errors import AdvisorError

BELONGS = 0.3
"""A symptom belongs to a case when it indicates one of the case's expected causes at least this strongly."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path, help="folders of development cases")
    parser.add_argument("--min-fired", type=int, default=6, help="list cues that fired in at least this many statements")
    parser.add_argument("--max-share", type=float, default=0.12, help="... and belonged in at most this share of them")
    args = parser.parse_args()
    advisor = Advisor.default()
    symptoms = advisor.knowledge.symptoms
    fired: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    example: dict[tuple[str, str], str] = {}
    for folder in args.dirs:
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                case = Case.from_file(path)
            except AdvisorError:
                continue
            if case.expected is None or not case.expected.root_causes:
                continue
            expected = case.expected.root_causes
            for _, text in case.statements():
                for match in advisor.listen(text):
                    if not match.present:
                        continue
                    belongs = any(symptoms[match.symptom].indicates.get(c, 0.0) >= BELONGS for c in expected)
                    for cue in match.matched:
                        counts = fired[(match.symptom, cue)]
                        counts[0] += 1
                        counts[1] += belongs
                        if not belongs:
                            example.setdefault((match.symptom, cue), text)
    suspects = [(key, n, ok) for key, (n, ok) in fired.items() if n >= args.min_fired and ok <= args.max_share * n]
    for (symptom, cue), n, ok in sorted(suspects, key=lambda s: (s[2] / s[1], -s[1], s[0])):
        print(f"{ok:3d}/{n:<3d} {symptom}: {cue}")
        print(f"        e.g. {example[(symptom, cue)][:110]}")
    print(f"{len(suspects)} of {len(fired)} cues and phrasings fired in >= {args.min_fired} statements "
          f"and belonged in <= {args.max_share:.0%} of them")


if __name__ == "__main__":
    main()
