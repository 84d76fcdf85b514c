"""Exit codes of the command line: part of its contract."""

from __future__ import annotations

from enum import IntEnum

from .errors import AdvisorError, CaseError, KnowledgeError


class ExitCode(IntEnum):
    OK = 0
    FAILURES = 1
    """Some inputs failed (batch), or a knowledge test missed its threshold."""
    USAGE = 2
    """Bad usage, unsound knowledge, or a single invalid input."""
    INTERRUPTED = 130


def exit_code_for(error: BaseException) -> ExitCode:
    """The exit code a front end returns for an error it could not recover from."""
    if isinstance(error, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(error, CaseError):
        return ExitCode.FAILURES  # an input failed, as in a batch run
    if isinstance(error, (KnowledgeError, AdvisorError)):
        return ExitCode.USAGE
    return ExitCode.FAILURES
