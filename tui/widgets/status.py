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
        sep = ("  │  ", "dim")
        parts: list[Content | str | tuple[str, str]] = []
        if stage:
            parts += [(stage, "bold $accent"), sep]
        parts.append((case, "bold"))
        if stakeholder:
            parts += [sep, stakeholder]
        if saved_as:
            parts += [sep, (f"✓ {saved_as}", "dim")]
        self.update(Content.assemble(*parts))
