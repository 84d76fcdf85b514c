"""Case files as people write them: everyday key names and context values, typos still reported."""

from __future__ import annotations

import pytest

from advisor import Case
from advisor.errors import CaseError


def _context(**values):
    return Case.model_validate({"case": "x", "context": values, "stakeholders": [{"name": "A", "statements": ["hi"]}]}).context


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Medium", "medium"),
        ("mid-size", "medium"),
        ("Mid-sized company", "medium"),
        ("medium-sized", "medium"),
        ("startup", "small"),
        ("small family business", "small"),
        ("very large", "enterprise"),
        ("multinational", "enterprise"),
        ("large enterprise", "large"),
        (8, "micro"),
        (49, "small"),
        (249, "medium"),
        ("1,200 employees", "large"),
        ("about 40,000 staff", "enterprise"),
    ],
)
def test_organisation_sizes(written, read):
    assert _context(organization_size=written).organization_size == read


@pytest.mark.parametrize(("written", "read"), [(40, 40), (40.0, 40), ("40", 40), ("about 40", 40), ("40+", 40), ("~40", 40), ("1,200", 1200), ("40-50", 45), ("40 to 50", 45)])
def test_projects_in_flight(written, read):
    assert _context(projects_in_flight=written).projects_in_flight == read


@pytest.mark.parametrize(("written", "read"), [(2, 2), (3.0, 3), ("2", 2), ("level 2", 2), ("L3", 3), ("2/5", 2), ("4 out of 5", 4), ("3 - defined", 3), ("Initial", 1), ("quantitatively managed", 4), ("managed", 2)])
def test_maturity_levels(written, read):
    assert _context(pmo_maturity=written).pmo_maturity == read


@pytest.mark.parametrize(("written", "read"), [(True, True), ("yes", True), ("yes (GxP)", True), ("Heavily regulated", True), ("partly", True),
                                              ("No", False), ("not really", False), ("unregulated", False), ("false", False)])
def test_regulated(written, read):
    assert _context(regulated=written).regulated is read


@pytest.mark.parametrize(("written", "read"), [("Scrum", "agile"), ("SAFe", "agile"), ("DevOps", "agile"), ("two-week sprints", "agile"),
                                              ("PRINCE2", "predictive"), ("phase-gate", "predictive"), ("safety-critical waterfall", "predictive"),
                                              ("waterfall with agile teams", "hybrid"), ("mixed", "hybrid")])
def test_delivery_approach(written, read):
    assert _context(delivery_approach=written).delivery_approach == read




@pytest.mark.parametrize(("written", "read"), [(3, 3), ("3 years", 3), ("18 months", 1.5), ("new", 0)])
def test_pmo_age(written, read):
    assert _context(pmo_age_years=written).pmo_age_years == read


@pytest.mark.parametrize(
    ("field", "written", "message"),
    [
        ("organization_size", "SME", "unknown organisation size 'SME': use micro, small, medium, large or enterprise, or a head count"),
        ("organization_size", 0, "a head count must be at least 1"),
        ("projects_in_flight", "dozens", "expected a whole number, such as 40 or 'about 40' (got 'dozens')"),
        ("projects_in_flight", True, "expected a number, not true"),
        ("pmo_maturity", "low", "expected a maturity level from 1 to 5"),
        ("pmo_maturity", "2.5", "a maturity level is a whole number from 1 to 5"),
        ("pmo_maturity", "level 7", "less than or equal to 5"),
        ("pmo_age_years", "a while", "expected a number of years"),
        ("regulated", "maybe", "expected yes or no, such as 'yes' or 'yes (GxP)' (got 'maybe')"),
    ],
)
def test_unreadable_values_are_one_clear_line_naming_file_line_and_key(field, written, message):
    text = f"case: x\ncontext:\n  {field}: {written!r}\nstakeholders:\n  - name: A\n    statements: [hi]\n"
    if isinstance(written, bool):
        text = text.replace(repr(written), str(written).lower())
    with pytest.raises(CaseError) as raised:
        Case.from_text(text, ".yaml", name="notes.yaml")
    assert str(raised.value).startswith(f"notes.yaml:3: context.{field}: "), str(raised.value)
    assert message in str(raised.value)
    assert "Value error" not in str(raised.value)


def test_a_comma_in_an_unquoted_flow_value_is_named_with_its_fix():
    """{industry: school (11-18, 1,400 pupils)} is read by YAML as keys 1 and '400 pupils)'."""
    text = "case: x\ncontext: {industry: school (11-18, 1,400 pupils), pmo_maturity: 2}\nstakeholders: {A: [hi]}\n"
    with pytest.raises(CaseError) as raised:
        Case.from_text(text, ".yaml", name="notes.yaml")
    assert str(raised.value).startswith("notes.yaml:2: context: key 1 is not a name"), str(raised.value)
    assert "put that value in quotes" in str(raised.value)


EVERYDAY = """\
id: acme-review
title: ACME portfolio review
date: 2026-11-01
organisation: {organization_size: mid-size, pmo_maturity: level 2}
interviews:
  - who: Dana
    title: CFO
    department: Finance
    quotes:
      - "Everything is priority one, so in practice nothing is."
  - name: Lee
    role: project_managers
    statement: "We only hear a project is late when the client calls."
"""


def test_a_case_id_written_as_a_label_names_the_case():
    case = Case.from_text("Case ID: acme-review\nstakeholders: {A: [hi]}\n", ".yaml", name="x.yaml", case_id="x")
    assert case.case == "acme-review"


