"""The header lines of a consultant's notes: what they say about the organisation, not a complaint.

Notes often open with "Industry: logistics", "Projects in flight: about 40" or a line of
prose such as "Context: 40 projects in flight, regulated (customs), maturity level 2",
and with "Date:" or "Attendees:" lines. Read as statements they would be heard as
symptoms ("PMO set up last year" sounds like a new PMO under pressure). This module says
which labelled lines are context (and the facts they give) and which are bookkeeping.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from . import context_values
from .case import Context

FIELD_LABELS: dict[str, str] = {
    **dict.fromkeys(("industry", "sector"), "industry"),
    **dict.fromkeys(("organization_size", "organisation_size", "size", "company_size", "headcount", "head_count",
                     "employees", "staff"), "organization_size"),
    **dict.fromkeys(("pmo_maturity", "maturity", "pm_maturity", "maturity_level"), "pmo_maturity"),
    **dict.fromkeys(("projects_in_flight", "projects", "active_projects", "number_of_projects", "project_count",
                     "live_projects"), "projects_in_flight"),
    **dict.fromkeys(("regulated", "regulation", "regulatory"), "regulated"),
    **dict.fromkeys(("pmo_age", "pmo_age_years", "age_of_pmo"), "pmo_age_years"),
    **dict.fromkeys(("delivery_approach", "approach", "delivery_method"), "delivery_approach"),
}
"""A header label (lower case, words joined by "_") -> the context field its value is."""
PROSE_LABELS = frozenset({"context", "background", "organisation", "organization", "setting", "client", "company", "situation"})
"""Labels of a line of prose about the organisation: its facts are read, the line is not a statement."""
BOOKKEEPING_LABELS = frozenset({
    "date", "time", "venue", "location", "place", "attendees", "participants", "present", "apologies", "agenda",
    "facilitator", "facilitators", "note_taker", "notes_by", "minutes_by", "author", "prepared_by", "subject", "re",
    "meeting", "session", "workshop", "engagement", "project_code", "reference",
})
"""Labels of lines about the meeting itself: left out."""

_PROJECTS = re.compile(r"\b(?:about |around |some |over |nearly |roughly |~)?(\d[\d,]*)\+?\s+(?:active |live |running |open |"
                       r"concurrent |ongoing |parallel |current )?projects\b")
_HEADCOUNT = re.compile(r"\b(\d[\d,]*)\s+(?:staff|employees|people|fte|ftes|headcount)\b")
_MATURITY = re.compile(r"\bmaturity(?: level| of)?\s*(?:is\s*|at\s*|:\s*)?(?:level\s*)?(\d)\b|\blevel (\d) maturity\b")
_PMO_AGE = re.compile(r"\bpmo\b[^.;]{0,40}?\b(?:set up|created|launched|started|established|founded|stood up)\s+"
                      r"(?:(\d+(?:\.\d+)?)\s+(years?|months?)\s+ago|(last year|a year ago|one year ago)|(this year|recently))")
_UNREGULATED = re.compile(r"\b(?:unregulated|not (?:heavily |really |very )?regulated)\b")
_REGULATED = re.compile(r"\bregulated\b|\bregulator\b")


def label_key(label: str) -> str:
    """A label as the tables spell it: "Projects in flight" -> "projects_in_flight"."""
    return "_".join(re.findall(r"[a-z0-9]+", label.lower()))


def header_context(label: str, text: str) -> dict[str, Any] | None:
    """The context a labelled line gives ({} for bookkeeping), or None when it is not a header line.

    A field's value that cannot be read ("Projects: the ERP and the CRM", "Approach: we try to be
    pragmatic") leaves the line a statement."""
    key = label_key(label)
    if key in BOOKKEEPING_LABELS:
        return {}
    if key in PROSE_LABELS:
        return facts_in(text)
    field = FIELD_LABELS.get(key)
    if field is None or not text.strip():
        return None
    try:  # read as a case file's context value is read, everyday forms included
        value = Context.model_validate({field: text.strip()}).value(field)
    except ValidationError:
        return None
    return {field: value}


def facts_in(prose: str) -> dict[str, Any]:
    """What a sentence about the organisation plainly states: how many projects, head count, maturity, the
    PMO's age ("PMO set up 18 months ago"), regulation."""
    text = prose.lower()
    facts: dict[str, Any] = {}
    if found := _PROJECTS.search(text):
        facts["projects_in_flight"] = int(found.group(1).replace(",", ""))
    if found := _HEADCOUNT.search(text):
        facts["organization_size"] = context_values.organization_size(int(found.group(1).replace(",", "")) or 1)
    if found := _MATURITY.search(text):
        level = int(found.group(1) or found.group(2))
        if 1 <= level <= 5:
            facts["pmo_maturity"] = level
    if found := _PMO_AGE.search(text):
        amount, unit, last_year, this_year = found.groups()
        facts["pmo_age_years"] = 1.0 if last_year else 0.5 if this_year else (
            round(float(amount) / 12, 2) if unit.startswith("month") else float(amount))
    if _UNREGULATED.search(text):
        facts["regulated"] = False
    elif _REGULATED.search(text):
        facts["regulated"] = True
    return facts
