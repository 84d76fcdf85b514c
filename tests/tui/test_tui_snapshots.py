"""Snapshots of the main screens: 100x32 (listening also at 80x24), dark theme, fixed sessions folder.

They run on the tiny, stable knowledge base of the golden files (tests/data/kb-mini), so they
change when the look or the engine changes, not when the knowledge grows. After a reviewed change:
    pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import Advisor, Case
from tui.app import make_app

from tui_helpers import SIZE, THEME, settle

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def mini() -> Advisor:
    return Advisor.load(DATA / "kb-mini")


def session(mini: Advisor, answers: tuple[str, ...] = ()):
    """The interview case (two stakeholders, four statements), with the first questions answered."""
    interview = mini.interview(Case.from_file(DATA / "interview-case.yaml"))
    for value in answers:
        question = interview.next_question()
        assert question is not None
        interview.answer(question.symptom_id, value)
    return interview


def app(mini: Advisor, sessions: Path, answers: tuple[str, ...] | None = None):
    return make_app(mini, sessions=sessions, session=None if answers is None else session(mini, answers), theme=THEME)


def test_setup(snap_compare, mini, sessions):
    assert snap_compare(app(mini, sessions), press=["n"], terminal_size=SIZE)


def test_listening_with_readings(snap_compare, mini, sessions):
    assert snap_compare(app(mini, sessions, ()), terminal_size=SIZE)


def test_listening_at_80x24(snap_compare, mini, sessions):
    assert snap_compare(app(mini, sessions, ()), terminal_size=(80, 24))


def test_diagnosing_with_differential(snap_compare, mini, sessions):
    assert snap_compare(app(mini, sessions, ("no",)), terminal_size=SIZE)


def test_diagnosing_settled(snap_compare, mini, sessions):
    assert snap_compare(app(mini, sessions, ("yes",)), terminal_size=SIZE)


@pytest.mark.parametrize("tab", ["1", "2", "3", "4"])
def test_results(snap_compare, mini, sessions, tab):
    async def open_results(pilot) -> None:
        await pilot.press("r")
        await settle(pilot.app, pilot)
        await pilot.press(tab)
        await pilot.pause()

    assert snap_compare(app(mini, sessions, ("yes",)), terminal_size=SIZE, run_before=open_results)
