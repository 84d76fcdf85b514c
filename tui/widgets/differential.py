"""The live differential: the leading causes with confidence bars that move with every answer."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉█"


@dataclass(frozen=True)
class CauseRow:
    """One cause as the differential shows it."""

    id: str
    name: str
    confidence: float
    supported: bool = True


def bar(fraction: float, width: int) -> str:
    """A horizontal bar of ``width`` cells filled to ``fraction`` (eighth-cell precision)."""
    fraction = min(max(fraction, 0.0), 1.0)
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part and full < width else "")
    return text.ljust(width)


class Differential(Widget):
    """Leading causes, two lines each: the name, then a bar, the percentage and the last change."""

    DEFAULT_CSS = """
    Differential { height: 1fr; padding: 0 1; }
    """

    rows: reactive[tuple[CauseRow, ...]] = reactive(())
    """Set by the screen after every change (attributes down)."""

    def __init__(self, *, limit: int = 12, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.limit = limit
        """At most this many causes; fewer when the widget is not tall enough for them."""
        self._before: dict[str, float] = {}

    def watch_rows(self, old: tuple[CauseRow, ...], new: tuple[CauseRow, ...]) -> None:
        """Remember the previous confidences so each row can show how far it just moved."""
        if [(r.id, r.confidence) for r in old] != [(r.id, r.confidence) for r in new]:
            self._before = {r.id: r.confidence for r in old}

    def render(self) -> Content:
        fits = max(self.content_region.height // 2, 1) if self.content_region.height else self.limit
        rows = self.rows[: min(self.limit, fits)]
        if not rows:
            return Content.styled("No evidence yet.\nCauses appear as the\nstakeholder speaks.", "dim")
        width = max(self.content_region.width or self.size.width, 20)
        bar_width = max(width - 11, 6)
        lines: list[Content] = []
        for rank, row in enumerate(rows):
            name_style = "bold" if rank == 0 and row.supported else ("" if row.supported else "dim")
            lines.append(Content.styled(row.name, name_style).truncate(width, ellipsis=True))
            colour = "$success" if row.confidence >= 0.75 else "$warning" if row.confidence >= 0.4 else "$secondary"
            if not row.supported:
                colour = "$text-disabled"
            lines.append(Content.assemble(
                (bar(row.confidence, bar_width), colour),
                (f" {row.confidence:4.0%}", "bold" if row.supported else "dim"),
                self._delta(row),
            ))
        return Content("\n").join(lines)

    def _delta(self, row: CauseRow) -> Content | str:
        before = self._before.get(row.id)
        if before is None:
            return ""
        change = round((row.confidence - before) * 100)
        if change == 0:
            return ""
        return Content.styled(f" {'▲' if change > 0 else '▼'}{abs(change)}", "$success" if change > 0 else "$error")
