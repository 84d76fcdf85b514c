"""Snapshots of the main screens at 100x32 (and listening at 80x24), dark theme, fixed sessions.

Update after a reviewed change of the look (or of the knowledge base):
    pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from tui.app import make_app

from tui_helpers import SIZE, THEME, settle


def test_setup(snap_compare, advisor, sessions):
    assert snap_compare(make_app(advisor, sessions=sessions, theme=THEME), press=["n"], terminal_size=SIZE)


def test_listening_with_readings(snap_compare, advisor, sessions, listening_session):
    assert snap_compare(make_app(advisor, sessions=sessions, session=listening_session, theme=THEME), terminal_size=SIZE)


def test_listening_at_80x24(snap_compare, advisor, sessions, listening_session):
    assert snap_compare(make_app(advisor, sessions=sessions, session=listening_session, theme=THEME), terminal_size=(80, 24))


def test_diagnosing_with_differential(snap_compare, advisor, sessions, diagnosing_session):
    assert snap_compare(make_app(advisor, sessions=sessions, session=diagnosing_session, theme=THEME), terminal_size=SIZE)


def test_results(snap_compare, advisor, sessions, diagnosing_session):
    async def open_results(pilot) -> None:
        await pilot.press("r")
        await settle(pilot.app, pilot)

    app = make_app(advisor, sessions=sessions, session=diagnosing_session, theme=THEME)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_results)
