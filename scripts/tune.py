"""Developer aid: grid-search the matcher's calibration on the development cases.

    python scripts/tune.py tests/cases ../shared/cases

Prints cause@3 / service@5 per setting, best first. The held-out set
(benchmarks/holdout) is only for the final check, never for tuning.
"""

import itertools
import sys
from dataclasses import replace
from pathlib import Path

from advisor import Advisor
from advisor import reasoning
from advisor.evaluation import evaluate
from advisor.matching import DEFAULT_PARAMS

paths = [Path(p) for p in sys.argv[1:]]
base = Advisor.default()
grid = {
    "cue_scale": [5.0, 7.0, 9.0],
    "alias_floor": [0.3, 0.4],
    "overlap_weight": [0.0, 0.4, 0.7],
    "threshold": [0.4, 0.5],
}
prior_weights = [0.3, 0.6, 1.0]
rows = []
for values in itertools.product(*grid.values()):
    params = replace(DEFAULT_PARAMS, **dict(zip(grid, values)))
    for pw in prior_weights:
        reasoning.PRIOR_WEIGHT = pw
        advisor = Advisor(base.knowledge, params)
        report = evaluate(advisor, paths)
        rows.append((report.cause_at_3, report.cause_at_1, report.service_at_5, dict(zip(grid, values)), pw))
rows.sort(key=lambda r: (-r[0], -r[1], -r[2]))
for r in rows[:25]:
    print(f"c@3 {r[0]:.2f} c@1 {r[1]:.2f} s@5 {r[2]:.2f} prior {r[4]} {r[3]}")