def test_everyday_key_names_are_read_as_the_schema_s():
    case = Case.from_text(EVERYDAY, ".yaml", name="acme.yaml", case_id="acme")
    assert case.case == "acme-review"
    assert case.context.organization_size == "medium" and case.context.pmo_maturity == 2
    dana, lee = case.stakeholders
    assert (dana.name, dana.role, dana.group, dana.details) == ("Dana", "CFO", "executives", {"department": "Finance"})
    assert dana.statements == ["Everything is priority one, so in practice nothing is."]
    assert lee.statements == ["We only hear a project is late when the client calls."]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("case: x\nstakehoders: []\n", "acme.yaml:2: unknown key 'stakehoders' (did you mean 'stakeholders'?)"),
        ("case: x\nstakeholders:\n  - name: A\n    statment: [hi]\n", "acme.yaml:4: unknown key 'stakeholders.0.statment' (did you mean 'statements'?)"),
        ("case: x\nnotes: [a, b]\nstakeholders:\n  - name: A\n    statements: [hi]\n", "acme.yaml:2: unknown key 'notes'"),
        ("stakeholders:\n  - name: A\n    statements: [hi]\n    weight: 20\n", "acme.yaml:4: stakeholders.0.weight: "),
        ("case: x\nstatements: [hi]\n", "acme.yaml:2: unknown key 'statements' ('statements' belongs to a stakeholder: "
         "stakeholders: - name: ..., statements: [...])"),
        ("stakeholders: {A: [hi]}\nroot_causes: [a]\n", "acme.yaml:2: unknown key 'root_causes' ('root_causes' belongs under expected:)"),
        ("- Everything is priority one\n- Nobody checks who is free\n", "acme.yaml:1: a case file must be a mapping with "
         "'stakeholders' (found a list: put statements under"),
        ("42\n", "acme.yaml:1: a case file must be a mapping with 'stakeholders' (found a number)"),
    ],
)
def test_typos_and_unknown_lists_are_still_reported_with_their_line(text, message):
    with pytest.raises(CaseError) as raised:
        Case.from_text(text, ".yaml", name="acme.yaml", case_id="acme")
    assert str(raised.value).startswith(message), str(raised.value)


def test_stakeholders_by_name_baselines_with_units_and_an_everyday_expected_block():
    text = """\
case: x
stakeholders:
  Dana: ["Everything is priority one, so in practice nothing is."]
  Lee:
    role: CFO
    statements: ["We only hear a project is late when the client calls."]
baselines: {schedule_variance: "20%", cost_variance: "-5%", headcount: "about 1,500"}
expected:
  primary_cause: no_portfolio_prioritization
  recommended_services: [portfolio_management]
  secondary_notes: [kept out of the test]
  rationale: everything is urgent
"""
    case = Case.from_text(text, ".yaml", name="x.yaml")
    assert [(s.name, s.group) for s in case.stakeholders] == [("Dana", "project_team_members"), ("Lee", "executives")]
    assert case.baselines == {"schedule_variance": 20.0, "cost_variance": -5.0, "headcount": 1500.0}
    assert case.expected is not None
    assert (case.expected.root_causes, case.expected.services, case.expected.why) == (
        ["no_portfolio_prioritization"], ["portfolio_management"], "everything is urgent")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("case: x\nstakeholders: {A: [hi]}\nbaselines:\n  schedule_variance: lots\n", "x.yaml:4: baselines.schedule_variance: expected a number, such as 20 or '20%' (got 'lots')"),
        ("case: x\nstakeholders: {A: [hi]}\nexpected:\n  root_cuses: [a]\n", "x.yaml:4: unknown key 'expected.root_cuses' (did you mean 'root_causes'?)"),
    ],
)
def test_unreadable_baselines_and_misspelt_expected_keys_name_their_line(text, message):
    with pytest.raises(CaseError) as raised:
        Case.from_text(text, ".yaml", name="x.yaml")
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("role", "group"),
    [
        ("executives", "executives"), ("project manager", "project_managers"), ("CFO", "executives"),
        ("Founder", "executives"), ("Steering committee member", "executives"), ("Dean of Engineering", "executives"),
        ("Product Owner", "project_managers"), ("Scrum Master", "project_managers"), ("Programme Director", "program_managers"),
        ("HR business partner", "functional_managers"), ("Finance controller", "functional_managers"),
        ("Project controller", "project_team_members"), ("Head of IT", "functional_managers"),
        ("External auditor", "external_partners"), ("Regulator", "external_partners"), ("Vendor account manager", "external_partners"),
        ("Site foreman", "project_team_members"), ("developer", "project_team_members"),
    ],
)
def test_job_titles_map_to_customer_groups(role, group):
    from advisor.case import group_of

    assert group_of(role) == group


def test_statements_as_mappings_and_empty_items():
    text = "case: x\nstakeholders:\n  - name: A\n    statements:\n      - text: Everything is priority one.\n        topic: priorities\n      -\n      - 42\n"
    assert Case.from_text(text, ".yaml", name="x.yaml").stakeholders[0].statements == ["Everything is priority one.", "42"]
    with pytest.raises(CaseError, match=r"^x\.yaml:5: stakeholders\.0\.statements\.0: Input should be a valid string"):
        Case.from_text("case: x\nstakeholders:\n  - name: A\n    statements:\n      - {topic: x}\n", ".yaml", name="x.yaml")
