"""A Markdown report a consultant pastes into a client document."""

from __future__ import annotations

from ..models import Diagnosis
from . import CONFIDENCE_NOTE, WORDING_ONLY_NOTE, context_items, names_of, short, split_readings, wording_only

WAVE_TITLES = {"now": "Now", "next": "Next", "later": "Later"}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _label(identifier: str) -> str:
    return identifier.replace("_", " ")


def render_markdown(d: Diagnosis) -> str:
    """The whole diagnosis as Markdown."""
    names = names_of(d)

    def _name(identifier: str) -> str:
        return _cell(names[identifier]) if identifier in names else _label(identifier)

    lines: list[str] = [f"# PMO diagnosis: {d.case}", ""]
    context = ", ".join(f"{label}: {value}" for label, value in context_items(d))
    lines += [f"*Knowledge base {d.knowledge_version}.*" + (f" Context: {context}." if context else ""), ""]
    lines += ["## Summary", "", d.value_proposition.summary, ""]

    lines += ["## What stakeholders told us", ""]
    heard, weaker = split_readings(d)
    if not heard:
        lines += ["No symptom was recognised clearly in the statements." if weaker else "No symptom was recognised in the statements.", ""]
    for s in heard:
        lines.append(f"- **{s.name}** ({s.score:.0%})")
        for q in s.quotes[:3]:
            lines.append(f"  > \"{q.text}\" — {q.stakeholder} ({_label(q.role)})")
    if weaker:
        lines += ["", "Weaker readings, worth confirming:", ""]
        lines += [f"- {s.name} ({s.score:.0%})" + (f": \"{short(s.quotes[0].text, 90)}\"" if s.quotes else "") for s in weaker]
    denied = [s for s in d.symptoms if not s.present]
    if denied:
        lines += ["", "Said *not* to be a problem: " + "; ".join(s.name for s in denied) + "."]
    lines.append("")

    lines += ["## Differential diagnosis", ""]
    if d.root_causes:
        lines += ["| # | Root cause | Confidence |", "|---|---|---|"]
        for i, c in enumerate(d.root_causes, 1):
            lines.append(f"| {i} | {_cell(c.name)} | {c.confidence:.0%} |")
        lines += ["", f"*{CONFIDENCE_NOTE}*", ""]
        for i, c in enumerate(d.root_causes[:5], 1):
            lines += [f"### {i}. {c.name} — {c.confidence:.0%}", ""]
            for e in c.explanation:
                if e.kind == "prior":
                    lines.append(f"- Base rate: {e.text}")
                elif e.kind == "supports":
                    quote = f' — "{e.quote}"' if e.quote else ""
                    lines.append(f"- Supports: {e.text}{quote}")
                elif e.kind == "conflicts":
                    lines.append(f"- Against: {e.text}")
                elif e.kind == "rule":
                    lines.append(f"- Context rule: {e.text}")
                elif e.kind == "theme":
                    lines.append(f"- Overall wording: {e.text}")
                else:
                    lines.append(f"- Causal chain: {e.text}")
            if wording_only(c):
                lines.append(f"- {WORDING_ONLY_NOTE}")
            if c.confirm_by:
                lines.append(f"- To confirm: {'; '.join(c.confirm_by)}")
            lines.append("")
    else:
        lines += ["No root cause is supported by the evidence yet.", ""]

    if d.pmo_health:
        lines += ["## The PMO's own health", ""]
        for h in d.pmo_health:
            lines.append(f"- **{h.name}** ({h.confidence:.0%}): {', '.join(h.signs)}")
        lines.append("")

    lines += ["## Prescription", ""]
    if not d.services:
        lines += ["Nothing to prescribe before the diagnosis is clearer.", ""]
    for wave in ("now", "next", "later"):
        services = [s for s in d.services if s.wave == wave]
        if not services:
            continue
        lines += [f"### {WAVE_TITLES[wave]}", "", "| Priority | Service | Approach | Treats | Horizon | Weeks to value |",
                  "|---|---|---|---|---|---|"]
        for s in services:
            lines.append(
                f"| {s.priority} | {_cell(s.name)} | {s.approach} | {_cell(', '.join(_label(t) for t in s.treats) or '-')} "
                f"| {s.horizon} | {s.time_to_value_weeks} |"
            )
        lines.append("")
        for s in services:
            lines.append(f"- **{s.name}**: {s.rationale}")
        lines.append("")

    vp = d.value_proposition
    lines += ["## Value proposition", ""]
    for g in vp.stakeholders:
        lines.append(f"- {g.statement}")
    if vp.stakeholders:
        lines.append("")
    if vp.outcomes:
        lines += ["Outcomes promised:", ""]
        for o in vp.outcomes:
            lines.append(f"- {o.name} ({o.horizon} term)")
        lines.append("")
    if vp.success_measures:
        lines += ["### Success measures", "",
                  "| Measure | Service | Baseline | Target | Cadence | Data source | Owner | Layer |",
                  "|---|---|---|---|---|---|---|---|"]
        for m in vp.success_measures:
            lines.append(
                f"| {_cell(m.name)} | {_name(m.service)} | {_cell(m.baseline)} | {_cell(m.target)} | {m.cadence} "
                f"| {_cell(m.data_source)} | {_cell(m.owner)} | {_label(m.layer)} |"
            )
        lines.append("")

    ns = vp.next_stages
    if ns.service_development:
        lines += ["## Next flywheel steps", "", "**Service development**", ""]
        for item in ns.service_development:
            lines.append(f"- {_name(item.service)} ({item.wave}, {item.approach}, effort {item.effort}): "
                         + "; ".join(item.deliverables))
        lines += ["", "**Service onboarding**", ""]
        for item in ns.service_onboarding:
            lines.append(f"- {_name(item.service)}: pilot with {', '.join(_label(g) for g in item.pilot_group)}; "
                         + "; ".join(item.change_actions))
        lines += ["", "**Service monitoring**", ""]
        for item in ns.service_monitoring:
            lines.append(f"- {_name(item.service)}: {', '.join(_name(m) for m in item.measures)} ({item.cadence})")
        lines += ["", "**Value delivery and recognition**", ""]
        for item in ns.value_delivery + ns.value_recognition:
            lines.append(f"- {item.what}: to {', '.join(_label(g) for g in item.to)}, {item.cadence}")
        lines.append("")
    if d.trace:
        lines += ["## Trace", ""]
        lines += [f"- {t.step}: {t.detail}" for t in d.trace]
        lines.append("")
    return "\n".join(lines)
