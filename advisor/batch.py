"""Batch diagnosis: ``pmo-advisor diagnose PATH...`` and ``pmo-advisor schema``.

Files are diagnosed in worker processes and reported in input order. A bad
file costs one line on stderr (``path:line: message``) and the run goes on.
stdout carries data only. Reports written with ``--output`` are atomic, so an
interrupted run leaves only complete files.
"""

from __future__ import annotations

import argparse
import json
from contextlib import ExitStack, closing
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .case import CASE_SUFFIXES, SURVEY_SUFFIXES, Case, case_files_in, decode, read_text
from .errors import AdvisorError, CaseError
from .exitcodes import ExitCode
from .survey import split_csv

FORMATS = {"json": "json", "jsonl": "jsonl", "markdown": "md", "html": "html"}
PARALLEL_FROM = 16
"""Fewer files than this are diagnosed in-process: starting workers would cost more."""
MAX_STDIN_BYTES = 10_000_000

DIAGNOSE_EPILOG = """examples:
  pmo-advisor diagnose examples/hospital-wards-rollout.yaml
  pmo-advisor diagnose examples/ --format markdown > report.md
  pmo-advisor diagnose surveys/ --format jsonl --jobs 2 --summary > results.jsonl
  pmo-advisor diagnose notes/*.txt --format html --output reports/
  cat notes.txt | pmo-advisor diagnose - --stdin-format txt
  pmo-advisor diagnose export.csv --encoding cp1252 --kb my-knowledge/
  pmo-advisor diagnose survey.csv --split-by department --summary --format markdown
  pmo-advisor diagnose responses.xlsx --split-by "business unit" --format html --output reports/

exit codes: 0 all files diagnosed, 1 some files failed, 2 usage or knowledge error,
130 interrupted. stdout carries data only; errors are 'path:line: message' on stderr.
"""


def add_diagnose_parser(commands: Any, parser_class: type, kb_option: Callable[[argparse.ArgumentParser], None]) -> None:
    parser = commands.add_parser(
        "diagnose",
        help="diagnose case files (survey exports, interview notes) in batch",
        description="Diagnose every case file given: .yaml/.yml/.json cases, .txt/.md notes "
        "(one statement per line) and .csv, .tsv or .xlsx survey exports (stakeholder, role, statement; "
        "a workbook's first sheet). "
        "Folders are searched recursively; '-' reads one case from stdin.",
        epilog=DIAGNOSE_EPILOG,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="case files, folders, or - for stdin")
    parser.add_argument("--format", choices=list(FORMATS), default="json",
                        help="json (one object, or a list for several cases; default), jsonl (one line per "
                        "case, streamed), markdown or html (client-ready reports)")
    parser.add_argument("-o", "--output", metavar="DIR",
                        help="write one report per case to DIR/<case>.<ext> (atomically) instead of stdout")
    kb_option(parser)
    parser.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                        help=f"worker processes (default: the number of cores, {os.cpu_count() or 1}); "
                        "results keep input order")
    parser.add_argument("--summary", action="store_true",
                        help="add a portfolio view: most frequent causes overall and by stakeholder group, "
                        "services most in demand, a causes-by-case heat table")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no notes on stderr (errors still shown)")
    parser.add_argument("--encoding", metavar="NAME", help="text encoding of the case files (default: UTF-8 with or without BOM, or UTF-16 with its BOM)")
    parser.add_argument("--stdin-format", choices=["auto", "yaml", "json", "txt", "csv"], default="auto",
                        help="format of a case read from stdin (default: guess)")
    parser.add_argument("--split-by", metavar="COLUMN",
                        help="one case per value of this column of a CSV/TSV/XLSX survey export (a business unit, "
                        "a department), named <file>-<value> (stdin-<value> for -); other files are diagnosed whole")
    parser.set_defaults(handler=run_diagnose)


