"""The engine builds its result models without validation (``Frozen.trusted``): they must be
exactly what validation would build: every field present, of its declared type."""

from __future__ import annotations

import pytest

from advisor import Case
from advisor.models import Diagnosis
from support import CASES, EXAMPLES


def _cases() -> list[Case]:
    cases = [Case.from_file(p) for p in sorted(CASES.glob("*.yaml"))[:12]]
    cases += [Case.from_file(p) for p in sorted(EXAMPLES.iterdir())]
    with_answers = cases[0].model_copy(update={"answers": {"no_capacity_view": "yes", "unknown_symptom": "no"}})
    return cases + [with_answers, Case.from_statements(["Nothing to see here."])]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c.case)
def test_trusted_diagnosis_equals_validated(advisor, case):
    diagnosis = advisor.diagnose(case)
    validated = Diagnosis.model_validate(diagnosis.model_dump())
    assert validated == diagnosis
    assert validated.model_dump_json() == diagnosis.model_dump_json()
    assert Diagnosis.model_validate_json(diagnosis.model_dump_json()) == diagnosis
