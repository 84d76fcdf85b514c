"""Result models: the JSON contract of a diagnosis (see DESIGN.md, "Outputs")."""

from __future__ import annotations

from typing import Literal

from .proposition import ValueProposition
from .trusted import Frozen


class Result(Frozen):
    """A part of the diagnosis (the engine builds them with ``trusted``)."""


class Quote(Result):
    """A stakeholder's own words."""

    stakeholder: str
    role: str
    text: str


class SymptomFinding(Result):
    """A symptom found present or absent, with the words it was read from."""

    id: str
    name: str
    present: bool
    score: float
    """Strength of the evidence, 0..1 (1 for an interview answer)."""
    source: Literal["statement", "answer"]
    quotes: list[Quote] = []
    matched: list[str] = []
    """The cue phrases or alias that matched."""


class ExplanationItem(Result):
    """One line of a cause's explanation."""

    kind: Literal["prior", "supports", "conflicts", "rule", "chain", "theme"]
    text: str
    factor: float
    """What this item multiplied the cause's odds by."""
    symptom: str | None = None
    quote: str | None = None
    rule: str | None = None


class CauseResult(Result):
    """A root cause in the differential."""

    id: str
    name: str
    category: str
    confidence: float
    """Calibrated 0..1: how often a cause listed at this confidence is one a senior consultant names
    (causes are not mutually exclusive); see ``advisor.reasoning.CALIBRATION``."""
    prior: float
    explanation: list[ExplanationItem]
    chain: list[str] = []
    """Causal links to and from other likely causes ("A leads to B")."""
    confirm_by: list[str] = []


class ServiceResult(Result):
    """A prescribed PMO service."""

    id: str
    name: str
    category: str
    priority: int
    """1 = most benefit."""
    wave: Literal["now", "next", "later"]
    approach: str
    treats: list[str]
    rationale: str
    benefit: float
    requires: list[str] = []
    time_to_value_weeks: int
    horizon: Literal["short", "medium", "long"]
    outcomes: list[str] = []


class HealthFinding(Result):
    """A PMO health state the statements about the PMO itself point to."""

    state: str
    name: str
    confidence: float
    signs: list[str]
    quotes: list[Quote] = []


class TraceEntry(Result):
    """What the engine did, in order: rules fired, answers, questions."""

    step: str
    detail: str


class Diagnosis(Result):
    """The result of diagnosing one case."""

    case: str
    knowledge_version: str
    context: dict[str, object]
    symptoms: list[SymptomFinding]
    root_causes: list[CauseResult]
    services: list[ServiceResult]
    pmo_health: list[HealthFinding]
    value_proposition: ValueProposition
    trace: list[TraceEntry]
