"""Excel survey exports (.xlsx): read as a CSV export is, row numbers kept, hostile workbooks refused."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook

from advisor import Case
from advisor.errors import CaseError
from advisor import workbook

HEADER = ["ID", "Start time", "Business unit", "What is your role?", "What gets in the way of delivering projects here?"]
ROWS = [
    [1, datetime(2026, 11, 2, 9, 30), "Retail", "project manager", "Everything is priority one,\nso in practice nothing is."],
    [2, datetime(2026, 11, 2, 9, 41), "Logistics", "CFO", "We only hear a project is late when the client calls."],
    [3, datetime(2026, 11, 3, 8, 5), "Retail", "developer", "The same people are booked on five projects at once."],
]


def save(path, rows, title="Form Responses 1"):
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_survey_workbook_is_read_like_its_csv_export(tmp_path):
    case = Case.from_file(save(tmp_path / "responses.xlsx", [HEADER, *ROWS]))
    assert case.case == "responses"
    statements = {s.group: s.statements for s in case.stakeholders}
    assert statements == {
        "project_managers": ["Everything is priority one, so in practice nothing is."],  # the cell's line break is a space
        "executives": ["We only hear a project is late when the client calls."],
        "project_team_members": ["The same people are booked on five projects at once."],
    }
    assert case.stakeholders[0].details["Start time"] == "2026-11-02 09:30:00"


def test_cells_read_as_people_typed_them():
    assert workbook._cell_text(40.0) == "40"
    assert workbook._cell_text(2.5) == "2.5"
    assert workbook._cell_text(datetime(2026, 1, 5)) == "2026-01-05"
    assert workbook._cell_text(None) == ""
    assert workbook._cell_text("  two\r\nlines  ") == "two lines"


def test_errors_name_the_row_excel_shows(tmp_path):
    rows = [["stakeholder", "role", "pmo_maturity", "statement"], ["Ana", "PM", 2, "Everything is priority one."],
            ["Bo", "CFO", 2, "Line two\nspans two lines in its cell."], ["Cy", "PM", 2, "Fine."]]
    text = workbook.sheet_as_csv(save(tmp_path / "s.xlsx", rows).read_bytes(), "s.xlsx")
    assert text.splitlines()[2] == "Bo,CFO,2,Line two spans two lines in its cell."
    assert len(text.splitlines()) == 4


def test_the_command_diagnoses_a_workbook_and_splits_it_by_a_column(cli, tmp_path):
    path = save(tmp_path / "responses.xlsx", [HEADER, *ROWS])
    result = cli("diagnose", str(path), "--split-by", "business unit", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    cases = [json.loads(line) for line in result.stdout.splitlines()]
    assert [c["case"] for c in cases] == ["responses-retail", "responses-logistics"]
    assert cases[0]["context"] == {"business_unit": "Retail"}


def test_a_folder_run_finds_workbooks_but_not_their_lock_files(cli, tmp_path):
    save(tmp_path / "responses.xlsx", [HEADER, *ROWS])
    (tmp_path / "~$responses.xlsx").write_bytes(b"owner lock")
    result = cli("diagnose", str(tmp_path), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["case"] for line in result.stdout.splitlines()] == ["responses"]


def test_an_empty_workbook_is_one_clear_line(cli, tmp_path):
    path = save(tmp_path / "empty.xlsx", [])
    result = cli("diagnose", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{path}: empty file: no statements to diagnose"


def test_a_workbook_without_statements_names_the_columns_it_found(cli, tmp_path):
    path = save(tmp_path / "scores.xlsx", [["ID", "Score"], [1, 4], [2, 5]])
    result = cli("diagnose", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(f"{path}:1: CSV has no statement column (found: ID, Score;")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * 2_000_000)
    monkeypatch.setattr(workbook, "MAX_UNPACKED_BYTES", 1_000_000)
    with pytest.raises(CaseError, match="unpacks to 2 MB; the limit is 1 MB"):
        workbook.sheet_as_csv(data.getvalue(), "bomb.xlsx")


def test_a_zip_that_is_no_workbook_is_one_clear_error():
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CaseError, match="^notes.xlsx: cannot read the workbook: KeyError: ") as error:
        workbook.sheet_as_csv(data.getvalue(), "notes.xlsx")
    assert "\n" not in str(error.value)


def test_xml_entities_in_a_workbook_are_not_expanded(tmp_path):
    path = save(tmp_path / "ok.xlsx", [HEADER, *ROWS])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    body = parts[sheet].split(b"?>", 1)[-1]
    parts[sheet] = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + body.replace(b"Retail", b"&a;")
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    with pytest.raises(CaseError, match=r"cannot read the workbook: its XML declares entities or a DTD, which are refused \(EntitiesForbidden\)$"):
        Case.from_file(hostile)


def test_a_workbook_with_a_damaged_zip_header_is_one_clear_error(tmp_path):
    data = bytearray(save(tmp_path / "ok.xlsx", [HEADER, *ROWS]).read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6] = 99  # "version needed to extract": 9.9, which zipfile refuses with NotImplementedError
    with pytest.raises(CaseError, match="not an .xlsx workbook"):
        workbook.sheet_as_csv(bytes(data), "damaged.xlsx")


def test_anonymous_respondents_stay_apart(tmp_path):
    rows = [["ID", "Email", "Name", "What gets in the way of delivering projects here?"],
            [1, "anonymous", "Anonymous", "Everything is priority one, so in practice nothing is."],
            [2, "anonymous", "Anonymous", "We only hear a project is late when the client calls."]]
    case = Case.from_file(save(tmp_path / "forms.xlsx", rows))
    assert [s.name for s in case.stakeholders] == ["respondent 1", "respondent 2"]
