"""Typed errors of the advisor library; only the CLI turns them into exit codes."""

from __future__ import annotations

from pathlib import Path


class AdvisorError(Exception):
    """Base of every error the library raises on purpose."""


class LocatedError(AdvisorError):
    """An error at a place in a file: renders as ``file:line: message``."""

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line

    def __str__(self) -> str:
        place = self.file or "<input>"
        if self.line is not None:
            place = f"{place}:{self.line}"
        return f"{place}: {self.message}"


class KnowledgeError(LocatedError):
    """The knowledge base is unsound; ``problems`` lists every problem found."""

    def __init__(self, problems: list["LocatedError"]):
        first = problems[0]
        super().__init__(first.message, first.file, first.line)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(LocatedError.__str__(p) for p in self.problems)


class CaseError(LocatedError):
    """A case file cannot be read or is not a valid case."""


class SessionError(LocatedError):
    """An interview session file cannot be loaded."""
