"""The listening log: every statement with the symptoms it was read as, to accept, reject or correct."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .text import hanging

STATUS = {
    "heard": ("●", ""),
    "denied": ("○", "dim"),
    "accepted": ("✓", "$success"),
    "chosen": ("+", "$success"),
    "rejected": ("✗", "dim strike"),
}


@dataclass(frozen=True)
class Reading:
    """One symptom read in a statement, and what the consultant made of it."""

    symptom: str
    name: str
    score: float
    status: str = "heard"
    """heard, denied, accepted, chosen (picked by the consultant) or rejected."""


@dataclass(frozen=True)
class StatementEntry:
    """A statement as the log shows it."""

    index: int
    stakeholder: str
    group: str
    text: str
    readings: tuple[Reading, ...] = field(default_factory=tuple)


class ReadingsLog(OptionList):
    """Statements (headings) and their readings (the options the keys act on)."""

    BINDINGS = [
        Binding("a,enter", "request('accept')", "Accept", tooltip="Confirm this reading"),
        Binding("r,x", "request('reject')", "Reject", tooltip="The statement was misread as this"),
        Binding("o", "request('pick')", "Other symptom…", tooltip="Choose the symptom this statement shows"),
    ]

    class Requested(Message):
        """The consultant asked to accept, reject or pick the symptom of a statement."""

        def __init__(self, action: str, statement: int, symptom: str | None) -> None:
            super().__init__()
            self.action = action
            self.statement = statement
            self.symptom = symptom

    def show(self, entries: list[StatementEntry], waiting: str = "") -> None:
        """Replace the log, keeping the highlight on the same reading when it is still there.

        ``waiting`` names a stakeholder who has not spoken yet (shown last)."""
        self._entries, self._waiting = entries, waiting
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        width = max(self.scrollable_content_region.width, 30)
        options: list[Option] = []
        speaker = None
        for entry in entries:
            if entry.stakeholder != speaker:
                speaker = entry.stakeholder
                heading = Content.assemble((entry.stakeholder, "bold $text-accent"), (f" · {entry.group}", "$text-muted"))
                options.append(Option(heading, id=f"s{entry.index}", disabled=True))
            options.append(Option(hanging([("“", "italic")], f"{entry.text}”", "italic", width, 1), id=f"h{entry.index}", disabled=True))
            if not entry.readings:
                options.append(Option(Content.styled("     nothing recognised · o: pick a symptom", "dim"), id=f"{entry.index}:"))
            for reading in entry.readings:
                options.append(Option(self._prompt(reading, width), id=f"{entry.index}:{reading.symptom}"))
        if waiting:
            options.append(Option(Content.assemble((waiting, "bold $text-accent"), (" · listening…", "$text-muted")),
                                  id="waiting", disabled=True))
        self.set_options(options)
        ids = [o.id for o in options if not o.disabled]
        if keep in ids:
            self.highlighted = self.get_option_index(keep)  # type: ignore[arg-type]
        elif ids:
            self.highlighted = self.get_option_index(ids[-1])  # type: ignore[arg-type]
            self.scroll_end(animate=False)

    def on_resize(self) -> None:
        if getattr(self, "_entries", None) is not None:
            self.show(self._entries, self._waiting)

    def highlight_last(self) -> None:
        """Move to the newest reading (after a statement was added)."""
        for index in range(self.option_count - 1, -1, -1):
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                break
        self.scroll_end(animate=False)

    def _prompt(self, reading: Reading, width: int) -> Content:
        glyph, style = STATUS.get(reading.status, STATUS["heard"])
        label = f"not: {reading.name}" if reading.status == "denied" else reading.name
        tail = "" if reading.status in ("heard", "denied") else f" · {reading.status}"
        prefix = [("  ", ""), (f"{glyph} ", style or "$accent"), (f"{reading.score:4.0%}  ", "dim")]
        return hanging(prefix, label + tail, style, width, 10)

    def action_request(self, action: str) -> None:
        option = self.highlighted_option
        if option is None or option.id is None or option.id.startswith("h"):
            return
        index, _, symptom = option.id.partition(":")
        if action != "pick" and not symptom:
            action = "pick"
        self.post_message(self.Requested(action, int(index), symptom or None))

