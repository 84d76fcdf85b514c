"""The value proposition: the hand-off artifact the later flywheel steps load back.

"For <group>, who <need, in their words>, our <service> provides <capability>",
the outcomes promised with their horizons, the success measures per service
(baseline, target, cadence, data source, owner, layer) and the plan for
service development, onboarding, monitoring, value delivery and recognition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .trusted import Frozen

if TYPE_CHECKING:
    from .case import Case
    from .knowledge.base import KnowledgeBase
    from .models import CauseResult, Quote, ServiceResult, SymptomFinding

TO_BE_MEASURED = "to be measured"
CLEAR_READING = 0.4
"""Readings at least this strong are reported with their quotes; weaker ones are listed as worth
confirming, so a client document does not present a faint echo as something a stakeholder said.
On the 697 labelled sentences of tests/matching, 9% of the readings from 0.3 to 0.4 are right,
30% from 0.4 to 0.5, 36% from 0.5 to 0.6 and 52% from 0.6 to 0.7 (labels name only the main
symptoms of a sentence, so these are floors)."""
MEASURES_PER_SERVICE = 3


def is_clear(finding: "SymptomFinding") -> bool:
    """An answer, or a reading at least :data:`CLEAR_READING` strong (as the reports round it)."""
    return finding.source == "answer" or round(finding.score, 2) >= CLEAR_READING


_Model = Frozen


class GroupStatement(_Model):
    """The value statement for one customer group."""

    group: str
    group_name: str
    stakeholders: list[str]
    need: str
    """The pain, in the stakeholders' own words."""
    service: str
    service_name: str
    capability: str
    statement: str


class PromisedOutcome(_Model):
    id: str
    name: str
    horizon: Literal["short", "medium", "long"]
    services: list[str]


class SuccessMeasure(_Model):
    measure: str
    name: str
    service: str
    baseline: float | str
    """Today's value from the case, or "to be measured"."""
    target: str
    direction: Literal["higher", "lower"]
    unit: str
    formula: str
    cadence: str
    data_source: str
    owner: str
    layer: Literal["service_delivery", "value_delivery", "value_recognition"]


class DevelopmentItem(_Model):
    service: str
    approach: str
    wave: str
    deliverables: list[str]
    effort: str
    time_to_value_weeks: int


class OnboardingItem(_Model):
    service: str
    pilot_group: list[str]
    change_actions: list[str]


class MonitoringItem(_Model):
    service: str
    measures: list[str]
    cadence: str


class ReportingItem(_Model):
    what: str
    to: list[str]
    cadence: str
    measures: list[str] = []


class NextStages(_Model):
    """What the later flywheel steps pick up."""

    service_development: list[DevelopmentItem]
    service_onboarding: list[OnboardingItem]
    service_monitoring: list[MonitoringItem]
    value_delivery: list[ReportingItem]
    value_recognition: list[ReportingItem]


class ValueProposition(_Model):
    summary: str
    stakeholders: list[GroupStatement]
    outcomes: list[PromisedOutcome]
    quick_wins: list[str]
    success_measures: list[SuccessMeasure]
    next_stages: NextStages


def _target(measure, baseline: float | None) -> str:  # type: ignore[no-untyped-def]
    if baseline is None:
        return measure.typical_target
    factor = 1 + measure.improvement if measure.direction == "higher" else 1 - measure.improvement
    value = baseline * factor
    if measure.unit.strip() in ("%", "percent") and measure.direction == "higher":
        value = min(value, 100.0)
    shown = f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}".rstrip("0").rstrip(".")
    word = "at least" if measure.direction == "higher" else "at most"
    return f"{word} {shown} {measure.unit} within 12 months ({measure.improvement:.0%} better than the baseline)"


def _capability(kb: "KnowledgeBase", service_id: str) -> str:
    service = kb.services[service_id]
    if service.capability:
        return service.capability
    deliverables = [d[0].lower() + d[1:] for d in service.deliverables[:2]]
    return " and ".join(deliverables) if deliverables else service.name.lower()


def _count(n: int, noun: str) -> str:
    """'1 outcome', '3 outcomes', 'no short-term win'."""
    if n == 0:
        return f"no {noun}"
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def build_value_proposition(
    kb: "KnowledgeBase",
    case: "Case",
    symptoms: list["SymptomFinding"],
    causes: list["CauseResult"],
    services: list["ServiceResult"],
) -> ValueProposition:
    """Everything the next flywheel steps need, built from the diagnosis."""
    if not services:
        return ValueProposition.trusted(
            summary="No symptom was recognised with enough confidence to prescribe services; interview further.",
            stakeholders=[],
            outcomes=[],
            quick_wins=[],
            success_measures=[],
            next_stages=NextStages.trusted(service_development=[], service_onboarding=[], service_monitoring=[], value_delivery=[], value_recognition=[]),
        )
    statements = _group_statements(kb, case, symptoms, services)
    outcomes = _outcomes(kb, services)
    measures = _measures(kb, case, services)
    top = [c.name.lower() for c in causes[:2]]
    leading = " and ".join(top)
    quick = [s.id for s in services if s.horizon == "short"]
    summary = (
        f"What stakeholders describe points first to {leading}. "
        f"We propose {_count(len(services), 'PMO service')}, starting with "
        f"{', '.join(s.name for s in services if s.wave == 'now') or services[0].name}"
        f"; {_count(len(outcomes), 'outcome')} {'is' if len(outcomes) == 1 else 'are'} promised, with "
        f"{_count(len(quick), 'short-term win')} and success measured by {_count(len(measures), 'indicator')}."
    )
    return ValueProposition.trusted(
        summary=summary,
        stakeholders=statements,
        outcomes=outcomes,
        quick_wins=quick,
        success_measures=measures,
        next_stages=_next_stages(kb, services, measures),
    )


