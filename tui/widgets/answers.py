"""The answers given so far: select one and press y / n / u / s to change it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .text import hanging

ANSWER_STYLE = {"yes": "$success", "no": "$error", "unsure": "$warning", "skip": "dim"}


@dataclass(frozen=True)
class AnsweredQuestion:
    """One question asked and its answer."""

    symptom: str
    question: str
    answer: str


class AnswerHistory(OptionList):
    """Previous answers, newest last; changing one posts :class:`AnswerHistory.Changed`."""

    BINDINGS = [
        Binding("y", "change('yes')", "Yes"),
        Binding("n", "change('no')", "No"),
        Binding("u", "change('unsure')", "Unsure"),
        Binding("s", "change('skip')", "Skip"),
        Binding("escape", "leave", "Back to question"),
    ]

    class Changed(Message):
        """The consultant changed an earlier answer."""

        def __init__(self, symptom: str, answer: str) -> None:
            super().__init__()
            self.symptom = symptom
            self.answer = answer

    class Left(Message):
        """The consultant wants to go back to the current question."""

    def show(self, answered: list[AnsweredQuestion]) -> None:
        """Replace the list, keeping the highlight on the same question."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self._answered = answered
        width = max(self.scrollable_content_region.width, 30)
        self.set_options(
            Option(hanging([(f"{a.answer:<7}", f"bold {ANSWER_STYLE.get(a.answer, '')}")], a.question, "", width, 7), id=a.symptom)
            for a in answered
        )
        ids = [a.symptom for a in answered]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = len(ids) - 1

    def on_resize(self) -> None:
        if getattr(self, "_answered", None):
            self.show(self._answered)

    def action_change(self, answer: str) -> None:
        option = self.highlighted_option
        if option is not None and option.id:
            self.post_message(self.Changed(option.id, answer))

    def action_leave(self) -> None:
        self.post_message(self.Left())
