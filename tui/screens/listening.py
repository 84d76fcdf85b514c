"""Listening: type what the stakeholder says; see at once how each statement was read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Static

from ..widgets import Differential, EngagementBar, Reading, ReadingsLog, StatementEntry
from .base import StageScreen
from .modals import SymptomPickerScreen

if TYPE_CHECKING:
    from advisor.interview import InterviewSession


class ListeningScreen(StageScreen):
    """Statements and their readings on the left, the live differential on the right."""

    STAGE = "Listening"
    AUTO_FOCUS = "#statement"
    BINDINGS = [
        Binding("f4", "app.goto('diagnosing')", "Questions"),
        Binding("ctrl+n", "app.new_stakeholder", "New stakeholder"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("escape", "focus_input", "Type", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield EngagementBar()
        with Horizontal(id="stage"):
            with Vertical(id="main"):
                yield ReadingsLog(id="log")
                yield Static(id="hint")
            with Vertical(id="side"):
                yield Static("Leading causes", classes="panel-title")
                yield Differential(id="differential")
        yield Input(placeholder="What does the stakeholder say? (Enter adds it)", id="statement")
        yield Footer()

    def refresh_view(self) -> None:
        super().refresh_view()
        if not self.engagement.started:
            return
        person = self.engagement.stakeholder
        waiting = f"{person.name} · {self.engagement.group_name(person.role)}" if person and not person.statements else ""
        self.query_one(ReadingsLog).show(self._entries(), waiting)
        self.query_one(Differential).rows = tuple(self.cause_rows())
        name = person.name if person else "the stakeholder"
        self.query_one("#statement", Input).placeholder = f"What does {name} say? (Enter adds it · Tab to review readings)"
        self.query_one("#log").border_title = "Statements and how they were read"
        count = len(self.engagement.case.statements())
        hint = "Type what the stakeholder says and press Enter." if count == 0 else (
            f"{count} statement{'s' if count != 1 else ''} · Tab: review the readings"
        )
        self.query_one("#hint", Static).update(hint)

    def _entries(self) -> list[StatementEntry]:
        session = self.engagement.session
        assert session is not None
        kb = self.engagement.advisor.knowledge
        entries = []
        for index, (person, text) in enumerate(session.case.statements()):
            readings: list[Reading] = []
            for match in self.engagement.readings(text):
                if any(r.symptom == match.symptom for r in readings):
                    continue
                readings.append(Reading(match.symptom, kb.symptoms[match.symptom].name, match.score, _status(session, match.symptom, match.present, text)))
            for symptom, quotes in session.added.items():
                if symptom not in {r.symptom for r in readings} and any(q.text == text for q in quotes):
                    status = "rejected" if symptom in session.rejected else "chosen"
                    readings.append(Reading(symptom, kb.symptoms[symptom].name, 1.0, status))
            group = self.engagement.group_name(person.role)
            entries.append(StatementEntry(index, person.name, group, text, tuple(readings)))
        return entries

    @on(Input.Submitted, "#statement")
    def _add(self, event: Input.Submitted) -> None:
        text = " ".join(event.value.split())
        if not text:
            return
        event.input.value = ""
        self.engagement.add_statement(text)
        self.refresh_view()
        self.query_one(ReadingsLog).highlight_last()

    @on(ReadingsLog.Requested)
    def _requested(self, event: ReadingsLog.Requested) -> None:
        statements = self.engagement.case.statements()
        if not 0 <= event.statement < len(statements):
            return
        person, text = statements[event.statement]
        if event.action == "reject" and event.symptom:
            self.engagement.reject(event.symptom)
        elif event.action == "accept" and event.symptom:
            self.engagement.accept(event.symptom, person.name, text)
        else:
            self._pick(person.name, text)
            return
        self.refresh_view()

    def _pick(self, stakeholder: str, text: str) -> None:
        def chosen(symptom: str | None) -> None:
            if symptom:
                self.engagement.accept(symptom, stakeholder, text)
                self.refresh_view()

        self.app.push_screen(SymptomPickerScreen(self.engagement.advisor.knowledge, text, self.engagement.advisor.listen), chosen)

    def action_focus_input(self) -> None:
        self.query_one("#statement", Input).focus()


def _status(session: "InterviewSession", symptom: str, present: bool, text: str) -> str:
    """How a reading stands after the consultant's corrections."""
    if symptom in session.rejected:
        return "rejected"
    if symptom in session.added and any(q.text == text for q in session.added[symptom]):
        return "accepted"
    return "heard" if present else "denied"
