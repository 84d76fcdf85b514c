"""The differential: evidence -> ranked root causes, each with its explanation.

Each cause keeps log-odds: its prior, plus for every piece of evidence on a
symptom that indicates it ``strength x log(likelihood ratio)`` (present:
s/b, absent: (1-s)/(1-b)), plus the rules that fired, plus a damped share of
the evidence gained by causes it is causally linked to. Causes are not
mutually exclusive. Every term is one line of the explanation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from .case import Context
from .knowledge.base import KnowledgeBase
from .knowledge.schema import (
    AddService,
    AllCondition,
    AnyCondition,
    AskFirst,
    Condition,
    ContextCondition,
    FindingCondition,
    NotCondition,
    PreferApproach,
    Rule,
    ScaleCause,
    SuppressService,
)
from .models import Quote

PRIOR_WEIGHT = 0.5
"""How much of a cause's prior log-odds enter its score: statements, not base rates, should rank causes."""
CHAIN_UP = 0.6
"""How much of a proximate cause's gain flows back to the root cause behind it."""
CHAIN_DOWN = 0.3
"""How much of a root cause's gain flows on to the proximate cause it produces."""
CHAIN_MIN_FACTOR = 1.0
"""Causal links that would move a cause by less than this are left out."""
SHOWN_MIN_FACTOR = 1.05
"""Explanations leave out causal-link lines that move a cause by less than this."""
THEME_WEIGHT = 1.4
"""Log-odds per standard deviation a case's words sound more like a cause than like the average cause
(complement naive Bayes themes, measured on 1,522 development cases: 1.2 to 1.6 alike, cause@1 1,413-1,415;
1.0: 1,408; the cosine themes before them were best at 0.8)."""
THEME_MIN = 0.5
"""Theme scores closer to the average than this (in standard deviations) are left out."""
WORDED_MIN = 3.0
"""A leader no symptom supports is listed when its theme is at least this many standard deviations: small
talk reaches about 2 ("we had a lovely team lunch" sounds +1.3 like skill gaps), a whole case told in a
cause's words 3 to 5."""
ECHO_WEIGHT = 0.2
"""How much a symptom counts for a cause when a stronger symptom of that cause was read in the same
statement: one sentence often reads as several related symptoms ("every project reported green" is
watermelon reporting, distrusted reports and subjective RAG), which are one observation, not several.
The strongest counts in full, the echoes at this weight (measured on 382 cases, 0 to 0.3 alike:
cause@1 299 -> 304, interview primary first 347 -> 350; at 0.5 half of that)."""
CALIBRATION = (0.325, 0.302, -1.828, -0.394)
"""The confidence shown for a cause: logistic(a x gap + b x exp(gap) + c x margin + d), where gap is
its log-odds minus the leader's and margin, for the leader alone, the runner-up's log-odds minus its
own. The log-odds rank causes but are not probabilities: on a long case the leader and the two after it
often all sit at 0.99 or more. This maps them to the chance that a senior consultant names the cause
among the case's root causes. Fitted (`python benchmarks/calibration.py`, which prints these figures)
on the 240 cases of holdout109-116, which the themes have not learnt from (the older sets are worked
cases); on the 210 of holdout117 and holdout119-124, causes shown at 0.0-0.1 were right 6% of the time,
at 0.9-1.0 (mean 0.997) 99.0%; log loss 0.256.
Gaps rather than the log-odds themselves: the log-odds grow with the length of a case, the gaps much
less, so a short case is not shown as hopeless (a fit on the log-odds was better on whole cases, but
put the leader of a three-sentence case at 30%)."""
CONFIDENCE_RANGE = (0.01, 0.99)
"""No cause is shown as certain either way: of the causes calibrated at 0.99 or more, about one in a
hundred was not among the causes the consultant named."""
_EPS = 0.01


@dataclass(frozen=True)
class Evidence:
    """What is known about one symptom."""

    symptom: str
    present: bool
    strength: float
    source: str  # "statement" | "answer"
    quotes: tuple[Quote, ...] = ()
    matched: tuple[str, ...] = ()
    weight: float = 1.0
    """Benefit weight of the stakeholders who voiced it (1 for answers)."""


