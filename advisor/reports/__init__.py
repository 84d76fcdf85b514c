"""Renderings of a diagnosis: Markdown, self-contained HTML, and the portfolio summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..proposition import is_clear

if TYPE_CHECKING:
    from ..models import CauseResult, Diagnosis, SymptomFinding


CONFIDENCE_NOTE = ("Confidence is calibrated on test cases with a consultant's answer: of the causes shown at 80%, "
                   "about eight in ten were among the root causes named. Causes can coexist.")


WORDING_ONLY_NOTE = ("Heard in the wording only: no statement named one of its symptoms in so many words, "
                     "so confirm it before treating it.")


_CONTEXT_LABELS = {"organization_size": "organisation size", "pmo_maturity": "PMO maturity", "pmo_age_years": "PMO age"}


def context_items(d: "Diagnosis") -> list[tuple[str, str]]:
    """The case's context as a reader would write it: ("PMO maturity", "2"), ("regulated", "yes"), ("PMO age", "1 year")."""
    items = []
    for key, value in d.context.items():
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, float) and value.is_integer():
            shown = str(int(value))
        else:
            shown = str(value)
        if key == "pmo_age_years":
            shown += " year" if shown == "1" else " years"
        items.append((_CONTEXT_LABELS.get(key, key.replace("_", " ")), shown))
    return items


def wording_only(cause: "CauseResult") -> bool:
    """Listed on the wording of the whole case alone: no symptom supports it."""
    kinds = {item.kind for item in cause.explanation}
    return "theme" in kinds and "supports" not in kinds


def split_readings(d: "Diagnosis") -> tuple[list["SymptomFinding"], list["SymptomFinding"]]:
    """The symptoms heard present: (clear readings and answers, weaker readings), strongest first."""
    clear: list[SymptomFinding] = []
    weaker: list[SymptomFinding] = []
    for s in d.symptoms:
        if s.present:  # the split follows the percentage the report shows
            (clear if is_clear(s) else weaker).append(s)
    return clear, weaker


def short(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def names_of(d: "Diagnosis") -> dict[str, str]:
    """Id -> the name the reader sees elsewhere in the report, for its services, measures and causes."""
    names = {c.id: c.name for c in d.root_causes}
    names.update((s.id, s.name) for s in d.services)
    names.update((m.measure, m.name) for m in d.value_proposition.success_measures)
    return names
