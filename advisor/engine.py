"""The advisor: one loaded knowledge base and the engine that reasons over it."""

from __future__ import annotations

import gc
import math
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .case import Case
from .knowledge import KnowledgeBase
from .matching import DEFAULT_PARAMS, ClauseMatch, MatchParams, SymptomMatcher
from .models import (
    CauseResult,
    Diagnosis,
    ExplanationItem,
    HealthFinding,
    Quote,
    SymptomFinding,
    TraceEntry,
)
from .prescription import prescribe
from .proposition import build_value_proposition
from .reasoning import CauseScore, Evidence, RuleEffects, apply_rules, calibrated, differential, shown
from .text import Sentence, sentences
from .themes import CauseThemes

if TYPE_CHECKING:
    from .interview import InterviewSession

MAX_CAUSES = 10
DENIAL_BALANCE = 0.5
"""A complaint stands unless the denials of the same symptom are at least twice as strong: one group's
pain counts even when another is content, and praise nearby ("the system is solid, testing went well")
often denies more than the speaker meant. Measured (922 dev cases / 90 unread): at 1.0, cause@1
835 / 82; at 0.75, 835 / 83; at 0.5, 834 / 84, cause@3 903 / 90."""
ROUND = 4


class Advisor:
    """Diagnoses cases against one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, match_params: MatchParams = DEFAULT_PARAMS):
        self.knowledge = knowledge
        self.match_params = match_params

    @classmethod
    def default(cls) -> "Advisor":
        """The advisor on the built-in knowledge."""
        return cls.load()

    @classmethod
    def load(cls, kb_dirs: str | Path | Iterable[str | Path] = (), on_build: Callable[[], None] | None = None) -> "Advisor":
        """The advisor on the built-in knowledge with ``kb_dirs`` layered over it.

        Raises :class:`~advisor.errors.KnowledgeError` listing every problem when
        the knowledge is unsound. The validated knowledge and its matching index
        are cached (see :mod:`advisor.cache`), so later starts are fast; ``on_build``
        is called before they are built (a few seconds), not when they load from the cache."""
        from .cache import cached, knowledge_key
        from .knowledge.location import default_knowledge_dir

        dirs = [Path(kb_dirs)] if isinstance(kb_dirs, (str, Path)) else [Path(d) for d in kb_dirs]

        def build() -> tuple[KnowledgeBase, SymptomMatcher, CauseThemes]:
            from .knowledge.loader import load_knowledge

            knowledge = load_knowledge(dirs)
            return knowledge, SymptomMatcher(knowledge), CauseThemes(knowledge)

        knowledge, matcher, themes = cached(knowledge_key([default_knowledge_dir(), *dirs]), build, on_build)
        gc.freeze()  # the knowledge lives as long as the process: keep the collector from rescanning it
        advisor = cls(knowledge)
        matcher.params = advisor.match_params  # the calibration is code, not cached data
        advisor.__dict__["matcher"] = matcher
        advisor.__dict__["themes"] = themes
        return advisor

    @cached_property
    def matcher(self) -> SymptomMatcher:
        return SymptomMatcher(self.knowledge, self.match_params)

    @cached_property
    def themes(self) -> CauseThemes:
        return CauseThemes(self.knowledge)

    def theme_scores(self, case: Case) -> dict[str, float]:
        """How much the case's words sound like each cause (see :mod:`advisor.themes`).

        Remembered for the last case's statements: an interview re-ranks after every answer."""
        said = tuple(text for _, text in case.statements())
        last = self.__dict__.get("_last_themes")
        if last is None or last[0] != said:
            last = self.__dict__["_last_themes"] = (said, self.themes.scores(said))
        return last[1]

    # ------------------------------------------------------------ listening

    def listen(self, statement: str) -> list[ClauseMatch]:
        """The symptoms one statement shows (or denies), strongest first."""
        return self.matcher.match_statement(statement)

    def hear(self, case: Case) -> dict[str, Evidence]:
        """Evidence from every statement of the case (answers not included)."""
        kb = self.knowledge
        positive: dict[str, list[tuple[float, Quote, ClauseMatch, float]]] = {}
        negative: dict[str, list[tuple[float, Quote, ClauseMatch, float]]] = {}
        said: list[str] = []
        parts: list[Sentence] = []
        for stakeholder in case.stakeholders:  # the order of case.statements()
            group = stakeholder.group
            weight = stakeholder.weight if stakeholder.weight is not None else (
                kb.groups[group].weight if group in kb.groups else 0.8
            )
            for text in stakeholder.statements:
                if not text.strip():
                    continue
                quote = Quote.trusted(stakeholder=stakeholder.name, role=group, text=" ".join(text.split()))
                split = sentences(text)
                said.append(text)
                parts += split
                for match in self.matcher.match_sentences(split):
                    bucket = positive if match.present else negative
                    bucket.setdefault(match.symptom, []).append((match.score, quote, match, weight))
        self.__dict__["_last_themes"] = (tuple(said), self.themes.scores_of(parts))  # the sentences are split already
        evidence: dict[str, Evidence] = {}
        for symptom in sorted(set(positive) | set(negative)):
            pos, neg = _noisy_or(positive.get(symptom, [])), _noisy_or(negative.get(symptom, []))
            present = pos >= neg * DENIAL_BALANCE
            items = positive[symptom] if present else negative[symptom]
            items = sorted(items, key=lambda i: -i[0])
            quotes: list[Quote] = []
            for _, quote, _, _ in items:
                if quote not in quotes:
                    quotes.append(quote)
            matched = sorted({m for _, _, match, _ in items for m in match.matched})
            evidence[symptom] = Evidence(
                symptom=symptom,
                present=present,
                strength=round(pos if present else neg, ROUND),
                source="statement",
                quotes=tuple(quotes),
                matched=tuple(matched),
                weight=max(w for *_, w in items),
            )
        return evidence

    # ------------------------------------------------------------ reasoning

    def diagnose(self, case: Case) -> Diagnosis:
        """Listen to every statement, apply the case's answers, and reason to a diagnosis."""
        evidence = self.hear(case)
        trace: list[TraceEntry] = []
        for symptom_id, answer in sorted(case.answers.items()):
            if symptom_id not in self.knowledge.symptoms:
                trace.append(TraceEntry.trusted(step="answer", detail=f"ignored an answer about unknown symptom '{symptom_id}'"))
                continue
            apply_answer(evidence, symptom_id, answer)
            trace.append(TraceEntry.trusted(step="answer", detail=f"{symptom_id}: {answer}"))
        return self.assess(case, evidence, trace)

    def assess(self, case: Case, evidence: dict[str, Evidence], trace: list[TraceEntry] | None = None) -> Diagnosis:
        """The diagnosis for a case given this evidence (statements and answers)."""
        kb = self.knowledge
        trace = list(trace or [])
        effects = apply_rules(kb, case.context, evidence)
        for rule in effects.fired:
            trace.append(TraceEntry.trusted(step="rule", detail=f"{rule.id}: {rule.because}"))
        scores = differential(kb, evidence, case.context, effects, self.theme_scores(case))
        symptoms = _symptom_findings(kb, evidence)
        confidence = calibrated(scores)
        causes = [self._cause_result(s, confidence[s.id]) for s in shown(scores)[:MAX_CAUSES]]
        services = prescribe(kb, scores, case.context, effects)
        proposition = build_value_proposition(kb, case, symptoms, causes, services)
        return Diagnosis.trusted(
            case=case.case,
            knowledge_version=kb.version,
            context=case.context.model_dump(mode="json", exclude_none=True),
            symptoms=symptoms,
            root_causes=causes,
            services=services,
            pmo_health=_health(kb, evidence),
            value_proposition=proposition,
            trace=trace,
        )

    def rank(self, case: Case, evidence: dict[str, Evidence]) -> tuple[list[CauseScore], RuleEffects]:
        """Only the differential (no prescription): what the interview needs after each answer."""
        effects = apply_rules(self.knowledge, case.context, evidence)
        return differential(self.knowledge, evidence, case.context, effects, self.theme_scores(case)), effects

    def interview(self, case: Case | None = None) -> "InterviewSession":
        """An adaptive interview starting from what the case's statements already say."""
        from .interview import InterviewSession

        return InterviewSession(self, case or Case(case="interview"))

    def _cause_result(self, score: CauseScore, confidence: float) -> CauseResult:
        cause = self.knowledge.causes[score.id]
        lines = sorted(
            (
                ((_KIND_ORDER[t.kind], -abs(t.log_factor), t.text), t)
                for t in score.terms
            ),
            key=itemgetter(0),
        )
        shared: dict[tuple[str, str, str | None], ExplanationItem] = self.knowledge.derived("explanation_lines", dict)
        items = []
        for (_, _, text), t in lines:
            # a cause's prior and a rule that fired read the same in every diagnosis: built once, shared (frozen)
            key = (score.id, text, t.rule) if t.kind in _CONSTANT_KINDS else None
            item = shared.get(key) if key else None
            if item is None:
                item = ExplanationItem.trusted(
                    kind=t.kind, text=text, factor=round(math.exp(t.log_factor), ROUND), symptom=t.symptom, quote=t.quote, rule=t.rule
                )
                if key:
                    shared[key] = item
            items.append(item)
        names = self.knowledge.derived("link_names", self._link_names)
        return CauseResult.trusted(
            id=cause.id,
            name=cause.name,
            category=cause.category,
            confidence=round(confidence, ROUND),
            prior=cause.prior,
            explanation=items,
            chain=[names[link] for link in sorted(set(score.chain))],
            confirm_by=list(cause.confirm_by),
        )

    def _link_names(self) -> dict[tuple[str, str], str]:
        """(root cause, proximate cause) -> "Root -> Proximate", for every causal link."""
        name = self.knowledge.name
        return {(c.id, p): f"{name(c.id)} -> {name(p)}" for c in self.knowledge.causes.values() for p in c.contributes_to}


