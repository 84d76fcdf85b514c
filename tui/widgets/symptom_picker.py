"""A fuzzy search over the knowledge base's symptoms, by name, aliases and cue words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from advisor.knowledge import KnowledgeBase


def symptom_index(kb: "KnowledgeBase") -> dict[str, str]:
    """Search key -> lower-case text, for every symptom's id, name, aliases and cues."""
    choices: dict[str, str] = {}
    for symptom_id, symptom in kb.symptoms.items():
        texts = [symptom_id.replace("_", " "), symptom.name, *symptom.aliases, *symptom.cues]
        for number, text in enumerate(texts):
            choices[f"{symptom_id}\x00{number}"] = text.lower()
    return choices


def search_symptoms(kb: "KnowledgeBase", query: str, index: dict[str, str] | None = None, limit: int = 40) -> list[str]:
    """Symptom ids best matching the query (all symptoms by name when it is empty)."""
    if not query.strip():
        return sorted(kb.symptoms, key=lambda s: kb.symptoms[s].name.lower())
    index = index if index is not None else symptom_index(kb)
    found = process.extract(query.lower(), index, scorer=fuzz.WRatio, limit=limit * 6, score_cutoff=55)
    best: dict[str, float] = {}
    for _, score, key in found:
        symptom_id = key.split("\x00")[0]
        best[symptom_id] = max(best.get(symptom_id, 0.0), score)
    return sorted(best, key=lambda s: (-best[s], kb.symptoms[s].name))[:limit]


class SymptomPicker(Vertical):
    """Type to filter, up/down to move, Enter to choose; posts :class:`SymptomPicker.Selected`."""

    DEFAULT_CSS = """
    SymptomPicker { height: auto; }
    SymptomPicker > OptionList { height: 12; }
    SymptomPicker > #detail { height: 3; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    class Selected(Message):
        """A symptom was chosen."""

        def __init__(self, symptom_id: str) -> None:
            super().__init__()
            self.symptom_id = symptom_id

    def __init__(self, kb: "KnowledgeBase", query: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kb = kb
        self.query_text = query
        self._index = symptom_index(kb)

    def compose(self) -> ComposeResult:
        yield Input(self.query_text, placeholder="Search symptoms: name, phrase or keyword", id="query")
        yield OptionList(id="matches")
        yield Static(id="detail")

    def on_mount(self) -> None:
        self._fill(self.query_text)

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None and option.id:
            self.post_message(self.Selected(option.id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Selected(event.option.id))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        symptom = self.kb.symptoms.get(event.option.id or "")
        self.query_one("#detail", Static).update(symptom.description if symptom else "")

    def action_move(self, step: int) -> None:
        matches = self.query_one(OptionList)
        if step > 0:
            matches.action_cursor_down()
        else:
            matches.action_cursor_up()

    def _fill(self, query: str) -> None:
        matches = self.query_one(OptionList)
        ids = search_symptoms(self.kb, query, self._index)
        matches.set_options(Option(Content(self.kb.symptoms[s].name), id=s) for s in ids)
        if ids:
            matches.highlighted = 0
        else:
            self.query_one("#detail", Static).update("No symptom matches; try another word.")
