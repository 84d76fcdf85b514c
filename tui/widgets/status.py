"""The one-line engagement bar at the top of every stage screen."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class EngagementBar(Static):
    """Organisation · stakeholder · stage, and the session file it is saved to."""

    DEFAULT_CSS = """
    EngagementBar { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    def show(self, case: str, stakeholder: str, stage: str, saved_as: str = "") -> None:
        """Set what the bar says (the screen calls this after every change)."""
        parts: list[Content | str | tuple[str, str]] = [("pmo-advisor", "bold $accent"), ("  │  ", "dim"), (case, "bold")]
        if stakeholder:
            parts += [("  │  ", "dim"), stakeholder]
        parts += [("  │  ", "dim"), (stage, "italic")]
        if saved_as:
            parts += [("  │  ", "dim"), (f"✓ {saved_as}", "dim")]
        self.update(Content.assemble(*parts))
