"""A self-contained HTML report: inline CSS and SVG, no scripts, no network."""

from __future__ import annotations

from html import escape

from ..models import Diagnosis
from . import CONFIDENCE_NOTE, WORDING_ONLY_NOTE, context_items, names_of, short, split_readings, wording_only

CSS = """
:root{--ink:#1d2733;--muted:#5d6b7a;--line:#dde3ea;--accent:#1f6feb;--soft:#f5f7fa;--good:#1a7f37;--warn:#b35900}
*{box-sizing:border-box}
body{margin:0;font:15px/1.55 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1080px;margin:0 auto;padding:40px 32px 64px}
header.case{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:28px}
header.case h1{margin:0 0 6px;font-size:28px;letter-spacing:-.01em}
.meta{color:var(--muted);font-size:13px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.chip{background:var(--soft);border:1px solid var(--line);border-radius:999px;padding:2px 10px;font-size:12px;color:var(--muted)}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:16px;margin:22px 0 8px}
.summary{background:var(--soft);border-left:4px solid var(--accent);padding:14px 18px;border-radius:4px}
blockquote{margin:6px 0 6px 0;padding:6px 12px;border-left:3px solid var(--line);color:#34404d;font-style:italic}
.weaker{font-size:14px;color:#34404d;margin-top:4px}.weaker li{margin:3px 0}
blockquote cite{display:block;font-style:normal;color:var(--muted);font-size:12px;margin-top:2px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13.5px}
th,td{text-align:left;padding:7px 9px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--soft);font-weight:600;color:#34404d}
.bar{display:flex;align-items:center;gap:10px}
.bar .track{flex:1;height:10px;background:#e8edf3;border-radius:5px;overflow:hidden;min-width:120px}
.bar .fill{height:100%;background:linear-gradient(90deg,#5b9bff,var(--accent));border-radius:5px}
.bar .pct{width:44px;text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.cause{border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:10px 0}
.cause h3{margin:0 0 8px;display:flex;justify-content:space-between;gap:12px}
.cause ul{margin:6px 0 0;padding-left:18px}
.k-supports{color:var(--good)} .k-conflicts{color:var(--warn)} .k-rule,.k-chain,.k-prior,.k-theme{color:var(--muted)}
.wave{display:inline-block;min-width:52px;text-align:center;border-radius:4px;padding:1px 8px;font-size:12px;font-weight:600}
.wave-now{background:#dafbe1;color:#116329}.wave-next{background:#fff8c5;color:#7d4e00}.wave-later{background:#eef1f5;color:#57606a}
.statement{margin:8px 0;padding:10px 14px;background:var(--soft);border-radius:6px}
.diagram{overflow-x:auto;border:1px solid var(--line);border-radius:8px;padding:8px;background:#fcfdfe}
.muted{color:var(--muted)}
.case-break{border:none;border-top:6px double var(--line);margin:56px 0}
@media print{main{padding:0}.cause,.diagram{break-inside:avoid}}
"""


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _bar(x: float) -> str:
    return (f'<div class="bar"><div class="track"><div class="fill" style="width:{x * 100:.1f}%"></div></div>'
            f'<span class="pct">{_pct(x)}</span></div>')


def _label(identifier: str) -> str:
    return escape(identifier.replace("_", " "))


