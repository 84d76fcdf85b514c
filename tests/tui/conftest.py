"""Fixtures for the interview app: a sessions folder under tmp_path and ready-made sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import Case, Context, Stakeholder

from tui_helpers import STATEMENTS

@pytest.fixture
def sessions(tmp_path: Path) -> Path:
    return tmp_path / "sessions"


@pytest.fixture
def case() -> Case:
    """An engagement with one stakeholder who has said three things."""
    return Case(
        case="Acme Ltd",
        context=Context(organization_size="large", industry="banking", pmo_maturity=2, projects_in_flight=40),
        stakeholders=[Stakeholder(name="Ana Lopez", role="executives", statements=list(STATEMENTS))],
    )


@pytest.fixture
def listening_session(advisor, case):
    """A session with statements and no answers yet."""
    return advisor.interview(case)


@pytest.fixture
def diagnosing_session(advisor, case):
    """A session with statements and the first three questions answered yes, no, unsure."""
    session = advisor.interview(case)
    for value in ("yes", "no", "unsure"):
        question = session.next_question()
        assert question is not None
        session.answer(question.symptom_id, value)
    return session
