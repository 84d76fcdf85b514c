"""Cases: what stakeholders said, in what context, read from YAML, JSON, text or CSV.

This module holds the case model and reads files and mappings; interview notes are read by
:mod:`advisor.notes`, survey exports by :mod:`advisor.survey`. Every error names the file and,
where there is one, the line.
"""

from __future__ import annotations

import codecs
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import context_values
from .errors import CaseError
from .knowledge.schema import CustomerGroup
from .workbook import WORKBOOK_SUFFIXES, sheet_as_csv
from .yamlio import LineDict, YamlSyntaxError, line_of, load_yaml

MAX_CASE_BYTES = 10_000_000
CASE_SUFFIXES = (".yaml", ".yml", ".json", ".txt", ".md", ".csv", ".tsv", *WORKBOOK_SUFFIXES)
SURVEY_SUFFIXES = (".csv", ".tsv", *WORKBOOK_SUFFIXES)
"""Survey exports: a table of responses (a workbook's first sheet is read as CSV)."""
Answer = Literal["yes", "no", "unsure"]
GROUPS: tuple[str, ...] = get_args(CustomerGroup)
"""The PMO customer groups of the Practice Guide, in the reference's order."""
_ROLE_WORDS: list[tuple[str, str]] = [
    ("portfolio", "portfolio_managers"),
    ("programme", "program_managers"),
    ("program", "program_managers"),
    ("project manager", "project_managers"),
    ("project lead", "project_managers"),
    ("pm", "project_managers"),
    ("scrum master", "project_managers"),
    ("delivery manager", "project_managers"),
    ("ceo", "executives"),
    ("cfo", "executives"),
    ("cio", "executives"),
    ("cto", "executives"),
    ("coo", "executives"),
    ("chief", "executives"),
    ("executive", "executives"),
    ("director", "executives"),
    ("vp", "executives"),
    ("vice president", "executives"),
    ("board", "executives"),
    ("sponsor", "executives"),
    ("trustee", "executives"),
    ("steering", "executives"),
    ("product owner", "project_managers"),
    ("owner", "executives"),
    ("founder", "executives"),
    ("president", "executives"),
    ("managing partner", "executives"),
    ("dean", "executives"),
    ("mayor", "executives"),
    ("business partner", "functional_managers"),
    ("external", "external_partners"),
    ("regulator", "external_partners"),
    ("client", "external_partners"),
    ("customer", "external_partners"),
    ("vendor", "external_partners"),
    ("supplier", "external_partners"),
    ("contractor", "external_partners"),
    ("partner", "external_partners"),
    ("consultant", "external_partners"),
    ("head of", "functional_managers"),
    ("line manager", "functional_managers"),
    ("department", "functional_managers"),
    ("functional", "functional_managers"),
    ("manager", "functional_managers"),
    ("supervisor", "functional_managers"),
    ("project control", "project_team_members"),
    ("controller", "functional_managers"),
    ("hr", "functional_managers"),
]


@lru_cache(maxsize=4096)
def group_of(role: str) -> str:
    """The customer group a free-text role belongs to (team members when unsure)."""
    return known_group(role) or "project_team_members"


@lru_cache(maxsize=4096)
def known_group(role: str) -> str | None:
    """The customer group a free-text role names ("CFO", "Head of IT", "project managers"), or None."""
    text = role.strip().lower().replace("-", " ")
    key = text.replace(" ", "_")
    if key in GROUPS:
        return key
    if key.rstrip("s") + "s" in GROUPS:
        return key.rstrip("s") + "s"
    words = f" {re.sub(r'[^a-z ]', ' ', text)} "
    for needle, group in _ROLE_WORDS:
        if f" {needle} " in words or (len(needle) > 4 and needle in words):
            return group
    if " team " in words or " member " in words or " members " in words:
        return "project_team_members"
    return None


STATEMENT_TEXT_KEYS = ("text", "statement", "quote", "comment", "said", "answer")
"""The key holding a statement's words when a statement is a mapping (``{text: ..., topic: ...}``)."""