def diagram(d: Diagnosis, kb_links: dict[tuple[str, str], float] | None = None) -> str:
    """An inline SVG of symptom -> cause -> service paths."""
    symptoms = [s for s in d.symptoms if s.present][:9]
    causes = d.root_causes[:5]
    services = d.services[:6]
    if not (symptoms and causes):
        return ""
    cause_ids = {c.id for c in causes}
    links_sc: list[tuple[str, str, float]] = []
    for c in causes:
        for e in c.explanation:
            if e.kind == "supports" and e.symptom and any(s.id == e.symptom for s in symptoms):
                links_sc.append((e.symptom, c.id, e.factor))
    links_cs = [(t, s.id) for s in services for t in s.treats if t in cause_ids]
    row, width, box_w, box_h = 46, 1000, 290, 34
    height = max(len(symptoms), len(causes), len(services)) * row + 40
    cols = {"symptom": 10, "cause": 355, "service": 700}

    def ys(n: int) -> list[float]:
        top = (height - n * row) / 2
        return [top + i * row + row / 2 for i in range(n)]

    pos: dict[tuple[str, str], tuple[float, float]] = {}
    for kind, items in (("symptom", symptoms), ("cause", causes), ("service", services)):
        for item, y in zip(items, ys(len(items))):
            pos[(kind, item.id)] = (cols[kind], y)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
             f'aria-label="Symptoms lead to root causes, which services treat">',
             '<style>text{font:12.5px -apple-system,Segoe UI,Roboto,Arial,sans-serif;fill:#1d2733}'
             '.h{font-weight:600;fill:#5d6b7a;font-size:12px;letter-spacing:.06em}</style>']
    for label, x in (("WHAT WE HEARD", cols["symptom"]), ("ROOT CAUSES", cols["cause"]), ("SERVICES", cols["service"])):
        parts.append(f'<text class="h" x="{x + 4}" y="16">{label}</text>')

    def curve(a: tuple[float, float], b: tuple[float, float], strength: float, colour: str) -> str:
        x1, y1 = a[0] + box_w, a[1]
        x2, y2 = b[0], b[1]
        mid = (x1 + x2) / 2
        return (f'<path d="M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}" fill="none" '
                f'stroke="{colour}" stroke-opacity=".55" stroke-width="{strength:.1f}"/>')

    for s_id, c_id, factor in links_sc:
        parts.append(curve(pos[("symptom", s_id)], pos[("cause", c_id)], min(6.0, 1.0 + factor / 2), "#5b9bff"))
    for c_id, s_id in links_cs:
        parts.append(curve(pos[("cause", c_id)], pos[("service", s_id)], 2.0, "#2da44e"))
    fills = {"symptom": ("#eef4ff", "#9cc0ff"), "cause": ("#fff4e5", "#f0b45b"), "service": ("#e9f9ee", "#7fd19a")}
    for kind, items in (("symptom", symptoms), ("cause", causes), ("service", services)):
        for item in items:
            x, y = pos[(kind, item.id)]
            fill, stroke = fills[kind]
            name = short(item.name, 40)
            extra = f" {_pct(item.confidence)}" if kind == "cause" else ""
            parts.append(f'<rect x="{x}" y="{y - box_h / 2:.0f}" width="{box_w}" height="{box_h}" rx="7" fill="{fill}" stroke="{stroke}"/>')
            parts.append(f'<text x="{x + 10}" y="{y + 4:.0f}"><title>{escape(item.name)}</title>{escape(name)}{extra}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_body(d: Diagnosis) -> str:
    """The report of one case as an HTML fragment (an <article>)."""
    names = names_of(d)

    def _name(identifier: str) -> str:
        return escape(names[identifier]) if identifier in names else _label(identifier)

    out: list[str] = [f'<article id="{escape(d.case)}">']
    chips = "".join(f'<span class="chip">{escape(label)}: {escape(value)}</span>' for label, value in context_items(d))
    out.append(f'<header class="case"><h1>PMO diagnosis: {escape(d.case)}</h1>'
               f'<div class="meta">Knowledge base {escape(d.knowledge_version)}</div><div class="chips">{chips}</div></header>')
    out.append(f'<p class="summary">{escape(d.value_proposition.summary)}</p>')

    out.append("<h2>What stakeholders told us</h2>")
    heard, weaker = split_readings(d)
    if not heard:
        none = "No symptom was recognised clearly in the statements." if weaker else "No symptom was recognised in the statements."
        out.append(f'<p class="muted">{none}</p>')
    for s in heard:
        out.append(f"<h3>{escape(s.name)} <span class=\"muted\">({_pct(s.score)})</span></h3>")
        for q in s.quotes[:3]:
            out.append(f"<blockquote>“{escape(q.text)}”<cite>{escape(q.stakeholder)}, {_label(q.role)}</cite></blockquote>")
    if weaker:
        items = "".join(f"<li>{escape(s.name)} ({_pct(s.score)})"
                        + (f': <span class="muted">“{escape(short(s.quotes[0].text, 90))}”</span>' if s.quotes else "") + "</li>"
                        for s in weaker)
        out.append(f'<p class="muted">Weaker readings, worth confirming:</p><ul class="weaker">{items}</ul>')
    denied = [s for s in d.symptoms if not s.present]
    if denied:
        out.append(f'<p class="muted">Said <em>not</em> to be a problem: {escape("; ".join(s.name for s in denied))}.</p>')

    svg = diagram(d)
    if svg:
        out.append("<h2>From symptoms to services</h2>")
        out.append(f'<div class="diagram">{svg}</div>')

    out.append("<h2>Differential diagnosis</h2>")
    if not d.root_causes:
        out.append('<p class="muted">No root cause is supported by the evidence yet.</p>')
    else:
        out.append(f'<p class="muted">{escape(CONFIDENCE_NOTE)}</p>')
    for i, c in enumerate(d.root_causes, 1):
        items = []
        for e in c.explanation:
            quote = f' — <q>{escape(e.quote)}</q>' if e.quote and e.kind == "supports" else ""
            items.append(f'<li class="k-{e.kind}">{escape(e.text)}{quote}</li>')
        if wording_only(c):
            items.append(f'<li class="k-theme">{escape(WORDING_ONLY_NOTE)}</li>')
        confirm = f'<p class="muted">To confirm: {escape("; ".join(c.confirm_by))}</p>' if c.confirm_by and i <= 5 else ""
        out.append(f'<div class="cause"><h3><span>{i}. {escape(c.name)}</span></h3>{_bar(c.confidence)}'
                   f'<ul>{"".join(items)}</ul>{confirm}</div>')

    if d.pmo_health:
        out.append("<h2>The PMO's own health</h2><table><tr><th>State</th><th>Confidence</th><th>Signs</th></tr>")
        for h in d.pmo_health:
            out.append(f"<tr><td>{escape(h.name)}</td><td>{_bar(h.confidence)}</td><td>{escape(', '.join(h.signs))}</td></tr>")
        out.append("</table>")

    out.append("<h2>Prescription</h2>")
    if not d.services:
        out.append('<p class="muted">Nothing to prescribe before the diagnosis is clearer.</p>')
    else:
        out.append("<table><tr><th>#</th><th>Wave</th><th>Service</th><th>Approach</th><th>Treats</th><th>Why</th></tr>")
        for s in sorted(d.services, key=lambda s: (("now", "next", "later").index(s.wave), s.priority)):
            out.append(f'<tr><td>{s.priority}</td><td><span class="wave wave-{s.wave}">{s.wave}</span></td>'
                       f"<td><strong>{escape(s.name)}</strong><br><span class=\"muted\">{s.horizon} term, ~{s.time_to_value_weeks} weeks</span></td>"
                       f"<td>{escape(s.approach)}</td><td>{', '.join(_label(t) for t in s.treats) or '-'}</td>"
                       f"<td>{escape(s.rationale)}</td></tr>")
        out.append("</table>")

    vp = d.value_proposition
    out.append("<h2>Value proposition</h2>")
    for g in vp.stakeholders:
        out.append(f'<p class="statement">{escape(g.statement)}</p>')
    if vp.outcomes:
        out.append("<h3>Outcomes promised</h3><table><tr><th>Outcome</th><th>Horizon</th><th>Through</th></tr>")
        for o in vp.outcomes:
            out.append(f"<tr><td>{escape(o.name)}</td><td>{o.horizon}</td><td>{', '.join(_name(s) for s in o.services)}</td></tr>")
        out.append("</table>")
    if vp.success_measures:
        out.append("<h3>Success measures</h3><table><tr><th>Measure</th><th>Service</th><th>Baseline</th><th>Target</th>"
                   "<th>Cadence</th><th>Data source</th><th>Owner</th><th>Layer</th></tr>")
        for m in vp.success_measures:
            out.append(f"<tr><td><strong>{escape(m.name)}</strong><br><span class=\"muted\">{escape(m.formula)}</span></td>"
                       f"<td>{_name(m.service)}</td><td>{escape(str(m.baseline))}</td><td>{escape(m.target)}</td>"
                       f"<td>{escape(m.cadence)}</td><td>{escape(m.data_source)}</td><td>{escape(m.owner)}</td><td>{_label(m.layer)}</td></tr>")
        out.append("</table>")
    ns = vp.next_stages
    if ns.service_development:
        out.append("<h2>Next flywheel steps</h2><table><tr><th>Step</th><th>Plan</th></tr>")
        dev = "".join(f"<li><strong>{_name(i.service)}</strong> ({i.wave}, {escape(i.approach)}): {escape('; '.join(i.deliverables))}</li>" for i in ns.service_development)
        onb = "".join(f"<li><strong>{_name(i.service)}</strong>: pilot with {', '.join(_label(g) for g in i.pilot_group)}; {escape('; '.join(i.change_actions))}</li>" for i in ns.service_onboarding)
        mon = "".join(f"<li><strong>{_name(i.service)}</strong>: {', '.join(_name(m) for m in i.measures)} ({escape(i.cadence)})</li>" for i in ns.service_monitoring)
        val = "".join(f"<li>{escape(i.what)}: to {', '.join(_label(g) for g in i.to)}, {escape(i.cadence)}</li>" for i in ns.value_delivery)
        rec = "".join(f"<li>{escape(i.what)}: to {', '.join(_label(g) for g in i.to)}, {escape(i.cadence)}</li>" for i in ns.value_recognition)
        for step, body in (("Service development", dev), ("Service onboarding", onb), ("Service monitoring", mon),
                           ("Value delivery", val), ("Value recognition", rec)):
            out.append(f"<tr><td>{step}</td><td><ul>{body}</ul></td></tr>")
        out.append("</table>")
    out.append("</article>")
    return "\n".join(out)


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body><main>\n{body}\n</main></body></html>\n")


def render_html(d: Diagnosis) -> str:
    """One case as a complete, self-contained HTML page."""
    return page(f"PMO diagnosis: {d.case}", render_body(d))


def combine_html(pages: list[str], extra: str = "") -> str:
    """Several single-case pages (and an optional summary fragment) as one page."""
    bodies = [p.split("<main>\n", 1)[1].rsplit("\n</main>", 1)[0] for p in pages]
    if len(bodies) == 1 and not extra:
        return pages[0]
    joined = '\n<hr class="case-break">\n'.join(([extra] if extra else []) + bodies)
    return page("PMO diagnoses", joined)
