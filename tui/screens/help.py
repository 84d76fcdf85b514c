"""The help screen: every key, read from the bindings themselves so it never goes stale."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from rich.console import Group, RenderableType
from rich.text import Text
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ..widgets.text import aligned_rows

KEY_NAMES = {"question_mark": "?", "escape": "Esc", "enter": "Enter", "up": "↑", "down": "↓", "tab": "Tab"}


def key_label(keys: str) -> str:
    """'f1,question_mark' -> 'F1 / ?'; 'ctrl+n' -> 'Ctrl+N'."""
    out = []
    for key in keys.split(","):
        key = KEY_NAMES.get(key, key)
        if key.startswith("ctrl+"):
            key = "Ctrl+" + key[5:].upper()
        elif len(key) > 1 and key[0] == "f" and key[1:].isdigit():
            key = key.upper()
        out.append(key)
    return " / ".join(out)


def key_block(title: str, bindings: Iterable[BindingType]) -> list[RenderableType]:
    """A titled block of 'key  description · tooltip' rows."""
    rows = [
        (key_label(b.key), f"{b.description} · {b.tooltip}" if b.tooltip else b.description)
        for b in bindings if isinstance(b, Binding) and b.description
    ]
    return [Text(title, style="bold"), aligned_rows(rows, marker_width=14), Text("")]


def key_sections(everywhere: list[BindingType]) -> list[tuple[str, Iterable[BindingType]]]:
    """Every key of the interview, by where it works (``everywhere``: the app's own keys)."""
    from ..widgets import AnswerHistory, MeasurePanel, ReadingsLog
    from .diagnosing import DiagnosingScreen
    from .listening import ListeningScreen
    from .results import ResultsScreen
    from .setup import SetupScreen
    from .start import StartScreen

    return [
        ("Everywhere", everywhere),
        ("Listening", ListeningScreen.BINDINGS),
        ("Listening: reviewing readings (Tab)", ReadingsLog.BINDINGS),
        ("Diagnosing", DiagnosingScreen.BINDINGS),
        ("Diagnosing: earlier answers (a)", AnswerHistory.BINDINGS),
        ("Results", ResultsScreen.BINDINGS),
        ("Results: success measures", MeasurePanel.BINDINGS),
        ("Start and setup", [*StartScreen.BINDINGS, *SetupScreen.BINDINGS]),
    ]


class HelpScreen(ModalScreen[None]):
    """All keys, by where they work; Esc, q or ? closes."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        blocks: list[RenderableType] = []
        for title, bindings in self.sections:
            blocks += key_block(title, bindings)
        with Vertical(classes="dialog wide tall"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(Group(*blocks), id="keys")
            yield Static("Esc closes · Ctrl+P opens the command palette", classes="dialog-keys")
