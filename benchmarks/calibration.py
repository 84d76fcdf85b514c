"""How well the shown confidences match how often the causes are right, and a refit of the calibration.

    python benchmarks/calibration.py --fit READ_PATHS... --check UNREAD_PATHS...

For every case with ``expected:`` root causes, every cause the diagnosis lists is one example: its
calibration features (``advisor.reasoning.calibration_features``) and whether the case's expected
causes name it. Fits the logistic map of ``advisor.reasoning.CALIBRATION`` on the ``--fit`` cases
(Newton's method, pure Python), then prints for the ``--check`` cases a reliability table (causes
shown at 0.0-0.1, 0.1-0.2, ...: how many, their mean confidence, how often right) and the log loss of
the raw log-odds, the calibration in use and the refit. Refit when the knowledge or the engine moves
the log-odds; copy the printed coefficients into ``CALIBRATION``.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from advisor import Advisor
from advisor.engine import MAX_CAUSES, apply_answer
from advisor.evaluation import labelled_cases
from advisor.reasoning import CALIBRATION, calibration_features, shown

Example = tuple[tuple[float, ...], int, float]
"""(calibration features, 1 if an expected cause else 0, the logistic of its raw log-odds)."""
RIDGE = 1e-3
"""A little L2 on the weights keeps Newton's steps finite when a feature separates the examples."""


def examples(advisor: Advisor, paths: list[Path]) -> list[Example]:
    """An example for every cause listed in every case under ``paths``."""
    kb = advisor.knowledge
    found: list[Example] = []
    for _, case in labelled_cases(advisor, paths, []):
        assert case.expected is not None
        expected = case.expected.root_causes
        evidence = advisor.hear(case)
        for symptom_id, answer in sorted(case.answers.items()):
            if symptom_id in kb.symptoms:
                apply_answer(evidence, symptom_id, answer)
        scores, _ = advisor.rank(case, evidence)
        listed = {s.id for s in shown(scores)[:MAX_CAUSES]}
        for score, features in zip(scores, calibration_features(scores)):
            if score.id in listed:
                found.append((features, int(score.id in expected), score.confidence))
    return found


def _probability(weights: tuple[float, ...], features: tuple[float, ...]) -> float:
    *slopes, intercept = weights
    z = intercept + sum(w * x for w, x in zip(slopes, features))
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def fit(data: list[Example], rounds: int = 25) -> tuple[float, ...]:
    """The weights (one per feature, then the intercept) of a logistic regression, by Newton's method."""
    size = len(data[0][0]) + 1
    weights = [0.0] * size
    for _ in range(rounds):
        gradient = [RIDGE * w for w in weights[:-1]] + [0.0]
        hessian = [[(RIDGE if i == j and i < size - 1 else 0.0) for j in range(size)] for i in range(size)]
        for features, label, _ in data:
            x = (*features, 1.0)
            p = _probability(tuple(weights), features)
            for i in range(size):
                gradient[i] += (p - label) * x[i]
                for j in range(size):
                    hessian[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return tuple(weights)


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """x with matrix @ x = vector (Gaussian elimination with partial pivoting; the matrix is small)."""
    n = len(vector)
    rows = [row[:] + [value] for row, value in zip(matrix, vector)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    x = [0.0] * n
    for r in reversed(range(n)):
        x[r] = (rows[r][n] - sum(rows[r][c] * x[c] for c in range(r + 1, n))) / rows[r][r]
    return x


def log_loss(probabilities: list[float], labels: list[int]) -> float:
    eps = 1e-6
    return -sum(math.log(min(max(p if y else 1 - p, eps), 1.0)) for p, y in zip(probabilities, labels)) / len(labels)


def reliability(probabilities: list[float], labels: list[int]) -> list[str]:
    """One line per tenth of the scale: how many causes were shown there, mean confidence, share right."""
    lines = [f"{'shown at':>10} {'causes':>7} {'mean':>6} {'right':>6}"]
    for tenth in range(10):
        inside = [(p, y) for p, y in zip(probabilities, labels) if min(int(p * 10), 9) == tenth]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            right = sum(y for _, y in inside) / len(inside)
            lines.append(f"{tenth / 10:>4.1f}-{(tenth + 1) / 10:.1f} {len(inside):>7} {mean:>6.3f} {right:>6.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fit", nargs="+", type=Path, required=True, metavar="PATH", help="cases to fit on")
    parser.add_argument("--check", nargs="+", type=Path, required=True, metavar="PATH", help="cases to check on")
    args = parser.parse_args(argv)
    advisor = Advisor.default()
    train, check = examples(advisor, args.fit), examples(advisor, args.check)
    if not train or not check:
        print("no cases with expected root causes under the paths given", file=sys.stderr)
        return 2
    refit = fit(train)
    labels = [y for _, y, _ in check]
    print(f"fit on {len(train)} listed causes, checked on {len(check)} ({sum(labels)} right)")
    print("refit CALIBRATION = (" + ", ".join(f"{w:.3f}" for w in refit) + ")")
    print("in use CALIBRATION = " + repr(CALIBRATION))
    raw = [r for _, _, r in check]
    in_use = [_probability(CALIBRATION, f) for f, _, _ in check]
    refitted = [_probability(refit, f) for f, _, _ in check]
    for name, probabilities in (("raw log-odds", raw), ("in use", in_use), ("refit", refitted)):
        print(f"\n{name}: log loss {log_loss(probabilities, labels):.4f}")
        print("\n".join(reliability(probabilities, labels)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
