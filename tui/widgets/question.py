"""The question card: one question, why it is asked, the answer keys, or the sign that the diagnosis is settled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

if TYPE_CHECKING:
    from advisor.interview import Question

KEYS = "y yes   n no   u unsure   s skip   z undo"


def settled_text(reason: str) -> str:
    """The session's stop reason as the consultant reads it."""
    if reason.startswith("settled: "):
        return f"✓ Diagnosis settled: {reason[len('settled: '):]}."
    return f"✓ Enough questions: {reason}."


class QuestionCard(Vertical, can_focus=True):
    """Focusable, so that y / n / u / s reach the screen while the card is the focus."""

    DEFAULT_CSS = """
    QuestionCard { height: auto; }
    QuestionCard > #settled { display: none; }
    QuestionCard.-settled > #settled { display: block; }
    QuestionCard.-idle > .asking { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="settled")
        yield Static(id="question-text", classes="asking")
        yield Static(id="question-why", classes="asking")
        yield Static(KEYS, id="question-keys", classes="asking")

    def show(self, number: int, question: "Question | None", reason: str | None) -> None:
        """Set the card (attributes down): the question to ask, and why the interview could stop."""
        self.set_class(reason is not None, "-settled")
        self.set_class(question is None, "-idle")
        if reason is not None:
            after = "r results · m one more question · l listen" if question is None else "asking more, as you chose"
            self.query_one("#settled", Static).update(f"{settled_text(reason)}\n{after}")
        if question is None:
            self.border_title = "No open question"
            return
        self.border_title = f"Question {number}"
        self.query_one("#question-text", Static).update(question.text)
        why = question.why
        self.query_one("#question-why", Static).update(f"Why: {why[0].lower() + why[1:]}" if why else "")