def _statement_text(value: Any) -> Any:
    """One statement as text: numbers as written, a mapping by its text key (anything else left to validation)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in STATEMENT_TEXT_KEYS:
            if isinstance(value.get(key), str):
                return value[key]
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


STAKEHOLDER_KEYS: dict[str, str] = {
    **dict.fromkeys(("statement", "quotes", "quote", "said", "says", "comments", "comment", "verbatims", "verbatim",
                     "feedback", "remarks", "complaints"), "statements"),
    **dict.fromkeys(("title", "job_title", "position", "job", "group", "customer_group", "function"), "role"),
    **dict.fromkeys(("who", "stakeholder", "person", "speaker", "respondent"), "name"),
}
"""Everyday names of a stakeholder's keys, read as the schema's when the schema's own is absent."""
EXPECTED_KEYS: dict[str, str] = {
    **dict.fromkeys(("root_cause", "causes", "cause", "primary_cause", "diagnosis"), "root_causes"),
    **dict.fromkeys(("service", "recommended_services", "prescription", "prescribed_services"), "services"),
    **dict.fromkeys(("rationale", "reasoning", "explanation", "notes", "because"), "why"),
}
"""Everyday names of the expected answer's keys."""
CASE_KEYS: dict[str, str] = {
    **dict.fromkeys(("id", "case_id"), "case"),
    **dict.fromkeys(("interviews", "interviewees", "people", "respondents", "voices"), "stakeholders"),
    **dict.fromkeys(("organisation", "organization", "company", "profile"), "context"),
}
"""Everyday names of a case file's top-level keys."""
MISSPELT = 80
"""An unknown key this similar to a known one (rapidfuzz ratio) is a typo, reported with the key it resembles."""


def _key_name(key: Any) -> str:
    """A key as the synonym tables spell it: "Case ID", "case-id" -> "case_id"."""
    return str(key).strip().lower().replace(" ", "_").replace("-", "_")


@lru_cache(maxsize=None)
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    """A model's field names, once (``model_fields`` is a descriptor costing about 0.6 us a read, and this runs for every stakeholder)."""
    return frozenset(model.model_fields)


def _everyday_keys(data: Any, model: type[BaseModel], synonyms: dict[str, str], extra: str | None, lists_too: bool = False) -> Any:
    """A mapping with everyday key names read as the model's; other unknown keys with a plain value (or any
    value, ``lists_too``) kept in ``extra`` or, without it, ignored as the file's own notes; a key that looks
    misspelt, or an unknown list that may hold what the model needs, is left for validation to report."""
    known = _field_names(model)
    if not isinstance(data, dict) or data.keys() <= known:
        return data
    from rapidfuzz import fuzz

    result: dict[Any, Any] = {k: v for k, v in data.items() if k in known}
    kept: dict[str, str] = {}
    for key, value in data.items():
        if key in known:
            continue
        name = _key_name(key)
        target = synonyms.get(name)
        if target and target not in result and (target != "context" or isinstance(value, dict)):
            result[target] = value
        elif any(fuzz.ratio(name, k) >= MISSPELT for k in known) or (isinstance(value, (dict, list)) and not lists_too):
            result[key] = value  # validation reports it
        elif extra:
            kept[str(key)] = str(value)
    if kept and extra:
        given = result.get(extra, {})
        result[extra] = {**kept, **given} if isinstance(given, dict) else given  # an invalid one is validation's to report
    return result


class Stakeholder(_Strict):
    """A person interviewed, their customer group and what they said."""

    name: str = Field(min_length=1)
    role: str = "project_team_members"
    """A customer group (executives, portfolio_managers, ...) or a job title mapped to one."""
    statements: list[str] = []
    weight: float | None = Field(default=None, ge=0.0, le=10.0)
    """How much this stakeholder's pains count (default: by customer group)."""
    details: dict[str, str] = {}
    """Extra survey columns that vary by respondent."""

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        return _everyday_keys(data, cls, STAKEHOLDER_KEYS, extra="details")

    @field_validator("statements", mode="before")
    @classmethod
    def _statements(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [_statement_text(v) for v in value if v is not None]  # an empty "- " item says nothing
        return value

    @property
    def group(self) -> str:
        return group_of(self.role)


_APPROACH_WORDS = {
    "hybrid": ("hybrid", "mixed", "bimodal", "both", "water-scrum", "wagile"),
    "agile": ("agile", "scrum", "scrumban", "kanban", "safe", "lean", "xp", "iterative", "devops", "sprint", "less", "spotify",
              "continuous"),
    "predictive": ("predictive", "waterfall", "stage-gate", "stage gate", "phase-gate", "phase gate", "gated", "traditional",
                   "plan-driven", "plan driven", "v-model", "prince", "pmbok", "sequential", "linear"),
}
_APPROACH_PATTERNS = {
    approach: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:s|\d+)?\b") for approach, words in _APPROACH_WORDS.items()
}
"""Each approach's words, whole ("sprints", "PRINCE2"; not "lessons" or "safety")."""


