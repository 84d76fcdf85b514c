"""Starts the Textual interview. The UI package is imported here, at call time only,
so every other command (and ``import advisor``) stays free of Textual."""

from __future__ import annotations

import argparse
import importlib
import os
from pathlib import Path

from .exitcodes import ExitCode


def sessions_dir(explicit: str | None = None) -> Path:
    """Where interview sessions are saved: --sessions, $PMO_ADVISOR_SESSIONS, or the user data folder."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get("PMO_ADVISOR_SESSIONS"):
        return Path(os.environ["PMO_ADVISOR_SESSIONS"]).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "pmo-advisor" / "sessions"


def run_interview(args: argparse.Namespace) -> int:
    from .cache import stderr_notice
    from .engine import Advisor
    from .interview import InterviewSession

    advisor = Advisor.load(args.kb or (), stderr_notice())
    session = None
    if args.resume:
        session = InterviewSession.load(args.resume, advisor)
    elif getattr(args, "case", None):
        from .case import Case

        session = advisor.interview(Case.from_file(args.case))  # a bad file stops here: one line, no screen
    app_module = importlib.import_module("tui.app")
    app = app_module.make_app(advisor, sessions=sessions_dir(args.sessions), session=session,
                              session_path=Path(args.resume) if args.resume else None)
    app.run()
    return ExitCode.OK
