"""Pydantic schemas of the knowledge files (one model per YAML section).

Every model forbids unknown keys, so a typo in a knowledge file is an error
with a "did you mean" hint rather than a silently ignored field.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
CustomerGroup = Literal[
    "executives",
    "portfolio_managers",
    "program_managers",
    "project_managers",
    "project_team_members",
    "functional_managers",
    "external_partners",
]
Horizon = Literal["short", "medium", "long"]
Approach = Literal["consultative", "supportive", "facilitative", "directive", "controlling", "managed"]
Maturity = Annotated[int, Field(ge=1, le=5)]


class Strict(BaseModel):
    """Base of all knowledge models: frozen, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Node(Strict):
    """Fields every knowledge node shares."""

    id: Identifier
    name: str = Field(min_length=1)
    description: str = ""
    sources: tuple[str, ...] = ()


class Symptom(Node):
    """Something a stakeholder says, or an interviewer can ask about."""

    aliases: tuple[str, ...] = Field(min_length=1)
    """Real phrasings, the way stakeholders talk in an interview."""
    cues: tuple[str, ...] = ()
    """Short words and phrases (1-4 words) that signal the symptom in free text."""
    question: str = ""
    """How a consultant asks to confirm it (a yes/no question)."""
    base_rate: Probability = 0.2
    """P(symptom) across PMO customers in general."""
    groups: tuple[CustomerGroup, ...] = ()
    """Customer groups that typically voice it."""
    indicates: dict[Identifier, Probability] = {}
    """Cause id -> sensitivity P(symptom | cause)."""
    moves: tuple[Identifier, ...] = ()
    """Measures that show this pain going away."""
    health: tuple[Identifier, ...] = ()
    """PMO health states this symptom is a sign of (for symptoms about the PMO itself)."""


class Cause(Node):
    """A root cause (or contributing condition) behind symptoms."""

    category: Literal["strategy", "resources", "delivery", "information", "learning", "people", "pmo"]
    prior: Probability
    confirm_by: tuple[str, ...] = Field(min_length=1)
    """Evidence a consultant would look for to confirm the cause."""
    contributes_to: dict[Identifier, Probability] = {}
    """Proximate cause id -> strength with which this cause produces it."""
    treated_by: dict[Identifier, Probability] = {}
    """Service id -> effectiveness 0..1."""
    undermines: tuple[Identifier, ...] = ()
    """Outcome ids this cause stands in the way of."""


class Service(Node):
    """A PMO service (one of the Practice Guide's 26, or an organisation's own)."""

    number: int | None = None
    capability: str = ""
    """What the customer gets, as a phrase: "our <service> provides <capability>"."""
    category: Literal["strategic", "tactical", "operational"]
    deliverables: tuple[str, ...] = Field(min_length=1)
    effort: Literal["low", "medium", "high"]
    effort_note: str = ""
    time_to_value_weeks: Annotated[int, Field(ge=1, le=260)]
    min_maturity: Maturity
    levels: tuple[str, str, str, str, str]
    requires: tuple[Identifier, ...] = ()
    approaches: tuple[Approach, ...] = Field(min_length=1)
    delivers: tuple[Identifier, ...] = ()
    measures: tuple[Identifier, ...] = ()
    pilot_with: tuple[CustomerGroup, ...] = ()
    """Customer groups a first pilot of the service is best run with."""
    change_actions: tuple[str, ...] = ()
    """What onboarding must do so the service is adopted, not just launched."""


class Measure(Node):
    """A success measure (KPI)."""

    definition: str = Field(min_length=1)
    formula: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    direction: Literal["higher", "lower"]
    """Which way is better."""
    cadence: Literal["weekly", "fortnightly", "monthly", "quarterly", "per release", "per project", "annually"]
    data_source: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    typical_target: str = Field(min_length=1)
    """A target a consultant would propose, in words (for example "SPI >= 0.95")."""
    improvement: Annotated[float, Field(gt=0.0, le=1.0)]
    """Typical relative improvement in the better direction within a year (0.2 = 20%)."""
    layer: Literal["service_delivery", "value_delivery", "value_recognition"]


class Outcome(Node):
    """An outcome a PMO customer wants to feel."""

    number: int | None = None
    horizon: tuple[Horizon, ...] = Field(min_length=1)
    need: str = ""


class Stage(Node):
    """A step of the value-generating PMO flywheel."""

    order: int = Field(ge=1)
    experience_stage: str


class ApproachInfo(Node):
    """A way of delivering a service, chosen by the customer's maturity."""

    pmo_role: str
    suits: str
    maturity: tuple[Maturity, ...] = Field(min_length=1)


class HealthState(Node):
    """A PMO health state (potential, kickoff, ..., collapse, resurgence)."""

    signs: tuple[str, ...] = Field(min_length=1)


class Group(Node):
    """A PMO customer group a stakeholder belongs to."""

    weight: Probability = 0.8
    """How much this group's pains count by default (benefit weighting)."""


# ---------------------------------------------------------------- rules

ContextValue = Union[str, int, float, bool]