def _group_statements(kb: "KnowledgeBase", case: "Case", symptoms: list["SymptomFinding"], services: list["ServiceResult"]) -> list[GroupStatement]:
    by_group: dict[str, dict[str, object]] = {}
    for stakeholder in case.stakeholders:
        entry = by_group.setdefault(stakeholder.group, {"names": [], "quotes": []})
        entry["names"].append(stakeholder.name)  # type: ignore[union-attr]
    group_of: dict[str, str] = {}
    for stakeholder in reversed(case.stakeholders):  # the first stakeholder of a name wins
        group_of[stakeholder.name] = stakeholder.group
    for finding in symptoms:
        if not finding.present:
            continue
        for quote in finding.quotes:
            group = group_of.get(quote.stakeholder)
            if group in by_group:
                by_group[group]["quotes"].append((finding, quote))  # type: ignore[union-attr]
    answered = {f.id: _service_for(kb, f.id, services) for f in symptoms if f.present}
    result = []
    for group in sorted(by_group, key=lambda g: (-kb.groups[g].weight if g in kb.groups else 0, g)):
        # the group's pain the proposal answers best: a clear reading first, then how strongly it was heard
        # times how well a prescribed service relieves it (a portfolio dashboard answers "I spend every Friday
        # chasing status" better than "the PMO sends templates nobody reads", though the latter was read stronger)
        best: tuple[tuple[bool, float, int, str], SymptomFinding, Quote, ServiceResult] | None = None
        for finding, quote in by_group[group]["quotes"]:  # type: ignore[union-attr]
            found = answered[finding.id]
            if found is None:
                continue
            service, relief = found
            key = (is_clear(finding), finding.score * relief, -len(quote.text), quote.text)
            if best is None or key > best[0]:
                best = (key, finding, quote, service)
        if best is None:
            continue
        _, finding, quote, service = best
        need = _need_phrase(quote.text)
        capability = _capability(kb, service.id)
        group_name = kb.groups[group].name.lower() if group in kb.groups else group.replace("_", " ")
        result.append(
            GroupStatement.trusted(
                group=group,
                group_name=group_name,
                stakeholders=sorted(set(by_group[group]["names"])),  # type: ignore[arg-type]
                need=need,
                service=service.id,
                service_name=service.name,
                capability=capability,
                statement=f'For {group_name}, who say "{need}", our {service.name.lower()} service provides {capability}.',
            )
        )
    return result


