"""How the results screen words a diagnosis: cause panels, service details, value and health text.

Lists are Rich grids so that wrapped lines stay aligned under their text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Collapsible, Static

from ..widgets import bar
from ..widgets.text import aligned_rows

if TYPE_CHECKING:
    from advisor.models import CauseResult, Diagnosis

KIND_TITLES = {"supports": "Evidence for", "conflicts": "Evidence against", "theme": "Overall wording",
               "rule": "Rules fired", "chain": "Causal chain", "prior": "Before any evidence"}
_FACTOR = re.compile(r"\s+x\d+(?:\.\d+)?$")


def _section(title: str, body: RenderableType) -> list[RenderableType]:
    return [Text(title, style="bold"), body]


def cause_panels(diagnosis: "Diagnosis") -> list[Collapsible]:
    """One collapsible per cause, the leading one open."""
    if not diagnosis.root_causes:
        return [Collapsible(Static("No cause stands out yet: add statements or answer questions."),
                            title="Nothing diagnosed yet", collapsed=False)]
    return [
        Collapsible(Static(cause_text(cause)), title=f"{bar(cause.confidence, 10)} {cause.confidence:4.0%}  {cause.name}",
                    collapsed=rank > 0, id=f"cause-{cause.id}")
        for rank, cause in enumerate(diagnosis.root_causes)
    ]


def cause_text(cause: "CauseResult") -> Group:
    """The explanation of one cause: evidence, rules, chain, quotes, and how to confirm it."""
    parts: list[RenderableType] = []
    for kind, title in KIND_TITLES.items():
        items = [i for i in cause.explanation if i.kind == kind]
        if items:
            parts += _section(title, aligned_rows((f"×{i.factor:.2f}", _FACTOR.sub("", i.text)) for i in items))
    quotes: list[str] = []
    for item in cause.explanation:
        if item.quote and item.quote not in quotes:
            quotes.append(item.quote)
    if quotes:
        parts += _section("In their words", aligned_rows((("", f"“{q}”") for q in quotes[:4]), text_style="italic"))
    if cause.chain:
        parts += _section("Linked", aligned_rows(("·", c) for c in cause.chain))
    if cause.confirm_by:
        parts += _section("To confirm", aligned_rows(("·", c) for c in cause.confirm_by))
    return Group(*parts)


def service_detail(diagnosis: "Diagnosis", service_id: str) -> Group:
    """Why a service is prescribed, what it needs first, what it delivers."""
    service = next((s for s in diagnosis.services if s.id == service_id), None)
    if service is None:
        return Group()
    parts: list[RenderableType] = [Text(service.name, style="bold"), Text(service.rationale)]
    if service.requires:
        parts.append(Text.assemble(("Needs first: ", "bold"), ", ".join(r.replace("_", " ") for r in service.requires)))
    if service.outcomes:
        parts.append(Text.assemble(("Outcomes: ", "bold"), ", ".join(o.replace("_", " ") for o in service.outcomes)))
    return Group(*parts)


def measure_detail(diagnosis: "Diagnosis", number: int) -> Group:
    """One success measure in full: service, target, how and by whom it is measured."""
    measures = diagnosis.value_proposition.success_measures
    if not 0 <= number < len(measures):
        return Group()
    m = measures[number]
    service = next((s.name for s in diagnosis.services if s.id == m.service), m.service)
    baseline = m.baseline if isinstance(m.baseline, str) else f"{m.baseline:g} {m.unit}".strip()
    rows = [("service", service), ("baseline", baseline), ("target", m.target), ("formula", m.formula),
            ("cadence", f"{m.cadence}, from {m.data_source}, owned by {m.owner}")]
    return Group(Text(m.name, style="bold"), aligned_rows(rows, marker_style="dim"))


def value_text(diagnosis: "Diagnosis") -> Group:
    """The value statements per customer group and the quick wins."""
    proposition = diagnosis.value_proposition
    parts: list[RenderableType] = []
    if proposition.stakeholders:
        parts += _section("For each customer group", aligned_rows(("·", g.statement) for g in proposition.stakeholders))
    if proposition.quick_wins:
        parts += _section("Quick wins", aligned_rows(("·", w) for w in proposition.quick_wins))
    return Group(*parts)


def health_text(diagnosis: "Diagnosis") -> Group:
    """What the statements about the PMO itself say of its health."""
    if not diagnosis.pmo_health:
        return Group(Text("Nothing was said about the PMO itself.", style="dim"))
    parts: list[RenderableType] = []
    for finding in diagnosis.pmo_health:
        parts.append(Text.assemble((f"{bar(finding.confidence, 10)} {finding.confidence:4.0%}  ", "bold"), (finding.name, "bold")))
        rows = [("signs", ", ".join(finding.signs))] + [("", f"“{q.text}” ({q.stakeholder})") for q in finding.quotes]
        parts.append(aligned_rows(rows, marker_style="dim"))
    return Group(*parts)
