"""Prescription: the likely causes -> ranked PMO services, in waves, with a delivery approach.

Services are chosen greedily by expected benefit: the sum over causes of
(confidence x stakeholder weight still untreated) x effectiveness, with
diminishing returns once a cause is treated. Prerequisites are pulled in and
staged first; services above the organisation's maturity wait for a later
wave; the proposal always holds at least one short-term win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .case import Context
from .knowledge.base import KnowledgeBase
from .knowledge.schema import Service
from .models import ServiceResult
from .reasoning import CauseScore, RuleEffects, evidenced

MAX_SERVICES = 8
CONSIDERED_CAUSES = 6
RANK_DECAY = 0.3
"""Each cause further down the differential counts this much less: treat the leading cause first, as a
consultant's proposal does (measured on 60 cases whose services were never tuned on, holdout12 and 13:
service@5 0.797 at 0.5, 0.834 at 0.3, 0.838 at 0.2; on the 382 development cases 0.860, 0.858, 0.846;
then on the 120 cases of holdout12-15, 0.765 at 0.5 and 0.790 at 0.3)."""
DIMINISH = 0.08
"""How much of a cause's remaining need one service takes away (times its effectiveness). Measured on
1,132 development and 540 unread cases (service@5): 0.0 gives 0.878 / 0.880, 0.15 gives 0.877 / 0.881,
0.3 gives 0.876 / 0.879, 0.5 gives 0.852 / 0.846. Once the cause themes sharpened the differential
(complement naive Bayes), on the 1,522 development cases: 0.0 gives 0.894, 0.08 0.893, 0.15 0.890,
0.22 0.889, 0.3 0.887: a consultant's proposal treats the leading cause with several services before
it spreads to the next, so only a little need is taken away per service."""
MIN_SHARE = 0.08
"""A service whose benefit is below this share of the best one is not worth prescribing."""
DEFAULT_MATURITY = 2
WAVE_SIZE = {"now": 3, "next": 4}
WAVES = ("now", "next", "later")
APPROACH_PREFERENCE: dict[int, tuple[str, ...]] = {
    1: ("controlling", "managed", "directive", "supportive", "facilitative", "consultative"),
    2: ("directive", "supportive", "facilitative", "managed", "controlling", "consultative"),
    3: ("supportive", "facilitative", "directive", "consultative", "managed", "controlling"),
    4: ("consultative", "facilitative", "supportive", "directive", "managed", "controlling"),
    5: ("consultative", "facilitative", "supportive", "managed", "directive", "controlling"),
}
_HORIZONS = ("short", "medium", "long")


@dataclass
class _Pick:
    service: Service
    benefit: float
    treats: dict[str, float]
    reason: str = ""


def maturity_of(context: Context) -> int:
    return context.pmo_maturity or DEFAULT_MATURITY


def approach_for(service: Service, maturity: int, preferred: str | None = None) -> str:
    """The delivery approach for a customer of this maturity (a rule's preference first)."""
    if preferred and preferred in service.approaches:
        return preferred
    for approach in APPROACH_PREFERENCE[maturity]:
        if approach in service.approaches:
            return approach
    return service.approaches[0]


def horizon_of(kb: KnowledgeBase, service: Service, treats: Iterable[str]) -> str:
    """When customers feel it: the earliest horizon of the outcomes it delivers against these causes."""
    if service.time_to_value_weeks <= 8:
        return "short"
    by_cause, overall = _service_horizons(kb)[service.id]
    earliest = min((by_cause[c] for c in treats if c in by_cause), default=overall)
    if earliest is None:
        return "medium"
    if service.time_to_value_weeks > 39:
        earliest = max(earliest, 1)  # not felt in the short term
    return _HORIZONS[earliest]


def prescribe(kb: KnowledgeBase, causes: list[CauseScore], context: Context, effects: RuleEffects) -> list[ServiceResult]:
    """Ranked services treating the leading causes (empty when no cause is supported)."""
    considered = evidenced(causes)[:CONSIDERED_CAUSES]
    need = {c.id: c.confidence * c.weight * RANK_DECAY**rank for rank, c in enumerate(considered)}
    if not need:
        return []
    top_need = max(need.values())
    remaining = dict(need)
    boosts = effects.service_boosts
    order = kb.service_order
    treated = _treated(kb)
    # each service's (cause, effectiveness) pairs, in the order of the causes considered
    pairs: dict[str, list[tuple[str, float]]] = {}
    for cause_id in need:
        for service_id, effectiveness in treated[cause_id]:
            pairs.setdefault(service_id, []).append((cause_id, effectiveness))
    for service_id in boosts:
        pairs.setdefault(service_id, [])

    def ranked(service_id: str) -> tuple[float, int, str]:
        """(benefit, -place in the knowledge, id): the best open service ranks highest."""
        benefit = 0.0
        for cause_id, effectiveness in pairs[service_id]:
            benefit += remaining[cause_id] * effectiveness
        if service_id in boosts:
            benefit += boosts[service_id] * top_need
        return benefit, -order[service_id], service_id

    # benefit is recomputed (in the same order, so to the same bits) only for the services a pick affects
    open_ = {sid: ranked(sid) for sid in pairs if sid not in effects.suppressed and sid in order}
    picks: list[_Pick] = []
    chosen: set[str] = set()
    first_benefit = None
    while len(picks) < MAX_SERVICES and open_:
        best_benefit, _, best_id = max(open_.values())
        if best_benefit <= 0:
            break
        best = _Pick(kb.services[best_id], best_benefit,
                     {c: remaining[c] * e for c, e in kb.treatments[best_id] if c in remaining})
        first_benefit = first_benefit or best.benefit
        if best.benefit < MIN_SHARE * first_benefit:
            break
        picks.append(best)
        chosen.add(best_id)
        del open_[best_id]
        for c in best.treats:
            remaining[c] *= 1.0 - DIMINISH * kb.causes[c].treated_by[best_id]
        # only the services treating a cause this one treats lose benefit
        for service_id in {sid for c in best.treats for sid, _ in treated[c]}:
            if service_id in open_:
                open_[service_id] = ranked(service_id)
    _pull_prerequisites(kb, picks, chosen)
    _ensure_quick_win(kb, picks, chosen, need, effects)
    return _finish(kb, picks, context, effects)


def _pull_prerequisites(kb: KnowledgeBase, picks: list[_Pick], chosen: set[str]) -> None:
    index = 0
    while index < len(picks):
        for required in picks[index].service.requires:
            if required not in chosen:
                chosen.add(required)
                picks.append(_Pick(kb.services[required], 0.0, {}, f"prerequisite of {picks[index].service.name}"))
        index += 1


def _ensure_quick_win(kb: KnowledgeBase, picks: list[_Pick], chosen: set[str], need: dict[str, float], effects: RuleEffects) -> None:
    """Keep the PMO alive: at least one service customers feel in the short term."""
    if any(horizon_of(kb, p.service, p.treats) == "short" for p in picks):
        return
    treated = _treated(kb)
    treats_of: dict[str, dict[str, float]] = {}  # service id -> {cause: need x effectiveness}, causes in need's order
    for cause_id, cause_need in need.items():
        for service_id, effectiveness in treated[cause_id]:
            treats_of.setdefault(service_id, {})[cause_id] = cause_need * effectiveness
    candidates = []
    for service_id, treats in treats_of.items():
        if service_id in chosen or service_id in effects.suppressed:
            continue
        if horizon_of(kb, kb.services[service_id], treats) == "short":
            candidates.append((sum(treats.values()), service_id, treats))
    if candidates:
        benefit, service_id, treats = max(candidates, key=lambda c: (c[0], c[1]))
        chosen.add(service_id)
        picks.append(_Pick(kb.services[service_id], benefit, treats, "a short-term win"))


def _finish(kb: KnowledgeBase, picks: list[_Pick], context: Context, effects: RuleEffects) -> list[ServiceResult]:
    maturity = maturity_of(context)
    ordered = sorted(range(len(picks)), key=lambda i: (-picks[i].benefit if not picks[i].reason.startswith("prereq") else 0.0, i))
    by_id = {p.service.id: p for p in picks}
    rank = {picks[i].service.id: r for r, i in enumerate(ordered)}
    wave: dict[str, int] = {}
    counts = [0, 0, 0]
    for service_id in _prerequisites_first(by_id, rank):
        service = by_id[service_id].service
        gap = service.min_maturity - maturity
        level = 0 if gap <= 0 else 1 if gap == 1 else 2
        for required in service.requires:
            if required in wave:
                level = max(level, min(2, wave[required] + 1))
        while level < 2 and counts[level] >= WAVE_SIZE[WAVES[level]]:
            level += 1  # a handful per wave: overflow moves on
        wave[service_id] = level
        counts[level] += 1
    results = []
    for priority, i in enumerate(ordered, start=1):
        p = picks[i]
        s = p.service
        treats = sorted(p.treats, key=lambda c: (-p.treats[c], c))
        undermined = {o for c in treats for o in kb.causes[c].undermines}
        results.append(
            ServiceResult.trusted(
                id=s.id,
                name=s.name,
                category=s.category,
                priority=priority,
                wave=WAVES[wave[s.id]],  # type: ignore[arg-type]
                approach=approach_for(s, maturity, effects.approach),
                treats=treats,
                rationale=_rationale(kb, p, treats, maturity),
                benefit=round(p.benefit, 4),
                requires=[r for r in s.requires if r in by_id],
                time_to_value_weeks=s.time_to_value_weeks,
                horizon=horizon_of(kb, s, treats),  # type: ignore[arg-type]
                outcomes=[o for o in s.delivers if o in undermined],
            )
        )
    return results


def _prerequisites_first(by_id: dict[str, _Pick], rank: dict[str, int]) -> list[str]:  # noqa: C901
    """Services in priority order, except that a prerequisite always comes before what needs it."""
    waiting = {sid: {r for r in p.service.requires if r in by_id} for sid, p in by_id.items()}
    # a prerequisite is as urgent as the most urgent service that needs it
    urgency = dict(rank)
    changed = True
    while changed:
        changed = False
        for sid, needs in waiting.items():
            for required in needs:
                if urgency[sid] < urgency[required]:
                    urgency[required] = urgency[sid]
                    changed = True
    rank = {sid: (urgency[sid], rank[sid]) for sid in rank}  # type: ignore[misc]
    ready = sorted((rank[sid], sid) for sid, needs in waiting.items() if not needs)
    order: list[str] = []
    while ready:
        _, sid = ready.pop(0)
        order.append(sid)
        for other, needs in waiting.items():
            if sid in needs:
                needs.discard(sid)
                if not needs and other not in order:
                    ready.append((rank[other], other))
                    ready.sort()
    return order + sorted((sid for sid in by_id if sid not in order), key=rank.__getitem__)


def _rationale(kb: KnowledgeBase, pick: _Pick, treats: list[str], maturity: int) -> str:
    s = pick.service
    parts = []
    if treats:
        phrases = _treatment_phrases(kb)
        parts.append(f"Treats {', '.join(phrases[(c, s.id)] for c in treats[:3])}.")
    if pick.reason:
        parts.append(f"Included as {pick.reason}.")
    if s.min_maturity > maturity:
        parts.append(f"Needs PM maturity {s.min_maturity} (the organisation is at {maturity}), so it is staged later.")
    parts.append(_service_notes(kb)[s.id])
    return " ".join(parts)


def _service_notes(kb: KnowledgeBase) -> dict[str, str]:
    """Service id -> the end of its rationale, the same in every diagnosis: what it builds on, when it first pays."""
    return kb.derived("service_notes", lambda: {
        s.id: (f"Builds on {', '.join(kb.name(r) for r in s.requires)}. " if s.requires else "")
        + f"First value in about {s.time_to_value_weeks} weeks."
        for s in kb.services.values()
    })


def _treated(kb: KnowledgeBase) -> dict[str, tuple[tuple[str, float], ...]]:
    """Cause id -> its (service, effectiveness) pairs, in the knowledge's order (built once)."""
    return kb.derived("treated", lambda: {c.id: tuple(c.treated_by.items()) for c in kb.causes.values()})


def _treatment_phrases(kb: KnowledgeBase) -> dict[tuple[str, str], str]:
    """(cause, service) -> "cause name (effectiveness 70%)", for the rationale (built once)."""
    return kb.derived("treatment_phrases", lambda: {
        (c.id, service_id): f"{c.name.lower()} (effectiveness {effectiveness:.0%})"
        for c in kb.causes.values()
        for service_id, effectiveness in c.treated_by.items()
    })


def _service_horizons(kb: KnowledgeBase) -> dict[str, tuple[dict[str, int], int | None]]:
    """Service id -> (cause id -> earliest horizon against it, earliest horizon of all it delivers),
    horizons as places in ``_HORIZONS`` (from ``kb.horizons``; built once)."""
    def build() -> dict[str, tuple[dict[str, int], int | None]]:
        table: dict[str, tuple[dict[str, int], int | None]] = {}
        for service_id in kb.services:
            by_cause = {c: _HORIZONS.index(h) for (s, c), h in kb.horizons.items() if s == service_id and c is not None}
            overall = kb.horizons.get((service_id, None))
            table[service_id] = (by_cause, None if overall is None else _HORIZONS.index(overall))
        return table

    return kb.derived("service_horizons", build)
