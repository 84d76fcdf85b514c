"""The ``pmo-advisor`` command line: a thin layer over the library.

stdout carries data only; progress, warnings and errors go to stderr. Exit
codes are in :mod:`advisor.exitcodes`. Textual is imported only by the
``interview`` command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

# pydantic looks for plugins through package metadata on first use (tens of milliseconds);
# the command line uses none, so it skips the search. Library users keep their own setting.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .errors import AdvisorError
from .exitcodes import ExitCode, exit_code_for

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse with examples kept verbatim and usage errors as exit code 2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def _kb_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kb",
        metavar="DIR",
        action="append",
        default=None,
        help="a knowledge folder layered over the built-in one (repeatable; "
        "'extends: none' in DIR/knowledge.yaml replaces it)",
    )


def _load_advisor(args: argparse.Namespace):
    from .cache import stderr_notice
    from .engine import Advisor

    return Advisor.load(args.kb or (), stderr_notice(getattr(args, "quiet", False)))


def _err(message: str) -> None:
    print(message, file=sys.stderr)


# ------------------------------------------------------------------ kb


def cmd_kb_validate(args: argparse.Namespace) -> int:
    from .knowledge import validate_knowledge

    problems, warnings = validate_knowledge(args.kb or ())
    for w in warnings if args.warnings else ():
        _err(f"{w} (warning)")
    for p in problems:
        print(p)
    if problems:
        _err(f"{len(problems)} problem(s) found")
        return ExitCode.USAGE
    from .knowledge import load_knowledge

    kb = load_knowledge(args.kb or ())
    counts = ", ".join(f"{n} {_plural(k, n)}" for k, n in kb.counts().items())
    print(f"knowledge {kb.version} is sound: {counts}")
    if warnings and not args.warnings:
        _err(f"{len(warnings)} warning(s); --warnings lists them")
    return ExitCode.OK


def _plural(kind: str, n: int) -> str:
    word = kind.replace("_", " ")
    if n == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + ("es" if word.endswith("ch") else "s")


def cmd_kb_stats(args: argparse.Namespace) -> int:
    from .knowledge import load_knowledge

    kb = load_knowledge(args.kb or ())
    graph = kb.graph
    relations: dict[str, int] = {}
    for _, _, data in graph.edges(data=True):
        relations[data["relation"]] = relations.get(data["relation"], 0) + 1
    stats = {
        "knowledge_version": kb.version,
        "folders": list(kb.folders),
        "nodes": kb.counts(),
        "edges": dict(sorted(relations.items())),
        "aliases": sum(len(s.aliases) for s in kb.symptoms.values()),
        "cues": sum(len(s.cues) for s in kb.symptoms.values()),
        "phrasings": sum(len(p) for p in kb.phrasings.values()),
        "stories": sum(len(p) for p in kb.stories.values()),
        "healthy_phrases": sum(len(p) for p in kb.healthy.values()),
        "worked_cases": len(kb.worked_cases),
        "lexicon_groups": len(kb.lexicon),
        "coverage_gaps": kb.coverage_gaps(),
    }
    if args.format == "json":
        print(json.dumps(stats, indent=2))
        return ExitCode.OK
    print(f"knowledge {kb.version}  ({', '.join(kb.folders)})")
    print("nodes:")
    for kind, n in stats["nodes"].items():
        print(f"  {kind:<14} {n:>5}")
    print("edges:")
    for relation, n in stats["edges"].items():
        print(f"  {relation:<14} {n:>5}")
    print(f"symptom phrasings: {stats['aliases']} aliases, {stats['cues']} cues, {stats['phrasings']} example phrasings, "
          f"{stats['stories']} stories (cause themes only), {stats['healthy_phrases']} healthy-state phrases; "
          f"{stats['lexicon_groups']} synonym groups; {stats['worked_cases']} worked cases (cause themes only)")
    print("coverage gaps:")
    for gap, ids in stats["coverage_gaps"].items():
        print(f"  {gap.replace('_', ' ')}: {', '.join(ids) if ids else 'none'}")
    return ExitCode.OK


def cmd_kb_show(args: argparse.Namespace) -> int:
    from .knowledge import load_knowledge
    from .knowledge.export import find_nodes, neighbours

    kb = load_knowledge(args.kb or ())
    query = " ".join(args.query)
    found = find_nodes(kb, query)
    if not found:
        _err(f"nothing in the knowledge base matches '{query}'")
        return ExitCode.FAILURES
    node_id = found[0]
    info = kb.describe(node_id)
    if args.format == "json":
        info["neighbours"] = neighbours(kb, node_id)
        print(json.dumps(info, indent=2))
        return ExitCode.OK
    print(f"{node_id}  [{info.pop('kind')}]  {info.pop('defined_at')}")
    for key, value in info.items():
        if key == "id" or value in ((), [], {}, "", None):
            continue
        if isinstance(value, list):
            print(f"  {key}:")
            for item in value:
                print(f"    - {item}")
        elif isinstance(value, dict):
            print(f"  {key}:")
            for k, v in value.items():
                print(f"    {k}: {v}")
        else:
            print(f"  {key}: {value}")
    print("  neighbours:")
    for n in neighbours(kb, node_id):
        arrow = "->" if n["direction"] == "out" else "<-"
        print(f"    {arrow} {n['relation']:<15} {n['id']} ({n['kind']}, weight {n['weight']:g})")
    if len(found) > 1:
        print(f"  other matches: {', '.join(found[1:])}")
    return ExitCode.OK


def cmd_kb_export(args: argparse.Namespace) -> int:
    from .knowledge import load_knowledge
    from .knowledge.export import EXPORTERS

    kb = load_knowledge(args.kb or ())
    _write_output(EXPORTERS[args.format](kb), args.output)
    return ExitCode.OK


def _write_output(text: str, output: str | None) -> None:
    """``text`` to the file ``output`` (atomically), or to stdout when there is none."""
    if not output:
        sys.stdout.write(text)
        return
    from .fileio import write_atomic

    try:
        write_atomic(Path(output), text)
    except OSError as exc:
        raise AdvisorError(f"{output}: cannot write: {exc.strerror or exc}") from None


def cmd_kb_test(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_report

    advisor = _load_advisor(args)
    report = evaluate(advisor, [Path(p) for p in args.paths], interview=args.interview)
    if args.format == "json":
        print(report.model_dump_json(indent=2))
    else:
        print(format_report(report, verbose=args.verbose))
    for error in report.errors:
        _err(error)
    failed = (args.min_cause3 is not None and report.cause_at_3 < args.min_cause3) or (
        args.min_service5 is not None and report.service_at_5 < args.min_service5
    )
    if failed:
        _err("knowledge test below the required threshold")
    return ExitCode.FAILURES if failed or report.errors else ExitCode.OK


def cmd_kb_learn(args: argparse.Namespace) -> int:
    from .learning import worked_cases_yaml

    advisor = _load_advisor(args)
    errors: list[str] = []
    text, count = worked_cases_yaml(advisor, [Path(p) for p in args.paths], errors)
    for error in errors:
        _err(error)
    if not count:
        raise AdvisorError("kb learn: no case file with expected root causes under the paths given")
    _write_output(text, args.output)
    if args.output:
        _err(f"{args.output}: {count} worked cases")
    return ExitCode.FAILURES if errors else ExitCode.OK


def cmd_match(args: argparse.Namespace) -> int:
    advisor = _load_advisor(args)
    text = " ".join(args.text) or sys.stdin.read()
    matches = advisor.listen(text)
    if not matches:
        print("no symptom recognised")
    for m in matches:
        sign = "+" if m.present else "-"
        print(f"{sign} {m.score:.2f} {m.symptom:<40} {', '.join(m.matched)}")
        if args.verbose:
            print(f"       clause: {m.clause}")
    return ExitCode.OK


# ------------------------------------------------------------------ parser


EPILOG = """examples:
  pmo-advisor diagnose examples/hospital-wards-rollout.yaml
  pmo-advisor diagnose surveys/ --format jsonl --summary --jobs 2 > results.jsonl
  pmo-advisor interview
  pmo-advisor kb validate --kb my-knowledge/
