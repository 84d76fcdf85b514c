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

_EXPORTS = {
    "Advisor": "engine",
    "AdvisorError": "errors",
    "Case": "case",
    "CaseError": "errors",
    "CauseResult": "models",
    "Context": "case",
    "Diagnosis": "models",
    "InterviewSession": "interview",
    "KnowledgeBase": "knowledge",
    "KnowledgeError": "errors",
    "Question": "interview",
    "ServiceResult": "models",
    "SessionError": "errors",
    "Stakeholder": "case",
    "SymptomFinding": "models",
    "ValueProposition": "proposition",
}


def __getattr__(name: str) -> object:
    """Import the public names on first use, so ``pmo-advisor --help`` and the batch path start fast."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor' has no attribute '{name}'")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
