"""The start screen: resume a recent session (newest first) or start a new engagement."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..engagement import recent_sessions


class StartScreen(Screen[None]):
    """Recent sessions from the sessions folder; Enter resumes, n starts a new engagement."""

    BINDINGS = [
        Binding("n", "new", "New engagement"),
    ]

    class Resume(Message):
        """Continue the session saved in ``path``."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class NewEngagement(Message):
        """Start a new engagement."""

    def __init__(self, sessions: Path) -> None:
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        with Center():
            with Vertical(id="start"):
                yield Static(Content.assemble(("pmo-advisor", "bold $accent"), "  ·  the interview"), id="title")
                yield Static("Listen to the stakeholders, diagnose the causes, prescribe PMO services.", id="tagline")
                yield OptionList(id="recent")
                yield Static(id="recent-note")
                yield Button("New engagement  (n)", variant="primary", id="new")
        yield Footer()

    def on_mount(self) -> None:
        found = recent_sessions(self.sessions)
        recent = self.query_one("#recent", OptionList)
        recent.border_title = "Recent sessions · Enter resumes"
        recent.add_options(
            Option(Content.assemble(
                (f"{info.case}", "bold" if info.error is None else "dim"), "\n",
                (info.error or f"  {info.stakeholders} stakeholder{'s' if info.stakeholders != 1 else ''} · "
                 f"{info.statements} statements · {info.answers} answers · {info.when}", "dim"),
            ), id=str(info.path), disabled=info.error is not None)
            for info in found
        )
        recent.display = bool(found)
        if found:
            recent.highlighted = 0
        note = f"No saved sessions yet in {self.sessions}." if not found else f"Sessions are saved in {self.sessions}."
        self.query_one("#recent-note", Static).update(note)
        (recent if found else self.query_one("#new")).focus()

    @on(OptionList.OptionSelected, "#recent")
    def _resume(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.post_message(self.Resume(Path(event.option.id)))

    @on(Button.Pressed, "#new")
    def action_new(self) -> None:
        self.post_message(self.NewEngagement())