@dataclass(slots=True)
class Term:
    """One contribution to a cause's log-odds (its text is only built for the causes shown)."""

    kind: str
    label: str
    """What the line says, before the factor it shows."""
    log_factor: float
    symptom: str | None = None
    quote: str | None = None
    rule: str | None = None
    factor: float | None = None
    """The factor shown after the label (evidence lines show exp(log_factor); prior and rule lines none)."""

    @property
    def text(self) -> str:
        if self.kind in ("prior", "rule"):
            return self.label
        factor = math.exp(self.log_factor) if self.factor is None else self.factor
        return f"{self.label} x{factor:.2f}"


@dataclass(slots=True)
class CauseScore:
    id: str
    log_odds: float
    terms: list[Term]
    chain: list[tuple[str, str]] = field(default_factory=list)
    """(root cause, proximate cause) links that moved this cause."""
    pain_weights: list[float] = field(default_factory=list)
    evidence: float = 0.0
    """Net log-factor of the symptom evidence and causal links (not the prior, rules or wording): a cause
    is listed as supported only when something the stakeholders said about a symptom points to it."""

    def add(self, term: Term) -> None:
        """Count a term in (the hot loops of :func:`differential` do the same inline)."""
        self.log_odds += term.log_factor
        self.terms.append(term)
        if term.kind in ("supports", "conflicts", "chain"):
            self.evidence += term.log_factor

    @property
    def supported(self) -> bool:
        """On balance, the evidence raises this cause."""
        return self.evidence > 1e-9

    @property
    def weight(self) -> float:
        """Benefit weight of the pains behind this cause (the heaviest stakeholder voicing them)."""
        return max(self.pain_weights, default=1.0)

    @property
    def confidence(self) -> float:
        """The logistic of the log-odds: what the engine reasons with (see :func:`calibrated` for display)."""
        return 1.0 / (1.0 + math.exp(-self.log_odds))


def evidenced(scores: list[CauseScore]) -> list[CauseScore]:
    """The causes what the stakeholders said points to, most likely first: those a symptom supports, and
    the leader of the differential when the wording of the whole case put it there (the matcher heard no
    symptom of it in so many words: "whoever got to me first won", "three of my projects wait on the same
    man"). Measured by 5-fold cross-validation on 1,642 development cases: 5 leaders had no symptom, all 5
    the primary cause; listing those at WORDED_MIN took cause@1 from 1,599 to 1,602 (all 5: 1,604)."""
    return [s for rank, s in enumerate(scores) if _evidenced(rank, s)]


def shown(scores: list[CauseScore]) -> list[CauseScore]:
    """The causes a diagnosis lists, most likely first: the evidenced ones and those a rule raised."""
    return [s for rank, s in enumerate(scores) if _evidenced(rank, s) or any(t.kind == "rule" for t in s.terms)]


def _evidenced(rank: int, score: CauseScore) -> bool:
    return score.supported or rank == 0 and any(
        t.kind == "theme" and t.log_factor >= THEME_WEIGHT * WORDED_MIN for t in score.terms
    )


def calibration_features(scores: list[CauseScore]) -> list[tuple[float, float, float]]:
    """Per cause of a whole differential (most likely first): its log-odds - the leader's, the exp of
    that, and for the leader alone the runner-up's log-odds - its own (0 for the others)."""
    if not scores:
        return []
    top = scores[0].log_odds
    runner_up = scores[1].log_odds - top if len(scores) > 1 else 0.0
    return [(s.log_odds - top, math.exp(s.log_odds - top), runner_up if rank == 0 else 0.0) for rank, s in enumerate(scores)]


def calibrated(scores: list[CauseScore]) -> dict[str, float]:
    """Cause id -> its calibrated confidence (see ``CALIBRATION``), from the whole differential, within
    ``CONFIDENCE_RANGE``."""
    gap_weight, lead_weight, margin_weight, intercept = CALIBRATION
    low, high = CONFIDENCE_RANGE
    return {
        s.id: min(max(1.0 / (1.0 + math.exp(-(intercept + gap_weight * gap + lead_weight * lead + margin_weight * margin))), low), high)
        for s, (gap, lead, margin) in zip(scores, calibration_features(scores))
    }


