"""The help screen: every key, read from the bindings themselves so it never goes stale."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

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


def key_lines(title: str, bindings: Iterable[BindingType]) -> list[Content]:
    """A titled block of 'key  description' lines."""
    lines = [Content.styled(title, "bold $accent")]
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            lines.append(Content.assemble("  ", (f"{key_label(binding.key):<16}", "bold"), binding.tooltip or binding.description))
    return lines + [Content("")]


class HelpScreen(ModalScreen[None]):
    """All keys, by where they work; Esc, q or ? closes."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def __init__(self, sections: list[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        lines: list[Content] = []
        for title, bindings in self.sections:
            lines += key_lines(title, bindings)
        with Vertical(classes="dialog wide tall"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n").join(lines))
            yield Static("Esc closes · Ctrl+P opens the command palette", classes="dialog-keys")
