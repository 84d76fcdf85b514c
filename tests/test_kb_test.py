"""`pmo-advisor kb test`: accuracy on cases that carry `expected:`, thresholds, misses, and bad expectations."""

from __future__ import annotations

import json
from pathlib import Path

from support import ROOT

PRIORITIES = """\
case: priorities
stakeholders:
  - name: Dana
    role: executives
    statements:
      - "Everything is priority one, so in practice nothing is."
      - "Every director brings their own pet project to the budget round and nobody ranks them against each other."
expected:
  root_causes: [{cause}]
  services: [{services}]
"""


def _case(folder: Path, name: str, cause: str, services: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(PRIORITIES.format(cause=cause, services=services), encoding="utf-8")
    return path


def test_the_development_cases_meet_the_issue_s_targets(cli):
    result = cli("kb", "test", str(ROOT / "tests" / "cases"), "--min-cause3", "0.9", "--min-service5", "0.75", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["cases"]) >= 30
    assert report["cause_at_3"] >= 0.9 and report["service_at_5"] >= 0.75 and report["errors"] == []


def test_a_threshold_missed_exits_1_and_says_so(cli, tmp_path):
    _case(tmp_path, "wrong", "compliance_gaps", "audit_assessments")
    result = cli("kb", "test", str(tmp_path), "--min-cause3", "0.5")
    assert result.returncode == 1
    assert "cause@3      0.00" in result.stdout
    assert "compliance_gaps" in result.stdout  # the miss is shown
    assert result.stderr.strip() == "knowledge test below the required threshold"


def test_expected_causes_and_services_may_be_written_as_their_names(cli, tmp_path):
    _case(tmp_path, "named", "No portfolio prioritization", "Portfolio management, advice-to-executives")
    result = cli("kb", "test", str(tmp_path), "--format", "json", "--interview")
    assert result.returncode == 0, result.stderr
    [case] = json.loads(result.stdout)["cases"]
    assert case["expected_causes"] == ["no_portfolio_prioritization"]
    assert case["expected_services"] == ["portfolio_management", "advice_to_executives"]
    assert case["primary_rank"] == 1 and case["interview_rank"] == 1


def test_an_unknown_id_is_reported_with_the_nearest_one(cli, tmp_path):
    _case(tmp_path, "typo", "no_portfolio_priorities", "portfolio_management")
    result = cli("kb", "test", str(tmp_path))
    assert result.returncode == 1
    assert "expected ids not in the knowledge base: no_portfolio_priorities (did you mean 'no_portfolio_prioritization'?)" in result.stderr
