"""`pmo-advisor kb validate`: the shipped knowledge is sound, and every defect class is
reported as file:line: message, all at once, with exit code 2."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_shipped_knowledge_is_sound(cli):
    result = cli("kb", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is sound" in result.stdout


def test_validate_passes_from_another_folder(cli, tmp_path):
    result = cli("kb", "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def problems_for(cli, tmp_path: Path) -> list[str]:
    result = cli("kb", "validate", "--kb", str(tmp_path))
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    for line in lines:
        assert re.match(r"^.+:\d+: .+", line), f"not file:line: message: {line}"
    assert "Traceback" not in result.stderr
    return lines


SYMPTOM = """
  - id: {id}
    name: A test symptom
    aliases: [we never hear about it, nobody tells us, it is a surprise, we find out last]
    question: Do you find out last?
    indicates: {{{cause}: {sensitivity}}}
"""


def test_duplicate_id_names_both_places(cli, tmp_path):
    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="dup_symptom", cause="unclear_roles", sensitivity=0.5)
          + SYMPTOM.format(id="dup_symptom", cause="unclear_roles", sensitivity=0.5))
    lines = problems_for(cli, tmp_path)
    assert any("a.yaml:8:" in line and "duplicate id 'dup_symptom'" in line and "a.yaml:2" in line for line in lines), lines


def test_unknown_reference_suggests_the_nearest_id(cli, tmp_path):
    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="my_symptom", cause="unclear_role", sensitivity=0.5))
    lines = problems_for(cli, tmp_path)
    assert any("a.yaml:6:" in line and "unknown cause 'unclear_role'" in line and "did you mean 'unclear_roles'" in line
               for line in lines), lines


def test_weight_outside_0_1(cli, tmp_path):
    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="my_symptom", cause="unclear_roles", sensitivity=1.7))
    lines = problems_for(cli, tmp_path)
    assert any("a.yaml:6:" in line and "less than or equal to 1" in line for line in lines), lines


def test_prerequisite_cycle_names_the_cycle(cli, tmp_path):
    service = """
      - id: {id}
        name: {id}
        category: operational
        deliverables: [A thing]
        effort: low
        time_to_value_weeks: 4
        min_maturity: 1
        levels: [a, b, c, d, e]
        approaches: [supportive]
        requires: [{requires}]
        measures: [schedule_performance_index]
    """
    write(tmp_path, "s.yaml", "services:" + textwrap.indent(textwrap.dedent(service.format(id="svc_a", requires="svc_b")), "  ")
          + textwrap.indent(textwrap.dedent(service.format(id="svc_b", requires="svc_a")), "  "))
    lines = problems_for(cli, tmp_path)
    assert any("prerequisite cycle" in line and ("svc_a -> svc_b -> svc_a" in line or "svc_b -> svc_a -> svc_b" in line)
               for line in lines), lines


def test_cause_without_symptoms_or_services(cli, tmp_path):
    write(tmp_path, "c.yaml", """
        causes:
          - id: lonely_cause
            name: A cause nobody reaches
            category: delivery
            prior: 0.1
            confirm_by: [something]
        """)
    lines = problems_for(cli, tmp_path)
    assert any("c.yaml:2:" in line and "'lonely_cause' has no symptom" in line for line in lines), lines
    assert any("c.yaml:2:" in line and "'lonely_cause' has no service" in line for line in lines), lines


def test_symptom_without_question(cli, tmp_path):
    write(tmp_path, "a.yaml", """
        symptoms:
          - id: silent_symptom
            name: No question
            aliases: [one, two, three, four]
            indicates: {unclear_roles: 0.5}
        """)
    lines = problems_for(cli, tmp_path)
    assert any("a.yaml:2:" in line and "no question" in line for line in lines), lines


def test_yaml_syntax_error_has_a_line(cli, tmp_path):
    write(tmp_path, "broken.yaml", "symptoms:\n  - id: x\n    name: [unclosed\n    question: y\n")
    lines = problems_for(cli, tmp_path)
    assert any(re.search(r"broken\.yaml:\d+: YAML syntax error", line) for line in lines), lines


def test_unknown_key_suggests_the_right_one(cli, tmp_path):
    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="my_symptom", cause="unclear_roles", sensitivity=0.5)
          + "    qestion: Misspelt?\n")
    lines = problems_for(cli, tmp_path)
    assert any("a.yaml:7:" in line and "unknown key 'qestion'" in line and "did you mean 'question'" in line for line in lines), lines


def test_every_problem_is_reported_at_once(cli, tmp_path):
    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="one", cause="no_such_cause", sensitivity=0.5))
    write(tmp_path, "b.yaml", "measures:\n  - id: bad_measure\n    name: x\n")
    write(tmp_path, "c.yaml", "unknown_section: []\n")
    lines = problems_for(cli, tmp_path)
    files = {line.split(":")[0].rsplit("/", 1)[-1] for line in lines}
    assert {"a.yaml", "b.yaml", "c.yaml"} <= files, lines


def test_user_layer_overrides_and_adds(tmp_path):
    from advisor.knowledge import load_knowledge

    write(tmp_path, "mine.yaml", "symptoms:" + SYMPTOM.format(id="my_new_symptom", cause="unclear_roles", sensitivity=0.6))
    kb = load_knowledge([tmp_path])
    assert "my_new_symptom" in kb.symptoms
    assert kb.symptoms["my_new_symptom"].indicates == {"unclear_roles": 0.6}
    assert len(kb.symptoms) > 100  # the built-in knowledge is still there


def test_extends_none_replaces_the_builtin_knowledge(tmp_path):
    from advisor.errors import KnowledgeError
    from advisor.knowledge import load_knowledge

    write(tmp_path, "knowledge.yaml", "version: mine-1\nextends: none\n")
    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="only_symptom", cause="unclear_roles", sensitivity=0.6))
    with pytest.raises(KnowledgeError) as error:
        load_knowledge([tmp_path])
    assert "unknown cause 'unclear_roles'" in str(error.value)


def test_safe_yaml_never_executes(cli, tmp_path):
    marker = tmp_path / "pwned"
    write(tmp_path, "evil.yaml", f'symptoms: !!python/object/apply:os.system ["touch {marker}"]\n')
    lines = problems_for(cli, tmp_path)
    assert not marker.exists()
    assert any("evil.yaml:1:" in line for line in lines), lines


def test_healthy_phrases_that_cannot_work_are_warned_about(tmp_path):
    """A healthy phrase needs two content words and a plain, positive wording."""
    from advisor.knowledge.loader import validate_knowledge

    write(tmp_path, "healthy.yaml", """
        healthy:
          - symptom: decisions_take_forever
            says:
              - decisions are made quickly
              - the decisions
              - decisions never take long
          - symptom: no_such_symptom
            says: [one ranked list]
        """)
    problems, warnings = validate_knowledge([tmp_path])
    assert [str(p) for p in problems] == [f"{tmp_path / 'healthy.yaml'}:7: unknown symptom 'no_such_symptom' in healthy"]
    warned = [str(w) for w in warnings if "healthy phrase" in str(w)]
    assert len(warned) == 2 and ":5:" in warned[0] and "fewer than two content words" in warned[0]
    assert ":6:" in warned[1] and "negation or a wish" in warned[1]


def test_a_cue_that_repeats_another_once_stemmed_is_warned_about(tmp_path):
    """"Spec changed" is "changed the spec" to the matcher, which keeps one of them: the copy adds nothing
    but a second weight in the cause's theme."""
    from advisor.knowledge.loader import validate_knowledge

    write(tmp_path, "a.yaml", "symptoms:" + SYMPTOM.format(id="my_symptom", cause="unclear_roles", sensitivity=0.5)
          + "    cues: [changed the spec, nobody told us, spec changed]\n")
    problems, warnings = validate_knowledge([tmp_path])
    assert problems == []
    warned = [str(w) for w in warnings if "once stemmed" in str(w)]
    assert warned == [f"{tmp_path / 'a.yaml'}:7: cue 'spec changed' of 'my_symptom' says what 'changed the spec' says once stemmed"]
