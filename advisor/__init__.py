"""pmo-advisor: diagnose before you prescribe.

The library listens to what PMO stakeholders say, diagnoses root causes,
prescribes PMO services and builds a value proposition::

    from advisor import Advisor, Case

    advisor = Advisor.default()
    case = Case.from_statements(["We only hear a project is late when the client calls"])
    diagnosis = advisor.diagnose(case)
    print(diagnosis.root_causes[0].name)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .case import Case, Context, Stakeholder
from .engine import Advisor
from .errors import AdvisorError, CaseError, KnowledgeError, SessionError
from .interview import InterviewSession, Question
from .knowledge import KnowledgeBase
from .models import CauseResult, Diagnosis, ServiceResult, SymptomFinding
from .proposition import ValueProposition

__all__ = [
    "Advisor",
    "AdvisorError",
    "Case",
    "CaseError",
    "CauseResult",
    "Context",
    "Diagnosis",
    "InterviewSession",
    "KnowledgeBase",
    "KnowledgeError",
    "Question",
    "ServiceResult",
    "SessionError",
    "Stakeholder",
    "SymptomFinding",
    "ValueProposition",
    "__version__",
]
