"""Knowledge tests: diagnose cases that carry ``expected:`` and measure accuracy.

cause@1: the primary expected cause ranks first. cause@3: it ranks in the top
three. service@5: the share of expected services among the top five.
With ``interview=True`` a truthful stakeholder answers the session's
questions (yes exactly when the symptom is a strong sign of an expected
cause) and the primary cause's rank is measured again.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from pydantic import BaseModel

from .case import Case, case_files_in
from .errors import CaseError

if TYPE_CHECKING:
    from .engine import Advisor

TRUTHFUL_SENSITIVITY = 0.5
"""A truthful stakeholder says yes to a symptom this strongly linked to an expected cause."""
INTERVIEW_LIMIT = 10


class CaseScore(BaseModel):
    case: str
    file: str
    expected_causes: list[str]
    expected_services: list[str]
    causes: list[str]
    services: list[str]
    primary_rank: int | None
    """1-based rank of the primary expected cause, None when not in the differential."""
    service_share: float
    interview_rank: int | None = None
    questions: int | None = None


class TestReport(BaseModel):
    cases: list[CaseScore]
    errors: list[str]
    cause_at_1: float
    cause_at_3: float
    service_at_5: float
    interview_first: float | None = None
    mean_questions: float | None = None


def case_files(paths: list[Path]) -> list[Path]:
    """Case files under the paths (folders recursively), sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(case_files_in(path))
        else:
            files.append(path)
    return files


def _rank(ids: list[str], wanted: str) -> int | None:
    return ids.index(wanted) + 1 if wanted in ids else None


def _interview(advisor: "Advisor", case: Case, expected: list[str]) -> tuple[int | None, int]:
    kb = advisor.knowledge
    session = advisor.interview(case.model_copy(update={"answers": {}}))
    asked = 0
    while asked < INTERVIEW_LIMIT:
        question = session.next_question()
        if question is None:
            break
        symptom = kb.symptoms[question.symptom_id]
        truth = any(symptom.indicates.get(c, 0.0) >= TRUTHFUL_SENSITIVITY for c in expected)
        session.answer(question.symptom_id, "yes" if truth else "no")
        asked += 1
    scores, _ = session.ranked()
    return _rank([s.id for s in scores], expected[0]), asked


def _known_ids(values: list[str], nodes: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(the ids as the knowledge spells them, the values it does not know, each with the nearest id).

    An expected cause or service may be written as its id or its name, in any case and spacing:
    "No portfolio prioritization" and "no-portfolio-prioritization" are no_portfolio_prioritization."""
    ids = {_folded(key): node_id for node_id, node in nodes.items() for key in (node_id, node.name)}
    known, unknown = [], []
    for value in values:
        found = ids.get(_folded(value))
        if found is not None:
            known.append(found)
            continue
        from rapidfuzz import process

        nearest = process.extractOne(_folded(value), list(ids), score_cutoff=70)
        unknown.append(f"{value} (did you mean '{ids[nearest[0]]}'?)" if nearest else value)
    return known, unknown


def _folded(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def labelled_cases(advisor: "Advisor", paths: list[Path], errors: list[str]) -> Iterator[tuple[Path, Case]]:
    """Every case under ``paths`` with expected root causes, its expected causes and services as the
    knowledge spells their ids; a file that does not load or names unknown ids adds a line to ``errors``."""
    kb = advisor.knowledge
    for file in case_files(paths):
        try:
            case = Case.from_file(file)
        except CaseError as exc:
            errors.append(str(exc))
            continue
        if case.expected is None or not case.expected.root_causes:
            continue
        causes_named, unknown = _known_ids(case.expected.root_causes, kb.causes)
        services_named, unknown_services = _known_ids(case.expected.services, kb.services)
        if unknown or unknown_services:
            errors.append(f"{file}: expected ids not in the knowledge base: {', '.join(unknown + unknown_services)}")
            continue
        case.expected = case.expected.model_copy(update={"root_causes": causes_named, "services": services_named})
        yield file, case


def evaluate(advisor: "Advisor", paths: list[Path], interview: bool = False) -> TestReport:
    """Run every case with expectations under ``paths``."""
    scores: list[CaseScore] = []
    errors: list[str] = []
    for file, case in labelled_cases(advisor, paths, errors):
        assert case.expected is not None
        diagnosis = advisor.diagnose(case)
        causes = [c.id for c in diagnosis.root_causes]
        services = [s.id for s in diagnosis.services]
        expected_services = case.expected.services
        share = (
            sum(s in services[:5] for s in expected_services) / len(expected_services) if expected_services else 1.0
        )
        score = CaseScore(
            case=case.case,
            file=str(file),
            expected_causes=case.expected.root_causes,
            expected_services=expected_services,
            causes=causes[:5],
            services=services[:5],
            primary_rank=_rank(causes, case.expected.root_causes[0]),
            service_share=round(share, 4),
        )
        if interview:
            score.interview_rank, score.questions = _interview(advisor, case, case.expected.root_causes)
        scores.append(score)
    n = len(scores) or 1
    report = TestReport(
        cases=scores,
        errors=errors,
        cause_at_1=round(sum(s.primary_rank == 1 for s in scores) / n, 4),
        cause_at_3=round(sum(s.primary_rank is not None and s.primary_rank <= 3 for s in scores) / n, 4),
        service_at_5=round(sum(s.service_share for s in scores) / n, 4),
    )
    if interview and scores:
        report.interview_first = round(sum(s.interview_rank == 1 for s in scores) / n, 4)
        report.mean_questions = round(sum(s.questions or 0 for s in scores) / n, 2)
    return report


def format_report(report: TestReport, verbose: bool = False) -> str:
    """The report as text: figures first, then the misses (or every case with verbose)."""
    lines = []
    for s in report.cases:
        missed = s.primary_rank is None or s.primary_rank > 3 or s.service_share < 1.0
        if not (verbose or missed):
            continue
        rank = s.primary_rank if s.primary_rank is not None else "-"
        lines.append(f"{'MISS' if missed else 'ok  '} {s.case}")
        lines.append(f"     expected causes  {', '.join(s.expected_causes)}  (primary ranked {rank})")
        lines.append(f"     got              {', '.join(s.causes[:3]) or 'nothing'}")
        lost = [x for x in s.expected_services if x not in s.services]
        lines.append(f"     services top 5   {', '.join(s.services) or 'none'}" + (f"  (missing {', '.join(lost)})" if lost else ""))
        if s.interview_rank is not None or s.questions is not None:
            lines.append(f"     after interview  primary ranked {s.interview_rank or '-'} after {s.questions} question(s)")
    n = len(report.cases)
    lines.append(f"cases        {n}")
    lines.append(f"cause@1      {report.cause_at_1:.2f}")
    lines.append(f"cause@3      {report.cause_at_3:.2f}")
    lines.append(f"service@5    {report.service_at_5:.2f}")
    if report.interview_first is not None:
        lines.append(f"interview    primary first in {report.interview_first:.2f} after {report.mean_questions:.1f} questions on average")
    return "\n".join(lines)