def _need_phrase(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text.rstrip(".")
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " ..."


def _service_for(kb: "KnowledgeBase", symptom_id: str, services: list["ServiceResult"]) -> "tuple[ServiceResult, float] | None":
    """The prescribed service that best treats the causes this symptom indicates, with how well it does."""
    relief = _relief(kb, symptom_id)
    best = None
    for service in services:
        score = relief.get(service.id, 0.0)
        if score > 0 and (best is None or score > best[1]):
            best = (service, score)
    return best


def _relief(kb: "KnowledgeBase", symptom_id: str) -> dict[str, float]:
    """Service id -> how well it treats the causes a symptom indicates (built once per symptom)."""
    table: dict[str, dict[str, float]] = kb.derived("relief", dict)
    relief = table.get(symptom_id)
    if relief is None:
        indicated = kb.symptoms[symptom_id].indicates
        relief = table[symptom_id] = {
            service_id: sum(p * kb.causes[c].treated_by.get(service_id, 0.0) for c, p in indicated.items())
            for service_id in kb.services
        }
    return relief


def _outcomes(kb: "KnowledgeBase", services: list["ServiceResult"]) -> list[PromisedOutcome]:
    found: dict[str, list[str]] = {}
    for service in services:
        for outcome in service.outcomes:
            found.setdefault(outcome, []).append(service.id)
    result = [
        PromisedOutcome.trusted(id=o, name=kb.outcomes[o].name, horizon=kb.outcomes[o].horizon[0], services=s)
        for o, s in found.items()
    ]
    order = {"short": 0, "medium": 1, "long": 2}
    return sorted(result, key=lambda o: (order[o.horizon], -len(o.services), o.id))


def _measures(kb: "KnowledgeBase", case: "Case", services: list["ServiceResult"]) -> list[SuccessMeasure]:
    result = []
    seen: set[str] = set()
    # without a baseline a measure reads the same in every case: built once per knowledge base
    # (the models are frozen and hold only strings, so diagnoses can share them)
    shared: dict[tuple[str, str], SuccessMeasure] = kb.derived("success_measures", dict)
    for service in services:
        for measure_id in kb.services[service.id].measures[:MEASURES_PER_SERVICE]:
            if measure_id in seen:
                continue
            seen.add(measure_id)
            baseline = case.baselines.get(measure_id)
            if baseline is not None:
                result.append(_success_measure(kb.measures[measure_id], service.id, baseline))
                continue
            measure = shared.get((measure_id, service.id))
            if measure is None:
                measure = shared[(measure_id, service.id)] = _success_measure(kb.measures[measure_id], service.id, None)
            result.append(measure)
    return result


def _success_measure(m, service_id: str, baseline: float | None) -> SuccessMeasure:  # type: ignore[no-untyped-def]
    return SuccessMeasure.trusted(
        measure=m.id,
        name=m.name,
        service=service_id,
        baseline=baseline if baseline is not None else TO_BE_MEASURED,
        target=_target(m, baseline),
        direction=m.direction,
        unit=m.unit,
        formula=m.formula,
        cadence=m.cadence,
        data_source=m.data_source,
        owner=m.owner,
        layer=m.layer,
    )


def _next_stages(kb: "KnowledgeBase", services: list["ServiceResult"], measures: list[SuccessMeasure]) -> NextStages:
    development = [_development_item(kb, s.id, s.approach, s.wave) for s in services]
    onboarding = [_onboarding_item(kb, s.id) for s in services if s.wave == "now"] or [
        OnboardingItem.trusted(service=services[0].id, pilot_group=list(kb.services[services[0].id].pilot_with) or ["project_managers"],
                               change_actions=list(kb.services[services[0].id].change_actions))
    ]
    by_service: dict[str, list[SuccessMeasure]] = {}
    for m in measures:
        by_service.setdefault(m.service, []).append(m)
    monitoring = []
    for s in services:
        mine = by_service.get(s.id, [])
        own = [m for m in mine if m.layer == "service_delivery"] or mine
        if own:
            monitoring.append(MonitoringItem.trusted(service=s.id, measures=[m.measure for m in own], cadence=own[0].cadence))
    value_measures = [m.measure for m in measures if m.layer == "value_delivery"]
    recognition_measures = [m.measure for m in measures if m.layer == "value_recognition"]
    delivery = [
        ReportingItem.trusted(
            what="Outcome scorecard: each promised outcome against its baseline, with the services behind it",
            to=["executives", "portfolio_managers"],
            cadence="quarterly",
            measures=value_measures,
        ),
        ReportingItem.trusted(
            what="Service delivery report: SLA compliance, red/amber/green per service",
            to=["project_managers", "functional_managers"],
            cadence="monthly",
            measures=[m.measure for m in measures if m.layer == "service_delivery"],
        ),
    ]
    recognition = [
        ReportingItem.trusted(
            what="Value perception survey by customer group, and a value story of the month",
            to=["executives", "project_managers", "functional_managers"],
            cadence="quarterly",
            measures=recognition_measures,
        )
    ]
    return NextStages.trusted(
        service_development=development,
        service_onboarding=onboarding,
        service_monitoring=monitoring,
        value_delivery=delivery,
        value_recognition=recognition,
    )


# The plan items below read the same in every diagnosis that names the same service (and approach and
# wave, each of a handful of values): built once per knowledge base and shared, as the success measures
# without a baseline are (frozen models of strings).


def _development_item(kb: "KnowledgeBase", service_id: str, approach: str, wave: str) -> DevelopmentItem:
    shared: dict[tuple[str, str, str], DevelopmentItem] = kb.derived("development_items", dict)
    item = shared.get((service_id, approach, wave))
    if item is None:
        service = kb.services[service_id]
        item = shared[(service_id, approach, wave)] = DevelopmentItem.trusted(
            service=service_id,
            approach=approach,
            wave=wave,
            deliverables=list(service.deliverables),
            effort=service.effort + (f" ({service.effort_note})" if service.effort_note else ""),
            time_to_value_weeks=service.time_to_value_weeks,
        )
    return item


def _onboarding_item(kb: "KnowledgeBase", service_id: str) -> OnboardingItem:
    shared: dict[str, OnboardingItem] = kb.derived("onboarding_items", dict)
    item = shared.get(service_id)
    if item is None:
        service = kb.services[service_id]
        item = shared[service_id] = OnboardingItem.trusted(
            service=service_id,
            pilot_group=list(service.pilot_with) or ["project_managers"],
            change_actions=list(service.change_actions)
            or [f"Name a champion for {service.name.lower()} in the pilot group", "Collect pilot feedback before wider roll-out"],
        )
    return item
