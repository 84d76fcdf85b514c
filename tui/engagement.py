"""The engagement the screens share: one interview session, where it is saved, and every change.

Every change goes through :class:`Engagement` and is saved at once (atomically),
so a killed terminal loses nothing. No Textual here: this is plain state.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from advisor.case import GROUPS, Case, Context, Stakeholder
from advisor.models import Quote

if TYPE_CHECKING:
    from advisor.engine import Advisor
    from advisor.interview import InterviewSession
    from advisor.matching import ClauseMatch

Stage = str
"""One of "setup", "listening", "diagnosing", "results"."""


def slugify(name: str) -> str:
    """A file-name-safe form of a case name: 'Acme Ltd.' -> 'acme-ltd'."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:60].strip("-") or "engagement"


@dataclass(frozen=True)
class SessionInfo:
    """What the start screen shows about one saved session."""

    path: Path
    case: str
    stakeholders: int
    statements: int
    answers: int
    modified: float
    error: str | None = None

    @property
    def when(self) -> str:
        return datetime.fromtimestamp(self.modified).strftime("%Y-%m-%d %H:%M")


def recent_sessions(folder: Path, limit: int = 50) -> list[SessionInfo]:
    """Saved sessions in ``folder``, newest first; a damaged file is listed with its error."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        try:
            modified = path.stat().st_mtime
        except OSError:
            continue
        found.append((modified, path))
    found.sort(key=lambda item: (-item[0], item[1].name))
    return [_info(path, modified) for modified, path in found[:limit]]


def _info(path: Path, modified: float) -> SessionInfo:
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        case = state["case"]
        people = case.get("stakeholders", [])
        statements = sum(len(p.get("statements", [])) for p in people)
        return SessionInfo(path, str(case.get("case", path.stem)), len(people), statements, len(state.get("answers", {})), modified)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return SessionInfo(path, path.stem, 0, 0, 0, modified, error=f"cannot read: {type(exc).__name__}")


class Engagement:
    """The advisor, the current interview session and its file; every change saves."""

    def __init__(self, advisor: "Advisor", sessions: Path, session: "InterviewSession | None" = None,
                 path: Path | None = None) -> None:
        self.advisor = advisor
        self.sessions = Path(sessions)
        self.session = session
        self.path = path if path is not None or session is None else self._free_path(session.case.case)
        self._readings: dict[str, list[ClauseMatch]] = {}

    # ------------------------------------------------------------ state

    @property
    def started(self) -> bool:
        return self.session is not None

    @property
    def case(self) -> Case:
        assert self.session is not None, "no engagement started"
        return self.session.case

    @property
    def stakeholder(self) -> Stakeholder | None:
        """The stakeholder being interviewed now: the last one added."""
        if self.session is None or not self.session.case.stakeholders:
            return None
        return self.session.case.stakeholders[-1]

    def stage(self) -> Stage:
        """The screen to resume on: setup, listening or diagnosing."""
        person = self.stakeholder
        if person is None:
            return "setup"
        if self.session is not None and self.session.answers and person.statements:
            return "diagnosing"
        return "listening"

    @property
    def groups(self) -> tuple[str, ...]:
        """The customer groups a stakeholder can belong to."""
        return GROUPS

    def group_name(self, group: str) -> str:
        known = self.advisor.knowledge.groups.get(group)
        return known.name if known is not None else group.replace("_", " ").capitalize()

    def detached(self) -> "InterviewSession":
        """A copy of the session for a worker thread, so the UI can go on changing the original."""
        return self._live().copy()

    def readings(self, text: str) -> "list[ClauseMatch]":
        """The symptoms a statement was read as (cached: listening is deterministic)."""
        if text not in self._readings:
            self._readings[text] = self.advisor.listen(text)
        return self._readings[text]

    # ------------------------------------------------------------ changes

    def start(self, name: str, context: Context, stakeholder: str, group: str) -> None:
        """A new engagement with its first stakeholder."""
        case = Case(case=name.strip(), context=context, stakeholders=[Stakeholder(name=stakeholder.strip(), role=group)])
        self.session = self.advisor.interview(case)
        self.path = self._free_path(case.case)
        self.save()

    def resume(self, path: Path) -> None:
        """Continue the session saved at ``path``; raises SessionError when it cannot be read."""
        from advisor.interview import InterviewSession

        self.session = InterviewSession.load(path, self.advisor)
        self.path = Path(path)

    def set_context(self, name: str, context: Context) -> None:
        """Edit the organisation and its context (the session file keeps its name)."""
        self._live().set_context(context, name)
        self.save()

    def add_stakeholder(self, name: str, group: str) -> None:
        """Interview a stakeholder next: a new one, or one already heard (who keeps their group)."""
        name = name.strip()
        if not name:
            raise ValueError("a stakeholder needs a name")
        if group not in GROUPS:
            raise ValueError(f"unknown customer group '{group}'")
        if any(p.name == name for p in self.case.stakeholders):
            self._live().resume_stakeholder(name)
        else:
            self._live().add_stakeholder(name, group)
        self.save()

    def add_statement(self, text: str) -> "list[ClauseMatch]":
        """What the current stakeholder just said; returns how it was read."""
        person = self.stakeholder
        assert person is not None, "no stakeholder to listen to"
        self._live().add_statement(text, person.name, person.role)
        self.save()
        return self.readings(text)

    def accept(self, symptom_id: str, stakeholder: str, text: str) -> bool:
        """Confirm (or choose) the symptom a statement shows; False when it already was."""
        session = self._live()
        done = any(q.text == text for q in session.added.get(symptom_id, []))
        if done and symptom_id not in session.rejected:
            return False
        role = next((p.role for p in self.case.stakeholders if p.name == stakeholder), GROUPS[4])
        session.accept(symptom_id, Quote(stakeholder=stakeholder, role=role, text=text))
        self.save()
        return True

    def reject(self, symptom_id: str) -> bool:
        """The statements were misread as this symptom; False when it already was rejected."""
        session = self._live()
        if symptom_id in session.rejected:
            return False
        session.reject(symptom_id)
        self.save()
        return True

    def answer(self, symptom_id: str, value: str) -> None:
        """Record or change an answer: yes, no, unsure or skip."""
        self._live().answer(symptom_id, value)  # type: ignore[arg-type]
        self.save()

    def undo(self) -> bool:
        """Take back the last change."""
        done = self._live().undo()
        if done:
            self.save()
        return done

    def set_baseline(self, measure_id: str, value: float | None) -> None:
        """Today's value of a success measure (None clears it); targets follow from it."""
        self._live().set_baseline(measure_id, value)
        self.save()

    def save(self) -> None:
        """Write the session (atomic); called after every change."""
        if self.session is not None and self.path is not None:
            self.session.save(self.path)

    # ------------------------------------------------------------ helpers

    def _live(self) -> "InterviewSession":
        if self.session is None:
            raise RuntimeError("no engagement started")
        return self.session

    def _free_path(self, name: str) -> Path:
        """sessions/<slug>.json, numbered if another engagement already has that name."""
        slug = slugify(name)
        path = self.sessions / f"{slug}.json"
        number = 2
        while path.exists():
            path = self.sessions / f"{slug}-{number}.json"
            number += 1
        return path
