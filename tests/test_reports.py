"""What the Markdown and HTML reports say about the readings of the statements."""

from __future__ import annotations

import pytest

from advisor import Advisor, Case
from advisor.reports.html import render_html
from advisor.reports.markdown import render_markdown
from support import ROOT


@pytest.fixture(scope="module")
def diagnosis():
    case = Case.from_statements(
        ["Everything is priority one, so in practice nothing is.", "We only hear a project is late when the client calls."],
        context={"organization_size": "medium"},
    )
    return Advisor.default().diagnose(case)


def _with_scores(diagnosis, *scores: float):
    """The diagnosis with its first heard symptoms read at these strengths, and those symptoms."""
    heard = [s for s in diagnosis.symptoms if s.present][: len(scores)]
    new = dict(zip((s.id for s in heard), scores))
    symptoms = [s.model_copy(update={"score": new[s.id]}) if s.id in new else s for s in diagnosis.symptoms]
    return diagnosis.model_copy(update={"symptoms": symptoms}), heard


def test_clear_readings_are_quoted_and_weak_ones_listed_to_confirm(diagnosis):
    changed, (strong, weak) = _with_scores(diagnosis, 0.62, 0.33)
    markdown = render_markdown(changed)
    told = markdown.split("## What stakeholders told us")[1].split("## Differential diagnosis")[0]
    assert f"- **{strong.name}** (62%)" in told
    assert "Weaker readings, worth confirming:" in told
    assert f"- {weak.name} (33%): \"" in told
    assert f"**{weak.name}**" not in told
    html = render_html(changed)
    assert "Weaker readings, worth confirming" in html and f"<li>{weak.name} (33%)" in html


def test_a_reading_shown_as_40_percent_is_clear(diagnosis):
    changed, (edge,) = _with_scores(diagnosis, 0.3999)
    assert f"- **{edge.name}** (40%)" in render_markdown(changed)


def test_a_cause_heard_in_the_wording_only_says_so_in_both_reports(advisor):
    """No sentence names a symptom of resource contention, but the whole story is told in its words."""
    case = Case.from_file(ROOT / "benchmarks" / "holdout103" / "ed07-one-network-manager.yaml")
    diagnosis = advisor.diagnose(case)
    leader = diagnosis.root_causes[0]
    assert leader.id == "resource_contention" and "supports" not in {e.kind for e in leader.explanation}
    assert "Heard in the wording only" in render_markdown(diagnosis).split("### 2.")[0]
    assert "Heard in the wording only" in render_html(diagnosis)
    assert diagnosis.services and diagnosis.services[0].id == "resource_management"


def test_context_reads_as_a_consultant_writes_it():
    advisor = Advisor.default()
    case = Case.model_validate({
        "case": "ctx",
        "context": {"organization_size": "large", "pmo_maturity": 2, "regulated": True, "pmo_age_years": 1.0},
        "stakeholders": [{"name": "Dana", "role": "CFO", "statements": ["Everything is priority one, so nothing is."]}],
    })
    markdown = render_markdown(advisor.diagnose(case))
    assert "Context: organisation size: large, PMO maturity: 2, regulated: yes, PMO age: 1 year." in markdown
    older = case.model_copy(update={"context": case.context.model_copy(update={"pmo_age_years": 2.5, "regulated": False})})
    html = render_html(advisor.diagnose(older))
    assert '<span class="chip">regulated: no</span>' in html and '<span class="chip">PMO age: 2.5 years</span>' in html


def test_the_portfolio_ranks_causes_by_expected_cases_not_by_mentions():
    from advisor.reports.summary import portfolio

    def case(name: str, causes: list[tuple[str, float]]) -> dict:
        return {"case": name, "causes": causes, "services": [], "names": {}, "groups_by_cause": {c: ["executives"] for c, _ in causes[:3]}}

    # 'unclear_governance' is listed third, at 10%, in four cases; 'weak_sponsorship' leads two of them
    summaries = [case(f"c{i}", [("weak_sponsorship" if i < 2 else f"cause_{i}", 0.95), ("other", 0.2), ("unclear_governance", 0.1)])
                 for i in range(4)]
    top = portfolio(summaries)["top_causes"]
    assert [(c["id"], c["expected"], c["cases"]) for c in top[:2]] == [("weak_sponsorship", 1.9, 2), ("cause_2", 0.9, 1)]
    governance = next(c for c in top if c["id"] == "unclear_governance")
    assert (governance["expected"], governance["cases"]) == (0.4, 0)
    assert portfolio(summaries)["causes_by_group"]["executives"][0] == {"id": "weak_sponsorship", "name": "weak sponsorship", "expected": 1.9}


def test_the_summary_counts_in_plain_english():
    from advisor.proposition import _count

    assert [_count(n, "outcome") for n in (0, 1, 3)] == ["no outcome", "1 outcome", "3 outcomes"]
    summary = Advisor.default().diagnose(Case.from_file(ROOT / "examples" / "hospital-wards-rollout.yaml")).value_proposition.summary
    assert "(s)" not in summary