@dataclass
class RuleEffects:
    """What the rules that fired ask of the rest of the engine."""

    fired: list[Rule] = field(default_factory=list)
    service_boosts: dict[str, float] = field(default_factory=dict)
    suppressed: set[str] = field(default_factory=set)
    ask_first: list[str] = field(default_factory=list)
    approach: str | None = None


def _logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def likelihood_ratio(sensitivity: float, base_rate: float, present: bool) -> float:
    """P(finding | cause) / P(finding) for a present or absent symptom."""
    s = min(max(sensitivity, _EPS), 1 - _EPS)
    b = min(max(base_rate, _EPS), 1 - _EPS)
    return s / b if present else (1 - s) / (1 - b)


def _context_test(cond: ContextCondition) -> Callable[[Any], bool]:
    """A predicate over one context value (None, the unknown value, never satisfies it)."""
    if cond.eq is not None:
        wanted = cond.eq
        if isinstance(wanted, str):
            wanted_text = wanted.strip().lower()
            return lambda v: isinstance(v, str) and v.strip().lower() == wanted_text
        if isinstance(wanted, bool):
            return lambda v: isinstance(v, bool) and v == wanted
        return lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v == wanted
    if cond.in_ is not None:
        options = {o.strip().lower() if isinstance(o, str) else o for o in cond.in_}
        return lambda v: v is not None and (v.strip().lower() if isinstance(v, str) else v) in options
    if cond.contains is not None:
        parts = [p.lower() for p in cond.contains]

        def contains(v: Any) -> bool:
            if v is None:
                return False
            text = str(v).lower()  # once, not once per part
            for part in parts:
                if part in text:
                    return True
            return False

        return contains
    number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)  # noqa: E731
    if cond.lt is not None:
        limit = cond.lt
        return lambda v: number(v) and v < limit
    limit = cond.gt  # type: ignore[assignment]
    return lambda v: number(v) and v > limit


Values = dict[str, Any]
"""A case's context fields by name (see :meth:`Context.values`)."""
Predicate = Callable[[Values, dict[str, Evidence]], bool]


def compile_condition(cond: Condition) -> Predicate:
    """A rule condition as a predicate over (context values, evidence), built once per knowledge base."""
    if isinstance(cond, ContextCondition):
        field_name, test = cond.context, _context_test(cond)
        return lambda values, evidence: test(values.get(field_name))
    if isinstance(cond, FindingCondition):
        symptom, present, min_strength = cond.symptom, cond.present, cond.min_strength

        def finding(values: Values, evidence: dict[str, Evidence]) -> bool:
            found = evidence.get(symptom)
            return found is not None and found.present == present and found.strength >= min_strength

        return finding
    if isinstance(cond, AllCondition):
        parts = [compile_condition(c) for c in cond.all]

        def all_of(values: Values, evidence: dict[str, Evidence]) -> bool:
            for part in parts:
                if not part(values, evidence):
                    return False
            return True

        return all_of
    if isinstance(cond, AnyCondition):
        parts = [compile_condition(c) for c in cond.any]

        def any_of(values: Values, evidence: dict[str, Evidence]) -> bool:
            for part in parts:
                if part(values, evidence):
                    return True
            return False

        return any_of
    if isinstance(cond, NotCondition):
        inner = compile_condition(cond.not_)
        return lambda values, evidence: not inner(values, evidence)
    raise TypeError(f"unknown condition {cond!r}")  # pragma: no cover - the schema allows no other


def holds(cond: Condition, context: Context, evidence: dict[str, Evidence]) -> bool:
    """Whether a rule condition holds for this context and evidence."""
    return compile_condition(cond)(context.values(), evidence)


def _needed_findings(cond: Condition) -> frozenset[str] | None:
    """Symptoms at least one of which must have evidence (present or absent) for the condition to
    hold; None when it can hold without any (context conditions, 'not')."""
    if isinstance(cond, FindingCondition):
        return frozenset({cond.symptom})
    if isinstance(cond, AllCondition):
        return next((needed for needed in map(_needed_findings, cond.all) if needed is not None), None)
    if isinstance(cond, AnyCondition):
        parts = [_needed_findings(c) for c in cond.any]
        return None if None in parts else frozenset().union(*parts)  # type: ignore[arg-type]
    return None


def _compiled_rules(kb: KnowledgeBase) -> list[tuple[Rule, Predicate, frozenset[str] | None]]:
    return kb.derived("compiled_rules", lambda: [(r, compile_condition(r.when), _needed_findings(r.when)) for r in kb.rules])


