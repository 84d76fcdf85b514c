"""What every stage screen shares: the engagement, the top bar and the differential rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen

from advisor.reasoning import calibrated, shown

from ..widgets import CauseRow, EngagementBar

if TYPE_CHECKING:
    from ..engagement import Engagement


class StageScreen(Screen[None]):
    """A screen of one interview stage; it redraws from the session whenever it is shown."""

    STAGE = ""
    """The stage name the top bar shows."""

    class Navigate(Message):
        """Ask the app to show a stage: setup, listening, diagnosing, results (or home)."""

        def __init__(self, stage: str) -> None:
            super().__init__()
            self.stage = stage

    def __init__(self, engagement: "Engagement") -> None:
        super().__init__()
        self.engagement = engagement

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw from the session; subclasses extend this."""
        bars = self.query(EngagementBar)
        if not bars:
            return
        if not self.engagement.started:
            bars.first().show("pmo-advisor", "", "New engagement")
            return
        person = self.engagement.stakeholder
        who = f"{person.name} · {self.engagement.group_name(person.role)}" if person else ""
        path = self.engagement.path
        bars.first().show(self.engagement.case.case, who, self.STAGE, path.name if path else "")

    def action_undo(self) -> None:
        """Take back the last change (a statement, a reading, an answer, a baseline, the context)."""
        if not self.engagement.started or not self.engagement.undo():
            self.notify("Nothing to undo.", severity="warning")
        self.refresh_view()

    def cause_rows(self) -> list[CauseRow]:
        """The live differential: the causes the evidence supports, most likely first."""
        session = self.engagement.session
        if session is None:
            return []
        causes = self.engagement.advisor.knowledge.causes
        scores, _ = session.ranked()
        confidence = calibrated(scores)
        return [CauseRow(s.id, causes[s.id].name, confidence[s.id], s.supported) for s in shown(scores)]
