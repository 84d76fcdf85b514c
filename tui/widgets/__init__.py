"""Reusable widgets of the interview."""

from .answers import AnsweredQuestion, AnswerHistory
from .differential import CauseRow, Differential, bar
from .readings import Reading, ReadingsLog, StatementEntry
from .status import EngagementBar
from .symptom_picker import SymptomPicker, search_symptoms

__all__ = [
    "AnswerHistory",
    "AnsweredQuestion",
    "CauseRow",
    "Differential",
    "EngagementBar",
    "Reading",
    "ReadingsLog",
    "StatementEntry",
    "SymptomPicker",
    "bar",
    "search_symptoms",
]
