"""A whole interview through the keyboard: setup, statements, questions, results, baseline, export."""

from __future__ import annotations

import json

from textual.widgets import Input, Select

from advisor import Case, InterviewSession
from advisor.batch import render
from tui.app import make_app
from tui.screens import (
    DiagnosingScreen,
    ExportModal,
    ListeningScreen,
    ResultsScreen,
    SetupScreen,
    StartScreen,
    SymptomPickerScreen,
)
from tui.widgets import AnswerHistory, Differential, MeasurePanel, ReadingsLog

from tui_helpers import SIZE, STATEMENTS, THEME, options, settle, type_text


async def test_whole_interview_ends_in_the_exported_report(advisor, sessions, tmp_path):
    app = make_app(advisor, sessions=sessions, theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        assert isinstance(app.screen, SetupScreen)
        await type_text(pilot, "Acme Ltd")
        await pilot.press("enter")
        assert app.focused.id == "industry"
        await type_text(pilot, "banking")
        app.screen.query_one("#size", Select).value = "large"
        app.screen.query_one("#maturity", Select).value = 2
        app.screen.query_one("#projects", Input).value = "40"
        app.screen.query_one("#stakeholder", Input).value = "Ana Lopez"
        app.screen.query_one("#group", Select).value = "executives"
        await pilot.press("ctrl+s")
        await pilot.pause()

        # listening
        assert isinstance(app.screen, ListeningScreen)
        path = sessions / "acme-ltd.json"
        assert path.exists()
        session = app.engagement.session
        assert session.case.context.organization_size == "large" and session.case.context.pmo_maturity == 2
        for text in STATEMENTS:
            app.screen.query_one("#statement", Input).value = text
            await pilot.press("enter")
        assert [t for _, t in session.case.statements()] == STATEMENTS
        assert InterviewSession.load(path, advisor).case.statements() == session.case.statements()
        log = app.screen.query_one(ReadingsLog)
        readings = [o.id for o in options(log) if not o.disabled]
        heard = {m.symptom for m in advisor.listen(STATEMENTS[0])}
        assert heard and {f"0:{s}" for s in heard} <= set(readings)
        assert app.screen.query_one(Differential).rows, "the differential shows the causes heard"

        # reject the highlighted reading, then accept another, then pick one by search
        await pilot.press("tab")
        assert app.focused is log
        log.highlighted = log.get_option_index(f"0:{sorted(heard)[0]}")
        await pilot.press("r")
        assert sorted(heard)[0] in session.rejected
        await pilot.press("a")
        assert sorted(heard)[0] in session.added and sorted(heard)[0] not in session.rejected
        await pilot.press("o")
        assert isinstance(app.screen, SymptomPickerScreen)
        await type_text(pilot, "deadlines missed")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ListeningScreen)
        chosen = set(session.added) - {sorted(heard)[0]}
        assert len(chosen) == 1

        # diagnosing: answer, change an answer, undo
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, DiagnosingScreen)
        before = app.screen.query_one(Differential).rows
        first = app.screen.question
        await pilot.press("y")
        assert session.answers[first.symptom_id] == "yes"
        assert app.screen.query_one(Differential).rows != before, "the bars move with the answer"
        await pilot.press("n", "u", "s")
        assert list(session.answers.values()) == ["yes", "no", "unsure", "skip"]
        await pilot.press("a")
        history = app.screen.query_one(AnswerHistory)
        assert app.focused is history
        history.highlighted = 0
        await pilot.press("n")
        assert session.answers[first.symptom_id] == "no"
        await pilot.press("escape", "z")
        assert session.answers[first.symptom_id] == "yes", "undo takes back the change"
        assert dict(json.loads(path.read_text())["answers"])[first.symptom_id] == "yes", "saved after every change"

        # results
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, ResultsScreen)
        diagnosis = app.screen.diagnosis
        assert diagnosis is not None and diagnosis.root_causes and diagnosis.services
        assert len(app.screen.query("#cause-list Collapsible")) == len(diagnosis.root_causes)
        assert app.screen.query_one("#service-table").row_count == len(diagnosis.services)

        # a baseline edited in place: the target follows
        await pilot.press("3")
        measure = diagnosis.value_proposition.success_measures[0]
        assert app.focused.id == "measure-table"
        await pilot.press("e")
        assert app.focused.id == "editor"
        app.focused.value = "40"
        await pilot.press("enter")
        await settle(app, pilot)
        assert session.case.baselines[measure.measure] == 40.0
        updated = app.screen.diagnosis.value_proposition.success_measures[0]
        assert updated.baseline == 40.0 and updated.target != measure.target
        assert app.screen.query_one(MeasurePanel).measures[0].baseline == 40.0

        # export Markdown, then JSON
        report = tmp_path / "out" / "acme.md"
        await pilot.press("x")
        assert isinstance(app.screen, ExportModal)
        app.screen.query_one("#path", Input).value = str(report)
        await pilot.press("enter")
        await settle(app, pilot)
        text = report.read_text()
        assert text.startswith("# PMO diagnosis: Acme Ltd")
        assert "Ana Lopez" in text and diagnosis.root_causes[0].name in text
        assert updated.target in text

        await pilot.press("x")
        app.screen.query_one("#format").query("RadioButton")[2].value = True
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith("acme.json")
        await pilot.press("enter")
        await settle(app, pilot)
        exported = json.loads(report.with_suffix(".json").read_text())
        assert exported == json.loads(render(session.diagnosis(), "json"))
        assert exported["case"] == "Acme Ltd"


async def test_interview_and_batch_agree_on_the_same_evidence(advisor, sessions, case, tmp_path):
    """Statements and answers only (no corrections): the TUI's export equals `diagnose`'s result."""
    app = make_app(advisor, sessions=sessions, session=advisor.interview(case), theme=THEME)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ListeningScreen)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("y", "n", "y", "u")
        answers = {s: a for s, a in app.engagement.session.answers.items()}
        await pilot.press("f6")
        app.screen.query_one("#format").query("RadioButton")[2].value = True
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(tmp_path / "tui.json")
        await pilot.press("enter")
        await settle(app, pilot)
    exported = json.loads((tmp_path / "tui.json").read_text())
    batch = advisor.diagnose(Case.model_validate({**case.model_dump(), "answers": answers}))
    assert [c["id"] for c in exported["root_causes"]] == [c.id for c in batch.root_causes]
    assert [c["confidence"] for c in exported["root_causes"]] == [c.confidence for c in batch.root_causes]
    assert [s["id"] for s in exported["services"]] == [s.id for s in batch.services]
