"""Worked cases: `pmo-advisor kb learn` writes them from diagnosed case files, the knowledge validates
them, and a --kb layer of them teaches the cause themes a PMO's own stakeholders' words."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import yaml

from advisor import Advisor, Case
from advisor.knowledge import load_knowledge

WORDS = ["The crane engineer at the wharf was booked by the berth team and the dredging team on the same Monday.",
         "Each team says the wharf engineer is theirs on Mondays; whoever phones first gets him."]


def _case(folder: Path, name: str, causes: str, statements: list[str]) -> Path:
    said = "\n".join(f'      - "{s}"' for s in statements)
    path = folder / name
    path.write_text(textwrap.dedent(f"""\
        case: {path.stem}
        stakeholders:
          - name: Ana
            role: project_managers
            statements:
        """) + said + f"\nexpected:\n  root_causes: [{causes}]\n", encoding="utf-8")
    return path


def test_learn_writes_worked_cases_that_a_knowledge_layer_accepts(cli, tmp_path):
    cases = tmp_path / "engagements"
    cases.mkdir()
    _case(cases, "wharf.yaml", "resource_contention, no_capacity_planning", WORDS)
    (cases / "notes.txt").write_text("Nothing diagnosed here yet.\n", encoding="utf-8")  # no expected: skipped
    layer = tmp_path / "my-knowledge"
    layer.mkdir()
    result = cli("kb", "learn", str(cases), "-o", str(layer / "worked.yaml"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and "1 worked cases" in result.stderr
    written = yaml.safe_load((layer / "worked.yaml").read_text(encoding="utf-8"))
    assert written == {"worked_cases": [{"source": "engagements/wharf.yaml",
                                          "causes": ["resource_contention", "no_capacity_planning"], "says": WORDS}]}
    assert cli("kb", "validate", "--kb", str(layer)).returncode == 0
    stats = cli("kb", "stats", "--format", "json", "--kb", str(layer))
    assert json.loads(stats.stdout)["worked_cases"] == len(load_knowledge().worked_cases) + 1


def test_worked_cases_teach_the_themes_their_words(tmp_path):
    """Words no knowledge text ties to a cause sound like it once a worked case says them about it."""
    cases = tmp_path / "engagements"
    cases.mkdir()
    for n in range(3):
        _case(cases, f"w{n}.yaml", "compliance_gaps", [f"The zorblat ledger was never quibbed before audit number {n}."])
    from advisor.learning import worked_cases_yaml

    builtin = Advisor.default()
    layer = tmp_path / "layer"
    layer.mkdir()
    text, count = worked_cases_yaml(builtin, [cases], [])
    assert count == 3
    (layer / "worked.yaml").write_text(text, encoding="utf-8")
    said = Case.from_statements(["Someone quibbed the zorblat ledger again."])
    before = builtin.theme_scores(said).get("compliance_gaps", 0.0)
    after = Advisor.load([layer]).theme_scores(said)["compliance_gaps"]
    assert after > before + 1.0


def test_an_unknown_cause_in_a_worked_case_is_named_with_its_line(cli, tmp_path):
    (tmp_path / "worked.yaml").write_text(textwrap.dedent("""\
        worked_cases:
          - causes: [resource_contention]
            says: ["Fine words."]
          - causes:
              - unclear_roles
              - resource_contentoin
            says: ["More words."]
          - causes: [unclear_roles, unclear_roles]
            says: ["Said twice."]
        """), encoding="utf-8")
    result = cli("kb", "validate", "--kb", str(tmp_path))
    assert result.returncode == 2
    assert "worked.yaml:8: cause 'unclear_roles' named twice in a worked case" in result.stdout
    assert "worked.yaml:6: unknown cause 'resource_contentoin' in worked_cases (did you mean 'resource_contention'?)" in result.stdout


def test_learn_without_any_diagnosed_case_is_an_error(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("We are always late.\n", encoding="utf-8")
    result = cli("kb", "learn", str(tmp_path))
    assert result.returncode == 2 and result.stdout == ""
    assert "no case file with expected root causes" in result.stderr
    missing = cli("kb", "learn", str(tmp_path / "nowhere.yaml"))
    assert missing.returncode == 2 and "nowhere.yaml: no such file" in missing.stderr
