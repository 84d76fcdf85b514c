"""The confidence a diagnosis shows is calibrated: causes shown high are right about that often.

The calibration is fitted on later blind sets (``benchmarks/calibration.py``); these tests, on the
sample and test cases, catch a change to the engine that moves the log-odds without a refit of
``CALIBRATION``."""

from __future__ import annotations

from pathlib import Path

from advisor import Case
from advisor.evaluation import labelled_cases

CASES = [Path(__file__).parent / "cases", Path(__file__).parents[2] / "shared" / "cases"]


def _shown(advisor) -> list[tuple[float, bool, int]]:
    """(confidence, named by the case's consultant, rank) of every cause listed for the labelled cases."""
    shown = []
    for _, case in labelled_cases(advisor, [p for p in CASES if p.exists()], []):
        expected = set(case.expected.root_causes)
        for rank, cause in enumerate(advisor.diagnose(case).root_causes):
            shown.append((cause.confidence, cause.id in expected, rank))
    return shown


def test_shown_confidence_matches_how_often_causes_are_right(advisor):
    shown = _shown(advisor)
    assert len(shown) >= 300
    high = [right for confidence, right, _ in shown if confidence >= 0.9]
    low = [right for confidence, right, _ in shown if confidence < 0.1]
    assert len(high) >= 30 and sum(high) / len(high) >= 0.85
    assert len(low) >= 100 and sum(low) / len(low) <= 0.15
    mean_confidence = sum(c for c, _, _ in shown) / len(shown)
    share_right = sum(r for _, r, _ in shown) / len(shown)
    assert abs(mean_confidence - share_right) <= 0.05


def test_a_clear_leader_stands_out_from_the_causes_behind_it(advisor):
    """The raw posterior put the leader and the two after it all at 0.99 or more on long cases."""
    case = Case.from_file(Path(__file__).parent / "cases" / "t01-regional-bank-fourteen-number-ones.yaml")
    first, second, *_ = advisor.diagnose(case).root_causes
    assert first.confidence >= 0.9 > second.confidence + 0.3


def test_a_clear_story_settles_the_interview_and_one_complaint_does_not(advisor):
    """The interview stops on the calibrated confidence, and only with several signs behind the leader."""
    story = advisor.interview(Case.from_file(Path(__file__).parent / "cases" / "t01-regional-bank-fourteen-number-ones.yaml"))
    assert story.stop_reason is not None and story.stop_reason.startswith("settled: no portfolio prioritization")
    one_complaint = advisor.interview(Case.from_statements(["Everything is priority one, so in practice nothing is."]))
    assert one_complaint.stop_reason is None and one_complaint.next_question() is not None
