"""Diagnosing: one question at a time, why it is asked, and the differential moving with each answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

from ..widgets import AnsweredQuestion, AnswerHistory, Differential, EngagementBar, QuestionCard
from .base import StageScreen

if TYPE_CHECKING:
    from ..engagement import Engagement
    from advisor.interview import Question


class DiagnosingScreen(StageScreen):
    """The current question (y / n / u / s), earlier answers to change, and the differential."""

    STAGE = "Diagnosing"
    AUTO_FOCUS = "#question"
    BINDINGS = [
        Binding("y", "answer('yes')", "Yes", show=False),
        Binding("n", "answer('no')", "No", show=False),
        Binding("u", "answer('unsure')", "Unsure", show=False),
        Binding("s", "answer('skip')", "Skip", show=False),
        Binding("z,ctrl+z", "undo", "Undo"),
        Binding("a", "focus_answers", "Change an answer"),
        Binding("m", "more", "More"),
        Binding("l,f3", "app.goto('listening')", "Listen"),
        Binding("r,f5", "app.goto('results')", "Results"),
    ]

    def __init__(self, engagement: "Engagement") -> None:
        super().__init__(engagement)
        self.asking_more = False
        """True once the consultant chose to go on after the diagnosis settled."""
        self.question: Question | None = None

    def compose(self) -> ComposeResult:
        yield EngagementBar()
        with Horizontal(id="stage"):
            with Vertical(id="main"):
                yield QuestionCard(id="question", classes="card")
                yield AnswerHistory(id="answers")
            with Vertical(id="side"):
                yield Static("Differential", classes="panel-title")
                yield Differential(id="differential")
        yield Footer()

    def refresh_view(self) -> None:
        super().refresh_view()
        session = self.engagement.session
        if session is None:
            return
        kb = self.engagement.advisor.knowledge
        reason = session.stop_reason
        if reason is None:
            self.asking_more = False
        self.question = session.next_question() if reason is None else (self._more() if self.asking_more else None)
        self.query_one(QuestionCard).show(len(session.answers) + 1, self.question, reason)
        answered = [AnsweredQuestion(s, kb.symptoms[s].question, a) for s, a in session.answers.items()]
        history = self.query_one(AnswerHistory)
        history.show(answered)
        history.display = bool(answered)
        history.border_title = "Answers · a: select one, then y / n / u / s to change it"
        self.query_one(Differential).rows = tuple(self.cause_rows())

    def _more(self) -> Question | None:
        more = self.engagement.session.more_questions(1) if self.engagement.session else []
        return more[0] if more else None

    def action_answer(self, value: str) -> None:
        if self.question is None:
            self.notify("No question open: m asks one more, r shows the results.", severity="warning")
            return
        self.engagement.answer(self.question.symptom_id, value)
        self.refresh_view()

    def action_more(self) -> None:
        self.asking_more = True
        self.refresh_view()
        if self.question is None:
            self.notify("No question left that would tell the causes apart.")
        self.query_one("#question").focus()

    def action_focus_answers(self) -> None:
        history = self.query_one(AnswerHistory)
        if history.option_count:
            history.focus()

    @on(AnswerHistory.Changed)
    def _changed(self, event: AnswerHistory.Changed) -> None:
        self.engagement.answer(event.symptom, event.answer)
        self.refresh_view()

    @on(AnswerHistory.Left)
    def _left(self) -> None:
        self.query_one("#question").focus()
