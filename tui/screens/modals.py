"""Questions to the consultant: pick a symptom, name a new stakeholder, export a report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from ..widgets import SymptomPicker

if TYPE_CHECKING:
    from advisor.knowledge import KnowledgeBase

EXTENSIONS = {"markdown": ".md", "html": ".html", "json": ".json"}


class SymptomPickerScreen(ModalScreen[str | None]):
    """Which symptom does this statement show? Dismisses with a symptom id or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, kb: "KnowledgeBase", statement: str, listen: Callable[[str], list[Any]] | None = None) -> None:
        super().__init__()
        self.kb = kb
        self.statement = statement
        self.listen = listen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide tall"):
            yield Label("Which symptom does this statement show?", classes="dialog-title")
            yield Static(f"“{self.statement}”", classes="quote")
            yield SymptomPicker(self.kb, listen=self.listen)
            yield Static("↑↓ move · Enter choose · Esc cancel", classes="dialog-keys")

    def on_symptom_picker_selected(self, event: SymptomPicker.Selected) -> None:
        self.dismiss(event.symptom_id)


@dataclass(frozen=True)
class NewStakeholder:
    name: str
    group: str


class StakeholderModal(ModalScreen[NewStakeholder | None]):
    """Name and customer group of the next stakeholder to interview (a name already heard goes back to them)."""

    AUTO_FOCUS = "#name"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, groups: list[tuple[str, str]], taken: set[str]) -> None:
        super().__init__()
        self.groups = groups
        self.taken = taken

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Next stakeholder", classes="dialog-title")
            yield Input(placeholder="Name, e.g. Dana Whitfield (or someone already heard)", id="name")
            yield Select(self.groups, allow_blank=False, value=self.groups[0][1], id="group")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Interview", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")
            yield Static("Enter: next · Esc: cancel", classes="dialog-keys")

    @on(Input.Changed, "#name")
    def _hint(self, event: Input.Changed) -> None:
        name = event.value.strip()
        hint = f"Back to {name}: their answers and statements so far are kept." if name in self.taken else ""
        self.query_one("#error", Static).update(hint)

    @on(Input.Submitted, "#name")
    def _next(self) -> None:
        self.query_one("#group", Select).focus()

    @on(Select.Changed, "#group")
    def _group_chosen(self) -> None:
        """A group chosen by the consultant (not the initial value) moves on to the button."""
        select = self.query_one("#group", Select)
        if self.focused is not None and (self.focused is select or select in self.focused.ancestors):
            self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        name = self.query_one("#name", Input).value.strip()
        error = "" if name else "A name, please."
        self.query_one("#error", Static).update(error)
        if error:
            self.query_one("#name", Input).focus()
            return
        self.dismiss(NewStakeholder(name, str(self.query_one("#group", Select).value)))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    """markdown, html or json (the formats of advisor.batch.render)."""
    path: Path


class ExportModal(ModalScreen[ExportRequest | None]):
    """Format and path of the report; Enter exports, Esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, default_path: Path, fmt: str = "markdown") -> None:
        super().__init__()
        self.fmt = fmt
        self.default_path = default_path.with_suffix(EXTENSIONS[fmt])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export the report", classes="dialog-title")
            with RadioSet(id="format"):
                for fmt, label in (("markdown", "Markdown"), ("html", "HTML"), ("json", "JSON")):
                    yield RadioButton(label, value=fmt == self.fmt, name=fmt)
            yield Input(str(self.default_path), id="path")
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Export", variant="primary", id="ok")
                yield Button("Cancel", id="cancel")
            yield Static("Enter in the path exports · ←→ on the format · Esc cancels", classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or "markdown"
        path = self.query_one("#path", Input)
        if path.value.strip():
            path.value = str(Path(path.value.strip()).with_suffix(EXTENSIONS[self.fmt]))

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#error", Static).update("A file path, please.")
            return
        path = Path(text).expanduser()
        if path.is_dir():
            self.query_one("#error", Static).update("That is a folder; add a file name.")
            return
        self.dismiss(ExportRequest(self.fmt, path))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
