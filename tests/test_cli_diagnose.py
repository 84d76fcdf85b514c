"""`pmo-advisor diagnose`: exit codes, stdout/stderr separation, formats, inputs, bad inputs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support import CASES, EXAMPLES, run_cli

GOOD_YAML = """\
case: good-one
context: {organization_size: medium, pmo_maturity: 2}
stakeholders:
  - name: Ana
    role: project_managers
    statements:
      - "Our integration architect is on three projects next week and nobody checked before promising her to the client."
      - "Everything is priority one, so in practice nothing is."
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_one_case_json_on_stdout_and_nothing_on_stderr(cli, tmp_path):
    path = write(tmp_path, "good.yaml", GOOD_YAML)
    result = cli("diagnose", str(path), "--quiet")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["case"] == "good-one"
    for key in ("knowledge_version", "symptoms", "root_causes", "services", "value_proposition", "trace"):
        assert key in data
    assert data["root_causes"] and 0 <= data["root_causes"][0]["confidence"] <= 1
    assert result.stderr == ""


def test_several_cases_give_a_json_list_in_input_order(cli):
    files = sorted(str(p) for p in EXAMPLES.iterdir())
    result = cli("diagnose", *files)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["case"] for d in data] == [Path(f).stem for f in files]


def test_jsonl_streams_one_line_per_case(cli):
    result = cli("diagnose", str(EXAMPLES), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["case"] for line in lines)


def test_summary_adds_a_portfolio_view(cli):
    result = cli("diagnose", str(EXAMPLES), "--format", "json", "--summary")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["cases"]) == 3
    summary = data["summary"]
    assert summary["cases"] == 3
    assert summary["top_causes"] and summary["services_in_demand"]
    assert {row["case"] for row in summary["heat"]["rows"]} == {c["case"] for c in data["cases"]}


def test_markdown_and_html_reports(cli):
    md = cli("diagnose", str(EXAMPLES / "hospital-wards-rollout.yaml"), "--format", "markdown")
    assert md.returncode == 0
    for heading in ("## What stakeholders told us", "## Differential diagnosis", "## Prescription",
                    "## Value proposition", "### Success measures", "## Next flywheel steps"):
        assert heading in md.stdout
    html = cli("diagnose", str(EXAMPLES / "hospital-wards-rollout.yaml"), "--format", "html")
    assert html.returncode == 0
    assert html.stdout.startswith("<!DOCTYPE html>")
    assert "<svg" in html.stdout and "<style>" in html.stdout
    assert "http://" not in html.stdout.replace("http://www.w3.org/2000/svg", "")
    assert "<script" not in html.stdout


