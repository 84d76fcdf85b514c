"""Service links against the consultants' prescriptions: where knowledge/causes.yaml breaks its own rule.

    python benchmarks/service_links.py DIR...
    python benchmarks/service_links.py tests/cases benchmarks/holdout benchmarks/holdout[2-9] \
        benchmarks/holdout1[0-9] benchmarks/holdout2[0-7] benchmarks/holdout29 benchmarks/holdout3[23]

The header of causes.yaml says: a service the case writers chose for a cause in most of its
cases is strong support (>= 0.5); one chosen in a third or more, and fitting the literature,
is at least helpful (0.3); one never chosen is helpful at most (<= 0.5). This prints every
(primary cause, service) pair that breaks that rule, with the share of cases behind it, so a
knowledge editor can weigh each against the literature. Pass only development sets: a blind
set used here is no longer blind (the README says which sets are unread).
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from advisor import Advisor, Case
from advisor.errors import AdvisorError

MIN_CASES = 12
"""Causes with fewer cases than this are left out: a share of a handful says little."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dirs", nargs="+", type=Path, help="folders of development cases")
    args = parser.parse_args()
    cases: Counter[str] = Counter()
    chosen: dict[str, Counter[str]] = defaultdict(Counter)
    for folder in args.dirs:
        for path in sorted(folder.rglob("*.y*ml")):
            try:
                expected = Case.from_file(path).expected
            except AdvisorError:
                continue
            if expected is None or not expected.root_causes or not expected.services:
                continue
            primary = expected.root_causes[0]
            cases[primary] += 1
            chosen[primary].update(set(expected.services))
    causes = Advisor.default().knowledge.causes
    print(f"{sum(cases.values())} cases with expected causes and services")
    for cause_id in sorted(cases):
        n = cases[cause_id]
        if n < MIN_CASES or cause_id not in causes:
            continue
        links = causes[cause_id].treated_by
        for service in sorted(set(links) | set(chosen[cause_id])):
            share, weight = chosen[cause_id][service] / n, links.get(service, 0.0)
            if share > 0.5 and weight < 0.5:
                verdict = "chosen in most cases, below strong support"
            elif share >= 1 / 3 and weight < 0.3:
                verdict = "chosen in a third or more, below helpful"
            elif share == 0 and weight > 0.5:
                verdict = "never chosen, above helpful"
            else:
                continue
            print(f"  {cause_id:32} {service:28} chosen {chosen[cause_id][service]:3}/{n:<3} weight {weight:.2f}  {verdict}")


if __name__ == "__main__":
    main()