_CONSTANT_KINDS = frozenset({"prior", "rule"})
"""Explanation lines whose text and factor depend on the knowledge alone."""
_KIND_ORDER = {"prior": 0, "supports": 1, "theme": 2, "chain": 3, "rule": 4, "conflicts": 5}


def apply_answer(evidence: dict[str, Evidence], symptom_id: str, answer: str) -> None:
    """An interview answer replaces what statements said about the symptom ('unsure' removes it)."""
    heard = evidence.pop(symptom_id, None)
    if answer in ("yes", "no"):
        quotes = heard.quotes if heard is not None and heard.present == (answer == "yes") else ()
        evidence[symptom_id] = Evidence(symptom_id, answer == "yes", 1.0, "answer", quotes)


def _noisy_or(items: list[tuple[float, Quote, ClauseMatch, float]]) -> float:
    missing = 1.0
    for score, *_ in items:
        missing *= 1.0 - score
    return min(0.99, 1.0 - missing)


def _symptom_findings(kb: KnowledgeBase, evidence: dict[str, Evidence]) -> list[SymptomFinding]:
    findings = [
        SymptomFinding.trusted(
            id=e.symptom,
            name=kb.symptoms[e.symptom].name,
            present=e.present,
            score=float(e.strength),  # Evidence is public: a caller may give an int
            source=e.source,  # type: ignore[arg-type]
            quotes=list(e.quotes),
            matched=list(e.matched),
        )
        for e in evidence.values()
    ]
    return sorted(findings, key=lambda f: (not f.present, -f.score, f.id))


def _health(kb: KnowledgeBase, evidence: dict[str, Evidence]) -> list[HealthFinding]:
    states: dict[str, list[Evidence]] = {}
    for _, e in sorted(evidence.items()):  # in symptom order: the quotes' order must not depend on the evidence's
        if e.present:
            for state in kb.symptoms[e.symptom].health:
                states.setdefault(state, []).append(e)
    result = []
    for state, items in states.items():
        missing = 1.0
        for e in items:
            missing *= 1.0 - 0.8 * e.strength
        quotes: list[Quote] = []
        for e in items:
            quotes.extend(q for q in e.quotes if q not in quotes)
        result.append(
            HealthFinding.trusted(
                state=state,
                name=kb.health_states[state].name,
                confidence=round(1.0 - missing, ROUND),
                signs=sorted(kb.symptoms[e.symptom].name for e in items),
                quotes=quotes[:3],
            )
        )
    return sorted(result, key=lambda h: (-h.confidence, h.state))
