"""How the results screen words a diagnosis: cause panels, service details, value and health text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Collapsible, Static

from ..widgets import bar

if TYPE_CHECKING:
    from advisor.knowledge import KnowledgeBase
    from advisor.models import CauseResult, Diagnosis

KIND_TITLES = {"supports": "Evidence for", "conflicts": "Evidence against", "rule": "Rules fired",
               "chain": "Causal chain", "prior": "Before any evidence"}


def cause_panels(diagnosis: "Diagnosis", kb: "KnowledgeBase") -> list[Collapsible]:
    """One collapsible per cause, the leading one open."""
    if not diagnosis.root_causes:
        return [Collapsible(Static("No cause stands out yet: add statements or answer questions."),
                            title="Nothing diagnosed yet", collapsed=False)]
    panels = []
    for rank, cause in enumerate(diagnosis.root_causes):
        title = f"{bar(cause.confidence, 10)} {cause.confidence:4.0%}  {cause.name}"
        panels.append(Collapsible(Static(cause_text(cause, kb)), title=title, collapsed=rank > 0, id=f"cause-{cause.id}"))
    return panels


def cause_text(cause: "CauseResult", kb: "KnowledgeBase") -> Content:
    """The explanation of one cause: evidence, rules, chain, quotes, and how to confirm it."""
    lines: list[Content] = []
    for kind, title in KIND_TITLES.items():
        items = [i for i in cause.explanation if i.kind == kind]
        if not items:
            continue
        lines.append(Content.styled(title, "bold"))
        for item in items:
            lines.append(Content.assemble("  ", (f"×{item.factor:<5.2f}", "$accent"), " ", item.text))
    quotes = []
    for item in cause.explanation:
        if item.quote and item.quote not in quotes:
            quotes.append(item.quote)
    if quotes:
        lines.append(Content.styled("In their words", "bold"))
        lines += [Content.styled(f"  “{q}”", "italic") for q in quotes[:4]]
    if cause.chain:
        lines.append(Content.assemble(("Linked: ", "bold"), "; ".join(cause.chain)))
    if cause.confirm_by:
        lines.append(Content.styled("To confirm", "bold"))
        lines += [Content(f"  · {c}") for c in cause.confirm_by]
    return Content("\n").join(lines)


def service_detail(diagnosis: "Diagnosis", service_id: str) -> Content:
    """Why a service is prescribed, what it needs first, what it delivers."""
    service = next((s for s in diagnosis.services if s.id == service_id), None)
    if service is None:
        return Content("")
    parts = [Content.styled(service.name, "bold"), Content(service.rationale)]
    if service.requires:
        parts.append(Content.assemble(("Needs first: ", "bold"), ", ".join(r.replace("_", " ") for r in service.requires)))
    if service.outcomes:
        parts.append(Content.assemble(("Outcomes: ", "bold"), ", ".join(o.replace("_", " ") for o in service.outcomes)))
    return Content("\n").join(parts)


def value_text(diagnosis: "Diagnosis") -> Content:
    """The value statements per customer group and the quick wins."""
    proposition = diagnosis.value_proposition
    lines: list[Content] = []
    if proposition.stakeholders:
        lines.append(Content.styled("For each customer group", "bold"))
        lines += [Content(f"  · {g.statement}") for g in proposition.stakeholders]
    if proposition.quick_wins:
        lines.append(Content.styled("Quick wins", "bold"))
        lines += [Content(f"  · {w}") for w in proposition.quick_wins]
    return Content("\n").join(lines)


def health_text(diagnosis: "Diagnosis") -> Content:
    """What the statements about the PMO itself say of its health."""
    if not diagnosis.pmo_health:
        return Content.styled("Nothing was said about the PMO itself.", "dim")
    lines: list[Content] = []
    for finding in diagnosis.pmo_health:
        lines.append(Content.assemble((f"{bar(finding.confidence, 10)} {finding.confidence:4.0%}  ", "$warning"), (finding.name, "bold")))
        lines.append(Content(f"  Signs: {', '.join(finding.signs)}"))
        lines += [Content.styled(f"  “{q.text}” — {q.stakeholder}", "italic") for q in finding.quotes]
    return Content("\n").join(lines)
