"""Reusable widgets of the interview."""

from .answers import AnsweredQuestion, AnswerHistory
from .differential import CauseRow, Differential, bar
from .measures import MeasurePanel
from .question import QuestionCard
from .readings import Reading, ReadingsLog, StatementEntry
from .status import EngagementBar
from .symptom_picker import SymptomIndex, SymptomPicker, search_symptoms

__all__ = [
    "AnswerHistory",
    "AnsweredQuestion",
    "CauseRow",
    "Differential",
    "EngagementBar",
    "MeasurePanel",
    "QuestionCard",
    "Reading",
    "ReadingsLog",
    "StatementEntry",
    "SymptomIndex",
    "SymptomPicker",
    "bar",
    "search_symptoms",
]
