"""Properties of the engine, checked with hypothesis: confidences in 0..1, more supporting
evidence never lowers a cause, evidence order does not matter, byte-identical JSON, exact undo."""

from __future__ import annotations

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor import Case
from advisor.models import Quote
from advisor.reasoning import Evidence

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _symptom_ids(kb):
    return sorted(kb.symptoms)


STATEMENTS = [Quote(stakeholder="s", role="executives", text=t) for t in ("first statement", "second statement", "third statement")]
"""A few statements to read evidence in: symptoms heard in the same one count once in full (reasoning.ECHO_WEIGHT)."""


QUOTES = st.lists(st.sampled_from(STATEMENTS), unique=True, max_size=2).map(tuple)


@st.composite
def evidence_sets(draw, kb):
    ids = draw(st.lists(st.sampled_from(_symptom_ids(kb)), unique=True, max_size=12))
    return {
        i: Evidence(i, draw(st.booleans()), draw(st.floats(0.05, 1.0)), draw(st.sampled_from(["statement", "answer"])), draw(QUOTES))
        for i in ids
    }


def _context(draw_maturity: int | None = None) -> Case:
    return Case(case="p", context={"organization_size": "medium", "pmo_maturity": draw_maturity or 2})


@SETTINGS
@given(data=st.data())
def test_confidences_stay_in_0_1(advisor, data):
    evidence = data.draw(evidence_sets(advisor.knowledge))
    diagnosis = advisor.assess(_context(), evidence)
    for cause in diagnosis.root_causes:
        assert 0.0 <= cause.confidence <= 1.0
    for health in diagnosis.pmo_health:
        assert 0.0 <= health.confidence <= 1.0
    for symptom in diagnosis.symptoms:
        assert 0.0 <= symptom.score <= 1.0


@SETTINGS
@given(data=st.data())
def test_the_shown_confidence_keeps_the_differential_order(advisor, data):
    """Calibration changes what the numbers say, never which cause leads."""
    diagnosis = advisor.assess(_context(), data.draw(evidence_sets(advisor.knowledge)))
    confidences = [c.confidence for c in diagnosis.root_causes]
    assert confidences == sorted(confidences, reverse=True)


@SETTINGS
@given(data=st.data())
def test_more_supporting_evidence_never_lowers_a_cause(advisor, data):
    kb = advisor.knowledge
    case = Case(case="p")  # no context: no context rule fires
    evidence = data.draw(evidence_sets(kb))
    cause = data.draw(st.sampled_from(sorted(kb.causes)))
    supporting = [s.id for s in kb.symptoms.values()
                  if s.indicates.get(cause, 0) > s.base_rate and s.id not in evidence]
    if not supporting:
        return
    extra = data.draw(st.sampled_from(supporting))
    before = {s.id: s.log_odds for s in advisor.rank(case, evidence)[0]}
    more = dict(evidence)
    more[extra] = Evidence(extra, True, data.draw(st.floats(0.05, 1.0)), "statement", data.draw(QUOTES))
    after = {s.id: s.log_odds for s in advisor.rank(case, more)[0]}
    assert after[cause] >= before[cause] - 1e-9


@SETTINGS
@given(data=st.data())
def test_evidence_order_does_not_matter(advisor, data):
    evidence = data.draw(evidence_sets(advisor.knowledge))
    shuffled = dict(data.draw(st.permutations(list(evidence.items()))))
    case = _context()
    assert advisor.assess(case, evidence).model_dump_json() == advisor.assess(case, shuffled).model_dump_json()


def test_the_pmo_health_quotes_do_not_follow_the_evidence_order(advisor):
    """Found by the property above: the quotes of a PMO health state came in the order the evidence was given."""
    first, second = (Quote(stakeholder="s", role="executives", text=t) for t in ("first statement", "second statement"))
    evidence = {
        "delivery_not_better_with_pmo": Evidence("delivery_not_better_with_pmo", True, 0.9, "statement", (second,)),
        "pmo_purpose_unclear": Evidence("pmo_purpose_unclear", True, 0.9, "statement", (first,)),
    }
    reversed_order = dict(reversed(list(evidence.items())))
    health = [advisor.assess(_context(), e).pmo_health for e in (evidence, reversed_order)]
    assert health[0] and health[0] == health[1]


@SETTINGS
@given(statements=st.permutations([
    "Our integration architect is on three projects next week and nobody checked.",
    "Everything is priority one, so nothing is.",
    "We only hear a project is late when the client calls.",
    "Budget is honestly not our problem.",
]))
def test_statement_order_gives_the_same_ranking(advisor, statements):
    baseline = advisor.diagnose(Case.from_statements(sorted(statements)))
    other = advisor.diagnose(Case.from_statements(list(statements)))
    assert [c.id for c in other.root_causes] == [c.id for c in baseline.root_causes]
    assert [c.confidence for c in other.root_causes] == [c.confidence for c in baseline.root_causes]


