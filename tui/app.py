"""The interview app and the one factory that builds it (used by the command and the tests)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.message import Message

from advisor.errors import AdvisorError
from advisor.fileio import write_atomic

from .commands import AdvisorCommands
from .engagement import Engagement, slugify
from .screens import (
    DiagnosingScreen,
    ExportModal,
    ExportRequest,
    HelpScreen,
    ListeningScreen,
    NewStakeholder,
    ResultsScreen,
    SetupScreen,
    StakeholderModal,
    StartScreen,
)
from .screens.base import StageScreen
from .screens.help import key_sections

if TYPE_CHECKING:
    from advisor.engine import Advisor
    from advisor.interview import InterviewSession

THEMES = ("textual-dark", "textual-light")
PALETTE_KEY = Binding("ctrl+p", "command_palette", "Commands",
                      tooltip="Command palette: export, new stakeholder, theme, results, save, …")
STAGES = {"listening": ListeningScreen, "diagnosing": DiagnosingScreen, "results": ResultsScreen}


class AdvisorApp(App[None]):
    """pmo-advisor interview: setup, listening, diagnosing, results, export."""

    CSS_PATH = "app.tcss"
    TITLE = "pmo-advisor"
    COMMANDS = App.COMMANDS | {AdvisorCommands}
    BINDINGS = [
        Binding("ctrl+q", "save_and_quit", "Quit", priority=True, tooltip="Save the session and quit"),
        Binding("f1,question_mark", "help", "Keys", tooltip="This list of keys"),
        Binding("f2", "goto('setup')", "Engagement", show=False, tooltip="Organisation and context"),
        Binding("f3", "goto('listening')", "Listen", show=False, tooltip="Add what the stakeholder says"),
        Binding("f4", "goto('diagnosing')", "Questions", show=False, tooltip="The diagnostic questions"),
        Binding("f5", "goto('results')", "Results", show=False, tooltip="Differential, prescription, value"),
        Binding("f6", "export", "Export", show=False, tooltip="Export the report (Markdown, HTML, JSON)"),
        Binding("ctrl+n", "new_stakeholder", "New stakeholder", show=False, tooltip="Interview the next stakeholder"),
        Binding("ctrl+s", "save", "Save", show=False, tooltip="Save the session (also done after every change)"),
        Binding("ctrl+t", "toggle_theme", "Theme", show=False, tooltip="Light or dark theme"),
    ]

    class Exported(Message):
        """The export worker finished: ``error`` is None when the file was written."""

        def __init__(self, path: Path, fmt: str, error: str | None = None) -> None:
            super().__init__()
            self.path = path
            self.fmt = fmt
            self.error = error

    def __init__(self, engagement: Engagement, theme: str = THEMES[0]) -> None:
        super().__init__()
        self.engagement = engagement
        self.theme = theme
        self._last_export: ExportRequest | None = None

    def on_mount(self) -> None:
        self.warm_up()
        if self.engagement.started:
            self.action_goto(self.engagement.stage())
        else:
            self.push_screen(StartScreen(self.engagement.sessions))

    @work(thread=True, group="warm-up")
    def warm_up(self) -> None:
        """Build the statement matcher before the first statement needs it."""
        _ = self.engagement.advisor.matcher

    # ------------------------------------------------------------ navigation

    def action_goto(self, stage: str) -> None:
        """Show a stage screen: setup, listening, diagnosing or results."""
        if stage != "setup" and not self.engagement.started:
            self.notify("Start an engagement first.", severity="warning")
            return
        if stage == "setup":
            screen = SetupScreen(self.engagement)
        else:
            if not self.is_screen_installed(stage):
                self.install_screen(STAGES[stage](self.engagement), stage)
            screen = self.get_screen(stage)
        if self.screen is screen:
            return
        while len(self.screen_stack) > 2 and self.screen.is_modal:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_home(self) -> None:
        self.switch_screen(StartScreen(self.engagement.sessions))

    def action_new_engagement(self) -> None:
        self.engagement.save()
        self.engagement.session = None
        self.engagement.path = None
        self.action_goto("setup")

    def on_stage_screen_navigate(self, event: StageScreen.Navigate) -> None:
        if event.stage == "home":
            self.action_home()
        else:
            self.action_goto(event.stage)

    def on_start_screen_new_engagement(self) -> None:
        self.action_new_engagement()

    def on_start_screen_resume(self, event: StartScreen.Resume) -> None:
        self.resume(event.path)

    def resume(self, path: Path) -> None:
        """Continue a saved session where it stopped."""
        try:
            self.engagement.resume(path)
        except AdvisorError as exc:
            self.notify(str(exc), title="Cannot resume", severity="error")
            return
        self.action_goto(self.engagement.stage())

    # ------------------------------------------------------------ actions

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(key_sections([*self.BINDINGS, PALETTE_KEY])))

    def action_new_stakeholder(self) -> None:
        if not self.engagement.started:
            self.notify("Start an engagement first.", severity="warning")
            return
        groups = [(self.engagement.group_name(g), g) for g in self.engagement.groups]
        taken = {p.name for p in self.engagement.case.stakeholders}

        def chosen(person: NewStakeholder | None) -> None:
            if person is None:
                return
            self.engagement.add_stakeholder(person.name, person.group)
            if isinstance(self.screen, ListeningScreen):
                self.screen.refresh_view()
            else:
                self.action_goto("listening")

        self.push_screen(StakeholderModal(groups, taken), chosen)

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    def action_save(self) -> None:
        if self.engagement.started:
            self.engagement.save()
            self.notify(f"Saved to {self.engagement.path}")

    def action_save_and_quit(self) -> None:
        self.engagement.save()
        self.exit()

    def action_export(self) -> None:
        if not self.engagement.started:
            self.notify("Nothing to export yet.", severity="warning")
            return
        last = self._last_export
        default = last.path if last else Path.cwd() / slugify(self.engagement.case.case)
        self.push_screen(ExportModal(default, last.fmt if last else "markdown"), self.export_report)

    def export_report(self, request: ExportRequest | None) -> None:
        """Export in a worker; the next export offers the same folder, name and format."""
        if request is not None and self.engagement.started:
            self._last_export = request
            self._export(request, self.engagement.detached())

    @work(thread=True, exclusive=True, group="export")
    def _export(self, request: ExportRequest, session: "InterviewSession") -> None:
        """Diagnose (a copy of) the session and write the report off the UI thread; report back by message."""
        from advisor.batch import render

        try:
            write_atomic(request.path, render(session.diagnosis(), request.fmt))
        except OSError as exc:
            self.post_message(self.Exported(request.path, request.fmt, exc.strerror or str(exc)))
            return
        self.post_message(self.Exported(request.path, request.fmt))

    def on_advisor_app_exported(self, event: Exported) -> None:
        if event.error:
            self.notify(f"{event.path}: {event.error}", title="Export failed", severity="error")
        else:
            self.notify(f"{event.fmt.capitalize()} report written to {event.path}", title="Exported")


def make_app(advisor: "Advisor", sessions: Path, session: "InterviewSession | None" = None,
             session_path: Path | None = None, theme: str = THEMES[0]) -> AdvisorApp:
    """The interview app from a loaded advisor; ``session`` (and its file) to resume one."""
    return AdvisorApp(Engagement(advisor, Path(sessions), session, session_path), theme=theme)