class ContextCondition(Strict):
    """Compares a case context field: organization_size, pmo_maturity, regulated, ..."""

    context: str
    eq: ContextValue | None = None
    in_: tuple[ContextValue, ...] | None = Field(default=None, alias="in")
    lt: float | None = None
    gt: float | None = None
    contains: tuple[str, ...] | None = None
    """Case-insensitive substrings of a text field (any of them)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @model_validator(mode="after")
    def _one_operator(self) -> "ContextCondition":
        given = [op for op in ("eq", "in_", "lt", "gt", "contains") if getattr(self, op) is not None]
        if len(given) != 1:
            raise ValueError("a context condition needs exactly one of eq, in, lt, gt, contains")
        return self


class FindingCondition(Strict):
    """A symptom found present (or absent) in the evidence."""

    symptom: Identifier
    present: bool = True
    min_strength: Probability = 0.0
    """How sure the reading of a statement must be for the condition to hold (an interview answer always is):
    a rule that changes the whole proposal should not turn on one weak reading."""


class AllCondition(Strict):
    all: tuple["Condition", ...] = Field(min_length=1)


class AnyCondition(Strict):
    any: tuple["Condition", ...] = Field(min_length=1)


class NotCondition(Strict):
    not_: "Condition" = Field(alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


Condition = Union[ContextCondition, FindingCondition, AllCondition, AnyCondition, NotCondition]


class ScaleCause(Strict):
    """Multiply a cause's odds."""

    scale_cause: Identifier
    factor: Annotated[float, Field(gt=0.0, le=20.0)]


class AddService(Strict):
    """Recommend a service (or raise its benefit) in this context."""

    add_service: Identifier
    boost: Annotated[float, Field(gt=0.0, le=1.0)] = 0.3


class SuppressService(Strict):
    """Hold a service back in this context."""

    suppress_service: Identifier


class AskFirst(Strict):
    """Ask about this symptom before other questions."""

    ask_first: Identifier


class PreferApproach(Strict):
    """Deliver services with this approach in this context."""

    prefer_approach: Approach


Action = Union[ScaleCause, AddService, SuppressService, AskFirst, PreferApproach]


class Rule(Strict):
    """A declarative context rule: when <condition> then <actions> because <reason>."""

    id: Identifier
    when: Condition
    then: tuple[Action, ...] = Field(min_length=1)
    because: str = Field(min_length=1)
    sources: tuple[str, ...] = ()


AllCondition.model_rebuild()
AnyCondition.model_rebuild()
NotCondition.model_rebuild()


class Phrasing(Strict):
    """More ways stakeholders voice a symptom, kept apart from its hand-picked aliases."""

    symptom: Identifier
    says: tuple[Annotated[str, Field(min_length=3)], ...] = Field(min_length=1)


class WorkedCase(Strict):
    """A case a consultant has diagnosed: what its stakeholders said and the root causes named, the
    primary first. Read only for the cause themes (:mod:`advisor.themes`): how people talk when these
    causes are at work, in their own words."""

    causes: tuple[Identifier, ...] = Field(min_length=1)
    says: tuple[Annotated[str, Field(min_length=3)], ...] = Field(min_length=1)
    source: str | None = None
    """Where the case came from (a file name), for the reader."""


# ---------------------------------------------------------------- files


class KnowledgeFile(Strict):
    """One YAML file of a knowledge folder; any subset of the sections."""

    version: str | None = None
    """The knowledge version (set in knowledge.yaml)."""
    extends: Literal["default", "none"] | None = None
    """In a user's knowledge.yaml: layer over the built-in knowledge (default) or replace it."""
    title: str | None = None
    symptoms: tuple[Symptom, ...] = ()
    causes: tuple[Cause, ...] = ()
    services: tuple[Service, ...] = ()
    measures: tuple[Measure, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    stages: tuple[Stage, ...] = ()
    approaches: tuple[ApproachInfo, ...] = ()
    health_states: tuple[HealthState, ...] = ()
    groups: tuple[Group, ...] = ()
    rules: tuple[Rule, ...] = ()
    phrasings: tuple[Phrasing, ...] = ()
    """Extra phrasings per symptom (used by the matcher like aliases)."""
    stories: tuple[Phrasing, ...] = ()
    """Longer stakeholder stories per symptom: read only for the cause themes, never matched sentence by sentence."""
    healthy: tuple[Phrasing, ...] = ()
    """Short phrases that state a symptom's healthy opposite ("decisions are made quickly"): heard and not
    negated, they are evidence that the symptom is absent."""
    lexicon: tuple[tuple[Annotated[str, Field(min_length=1, max_length=60)], ...], ...] = ()
    """Synonym groups: every entry is read as the group's first entry when matching text."""
    worked_cases: tuple[WorkedCase, ...] = ()
    """Diagnosed cases (``pmo-advisor kb learn`` writes them from case files with ``expected:``): read only
    for the cause themes."""


SECTIONS: dict[str, str] = {
    "symptoms": "symptom",
    "causes": "cause",
    "services": "service",
    "measures": "measure",
    "outcomes": "outcome",
    "stages": "stage",
    "approaches": "approach",
    "health_states": "health_state",
    "groups": "group",
}
"""Section name -> node kind."""