@SETTINGS
@given(text=st.text(min_size=1, max_size=300))
def test_any_text_is_diagnosed_deterministically(advisor, text):
    case = Case.from_statements([text])
    first = advisor.diagnose(case).model_dump_json()
    assert first == advisor.diagnose(case).model_dump_json()


@SETTINGS
@given(data=st.data())
def test_undo_restores_exactly(advisor, data):
    kb = advisor.knowledge
    session = advisor.interview(Case.from_statements(["Everything is priority one and we never stop anything."]))
    steps = data.draw(st.lists(st.tuples(st.sampled_from(sorted(kb.symptoms)),
                                         st.sampled_from(["yes", "no", "unsure", "skip"])), min_size=1, max_size=6))
    states = []
    for symptom, answer in steps:
        states.append((session.to_json(), session.diagnosis().model_dump_json()))
        session.answer(symptom, answer)
    for state, diagnosis in reversed(states):
        assert session.undo()
        assert session.to_json().split('"undo"')[0] == state.split('"undo"')[0]
        assert session.diagnosis().model_dump_json() == diagnosis
    assert not session.undo()


def test_answers_move_the_differential(advisor):
    session = advisor.interview(Case.from_statements(["Everything is priority one."]))
    question = session.next_question()
    assert question is not None and question.text and question.why
    before = {s.id: s.confidence for s in session.ranked()[0]}
    session.answer(question.symptom_id, "yes")
    after = {s.id: s.confidence for s in session.ranked()[0]}
    moved = [c for c in before if not math.isclose(before[c], after[c])]
    assert moved
    assert question.symptom_id not in [q.symptom_id for q in session.more_questions(50)]


def test_diagnosis_json_round_trips(advisor):
    from advisor import Diagnosis, ValueProposition
    from support import EXAMPLES

    for path in sorted(EXAMPLES.iterdir()):
        diagnosis = advisor.diagnose(Case.from_file(path))
        text = diagnosis.model_dump_json()
        again = Diagnosis.model_validate_json(text)
        assert again.model_dump_json() == text
        proposition = ValueProposition.model_validate_json(diagnosis.value_proposition.model_dump_json())
        assert proposition == again.value_proposition


@SETTINGS
@given(data=st.data())
def test_rules_skipped_for_missing_findings_could_not_fire(advisor, data):
    from advisor.reasoning import _compiled_rules, apply_rules

    kb = advisor.knowledge
    mentioned = sorted({s for r in kb.rules for s in re.findall(r"symptom='(\w+)'", repr(r.when))})
    ids = data.draw(st.lists(st.sampled_from(mentioned), unique=True, max_size=8))
    evidence = {i: Evidence(i, data.draw(st.booleans()), 0.8, "statement") for i in ids}
    context = _context(data.draw(st.integers(1, 5))).context
    holding = [rule for rule, condition, _ in _compiled_rules(kb) if condition(context.values(), evidence)]
    assert apply_rules(kb, context, evidence).fired == holding


def test_a_saved_session_keeps_the_order_answers_were_given(advisor, tmp_path):
    """The answer history reads newest last; a saved file sorts its keys, the answers must not be."""
    session = advisor.interview()
    for symptom_id in ("zombie_projects_never_killed", "deadlines_missed", "nobody_knows_who_decides"):
        session.answer(symptom_id, "yes")
    session.save(tmp_path / "s.json")
    resumed = type(session).load(tmp_path / "s.json", advisor)
    assert list(resumed.answers) == ["zombie_projects_never_killed", "deadlines_missed", "nobody_knows_who_decides"]
    resumed.undo()
    assert list(resumed.answers) == ["zombie_projects_never_killed", "deadlines_missed"]


def test_an_interview_starts_from_the_answers_a_case_already_has(advisor):
    """A case file's answers count in the interview as in a batch diagnosis, and are not asked again."""
    case = Case.from_statements(["Everything is priority one.", "We only hear a project is late when the client calls."])
    case.answers = {"deadlines_missed": "yes", "no_view_of_who_is_free": "no", "not_a_symptom": "yes"}
    session = advisor.interview(case)
    assert session.answers == {"deadlines_missed": "yes", "no_view_of_who_is_free": "no"}
    ranked = [(c.id, c.confidence) for c in session.diagnosis().root_causes]
    assert ranked == [(c.id, c.confidence) for c in advisor.diagnose(case).root_causes]
    assert {"deadlines_missed", "no_view_of_who_is_free"}.isdisjoint(q.symptom_id for q in session.more_questions(50))