def apply_rules(kb: KnowledgeBase, context: Context, evidence: dict[str, Evidence]) -> RuleEffects:
    effects = RuleEffects()
    values = context.values()
    heard = evidence.keys()
    for rule, condition, needed in _compiled_rules(kb):
        if needed is not None and heard.isdisjoint(needed) or not condition(values, evidence):
            continue
        effects.fired.append(rule)
        for action in rule.then:
            if isinstance(action, AddService):
                effects.service_boosts[action.add_service] = max(effects.service_boosts.get(action.add_service, 0.0), action.boost)
            elif isinstance(action, SuppressService):
                effects.suppressed.add(action.suppress_service)
            elif isinstance(action, AskFirst) and action.ask_first not in effects.ask_first:
                effects.ask_first.append(action.ask_first)
            elif isinstance(action, PreferApproach) and effects.approach is None:
                effects.approach = action.prefer_approach
    return effects


def differential(kb: KnowledgeBase, evidence: dict[str, Evidence], context: Context, effects: RuleEffects,
                 themes: dict[str, float] | None = None) -> list[CauseScore]:
    """All causes, most likely first (by log-odds, wording included), with the terms that explain their score.

    Only "supported" causes (symptom evidence for them) are listed and treated, but the order is the
    posterior's: one "no" to a marginal symptom must not drop a cause the whole story points to
    below every cause with a faint match (measured: interview primary-first 0.80 -> 0.87 on holdout3).

    ``themes`` (cause id -> standardised theme score, see :mod:`advisor.themes`) adds one term per cause."""
    scores = {cause_id: CauseScore(cause_id, log_odds, [term]) for cause_id, (log_odds, term) in _priors(kb).items()}
    indications = _indications(kb)
    echoes = _echoes(evidence, indications)
    for symptom_id in sorted(evidence):
        found = evidence[symptom_id]
        said = "present" if found.present else "absent"
        how = "answered" if found.source == "answer" else "heard"
        name = kb.symptoms[symptom_id].name
        label = f"{name} ({how} {said})"
        quote = found.quotes[0].text if found.quotes else None
        echoed = echoes.get(symptom_id, ())
        echo_label = f"{name} ({how} {said}, in the same statement as stronger evidence: counted at {ECHO_WEIGHT:.0%})" if echoed else ""
        for cause_id, log_present, log_absent in indications[symptom_id]:
            log_factor = found.strength * (log_present if found.present else log_absent)
            if abs(log_factor) < 1e-9:
                continue
            line = label
            if cause_id in echoed:
                log_factor *= ECHO_WEIGHT
                line = echo_label
            score = scores[cause_id]
            score.log_odds += log_factor  # score.add(term), inline
            score.evidence += log_factor
            if log_factor > 0:
                score.terms.append(Term("supports", line, log_factor, symptom_id, quote))
                score.pain_weights.append(found.weight)
            else:
                score.terms.append(Term("conflicts", label, log_factor, symptom_id, quote))
    for cause_id, z in sorted((themes or {}).items()):
        if abs(z) >= THEME_MIN and cause_id in scores:
            how = "more" if z > 0 else "less"
            scores[cause_id].add(Term("theme", f"the stakeholders' words sound {how} like this cause than like most ({z:+.1f} sd)",
                                      THEME_WEIGHT * z))
    for rule in effects.fired:
        for action in rule.then:
            if isinstance(action, ScaleCause):
                scores[action.scale_cause].add(Term("rule", f"{rule.because} x{action.factor:g}", math.log(action.factor), rule=rule.id))
    _propagate_chains(kb, scores)
    return sorted(scores.values(), key=lambda s: (-s.log_odds, s.id))


