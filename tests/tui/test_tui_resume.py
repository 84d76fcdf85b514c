"""Sessions are saved after every change and resume exactly where they stopped, even after a kill."""

from __future__ import annotations

import json
import os

from textual.widgets import Input, OptionList

from advisor import InterviewSession
from tui.app import make_app
from tui.engagement import recent_sessions, slugify
from tui.screens import DiagnosingScreen, ListeningScreen, StartScreen
from tui.widgets import AnswerHistory, EngagementBar, ReadingsLog

from tui_helpers import SIZE, STATEMENTS, THEME, options


async def test_a_killed_interview_loses_nothing(advisor, sessions, listening_session):
    """The file on disk is current while the app still runs: killing it then is a simulated crash."""
    app = make_app(advisor, sessions=sessions, session=listening_session, theme=THEME)
    path = sessions / "acme-ltd.json"
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#statement", Input).value = "Approvals take longer than the work itself"
        await pilot.press("enter")
        await pilot.press("f4")
        await pilot.pause()
        asked = [app.screen.question.symptom_id]
        await pilot.press("y")
        asked.append(app.screen.question.symptom_id)
        await pilot.press("n")
        next_question = app.screen.question
        on_disk = InterviewSession.load(path, advisor)  # what a kill right now would leave
    assert on_disk.answers == {asked[0]: "yes", asked[1]: "no"}
    assert on_disk.case.statements()[-1][1] == "Approvals take longer than the work itself"

    resumed = make_app(advisor, sessions=sessions, session=on_disk, session_path=path, theme=THEME)
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(resumed.screen, DiagnosingScreen)
        assert resumed.screen.question.symptom_id == next_question.symptom_id
        history = resumed.screen.query_one(AnswerHistory)
        assert [o.id for o in options(history)] == asked
        await pilot.press("u")
        await pilot.press("z")  # undo history survives the restart too
        await pilot.press("z")
    saved = InterviewSession.load(path, advisor)
    assert saved.answers == {asked[0]: "yes"}
    assert sorted(p.name for p in sessions.iterdir()) == ["acme-ltd.json"], "the same file, no copy"


async def test_resume_with_statements_goes_back_to_listening(advisor, sessions, listening_session):
    path = sessions / "acme.json"
    listening_session.save(path)
    app = make_app(advisor, sessions=sessions, session=InterviewSession.load(path, advisor), session_path=path, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ListeningScreen)
        log = app.screen.query_one(ReadingsLog)
        assert sum(1 for o in options(log) if (o.id or "").startswith("h")) == 3
        assert "acme.json" in str(app.screen.query_one(EngagementBar).render())


async def test_a_new_stakeholder_with_nothing_said_resumes_in_listening(advisor, sessions, diagnosing_session):
    path = sessions / "acme.json"
    app = make_app(advisor, sessions=sessions, session=diagnosing_session, session_path=path, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DiagnosingScreen)
        await pilot.press("ctrl+n")
        await pilot.press(*"Bo")
        await pilot.press("enter")  # on to the customer group
        app.screen.query_one("#group").value = "functional_managers"
        await pilot.pause()  # choosing a group moves on to the Interview button
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ListeningScreen)
    state = json.loads(path.read_text())
    assert state["case"]["stakeholders"][-1] == {"name": "Bo", "role": "functional_managers", "statements": [],
                                                   "weight": None, "details": {}}
    again = make_app(advisor, sessions=sessions, session=InterviewSession.load(path, advisor), session_path=path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ListeningScreen)
        assert again.engagement.stakeholder.name == "Bo"


async def test_start_screen_lists_sessions_newest_first_and_resumes(advisor, sessions, listening_session, diagnosing_session):
    older, newer = sessions / "older.json", sessions / "newer.json"
    listening_session.save(older)
    diagnosing_session.save(newer)
    (sessions / "broken.json").write_text("{not json")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    os.utime(newer, (1_700_000_100, 1_700_000_100))
    os.utime(sessions / "broken.json", (1_600_000_000, 1_600_000_000))
    assert [i.path.name for i in recent_sessions(sessions)] == ["newer.json", "older.json", "broken.json"]
    assert recent_sessions(sessions)[-1].error

    app = make_app(advisor, sessions=sessions, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        recent = app.screen.query_one("#recent", OptionList)
        assert recent.get_option_at_index(2).disabled
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ListeningScreen)
        assert app.engagement.path == older


def test_session_files_are_named_after_the_case(advisor, sessions):
    from advisor import Context
    from tui.engagement import Engagement

    assert slugify("Acme Ltd. (UK) / Health") == "acme-ltd-uk-health"
    assert slugify("???") == "engagement"
    first = Engagement(advisor, sessions)
    first.start("Acme", Context(), "Ana", "executives")
    second = Engagement(advisor, sessions)
    second.start("Acme", Context(), "Bo", "executives")
    assert (first.path.name, second.path.name) == ("acme.json", "acme-2.json")


def test_undo_takes_back_context_stakeholder_and_baseline_changes_one_by_one(advisor, sessions, listening_session):
    from advisor import Context
    from tui.engagement import Engagement

    engagement = Engagement(advisor, sessions, listening_session)
    engagement.add_statement("Approvals take longer than the work")
    engagement.add_stakeholder("Bo", "functional_managers")
    engagement.set_baseline("project_on_time_rate", 3.0)
    engagement.set_context("Acme Ltd", Context(pmo_maturity=4))
    assert engagement.undo() and engagement.case.context.pmo_maturity == 2
    assert engagement.undo() and "project_on_time_rate" not in engagement.case.baselines
    assert engagement.undo() and engagement.stakeholder.name == "Ana Lopez"
    assert engagement.undo() and engagement.case.statements()[-1][1] == STATEMENTS[-1]
    saved = InterviewSession.load(engagement.path, advisor)
    assert saved.case.statements() == listening_session.case.statements()


def test_going_back_to_an_earlier_stakeholder(advisor, sessions, listening_session):
    from tui.engagement import Engagement

    engagement = Engagement(advisor, sessions, listening_session)
    first = engagement.stakeholder.name
    engagement.add_stakeholder("Bo", "functional_managers")
    assert engagement.stakeholder.name == "Bo"
    engagement.add_stakeholder(first, "executives")  # a name already heard: back to them, group kept
    assert engagement.stakeholder.name == first
    assert [p.name for p in engagement.case.stakeholders].count(first) == 1
    engagement.add_statement("Nobody knows who decides anything here")
    assert "Nobody knows who decides anything here" in engagement.stakeholder.statements
    assert engagement.undo() and engagement.undo()
    assert engagement.stakeholder.name == "Bo"


async def test_an_interview_started_from_a_survey_workbook_opens_on_its_statements(advisor, sessions, tmp_path):
    """What ``pmo-advisor interview --case responses.xlsx`` does: the respondents are heard, ready for questions."""
    from openpyxl import Workbook

    from advisor import Case

    book = Workbook()
    book.active.append(["Your role", "What gets in the way of delivering projects here?"])
    for role, text in [("project manager", STATEMENTS[0]), ("CFO", STATEMENTS[1])]:
        book.active.append([role, text])
    book.save(tmp_path / "responses.xlsx")
    session = advisor.interview(Case.from_file(tmp_path / "responses.xlsx"))
    app = make_app(advisor, sessions=sessions, session=session, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ListeningScreen)
        assert [p.name for p in app.engagement.case.stakeholders] == ["respondent 1", "respondent 2"]
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosingScreen)
        assert app.screen.question is not None
        await pilot.press("ctrl+q")
    assert (sessions / "responses.json").is_file()
