"""Survey exports (.csv, .tsv, a workbook's first sheet): a table of responses, one case or one per group."""

from __future__ import annotations

import io
import re
from typing import Any

from pydantic import ValidationError

from .case import Case, Context, Stakeholder, new_case, validation_message
from .errors import CaseError
from .workbook import WORKBOOK_SUFFIXES

_CSV_COLUMNS = {
    "stakeholder": ("stakeholder", "name", "respondent", "person", "interviewee"),
    "role": ("role", "group", "customer_group", "job_title", "title", "position"),
    "statement": ("statement", "statements", "comment", "comments", "answer", "response", "text", "feedback", "quote"),
}
_NO_NAME = frozenset({"anonymous", "anon", "n/a", "na", "-", "none", "not given", "prefer not to say"})
"""Names an anonymous survey export puts in its name column."""
_NON_ANSWERS = frozenset({"no", "n/a", "na", "none", "nothing", "nope", "nil", "-", "no comment", "no comments", "not applicable"})
"""What people type into an optional question they have nothing to add to: not a statement."""
_HEADER_FILLERS = frozenset({"what", "is", "are", "your", "you", "please", "enter", "full", "s", "my", "this", "the"})
"""Words a survey question wraps a column's name in ("What is your role?", "Your name")."""


def _column_key(header: str) -> str:
    """A header as a known column's name: "What is your role?" -> "role", "Job title" -> "job_title"."""
    return "_".join(w for w in re.findall(r"[a-z0-9]+", header.lower()) if w not in _HEADER_FILLERS)