def _echoes(evidence: dict[str, Evidence], indications: dict[str, tuple[tuple[str, float, float], ...]]) -> dict[str, set[str]]:
    """Symptom id -> the causes for which it only echoes a stronger symptom read in the same statement.

    Symptoms heard present are grouped by the statement they were heard in most strongly (their first
    quote); for each cause, all but the strongest symptom of a group are echoes. Adding evidence never
    lowers a cause: a new strongest symptom adds more than the old one loses."""
    by_statement: dict[str, list[Evidence]] = {}
    for found in evidence.values():
        if found.present and found.source == "statement" and found.quotes:
            by_statement.setdefault(found.quotes[0].text, []).append(found)
    echoes: dict[str, set[str]] = {}
    for heard in by_statement.values():
        if len(heard) < 2:  # (most statements: one symptom, nothing to compare)
            continue
        by_cause: dict[str, list[tuple[float, str]]] = {}
        for found in heard:
            for cause_id, log_present, _ in indications[found.symptom]:
                if log_present > 0:
                    by_cause.setdefault(cause_id, []).append((-found.strength * log_present, found.symptom))
        for cause_id, supports in by_cause.items():
            if len(supports) > 1:
                supports.sort()  # strongest first (then by symptom id)
                for _, symptom_id in supports[1:]:
                    echoes.setdefault(symptom_id, set()).add(cause_id)
    return echoes


def _priors(kb: KnowledgeBase) -> dict[str, tuple[float, Term]]:
    """Cause id -> (weighted prior log-odds, the explanation's prior line); built once per knowledge base."""
    return kb.derived("prior_terms", lambda: {
        c.id: (PRIOR_WEIGHT * _logit(c.prior), Term("prior", f"how common {c.name.lower()} is among PMO customers: {c.prior:.0%} "
                                                f"(counted at {PRIOR_WEIGHT:g} weight: what stakeholders say ranks the causes)", 0.0))
        for c in kb.causes.values()
    })


def _indications(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, float, float], ...]]:
    """Symptom id -> ((cause, log LR if present, log LR if absent), ...); built once per knowledge base."""
    return kb.derived("indications", lambda: {
        s.id: tuple(
            (cause, math.log(likelihood_ratio(sens, s.base_rate, True)), math.log(likelihood_ratio(sens, s.base_rate, False)))
            for cause, sens in sorted(s.indicates.items())
        )
        for s in kb.symptoms.values()
    })


def _links(kb: KnowledgeBase) -> list[tuple[tuple[str, str], tuple[tuple[str, str, float, str], ...]]]:
    """((root cause, proximate cause), its two flows) for every contributes_to link, in a fixed order;
    a flow is (source, target, share x strength, label): upwards first, then downwards. Built once per knowledge base."""
    return kb.derived("links", lambda: [
        ((root.id, proximate), (
            (proximate, root.id, CHAIN_UP * strength, f"may lie behind {kb.name(proximate)}, which the evidence supports"),
            (root.id, proximate, CHAIN_DOWN * strength, f"{kb.name(root.id)}, which the evidence supports, tends to cause it"),
        ))
        for root in kb.causes.values()
        for proximate, strength in sorted(root.contributes_to.items())
    ])


_SHOWN_MIN_LOG = math.log(SHOWN_MIN_FACTOR)


def _propagate_chains(kb: KnowledgeBase, scores: dict[str, CauseScore]) -> None:
    """Let evidence flow along contributes_to links, damped, from one snapshot (order-independent).

    A damped share of a supported cause's gain passes to each cause it is linked to
    (``CHAIN_UP`` towards the root cause, ``CHAIN_DOWN`` towards the proximate one). A flow that
    moves a cause by less than ``SHOWN_MIN_FACTOR`` counts in its log-odds without a term: no
    explanation shows it."""
    gain: dict[str, float] = {}  # supported causes that gained over their prior
    for cid, s in scores.items():
        if s.supported and (g := s.confidence - kb.causes[cid].prior) > 0:
            gain[cid] = g
    updates: list[tuple[str, float, str, float]] = []
    for link, flows in _links(kb):
        linked = False
        for source, target, share, label in flows:
            if source in gain:
                factor = 1.0 + share * gain[source]
                if factor >= CHAIN_MIN_FACTOR:
                    updates.append((target, math.log(factor), label, factor))
                    linked = True
        if linked:
            scores[link[0]].chain.append(link)
            scores[link[1]].chain.append(link)
    for cause_id, log_factor, label, factor in updates:
        score = scores[cause_id]
        score.log_odds += log_factor  # score.add(term), inline
        score.evidence += log_factor
        if log_factor >= _SHOWN_MIN_LOG:
            score.terms.append(Term("chain", label, log_factor, factor=factor))