"""


def _add(commands: argparse._SubParsersAction, name: str, handler: Handler, help: str, description: str,
         examples: list[str]) -> argparse.ArgumentParser:
    """A subcommand with its help, an examples epilog and --kb."""
    label = "example" if len(examples) == 1 else "examples"
    parser = commands.add_parser(name, help=help, description=description,
                                 epilog=f"{label}:\n" + "".join(f"  {e}\n" for e in examples))
    _kb_option(parser)
    parser.set_defaults(handler=handler)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pmo-advisor",
        description="Diagnose before you prescribe: from what PMO stakeholders say to root causes, "
        "PMO services and a value proposition.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"pmo-advisor {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a traceback on unexpected errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    from .batch import add_diagnose_parser, add_schema_parser

    add_diagnose_parser(commands, _Parser, _kb_option)
    add_schema_parser(commands, _Parser)

    interview = _add(commands, "interview", _cmd_interview, "run the terminal interview (Textual)",
                     "A physician-style interview: engagement setup, statements, questions, results, export.",
                     ["pmo-advisor interview", "pmo-advisor interview --resume ~/.local/share/pmo-advisor/sessions/acme.json",
                      "pmo-advisor interview --case surveys/retail.yaml"])
    start = interview.add_mutually_exclusive_group()
    start.add_argument("--resume", metavar="FILE", help="continue a saved session")
    start.add_argument("--case", metavar="FILE", help="start from a case file (YAML, JSON, notes, CSV or XLSX survey): "
                       "its context, statements and answers, ready for the questions")
    interview.add_argument("--sessions", metavar="DIR", help="where sessions are saved (default: the user data folder)")

    match = _add(commands, "match", cmd_match, "show which symptoms a statement is read as",
                 "Run only the listening step on one statement (or stdin) and show the symptoms found.",
                 ['pmo-advisor match "we only hear a project is late when the client calls"'])
    match.add_argument("text", nargs="*", help="the statement (default: stdin)")
    match.add_argument("-v", "--verbose", action="store_true", help="show the sentence each match came from")

    kb = commands.add_parser("kb", help="knowledge base tools: validate, stats, show, export, test, learn",
                             description="Tools for knowledge authors.")
    kb_commands = kb.add_subparsers(dest="kb_command", metavar="KB_COMMAND", required=True)

    validate = _add(kb_commands, "validate", cmd_kb_validate, "check the knowledge; every problem as file:line: message",
                    "Load every knowledge file and report every problem at once (exit 0 sound, 2 not).",
                    ["pmo-advisor kb validate", "pmo-advisor kb validate --kb my-knowledge/ --warnings"])
    validate.add_argument("--warnings", action="store_true", help="also list warnings")

    stats = _add(kb_commands, "stats", cmd_kb_stats, "counts by kind, rules and coverage gaps",
                 "Counts of nodes by kind, edges by relation, rules, and coverage gaps.",
                 ["pmo-advisor kb stats --format json"])
    stats.add_argument("--format", choices=["text", "json"], default="text")

    show = _add(kb_commands, "show", cmd_kb_show, "fuzzy lookup of a node with its attributes and neighbours",
                "Show a node (by id, name or any phrase) with its attributes and neighbours.",
                ["pmo-advisor kb show resource_contention", 'pmo-advisor kb show "people on three projects"'])
    show.add_argument("query", nargs="+", help="an id, a name or a phrase")
    show.add_argument("--format", choices=["text", "json"], default="text")

    export = _add(kb_commands, "export", cmd_kb_export, "export the graph: json (node-link), mermaid, dot, graphml",
                  "Export the knowledge graph. json is networkx node-link data with all attributes.",
                  ["pmo-advisor kb export --format json > kb.json", "pmo-advisor kb export --format dot | dot -Tsvg > kb.svg"])
    export.add_argument("--format", choices=["json", "mermaid", "dot", "graphml"], default="json")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")

    test = _add(kb_commands, "test", cmd_kb_test, "run case files with expected answers and report accuracy",
                "Diagnose case files that carry `expected:` and print cause@1, cause@3 (the primary "
                "expected cause in the top 3), service@5 (share of expected services in the top 5) and the misses.",
                ["pmo-advisor kb test tests/cases", "pmo-advisor kb test tests/cases --min-cause3 0.9 --min-service5 0.75"])
    test.add_argument("paths", nargs="+", metavar="PATH", help="case files or folders")
    test.add_argument("--min-cause3", type=float, metavar="X", help="exit 1 when cause@3 is below X")
    test.add_argument("--min-service5", type=float, metavar="X", help="exit 1 when service@5 is below X")
    test.add_argument("--interview", action="store_true", help="also simulate a truthful interview per case")
    test.add_argument("--format", choices=["text", "json"], default="text")
    test.add_argument("-v", "--verbose", action="store_true", help="show every case, not only the misses")

    learn = _add(kb_commands, "learn", cmd_kb_learn, "turn diagnosed case files into worked cases the themes learn from",
                 "Read case files that carry `expected:` root causes (your diagnosed engagements) and write a "
                 "knowledge file of worked cases: what the stakeholders said and the causes named. Put it in a "
                 "knowledge folder and use it with --kb: the cause themes learn your stakeholders' words.",
                 ["pmo-advisor kb learn engagements/ -o my-knowledge/worked_cases.yaml",
                  "pmo-advisor diagnose new-case.yaml --kb my-knowledge/"])
    learn.add_argument("paths", nargs="+", metavar="PATH", help="case files or folders")
    learn.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    return parser


def _cmd_interview(args: argparse.Namespace) -> int:
    from .interview_launcher import run_interview

    return run_interview(args)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        _err("interrupted")
        return ExitCode.INTERRUPTED
    except AdvisorError as exc:
        if args.debug:
            raise
        _err(str(exc))
        return exit_code_for(exc)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error
        return ExitCode.OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if args.debug:
            raise
        _err(f"pmo-advisor: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        return ExitCode.FAILURES


def run() -> None:
    """The console entry point: run, flush, and leave without tearing down every cached object.

    Freeing the loaded knowledge object by object at exit costs a noticeable part of a
    one-case run; all output is flushed and every report file is already closed here."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