def is_tab_table(text: str) -> bool:
    """Whether text opens with a tab-separated header naming a statement column, or two of the survey columns."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" not in first:
        return False
    keys = [_column_key(cell) for cell in first.split("\t")]
    known = [k for k in keys if any(k in names for names in _CSV_COLUMNS.values())]
    return any(k in _CSV_COLUMNS["statement"] for k in keys) or len(known) >= 2


FREE_TEXT_WORDS = 4
"""A survey column whose answers average at least this many words is free text (a question's answers)."""


_QUESTION_HEADER = re.compile(r"\?\s*$|^\s*q\s*\d+\b", re.IGNORECASE)
"""A header that is a survey question: "Anything else?", "Q2 Other comments"."""


def _free_text_columns(header: list[str], rows: list[tuple[int, list[str]]], taken: set[int]) -> list[int]:
    """The columns of free-text answers in a survey export whose headers are the questions
    ("What gets in the way of your projects?"), rather than ids, dates, scores or departments.
    A question's column counts when any answer is a sentence: under "Anything else?" most
    people write "no", and the one who writes a paragraph is worth hearing."""
    found = []
    for i in range(len(header)):
        if i in taken:
            continue
        words = [len(cell.split()) for _, row in rows if (cell := row[i].strip())]
        if not words:
            continue
        if sum(words) / len(words) >= FREE_TEXT_WORDS or (_QUESTION_HEADER.search(header[i]) and max(words) >= FREE_TEXT_WORDS):
            found.append(i)
    return found


def _csv_dialect(text: str, suffix: str) -> Any:
    """Commas, semicolons or tabs, told apart on the first non-blank lines (a split group's other rows are blank);
    a workbook's sheet is written as plain CSV."""
    import csv

    if suffix in WORKBOOK_SUFFIXES:
        return csv.excel
    sample = "".join(line for line in io.StringIO(text[:65536]) if line.strip())[:4096]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _csv_header(reader: Any, name: str) -> list[str]:
    """The first row of a survey export, or :class:`CaseError` naming line 1."""
    import csv

    try:
        return next(reader)
    except (StopIteration, csv.Error) as exc:
        raise CaseError(f"cannot read the CSV header: {exc}", name, 1) from None


def _snake(header: str) -> str:
    """A column name as written, compared without case and spaces: "Business Unit" -> "business_unit"."""
    return header.strip().lower().replace(" ", "_")


def split_csv(text: str, column: str, name: str, suffix: str = ".csv") -> list[tuple[str, str]]:
    """A survey export's rows grouped by the value of one column, in order of first appearance:
    (value, the export with only that group's rows). The other rows become blank lines, so every
    line keeps its number for error messages. Raises :class:`CaseError` when there is no such column."""
    import csv

    lines = io.StringIO(text).readlines()  # split as the csv reader splits
    reader = csv.reader(iter(lines), _csv_dialect(text, suffix))
    header = _csv_header(reader, name)
    normal = [_snake(h) for h in header]
    wanted = _snake(column)
    if wanted not in normal:
        raise CaseError(f"no column '{column}' to split by (columns: {', '.join(h.strip() for h in header)})", name, 1)
    at, top = normal.index(wanted), reader.line_num
    spans: dict[str, list[range]] = {}
    start = top
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                spans.setdefault(row[at].strip() if at < len(row) else "", []).append(range(start, reader.line_num))
            start = reader.line_num
    except csv.Error as exc:
        raise CaseError(f"CSV error: {exc}", name, reader.line_num) from None
    groups = []
    for value, ranges in spans.items():
        keep = {i for span in ranges for i in span}
        groups.append((value, "".join(lines[:top]) + "".join(lines[i] if i in keep else "\n" for i in range(top, len(lines)))))
    return groups


def case_from_survey(text: str, name: str, case_id: str, suffix: str) -> Case:
    """A survey export: columns stakeholder, role and statement (or, without a statement column, every
    column of free-text answers); other columns kept as context."""
    import csv

    reader = csv.reader(io.StringIO(text), _csv_dialect(text, suffix))
    header = _csv_header(reader, name)
    normal = [_snake(h) for h in header]
    keys = [_column_key(h) for h in header]
    columns: dict[str, int] = {}
    for wanted, names in _CSV_COLUMNS.items():
        for i, h in enumerate(keys):
            if h in names:
                columns[wanted] = i
                break
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row + [""] * (len(header) - len(row))))
    except csv.Error as exc:
        raise CaseError(f"CSV error: {exc}", name, reader.line_num) from None
    statement_columns = [columns["statement"]] if "statement" in columns else _free_text_columns(header, rows, set(columns.values()))
    if not statement_columns:
        raise CaseError(
            f"CSV has no statement column (found: {', '.join(header) or 'nothing'}; "
            "expected columns stakeholder, role, statement, or a column of free-text answers)",
            name,
            1,
        )
    used = set(columns.values()) | set(statement_columns)
    extra = [i for i in range(len(header)) if i not in used and normal[i]]
    people: dict[tuple[str, str], Stakeholder] = {}
    extra_values: dict[int, set[str]] = {i: set() for i in extra}
    for line, row in rows:
        statements = [cell for i in statement_columns if (cell := row[i].strip()) and cell.lower().strip(" .!") not in _NON_ANSWERS]
        if not statements:
            continue
        person = row[columns["stakeholder"]].strip() if "stakeholder" in columns else ""
        if person.isdigit():  # a respondent number
            person = f"respondent {person}"
        elif person.lower() in _NO_NAME:  # an anonymous survey: each row is its own respondent
            person = ""
        role = row[columns["role"]].strip() if "role" in columns else ""
        key = (person or f"respondent {line - 1}", role or "project_team_members")
        if key not in people:
            people[key] = Stakeholder(name=key[0], role=key[1], statements=[], details={})
            people[key].details = {header[i].strip(): row[i].strip() for i in extra if row[i].strip()}
        people[key].statements.extend(statements)
        for i in extra:
            if row[i].strip():
                extra_values[i].add(row[i].strip())
    if not people:
        raise CaseError("CSV has no statements (every statement cell is empty)", name, 2)
    context: dict[str, Any] = {}
    for i, values in extra_values.items():
        if len(values) == 1:
            context[normal[i]] = next(iter(values))
    try:
        ctx = Context.model_validate(context)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise CaseError(validation_message(error), name, 2) from None
    return new_case(case_id, ctx, list(people.values()))
