"""The portfolio view across many cases: frequent causes, services in demand, a heat table."""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

TOP = 10
LIKELY = 0.5
"""A cause is likely in a case from this calibrated confidence on (see :func:`advisor.reasoning.calibrated`)."""


def portfolio(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts across cases; every list is sorted by count, then id, so output is deterministic.

    A cause's ``expected`` cases add up its calibrated confidence in every case: how many of the cases a
    consultant would be expected to name it in. ``cases`` counts those where it is likely (:data:`LIKELY`).
    Counting every cause of each case's top three instead would rank a cause listed third at 10% in many
    cases above the cause that leads a few of them."""
    expected: dict[str, float] = {}
    likely: Counter[str] = Counter()
    services: Counter[str] = Counter()
    by_group: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for s in summaries:
        names.update(s.get("names", {}))
        confidence = dict(s["causes"])
        for cause, value in s["causes"]:
            expected[cause] = expected.get(cause, 0.0) + value
            likely[cause] += value >= LIKELY
        for service in s["services"]:
            services[service] += 1
        for cause, groups in s["groups_by_cause"].items():
            for group in groups:
                voiced = by_group.setdefault(group, {})
                voiced[cause] = voiced.get(cause, 0.0) + confidence.get(cause, 0.0)

    def ranked(counts: dict[str, float], limit: int = TOP) -> list[tuple[str, float]]:
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def entry(cause: str, value: float) -> dict[str, Any]:
        return {"id": cause, "name": names.get(cause, _label(cause)), "cases": likely[cause], "expected": round(value, 1)}

    top_causes = [entry(c, v) for c, v in ranked(expected) if round(v, 1) > 0]
    heat_causes = [c["id"] for c in top_causes]
    heat = [
        {"case": s["case"], "confidence": {c: conf for c, conf in s["causes"] if c in heat_causes}}
        for s in summaries
    ]
    return {
        "cases": len(summaries),
        "top_causes": top_causes,
        "causes_by_group": {
            g: [{"id": c, "name": names.get(c, _label(c)), "expected": round(v, 1)} for c, v in ranked(voiced, 5) if round(v, 1) > 0]
            for g, voiced in sorted(by_group.items())
        },
        "services_in_demand": [{"id": k, "name": names.get(k, _label(k)), "cases": n} for k, n in ranked(services)],
        "heat": {"causes": heat_causes, "names": [names.get(c, _label(c)) for c in heat_causes], "rows": heat},
    }


EXPECTED_NOTE = ("Expected cases add up each case's calibrated confidence in the cause: the number of cases a consultant "
                 "would be expected to name it in. Likely: the cases where its confidence is 50% or more.")


def _label(identifier: str) -> str:
    return identifier.replace("_", " ")


def render_summary(summaries: list[dict[str, Any]], fmt: str) -> str:
    """The portfolio view as Markdown, an HTML fragment or page, or JSON."""
    data = portfolio(summaries)
    if fmt in ("json", "jsonl"):
        import json

        return json.dumps({"summary": data}, indent=2) + "\n"
    if fmt == "markdown" or fmt == "md":
        return _markdown(data)
    fragment = _html(data)
    if fmt == "html_fragment":
        return fragment
    from .html import page

    return page("PMO portfolio summary", fragment)


def _markdown(data: dict[str, Any]) -> str:
    lines = [f"# Portfolio summary ({data['cases']} cases)", "", "## Most frequent root causes", "", EXPECTED_NOTE, "",
             "| Root cause | Expected cases | Likely in |", "|---|---|---|"]
    lines += [f"| {c['name']} | {c['expected']:.1f} | {c['cases']} |" for c in data["top_causes"]]
    lines += ["", "## By stakeholder group", "", "Expected cases of the causes each group's own words support:", ""]
    for group, causes in data["causes_by_group"].items():
        lines.append(f"- **{_label(group)}**: " + ", ".join(f"{c['name']} ({c['expected']:.1f})" for c in causes))
    lines += ["", "## Services most in demand", "", "| Service | Cases |", "|---|---|"]
    lines += [f"| {s['name']} | {s['cases']} |" for s in data["services_in_demand"]]
    heat = data["heat"]
    if heat["causes"]:
        lines += ["", "## Causes by case", "", "| Case | " + " | ".join(heat["names"]) + " |",
                  "|---|" + "---|" * len(heat["causes"])]
        for row in heat["rows"]:
            cells = [f"{row['confidence'][c]:.0%}" if c in row["confidence"] else "" for c in heat["causes"]]
            lines.append(f"| {row['case']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _heat_colour(x: float) -> str:
    # white -> deep blue
    r, g, b = (int(255 - (255 - c) * x) for c in (31, 111, 235))
    return f"rgb({r},{g},{b})"


def _html(data: dict[str, Any]) -> str:
    out = [f'<section id="portfolio-summary"><header class="case"><h1>Portfolio summary</h1>'
           f'<div class="meta">{data["cases"]} cases</div></header>']
    out.append(f"<h2>Most frequent root causes</h2><p class=\"muted\">{escape(EXPECTED_NOTE)}</p>"
               "<table><tr><th>Root cause</th><th>Expected cases</th><th>Likely in</th></tr>")
    out += [f"<tr><td>{escape(c['name'])}</td><td>{c['expected']:.1f}</td><td>{c['cases']}</td></tr>" for c in data["top_causes"]]
    out.append("</table><h2>By stakeholder group</h2><table><tr><th>Group</th><th>Causes they voice (expected cases)</th></tr>")
    for group, causes in data["causes_by_group"].items():
        out.append(f"<tr><td>{escape(_label(group))}</td><td>"
                   + ", ".join(f"{escape(c['name'])} ({c['expected']:.1f})" for c in causes) + "</td></tr>")
    out.append("</table><h2>Services most in demand</h2><table><tr><th>Service</th><th>Cases</th></tr>")
    out += [f"<tr><td>{escape(s['name'])}</td><td>{s['cases']}</td></tr>" for s in data["services_in_demand"]]
    out.append("</table>")
    heat = data["heat"]
    if heat["causes"]:
        out.append("<h2>Causes by case</h2><div style=\"overflow-x:auto\"><table><tr><th>Case</th>"
                   + "".join(f"<th>{escape(name)}</th>" for name in heat["names"]) + "</tr>")
        for row in heat["rows"]:
            cells = []
            for c in heat["causes"]:
                x = row["confidence"].get(c)
                cells.append(f'<td style="background:{_heat_colour(x)};color:{"#fff" if x > 0.6 else "#1d2733"}">{x:.0%}</td>'
                             if x is not None else "<td></td>")
            out.append(f"<tr><td>{escape(row['case'])}</td>{''.join(cells)}</tr>")
        out.append("</table></div>")
    out.append("</section>")
    return "\n".join(out)
