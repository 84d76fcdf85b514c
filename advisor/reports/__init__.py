"""Renderings of a diagnosis: Markdown, self-contained HTML, and the portfolio summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Diagnosis


def names_of(d: "Diagnosis") -> dict[str, str]:
    """Id -> the name the reader sees elsewhere in the report, for its services, measures and causes."""
    names = {c.id: c.name for c in d.root_causes}
    names.update((s.id, s.name) for s in d.services)
    names.update((m.measure, m.name) for m in d.value_proposition.success_measures)
    return names
