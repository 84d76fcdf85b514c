"""The advisor: one loaded knowledge base and the engine that reasons over it."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Iterable

from .knowledge import KnowledgeBase, load_knowledge
from .matching import ClauseMatch, SymptomMatcher


class Advisor:
    """Diagnoses cases against one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase):
        self.knowledge = knowledge

    @classmethod
    def default(cls) -> "Advisor":
        """The advisor on the built-in knowledge."""
        return cls(load_knowledge())

    @classmethod
    def load(cls, kb_dirs: str | Path | Iterable[str | Path] = ()) -> "Advisor":
        """The advisor on the built-in knowledge with ``kb_dirs`` layered over it."""
        if isinstance(kb_dirs, (str, Path)):
            kb_dirs = [kb_dirs]
        return cls(load_knowledge(kb_dirs))

    @cached_property
    def matcher(self) -> SymptomMatcher:
        return SymptomMatcher(self.knowledge)

    def listen(self, statement: str) -> list[ClauseMatch]:
        """The symptoms one statement shows (or denies), strongest first."""
        return self.matcher.match_statement(statement)