def test_output_dir_gets_one_report_per_case(cli, tmp_path):
    out = tmp_path / "reports"
    result = cli("diagnose", str(EXAMPLES), "--format", "markdown", "--output", str(out), "--summary")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    names = sorted(p.name for p in out.iterdir())
    assert names == ["council-notes.md", "hospital-wards-rollout.md", "summary.md", "survey-export.md"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


def test_jobs_and_serial_give_the_same_results(cli, tmp_path):
    folder = tmp_path / "many"
    for i in range(20):
        write(folder, f"case{i:02}.yaml", GOOD_YAML.replace("good-one", f"case-{i:02}"))
    serial = cli("diagnose", str(folder), "--format", "jsonl", "--jobs", "1")
    parallel = cli("diagnose", str(folder), "--format", "jsonl", "--jobs", "2")
    assert serial.returncode == parallel.returncode == 0
    assert serial.stdout == parallel.stdout
    out1, out2 = tmp_path / "o1", tmp_path / "o2"
    cli("diagnose", str(folder), "--output", str(out1), "--jobs", "1", "--quiet")
    cli("diagnose", str(folder), "--output", str(out2), "--jobs", "2", "--quiet")
    for path in out1.iterdir():
        assert path.read_bytes() == (out2 / path.name).read_bytes()


def test_same_input_gives_byte_identical_output(cli, tmp_path):
    path = write(tmp_path, "good.yaml", GOOD_YAML)
    first = cli("diagnose", str(path))
    second = cli("diagnose", str(path))
    assert first.stdout == second.stdout


def test_stdin(cli):
    result = cli("diagnose", "-", "--quiet", stdin=GOOD_YAML)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["case"] == "good-one"
    text = cli("diagnose", "-", stdin="Nobody knows who decides anything here.\nWe find out about slippage from the client.\n")
    assert text.returncode == 0, text.stderr
    assert json.loads(text.stdout)["symptoms"]


def test_csv_survey_export(cli):
    result = cli("diagnose", str(EXAMPLES / "survey-export.csv"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    quoted = {q["stakeholder"] for s in data["symptoms"] for q in s["quotes"]}
    assert len(quoted) >= 2


def test_text_notes_name_speakers(cli, tmp_path):
    path = write(tmp_path, "notes.txt", "# interview notes\n\nDana (executives): Everything is priority one.\n- We never kill a project once started\n")
    result = cli("diagnose", str(path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.yaml", "", "empty file"),
        ("blank.txt", "\n\n# only a comment\n", "no statements"),
        ("binary.yaml", b"\x00\x01\x02PNG\x00" * 10, "binary file"),
        ("latin1.txt", "Caf\xe9 budgets overrun every time\n".encode("latin-1"), "--encoding"),
        ("syntax.yaml", "case: x\nstakeholders: [\n", "YAML syntax error"),
        ("wrongtype.yaml", "case: x\nstakeholders: 42\n", "stakeholders"),
        ("list.yaml", "- just\n- a list\n", "must be a mapping"),
        ("nostatements.yaml", "case: x\nstakeholders:\n  - name: A\n    statements: []\n", "no statements"),
        ("maturity.yaml", "case: x\ncontext: {pmo_maturity: 9}\nstakeholders:\n  - name: A\n    statements: [hi]\n", "pmo_maturity"),
        ("unknownkey.yaml", "case: x\nstakehoders: []\n", "did you mean 'stakeholders'"),
        ("nocolumns.csv", "name,comment_text_here\nA,hello\n", "statement column"),
        ("bad.json", '{"case": "x", ', "JSON syntax error"),
        ("survey.xlsx", b"PK\x03\x04 a damaged spreadsheet", "not an .xlsx workbook"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "password-protected"),
        ("survey.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "save the sheet as CSV"),
        ("bomb.yaml", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
         "alias"),
    ],
)
def test_bad_input_is_one_clear_line(cli, tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    result = cli("diagnose", str(path))
    assert result.returncode == 1
    assert result.stdout.strip() in ("", "[]", "[\n]")
    first = result.stderr.splitlines()[0]
    assert first.startswith(str(path)), first
    assert message in first, first
    assert "Traceback" not in result.stderr


def test_errors_name_the_line(cli, tmp_path):
    path = write(tmp_path, "maturity.yaml", "case: x\ncontext:\n  pmo_maturity: 9\nstakeholders:\n  - name: A\n    statements: [hi]\n")
    result = cli("diagnose", str(path))
    assert result.stderr.startswith(f"{path}:3: ")


def test_missing_path(cli, tmp_path):
    result = cli("diagnose", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stderr


def test_mixed_folder_keeps_going_past_bad_files(cli, tmp_path):
    write(tmp_path, "a-good.yaml", GOOD_YAML)
    write(tmp_path, "b-bad.yaml", "case: [\n")
    write(tmp_path, "c-good.txt", "Everything is priority one and priorities change every week.\n")
    write(tmp_path, "d-empty.md", "")
    result = cli("diagnose", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 1
    cases = [json.loads(line)["case"] for line in result.stdout.splitlines()]
    assert cases == ["good-one", "c-good"]
    errors = [line for line in result.stderr.splitlines() if "b-bad.yaml" in line or "d-empty.md" in line]
    assert len(errors) == 2
    assert "2 of 4 input(s) failed" in result.stderr


def test_encoding_option_reads_other_encodings(cli, tmp_path):
    path = write(tmp_path, "latin1.txt", "Les budgets d\xe9passent: budgets overrun on every project\n".encode("latin-1"))
    result = cli("diagnose", str(path), "--encoding", "latin-1")
    assert result.returncode == 0, result.stderr


def test_bom_is_accepted(cli, tmp_path):
    path = write(tmp_path, "bom.yaml", "\ufeff" + GOOD_YAML)
    result = cli("diagnose", str(path))
    assert result.returncode == 0, result.stderr


def test_excel_unicode_text_export_is_read_as_a_survey(cli, tmp_path):
    """Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated, saved as .txt."""
    table = ("stakeholder\trole\tstatement\r\n"
             "Anna\texecutives\tEverything is priority one, so in practice nothing is\r\n"
             "Bo\tproject_managers\tStatus reports are green until the week before go-live\r\n")
    path = write(tmp_path, "survey.txt", table.encode("utf-16"))
    result = cli("diagnose", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    quotes = {(q["stakeholder"], q["text"]) for s in json.loads(result.stdout)["symptoms"] for q in s["quotes"]}
    assert ("Bo", "Status reports are green until the week before go-live") in quotes
    assert not any("stakeholder" in text or "\t" in text for _, text in quotes)


def test_tabs_in_ordinary_notes_do_not_make_a_table(cli, tmp_path):
    path = write(tmp_path, "notes.txt", "CFO:\tEverything is priority one, so nothing is\nNobody checks who is free\n")
    result = cli("diagnose", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert {q["stakeholder"] for s in json.loads(result.stdout)["symptoms"] for q in s["quotes"]} >= {"CFO"}


def test_usage_errors_exit_2(cli):
    assert cli("diagnose").returncode == 2
    assert cli("diagnose", "x.yaml", "--format", "pdf").returncode == 2
    assert cli("no-such-command").returncode == 2


def test_knowledge_errors_exit_2(cli, tmp_path):
    kb = tmp_path / "kb"
    write(kb, "bad.yaml", "symptoms: [\n")
    case = write(tmp_path, "good.yaml", GOOD_YAML)
    result = cli("diagnose", str(case), "--kb", str(kb))
    assert result.returncode == 2
    assert "bad.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_help_has_examples(cli):
    for command in (["diagnose"], ["interview"], ["schema"], ["match"], ["kb", "validate"], ["kb", "stats"],
                    ["kb", "show"], ["kb", "export"], ["kb", "test"]):
        result = cli(*command, "--help")
        assert result.returncode == 0
        assert "example" in result.stdout, command


def test_schema_command_prints_the_case_schema(cli):
    result = cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "pmo-advisor case file"
    assert "stakeholders" in schema["properties"]


def test_checked_in_schema_is_current(cli):
    from support import ROOT

    checked_in = ROOT / "schema" / "case.schema.json"
    assert checked_in.read_text(encoding="utf-8") == cli("schema").stdout, (
        "schema/case.schema.json is stale: run `pmo-advisor schema > schema/case.schema.json`"
    )


def test_version(cli):
    from advisor import __version__

    result = cli("--version")
    assert result.returncode == 0 and __version__ in result.stdout


def test_unwritable_output_is_one_clear_line(cli, tmp_path):
    path = write(tmp_path, "good.yaml", GOOD_YAML)
    blocker = write(tmp_path, "not-a-folder", "x")
    result = cli("diagnose", str(path), "--output", str(blocker / "reports"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "cannot create the output folder" in result.stderr


def test_results_do_not_depend_on_the_hash_seed(tmp_path):
    """Byte-identical output from fresh processes whose set and dict orders differ."""


    outputs = set()
    for seed in ("1", "77"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PMO_ADVISOR_CACHE": "off"}
        result = run_cli("diagnose", str(CASES), "--format", "jsonl", "--quiet", env=env)
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_markdown_notes_name_speakers_in_headings_and_labels(tmp_path):
    from advisor import Case

    path = write(tmp_path, "notes.md", "# Interview notes, Acme, 12 March\n\n"
                 "## Maria Rossi (Head of Operations)\n"
                 '- "We find out projects are late when customers call us."\n'
                 "- Everything is priority one.\n\n"
                 "## Tom - project manager\n"
                 "> I run five projects and nobody checked if I had time.\n\n"
                 "**CFO:** Budget is honestly not our problem.\n"
                 "Our problem: nobody decides anything.\n"
                 "Dana (executives): Nobody can say no to new work.\n"
                 "Head of IT: We find out about slippage from the client.\n")
    case = Case.from_file(path)
    said = {(s.name, s.group): s.statements for s in case.stakeholders}
    assert said[("Maria Rossi", "functional_managers")] == [
        "We find out projects are late when customers call us.", "Everything is priority one."]
    assert said[("Tom", "project_managers")] == [
        "I run five projects and nobody checked if I had time.", "Our problem: nobody decides anything."]
    assert said[("CFO", "executives")] == ["Budget is honestly not our problem."]
    assert said[("Dana", "executives")] == ["Nobody can say no to new work."]
    assert said[("Head of IT", "functional_managers")] == ["We find out about slippage from the client."]


def test_survey_export_with_question_headers(cli, tmp_path):
    """Survey tools name a free-text column after its question: its answers are the statements."""
    path = write(tmp_path, "survey.csv", "Respondent,Department,Role,What gets in the way of your projects?,Satisfaction (1-5)\n"
                 "1,Finance,Executive,Everything is priority one so in practice nothing is,2\n"
                 '2,IT,Project Manager,"I run five projects, and nobody checked my availability",1\n'
                 "3,Ops,Team member,,3\n")
    result = cli("diagnose", str(path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    quotes = {(q["stakeholder"], q["role"]) for s in json.loads(result.stdout)["symptoms"] for q in s["quotes"]}
    assert quotes == {("respondent 1", "executives"), ("respondent 2", "project_managers")}


def test_an_optional_question_is_heard_when_someone_answers_it():
    """Under "Anything else?" most write "no"; the one who writes a sentence is a statement, the "no"s are not."""
    from advisor import Case

    case = Case.from_text("Respondent,Department,Q1 What gets in the way?,Q2 Anything else?,Score (1-5)\n"
                          "1,Finance,We never see the full cost of projects until too late,no,2\n"
                          "2,IT,I am on four projects at once and nobody checks,the PMO templates are useless,1\n"
                          "3,Ops,Too many meetings about status every single week,N/A,3\n", ".csv")
    assert [s.statements for s in case.stakeholders] == [
        ["We never see the full cost of projects until too late"],
        ["I am on four projects at once and nobody checks", "the PMO templates are useless"],
        ["Too many meetings about status every single week"],
    ]


def test_the_header_of_notes_gives_context_not_complaints():
    """'PMO set up last year' in a context line is a fact about the organisation, not a new PMO under pressure."""
    from advisor import Case

    case = Case.from_text("# Discovery workshop, Acme Logistics\n"
                          "Date: 12 March\nAttendees: Sarah, Tom\nIndustry: logistics\n"
                          "**Context:** about 40 projects in flight, PMO set up 18 months ago, regulated (customs), maturity level 2\n\n"
                          "## Sarah Lee, COO\n- Every director thinks theirs is the most important.\n"
                          "- Background: nobody tells us anything.\n", ".md")
    context = case.context
    assert (context.industry, context.projects_in_flight, context.pmo_age_years, context.regulated, context.pmo_maturity) == (
        "logistics", 40, 1.5, True, 2)
    # after the first statement, a labelled line is what somebody said
    assert [(s.name, s.statements) for s in case.stakeholders] == [
        ("Sarah Lee", ["Every director thinks theirs is the most important.", "Background: nobody tells us anything."])]


def test_a_header_value_that_cannot_be_read_stays_a_statement():
    """'Approach: we try to be pragmatic' named no delivery approach and stopped the whole file with a validation error."""
    from advisor import Case

    case = Case.from_text("Delivery approach: SAFe with some waterfall\nApproach: we try to be pragmatic\n"
                          "## Tom (project manager)\n- Nobody decides anything.\n", ".md")
    assert case.context.delivery_approach == "hybrid"
    assert ["Approach: we try to be pragmatic"] in [s.statements for s in case.stakeholders]


def test_transcript_leaves_out_the_interviewers_questions():
    from advisor import Case

    case = Case.from_text("## Priya Nair (portfolio manager)\nQ: What gets in the way of your projects?\n"
                          "A: Everything is priority one, so nothing is.\nInterviewer: And resourcing?\n"
                          "A: Nobody checks who is free before committing people.\n", ".md")
    assert [(s.name, s.group, s.statements) for s in case.stakeholders] == [
        ("Priya Nair", "portfolio_managers",
         ["Everything is priority one, so nothing is.", "Nobody checks who is free before committing people."])]


def test_folders_skip_hidden_files_and_office_lock_files(cli, tmp_path):
    write(tmp_path, "cases/good.yaml", GOOD_YAML)
    write(tmp_path, "cases/~$survey.csv", b"\x00\x01lock")
    write(tmp_path, "cases/.draft.txt", "half-written notes\n")
    write(tmp_path, "cases/.git/notes.txt", "not a case\n")
    result = cli("diagnose", str(tmp_path / "cases"), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["case"] for line in result.stdout.splitlines()] == ["good-one"]


def test_a_tab_separated_survey_export(cli, tmp_path):
    path = write(tmp_path, "survey.tsv", "stakeholder\trole\tstatement\nAna\tPM\tEverything is priority one, so in practice nothing is.\n"
                                         "Bo\tCFO\tWe only hear a project is late when the client calls.\n")
    result = cli("diagnose", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    quotes = {q["stakeholder"] for s in json.loads(result.stdout)["symptoms"] for q in s["quotes"]}
    assert quotes == {"Ana", "Bo"}


UNITS_CSV = """\
stakeholder,role,business unit,statement
Ana,project manager,Retail,"Everything is priority one, so in practice nothing is."
Cy,project manager,Logistics,We only hear a project is late when the client calls.
Bo,CFO,Retail,Every director brings a pet project to the budget round and nobody ranks them.
"""


def test_split_by_a_column_gives_one_case_per_unit(cli, tmp_path):
    path = write(tmp_path, "units.csv", UNITS_CSV)
    result = cli("diagnose", str(path), "--split-by", "Business Unit", "--format", "jsonl", "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["units-logistics.jsonl", "units-retail.jsonl"]
    retail = json.loads((tmp_path / "out" / "units-retail.jsonl").read_text())
    assert retail["context"] == {"business_unit": "Retail"}
    assert {q["stakeholder"] for s in retail["symptoms"] for q in s["quotes"]} == {"Ana", "Bo"}


def test_split_by_a_missing_column_is_one_clear_line(cli, tmp_path):
    path = write(tmp_path, "units.csv", UNITS_CSV)
    result = cli("diagnose", str(path), "--split-by", "region")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{path}:1: no column 'region' to split by (columns: stakeholder, role, business unit, statement)"


def test_split_by_works_on_a_survey_read_from_stdin(cli):
    result = cli("diagnose", "-", "--split-by", "business unit", "--format", "jsonl", stdin=UNITS_CSV)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["case"] for line in result.stdout.splitlines()] == ["stdin-retail", "stdin-logistics"]


def test_a_bug_met_by_one_file_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch, capsys):
    from advisor import batch, cli
    from advisor.engine import Advisor

    write(tmp_path, "a.txt", "Everything is priority one, so in practice nothing is.\n")
    write(tmp_path, "b.txt", "We only hear a project is late when the client calls.\n")
    real = Advisor.diagnose

    def fails_on_b(self, case):
        if case.case == "b":
            raise RuntimeError("boom")
        return real(self, case)

    monkeypatch.setattr(Advisor, "diagnose", fails_on_b)
    monkeypatch.setattr(batch, "_ADVISOR", None)
    assert cli.main(["diagnose", str(tmp_path), "--format", "jsonl", "--jobs", "1"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["case"] for line in out.splitlines()] == ["a"]
    assert f"{tmp_path / 'b.txt'}: internal error: RuntimeError: boom (rerun with --debug for the traceback)" in err.splitlines()
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "diagnose", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