def add_schema_parser(commands: Any, parser_class: type) -> None:
    parser = commands.add_parser(
        "schema",
        help="print the JSON Schema of a case file",
        description="Print the JSON Schema of a case file (YAML or JSON), for editors that check files as you type.",
        epilog="examples:\n  pmo-advisor schema > case.schema.json\n"
        "  # then in a YAML case file:  # yaml-language-server: $schema=case.schema.json\n",
    )
    parser.add_argument("--kind", choices=["case", "diagnosis"], default="case",
                        help="case (input files, default) or diagnosis (the JSON output)")
    parser.set_defaults(handler=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    print(schema_text(args.kind), end="")
    return ExitCode.OK


def schema_text(kind: str = "case") -> str:
    """The JSON Schema of a case file (or of a diagnosis), as stable text."""
    if kind == "diagnosis":
        from .models import Diagnosis

        schema = Diagnosis.model_json_schema()
        schema["title"] = "pmo-advisor diagnosis"
    else:
        schema = Case.model_json_schema()
        schema["title"] = "pmo-advisor case file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True)
class Source:
    """One input: a file, or stdin's text."""

    name: str
    path: Path | None = None
    text: str | None = None
    suffix: str = ""
    case_id: str = "stdin"
    """The case id of a text source (a file's case is named by the file)."""


def collect_sources(paths: Iterable[str], stdin_format: str, encoding: str | None,
                    split_by: str | None = None) -> tuple[list[Source], list[str]]:
    """The inputs in order, and one error line per path that gives none."""
    sources: list[Source] = []
    errors: list[str] = []
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
            if len(data) > MAX_STDIN_BYTES:
                errors.append(f"<stdin>: input larger than {MAX_STDIN_BYTES // 1_000_000} MB")
                continue
            try:
                text = decode(data, "<stdin>", encoding)
            except CaseError as exc:
                errors.append(str(exc))
                continue
            sources.append(Source("<stdin>", text=text, suffix=_guess_suffix(text, stdin_format)))
            continue
        path = Path(raw)
        if path.is_dir():
            found = case_files_in(path)
            if not found:
                errors.append(f"{raw}: no case files in this folder (looked for {', '.join(CASE_SUFFIXES)})")
            sources.extend(Source(str(p), path=p, suffix=p.suffix.lower()) for p in found)
        elif path.exists():
            sources.append(Source(raw, path=path, suffix=path.suffix.lower()))
        else:
            errors.append(f"{raw}: no such file or folder")
    if split_by:
        sources = [part for source in sources for part in _split(source, split_by, encoding, errors)]
    return sources, errors


def _split(source: Source, column: str, encoding: str | None, errors: list[str]) -> list[Source]:
    """A survey export (CSV, TSV, workbook) as one source per value of ``column`` (anything else as it is)."""
    if source.suffix not in SURVEY_SUFFIXES:
        return [source]
    try:
        text = source.text if source.text is not None else read_text(source.path, encoding)  # type: ignore[arg-type]
        groups = split_csv(text, column, source.name, source.suffix)
    except CaseError as exc:
        errors.append(str(exc))
        return []
    stem = source.path.stem if source.path is not None else source.case_id
    return [
        Source(f"{source.name} [{column}={value or 'blank'}]", text=part, suffix=source.suffix,
               case_id=f"{stem}-{re.sub(r'[^a-z0-9]+', '-', value.lower()).strip('-') or 'blank'}")
        for value, part in groups
    ]


def _guess_suffix(text: str, declared: str) -> str:
    if declared != "auto":
        return "." + declared
    head = text.lstrip()
    if head.startswith(("{", "[")):
        return ".json"
    if any(line.split(":")[0].strip() in ("case", "stakeholders", "context") for line in head.splitlines()[:50]):
        return ".yaml"
    first = head.splitlines()[0].lower() if head else ""
    if "statement" in first and ("," in first or ";" in first or "\t" in first):
        return ".csv"
    return ".txt"


# ------------------------------------------------------------------ work


@dataclass
class Outcome:
    """What diagnosing one source produced (``summary`` only when the run asks for the portfolio view)."""

    index: int
    name: str
    error: str | None = None
    case: str = ""
    payload: str = ""
    summary: dict[str, Any] = field(default_factory=dict)


_ADVISOR = None
_OPTIONS: dict[str, Any] = {}


YOUNG_GC_THRESHOLD = 10_000
"""Allocations between collections of the young generation in a diagnosing process (Python's
default is 700). The knowledge is frozen out of the collector's way and a case leaves little
cyclic garbage, so collecting that often only costs time: ~3% of a case."""


def _init_worker(kb_dirs: tuple[str, ...], options: dict[str, Any], on_build: Callable[[], None] | None = None) -> None:
    global _ADVISOR, _OPTIONS
    if _ADVISOR is None:
        import gc

        from .engine import Advisor

        _ADVISOR = Advisor.load(kb_dirs, on_build)
        gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
    _OPTIONS = options


def _diagnose_one(job: tuple[int, Source]) -> Outcome:
    index, source = job
    try:
        if source.text is not None:
            case = Case.from_text(source.text, source.suffix, name=source.name, case_id=source.case_id)
        else:
            case = Case.from_file(source.path, _OPTIONS.get("encoding"))  # type: ignore[arg-type]
        diagnosis = _ADVISOR.diagnose(case)  # type: ignore[union-attr]
        payload = render(diagnosis, _OPTIONS["format"], _OPTIONS.get("pretty", True))
        summary = case_summary(case, diagnosis) if _OPTIONS.get("summary") else {}
        return Outcome(index, source.name, case=case.case, payload=payload, summary=summary)
    except AdvisorError as exc:
        return Outcome(index, source.name, error=str(exc))
    except RecursionError:
        return Outcome(index, source.name, error=f"{source.name}: input nested too deeply")
    except MemoryError:
        return Outcome(index, source.name, error=f"{source.name}: input too large to diagnose")
    except Exception as exc:  # noqa: BLE001 - a bug met by one file must not stop the other files
        if _OPTIONS.get("debug"):
            raise
        return Outcome(index, source.name, error=f"{source.name}: internal error: {type(exc).__name__}: {exc} "
                       "(rerun with --debug for the traceback)")


def render(diagnosis: Any, fmt: str, pretty: bool = True) -> str:
    """One diagnosis in an output format."""
    if fmt == "jsonl":
        return diagnosis.model_dump_json() + "\n"
    if fmt == "json":
        return diagnosis.model_dump_json(indent=2 if pretty else None)
    if fmt == "markdown":
        from .reports.markdown import render_markdown

        return render_markdown(diagnosis)
    from .reports.html import render_html

    return render_html(diagnosis)


SUMMARY_GROUP_CAUSES = 3
"""The portfolio view's by-group lists take the stakeholder groups behind each case's first three causes."""


def case_summary(case: Case, diagnosis: Any) -> dict[str, Any]:
    """The little the portfolio view needs from one case."""
    groups_by_cause: dict[str, list[str]] = {}
    for cause in diagnosis.root_causes[:SUMMARY_GROUP_CAUSES]:
        quoted = {e.quote for e in cause.explanation if e.quote}
        groups = sorted({s.group for s in case.stakeholders for text in s.statements if " ".join(text.split()) in quoted})
        groups_by_cause[cause.id] = groups
    return {
        "case": diagnosis.case,
        "causes": [(c.id, c.confidence) for c in diagnosis.root_causes[:5]],
        "services": [s.id for s in diagnosis.services[:5]],
        "groups_by_cause": groups_by_cause,
        "names": {**{c.id: c.name for c in diagnosis.root_causes[:5]}, **{s.id: s.name for s in diagnosis.services[:5]}},
    }


def _outcomes(sources: list[Source], args: argparse.Namespace, options: dict[str, Any]) -> Iterator[Outcome]:
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise AdvisorError("--jobs must be at least 1")
    work = list(enumerate(sources))
    kb_dirs = tuple(args.kb or ())
    from .cache import stderr_notice

    _init_worker(kb_dirs, options, stderr_notice(args.quiet))  # loads the knowledge once; forked workers inherit it
    if jobs == 1 or len(work) < PARALLEL_FROM:
        for job in work:
            yield _diagnose_one(job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(16, len(work) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(kb_dirs, options)) as pool:
        try:
            yield from pool.map(_diagnose_one, work, chunksize=chunk)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # drop queued work, let running chunks end
            raise


# ------------------------------------------------------------------ output


def _progress(total: int, quiet: bool):  # type: ignore[no-untyped-def]
    """A rich progress bar on stderr when it is a terminal; otherwise a no-op."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    progress = Progress(TextColumn("diagnosing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=Console(stderr=True), transient=True)
    progress.start()
    progress.add_task("diagnose", total=total)
    return progress


def _file_name(case_id: str, used: set[str], ext: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in case_id).strip(".-") or "case"
    name, n = safe, 2
    while name in used:
        name, n = f"{safe}-{n}", n + 1
    used.add(name)
    return f"{name}.{ext}"


def run_diagnose(args: argparse.Namespace) -> int:
    fmt = args.format
    sources, errors = collect_sources(args.paths, args.stdin_format, args.encoding, args.split_by)
    for error in errors:
        print(error, file=sys.stderr)
    if not sources:
        print("pmo-advisor diagnose: nothing to diagnose", file=sys.stderr)
        return ExitCode.FAILURES if errors else ExitCode.USAGE
    out_dir = Path(args.output) if args.output else None
    if out_dir is not None:
        if out_dir.exists() and not out_dir.is_dir():
            raise AdvisorError(f"{out_dir}: --output must be a folder")
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AdvisorError(f"{out_dir}: cannot create the output folder: {exc.strerror or exc}") from None
    several = len(sources) > 1
    options = {"format": fmt, "encoding": args.encoding, "pretty": not (several and fmt == "json" and out_dir is None),
               "summary": args.summary, "debug": getattr(args, "debug", False)}

    progress = _progress(len(sources), args.quiet)
    with ExitStack() as stack:
        return _run(stack, sources, errors, args, options, out_dir, progress, fmt, several)


def _run(stack: ExitStack, sources: list[Source], errors: list[str], args: argparse.Namespace, options: dict[str, Any],
         out_dir: Path | None, progress: Any, fmt: str, several: bool) -> int:
    """Diagnose every source and write the results as they come, in input order."""
    from .fileio import write_atomic

    summaries: list[dict[str, Any]] = []
    failed = len(errors)
    used_names: set[str] = set()
    first_json = True
    html_parts: list[str] = []
    stdout = sys.stdout
    try:
        if fmt == "json" and several and out_dir is None:
            stdout.write("[\n" if not args.summary else '{"cases": [\n')
        outcomes = stack.enter_context(closing(_outcomes(sources, args, options)))  # stops the workers on any exit
        for outcome in outcomes:
            if progress is not None:
                progress.advance(progress.task_ids[0])
            if outcome.error is not None:
                failed += 1
                print(outcome.error, file=sys.stderr)
                continue
            summaries.append(outcome.summary)
            if out_dir is not None:
                target = out_dir / _file_name(outcome.case, used_names, FORMATS[fmt])
                try:
                    write_atomic(target, outcome.payload)
                except OSError as exc:
                    failed += 1
                    print(f"{target}: cannot write: {exc.strerror or exc}", file=sys.stderr)
                    continue
                if not args.quiet:
                    print(f"wrote {target}", file=sys.stderr)
            elif fmt == "json" and several:
                stdout.write(("" if first_json else ",\n") + outcome.payload)
                first_json = False
            elif fmt == "html":
                html_parts.append(outcome.payload)
            elif fmt == "markdown" and not first_json:
                stdout.write("\n---\n\n" + outcome.payload)
            else:
                stdout.write(outcome.payload)
                first_json = False
            if fmt == "jsonl":
                stdout.flush()
        if out_dir is None:
            _finish_stdout(fmt, several, args.summary, summaries, html_parts, first_json)
        elif args.summary and summaries:
            from .reports.summary import render_summary

            write_atomic(out_dir / f"summary.{FORMATS[fmt]}", render_summary(summaries, fmt))
    finally:
        if progress is not None:
            progress.stop()
    if failed and not args.quiet:
        print(f"{failed} of {len(sources) + len(errors)} input(s) failed", file=sys.stderr)
    return ExitCode.FAILURES if failed else ExitCode.OK


def _finish_stdout(fmt: str, several: bool, summary: bool, summaries: list[dict[str, Any]], html_parts: list[str], nothing_yet: bool) -> None:
    if summary:  # the portfolio view is the only part that needs the summary module
        from .reports.summary import portfolio, render_summary
    out = sys.stdout
    if fmt == "json" and several:
        out.write("\n]" if not summary else "\n],\n\"summary\": " + json.dumps(portfolio(summaries), indent=2))
        out.write("\n" if not summary else "\n}\n")
    elif fmt == "json":
        if summary:
            out.write("\n" + json.dumps({"summary": portfolio(summaries)}, indent=2))
        out.write("\n")
    elif fmt == "jsonl" and summary:
        out.write(json.dumps({"summary": portfolio(summaries)}) + "\n")
    elif fmt == "markdown" and summary:
        out.write("\n---\n\n" + render_summary(summaries, "markdown"))
    elif fmt == "html":
        from .reports.html import combine_html

        extra = render_summary(summaries, "html_fragment") if summary and summaries else ""
        if html_parts or extra:
            out.write(combine_html(html_parts, extra))
