"""A fuzzy search over the knowledge base's symptoms, by name, aliases and cue words."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Callable

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

_WORD = re.compile(r"[a-z0-9']+")


class SymptomIndex:
    """What the picker searches: each symptom's id, name, cue words and aliases."""

    def __init__(self, kb: "KnowledgeBase") -> None:
        self.kb = kb
        self.texts: dict[tuple[str, int], str] = {}
        self.weights: dict[tuple[str, int], float] = {}
        self.name_words: dict[str, set[str]] = defaultdict(set)
        """Word -> symptoms whose name has it; with :attr:`other_words`, for prefix look-ups."""
        self.other_words: dict[str, set[str]] = defaultdict(set)
        for symptom_id, symptom in kb.symptoms.items():
            texts = [(symptom_id.replace("_", " "), 1.0), (symptom.name, 1.0)]
            texts += [(cue, 0.95) for cue in symptom.cues] + [(alias, 0.9) for alias in symptom.aliases]
            for number, (text, weight) in enumerate(texts):
                self.texts[(symptom_id, number)] = text.lower()
                self.weights[(symptom_id, number)] = weight
                for word in _WORD.findall(text.lower()):
                    (self.name_words if number == 1 else self.other_words)[word].add(symptom_id)
        self._name_vocab = sorted(self.name_words)
        self._other_vocab = sorted(self.other_words)

    def search(self, query: str, limit: int = 40, heard: dict[str, float] | None = None) -> list[str]:
        """Symptom ids best matching the query (all symptoms by name when it is empty).

        A symptom scores its best fuzzy match, or the share of query words that start words
        of its name (or, a little less, of its cues and aliases), plus a little per matching text.
        ``heard`` (symptom -> score from the statement matcher) lifts what the query says in other words."""
        query = " ".join(query.lower().split())
        if not query:
            return sorted(self.kb.symptoms, key=lambda s: self.kb.symptoms[s].name.lower())
        found: dict[str, list[float]] = defaultdict(list)
        for _, score, key in process.extract(query, self.texts, scorer=fuzz.token_set_ratio, limit=None, score_cutoff=60):
            found[key[0]].append(score * self.weights[key])
        words = [w for w in _WORD.findall(query) if len(w) >= 3] or [query]
        in_name: dict[str, int] = defaultdict(int)
        in_other: dict[str, int] = defaultdict(int)
        for word in words:
            for symptom_id in _prefixed(word, self._name_vocab, self.name_words):
                in_name[symptom_id] += 1
            for symptom_id in _prefixed(word, self._other_vocab, self.other_words):
                in_other[symptom_id] += 1
        rank = {}
        heard = heard or {}
        for s in set(found) | set(in_name) | set(in_other) | set(heard):
            prefix = max(100 * in_name[s], 92 * in_other[s]) / len(words)
            best = max(max(found.get(s, [0.0])), prefix, 90 + 10 * heard.get(s, -9.0))
            rank[s] = best + 3 * (in_name[s] > 0) + 0.3 * min(len(found.get(s, [])), 10)
        return sorted(rank, key=lambda s: (-rank[s], self.kb.symptoms[s].name))[:limit]


def _prefixed(word: str, vocabulary: list[str], index: dict[str, set[str]]) -> set[str]:
    """Symptoms having a word that starts with ``word``."""
    found: set[str] = set()
    at = bisect.bisect_left(vocabulary, word)
    while at < len(vocabulary) and vocabulary[at].startswith(word):
        found |= index[vocabulary[at]]
        at += 1
    return found


def search_symptoms(kb: "KnowledgeBase", query: str, limit: int = 40) -> list[str]:
    """Symptom ids best matching a query (see :meth:`SymptomIndex.search`)."""
    return SymptomIndex(kb).search(query, limit)


class SymptomPicker(Vertical):
    """Type to filter, up/down to move, Enter to choose; posts :class:`SymptomPicker.Selected`."""

    DEFAULT_CSS = """
    SymptomPicker { height: 1fr; }
    SymptomPicker > OptionList { height: 1fr; min-height: 4; }
    SymptomPicker > #detail { height: 2; color: $text-muted; padding: 0 1; }
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

    def __init__(self, kb: "KnowledgeBase", query: str = "", *,
                 listen: Callable[[str], list[Any]] | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kb = kb
        self.listen = listen
        """The advisor's statement matcher, to find what the query says in other words."""
        self.query_text = query
        self._index = SymptomIndex(kb)

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
        heard = {}
        if self.listen is not None and len(query.split()) >= 2:
            heard = {m.symptom: m.score for m in self.listen(query) if m.present}
        ids = self._index.search(query, heard=heard)
        matches.set_options(Option(Content(self.kb.symptoms[s].name), id=s) for s in ids)
        if ids:
            matches.highlighted = 0
        else:
            self.query_one("#detail", Static).update("No symptom matches; try another word.")
