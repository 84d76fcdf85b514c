"""Help, command palette, themes, save-and-quit, and the guards around them."""

from __future__ import annotations

import io

from rich.console import Console
from textual.command import CommandPalette
from textual.widgets import Input, Static

from advisor import InterviewSession
from tui.app import make_app
from tui.screens import ExportModal, HelpScreen, ListeningScreen, ResultsScreen, SetupScreen

from tui_helpers import SIZE, THEME, settle, type_text


async def test_help_lists_every_key(advisor, sessions, listening_session):
    app = make_app(advisor, sessions=sessions, session=listening_session, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#keys", Static).content)
        text = console.export_text()
        for key in ("Ctrl+Q", "Ctrl+P", "F4", "Ctrl+N", "Ctrl+T", "Edit baseline", "Unsure", "Reject", "Other symptom"):
            assert key in text, key
        await pilot.press("escape")
        assert isinstance(app.screen, ListeningScreen)


async def test_command_palette_offers_the_interview_commands(advisor, sessions, listening_session):
    app = make_app(advisor, sessions=sessions, session=listening_session, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "results")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("ctrl+p")
        await type_text(pilot, "export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportModal)


async def test_theme_toggles_between_dark_and_light(advisor, sessions):
    app = make_app(advisor, sessions=sessions, theme="textual-dark")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        assert app.theme == "textual-light"
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


async def test_ctrl_q_saves_and_quits(advisor, sessions, listening_session):
    path = sessions / "acme-ltd.json"
    app = make_app(advisor, sessions=sessions, session=listening_session, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#statement", Input).value = "Nobody knows who decides anything here"
        await pilot.press("enter", "ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert InterviewSession.load(path, advisor).case.statements()[-1][1] == "Nobody knows who decides anything here"


async def test_stages_need_an_engagement_and_setup_needs_names(advisor, sessions):
    app = make_app(advisor, sessions=sessions, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4", "f5", "f6", "ctrl+n")
        assert not app.engagement.started
        await pilot.press("n", "ctrl+s")
        assert isinstance(app.screen, SetupScreen)
        assert "organisation" in str(app.screen.query_one("#error", Static).render())
        await type_text(pilot, "Acme")
        await pilot.press("ctrl+s")
        assert "name" in str(app.screen.query_one("#error", Static).render())
        assert app.focused.id == "stakeholder"
        await type_text(pilot, "Ana")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ListeningScreen)
        assert not list(sessions.glob("*.tmp")) and (sessions / "acme.json").exists()


async def test_editing_the_context_keeps_the_session_and_its_file(advisor, sessions, diagnosing_session):
    path = sessions / "acme-ltd.json"
    app = make_app(advisor, sessions=sessions, session=diagnosing_session, session_path=path, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#organisation", Input).value == "Acme Ltd"
        app.screen.query_one("#projects", Input).value = "120"
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = InterviewSession.load(path, advisor)
    assert saved.case.context.projects_in_flight == 120
    assert saved.answers == diagnosing_session.answers
    assert [p.name for p in sessions.iterdir()] == ["acme-ltd.json"]


async def test_export_to_an_unwritable_place_is_reported_not_fatal(advisor, sessions, listening_session, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    app = make_app(advisor, sessions=sessions, session=listening_session, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        app.screen.query_one("#path", Input).value = str(blocker / "report.md")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.is_running
        assert any("Export failed" in (n.title or "") for n in app._notifications)