class Context(BaseModel):
    """The organisation around the case; unknown keys are kept for rules to use."""

    model_config = ConfigDict(extra="allow")

    organization_size: Annotated[
        Literal["micro", "small", "medium", "large", "enterprise"] | None, BeforeValidator(context_values.organization_size)
    ] = None
    industry: str | None = None
    pmo_maturity: Annotated[int | None, BeforeValidator(context_values.maturity)] = Field(default=None, ge=1, le=5)
    """The organisation's project-management maturity, 1 (ad hoc) to 5 (optimised)."""
    projects_in_flight: Annotated[int | None, BeforeValidator(context_values.count)] = Field(default=None, ge=0)
    regulated: Annotated[bool | None, BeforeValidator(context_values.flag)] = None
    pmo_age_years: Annotated[float | None, BeforeValidator(context_values.years)] = Field(default=None, ge=0)
    delivery_approach: Literal["predictive", "agile", "hybrid"] | None = None
    """predictive (waterfall, stage-gate), agile (scrum, kanban, SAFe) or hybrid."""

    @field_validator("delivery_approach", mode="before")
    @classmethod
    def _approach(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip().lower()
        named = [approach for approach, pattern in _APPROACH_PATTERNS.items() if pattern.search(text)]
        return named[0] if len(named) == 1 else "hybrid" if named else text  # "waterfall with agile teams" is hybrid

    def value(self, field: str) -> Any:
        """A context field by name, declared or extra."""
        if field in type(self).model_fields:
            return getattr(self, field)
        return (self.model_extra or {}).get(field)

    def values(self) -> dict[str, Any]:
        """Every field by name, declared and extra: ``values().get(f)`` is ``value(f)``."""
        return {**(self.model_extra or {}), **{f: getattr(self, f) for f in type(self).model_fields}}


class Expected(_Strict):
    """The answer a knowledge test expects; ignored by diagnosis."""

    root_causes: list[str] = []
    services: list[str] = []
    why: str = ""

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        return _everyday_keys(data, cls, EXPECTED_KEYS, extra=None, lists_too=True)

    @field_validator("root_causes", "services", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Case(_Strict):
    """One engagement: context, stakeholders and what they said, optional answers and baselines."""

    case: str = Field(default="case", min_length=1)
    context: Context = Context()
    stakeholders: list[Stakeholder] = []
    answers: dict[str, Answer] = {}
    """Symptom id -> yes / no / unsure, from an interview."""
    baselines: dict[str, Annotated[float, BeforeValidator(context_values.number)]] = {}
    """Measure id -> today's value, for the success measures."""
    expected: Expected | None = None

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        return _everyday_keys(data, cls, CASE_KEYS, extra=None)

    @field_validator("answers", mode="before")
    @classmethod
    def _answers(cls, value: Any) -> Any:
        if isinstance(value, dict):  # YAML 1.1 reads yes/no as booleans
            return {k: ("yes" if v is True else "no" if v is False else v) for k, v in value.items()}
        return value

    @field_validator("stakeholders", mode="before")
    @classmethod
    def _by_name(cls, value: Any) -> Any:
        """``{Dana: [statements]}`` or ``{Dana: {role: CFO, statements: [...]}}`` as a list of stakeholders."""
        if not isinstance(value, dict):
            return value
        return [{"name": str(name), **(v if isinstance(v, dict) else {"statements": v})} for name, v in value.items()]

    @field_validator("case", mode="before")
    @classmethod
    def _case_id(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    def statements(self) -> list[tuple[Stakeholder, str]]:
        """Every (stakeholder, statement) in order."""
        return [(s, text) for s in self.stakeholders for text in s.statements if text.strip()]

    @classmethod
    def from_statements(
        cls,
        statements: list[str],
        context: dict[str, Any] | None = None,
        *,
        case: str = "case",
        stakeholder: str = "stakeholder",
        role: str = "project_team_members",
    ) -> "Case":
        """A case from plain statements by one stakeholder."""
        return cls.model_validate(
            {"case": case, "context": context or {}, "stakeholders": [{"name": stakeholder, "role": role, "statements": statements}]}
        )

    @classmethod
    def from_file(cls, path: str | Path, encoding: str | None = None) -> "Case":
        """Read a .yaml/.yml/.json/.txt/.md/.csv/.tsv/.xlsx case file; raise :class:`CaseError` naming file and line."""
        path = Path(path)
        if path.suffix.lower() not in CASE_SUFFIXES:  # before reading: an office file would only be "binary"
            if not path.exists():
                raise CaseError("no such file", str(path), None)
            raise _unknown_type(path.suffix.lower(), str(path))
        text = read_text(path, encoding)
        return cls.from_text(text, path.suffix.lower(), name=str(path), case_id=path.stem)

    @classmethod
    def from_text(cls, text: str, suffix: str, *, name: str = "<stdin>", case_id: str = "stdin") -> "Case":
        """Parse case text in the format its suffix names."""
        if not text.strip():
            raise CaseError("empty file: no statements to diagnose", name, None)
        if suffix in (".yaml", ".yml"):
            return _from_mapping(_parse_yaml(text, name), name, case_id)
        if suffix == ".json":
            return _from_mapping(_parse_json(text, name), name, case_id)
        if suffix not in (".txt", ".md", *SURVEY_SUFFIXES):
            raise _unknown_type(suffix, name)
        from .survey import case_from_survey, is_tab_table

        if suffix in SURVEY_SUFFIXES:  # the reader tells commas, semicolons and tabs apart
            return case_from_survey(text, name, case_id, suffix)
        if is_tab_table(text):  # a spreadsheet saved as text: Excel's "Unicode text" is a .txt of tabs
            return case_from_survey(text, name, case_id, ".tsv")
        from .notes import case_from_notes

        return case_from_notes(text, name, case_id)


def _unknown_type(suffix: str, name: str) -> CaseError:
    hint = _SAVE_AS.get(suffix, "")
    return CaseError(f"unknown case file type '{suffix}' (use {', '.join(CASE_SUFFIXES)}){hint}", name, None)


_SAVE_AS = {
    **dict.fromkeys((".xls", ".ods", ".numbers"), ": save the sheet as CSV (UTF-8) or .xlsx and diagnose that"),
    **dict.fromkeys((".docx", ".doc", ".odt", ".rtf", ".pdf", ".pages"), ": save the notes as plain text (.txt) and diagnose that"),
}
"""What to do with the office files people have at hand."""


def case_files_in(folder: Path) -> list[Path]:
    """The case files under a folder, sorted: by extension, leaving out hidden files and folders
    (.git, editor swap files) and the lock files office programs keep beside an open file (~$survey.csv)."""
    return sorted(
        p for p in folder.rglob("*")
        if p.suffix.lower() in CASE_SUFFIXES and not p.name.startswith("~$") and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def read_text(path: Path, encoding: str | None = None) -> str:
    """A case file's text: size-capped, binary refused, UTF-8 (BOM or not) unless told otherwise.
    A workbook's text is its first sheet as CSV."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CaseError("is a folder, not a case file", name, None)
        if size > MAX_CASE_BYTES:
            raise CaseError(f"file is {size // 1_000_000} MB; case files are limited to {MAX_CASE_BYTES // 1_000_000} MB", name, None)
        data = path.read_bytes()
    except FileNotFoundError:
        raise CaseError("no such file", name, None) from None
    except PermissionError:
        raise CaseError("permission denied", name, None) from None
    except OSError as exc:
        raise CaseError(f"cannot read: {exc.strerror}", name, None) from None
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return sheet_as_csv(data, name)
    return decode(data, name, encoding)


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes -> text (UTF-8, or UTF-16 with its byte-order mark), with a clear error for binary data or another encoding."""
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))  # Excel's "Unicode text" export
    if b"\x00" in data[:8192] and not utf16:
        raise CaseError("binary file, not a case (expected text: YAML, JSON, CSV or plain statements)", name, None)
    try:
        return data.decode(encoding or ("utf-16" if utf16 else "utf-8-sig"))
    except LookupError:
        raise CaseError(f"unknown encoding '{encoding}'", name, None) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if encoding:
            raise CaseError(f"not valid {encoding} text (byte {exc.start})", name, line) from None
        raise CaseError(
            f"not UTF-8 text (byte {exc.start}); pass --encoding with the file's encoding, e.g. --encoding cp1252",
            name,
            line,
        ) from None


def _parse_yaml(text: str, name: str) -> Any:
    try:
        return load_yaml(text)
    except YamlSyntaxError as exc:
        raise CaseError(exc.message, name, exc.line) from None


def _parse_json(text: str, name: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError(f"JSON syntax error: {exc.msg}", name, exc.lineno) from None
    try:  # the same data with line numbers, for validation messages
        lined = load_yaml(text)
        if lined == data:
            return lined
    except YamlSyntaxError:
        pass
    return data


_NOT_A_CASE: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (list, "a list: put statements under 'stakeholders: - name: ..., statements: [...]', or save them as .txt, one per line"),
    (type(None), "nothing"),
    (str, "text"),
    (bool, "true or false"),  # (before int: a bool is an int)
    ((int, float), "a number"),
)
"""What a file holds instead of a case, in words, for the error."""


def _from_mapping(data: Any, name: str, case_id: str) -> Case:
    if not isinstance(data, dict):
        found = next((word for kind, word in _NOT_A_CASE if isinstance(data, kind)), type(data).__name__)
        raise CaseError(f"a case file must be a mapping with 'stakeholders' (found {found})", name, getattr(data, "line", 1))
    source = data
    if "case" not in data and not any(CASE_KEYS.get(_key_name(k)) == "case" for k in data):
        data = {"case": case_id, **data}
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise CaseError(validation_message(error), name, line_of(source, error["loc"])) from None
    if not case.statements():
        line = data.key_lines.get("stakeholders") if isinstance(data, LineDict) else None
        raise CaseError("the case has no statements (stakeholders[].statements is empty)", name, line)
    return case


_KEY_HOMES = {
    **dict.fromkeys(("case", "context", "stakeholders", "answers", "baselines", "expected"), "at the top of the case"),
    **dict.fromkeys(("name", "role", "statements", "weight", "details"), "to a stakeholder: stakeholders: - name: ..., statements: [...]"),
    **dict.fromkeys(("root_causes", "services", "why"), "under expected:"),
}
"""Every key of a case file, and where it belongs."""


def validation_message(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        from rapidfuzz import process

        key = str(error["loc"][-1])
        found = process.extractOne(key, list(_KEY_HOMES), score_cutoff=70)
        if found and found[0] == key:  # a known key in the wrong place
            hint = f" ('{key}' belongs {_KEY_HOMES[key]})"
        else:
            hint = f" (did you mean '{found[0]}'?)" if found else ""
        return f"unknown key '{where}'{hint}"
    if error["type"] == "missing":
        return f"missing required key '{where}'"
    if error["type"] == "invalid_key":  # {industry: school (11-18, 1,400 pupils)} reads '1' and '400 pupils)' as keys
        parent = ".".join(str(p) for p in error["loc"][:-1])
        return (f"{parent or 'the case'}: key {error['loc'][-1]!r} is not a name; a comma inside an unquoted value of a "
                "{ ... } mapping starts a new key: put that value in quotes")
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def new_case(case_id: str, context: Context, stakeholders: list[Stakeholder]) -> Case:
    """A case built by a reader, every field given: pydantic deep-copies the defaults of missing
    fields (a Context among them), which costs more than the rest of reading a small file."""
    return Case(case=case_id, context=context, stakeholders=stakeholders, answers={}, baselines={}, expected=None)
