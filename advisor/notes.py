"""Interview notes (.txt, .md): one statement per line, their speakers named by labels and headings."""

from __future__ import annotations

import re
from typing import Any

from .case import Case, Context, Stakeholder, known_group, new_case
from .errors import CaseError
from .note_headers import header_context

_NAMED_ROLE = re.compile(r"^(?P<name>[A-Z][\w.' -]{0,40}?)\s*\((?P<role>[\w ,/&-]{2,40})\)$")
_LIST_MARK = re.compile(r"^(?:[-*+>]|\d+[.)])\s+")
_HEADING = re.compile(r"^#{1,6}\s+(?P<label>.+?)\s*#*$")
_BOLD_LABEL = re.compile(r"^(?:\*\*|__)(?P<label>[^*_:]{1,60}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(?P<text>.*)$")
_LABEL = re.compile(r"^(?P<label>[^:]{1,60}?)\s*:\s*(?P<text>.*)$")
_NAME_ROLE_SEPARATORS = (" \u2014 ", " \u2013 ", " - ", ", ")
_QUOTE_PAIRS = {'"': '"', "'": "'", "\u201c": "\u201d", "\u2018": "\u2019"}
Speaker = tuple[str, str]
_INTERVIEWER_LABELS = frozenset({"q", "question", "interviewer"})
_ANSWER_LABELS = frozenset({"a", "answer"})


def speaker_of(label: str) -> Speaker | None:
    """(name, role) when a label names a speaker: "Dana (executives)", "Maria Rossi - Head of
    Operations", "CFO", "Project managers"; None for anything else ("Our problem")."""
    label = label.strip().strip("*_").strip()
    if not label or len(label) > 60:
        return None
    named = _NAMED_ROLE.match(label)
    if named:
        return named["name"].strip(), named["role"].strip()
    for separator in _NAME_ROLE_SEPARATORS:
        if separator in label:
            name, role = label.split(separator, 1)
            if name.strip() and known_group(role):
                return name.strip(), role.strip()
    if len(label.split()) <= 5 and known_group(label):
        return label, label
    return None


def _unquote(text: str) -> str:
    """A statement without the quotation marks around all of it."""
    text = text.strip()
    if len(text) > 1 and _QUOTE_PAIRS.get(text[0]) == text[-1] and text[0] not in text[1:-1] and text[-1] not in text[1:-1]:
        return text[1:-1].strip()
    return text


def case_from_notes(text: str, name: str, case_id: str) -> Case:
    """Interview notes: one statement per line (list marks, emphasis and enclosing quotes dropped).

    "Name (role): ...", "CFO: ...", "**Tom:** ..." name the speaker of a line; a heading or a line
    that is only such a label ("## Maria Rossi (Head of Operations)") names the speaker of the lines
    below it. In a transcript, "Q:" lines (the interviewer's) are left out and "A:" marks are dropped.
    Other '#' lines are comments, as are blank lines and HTML comments. Before the first statement,
    labelled lines about the organisation ("Industry: ...", "Context: 40 projects, regulated") give
    the case's context and lines about the meeting ("Date: ...", "Attendees: ...") are left out
    (see :mod:`advisor.note_headers`)."""
    default: Speaker = ("stakeholder", "project_team_members")
    current = default
    speakers: dict[Speaker, list[str]] = {}
    context: dict[str, Any] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("<!--"):
            continue
        if line.startswith("#"):
            heading = _HEADING.match(line)
            found = speaker_of(heading["label"]) if heading else None
            current = found or current
            continue
        line = _LIST_MARK.sub("", line).strip()
        who: Speaker | None = None
        if not speakers:  # the header: what the notes say of the organisation and the meeting
            labelled = _BOLD_LABEL.match(line) or _LABEL.match(line)
            if labelled and speaker_of(labelled["label"]) is None:
                facts = header_context(labelled["label"], labelled["text"].replace("**", ""))
                if facts is not None:
                    context.update(facts)
                    continue
        bold = _BOLD_LABEL.match(line)
        if bold:
            label = bold["label"].strip()
            who, line = speaker_of(label) or (label, "project_team_members"), bold["text"]
        else:
            labelled = _LABEL.match(line)
            label = labelled["label"].strip() if labelled else ""
            if label.lower() in _INTERVIEWER_LABELS:  # the consultant's question is not a stakeholder's statement
                continue
            who = speaker_of(label) if label else None
            if who is not None or label.lower() in _ANSWER_LABELS:
                line = labelled["text"]  # type: ignore[index]
        line = _unquote(line.replace("**", ""))
        if not line:  # a label on a line of its own names the speaker of the lines below
            current = who or current
            continue
        speakers.setdefault(who or current, []).append(line)
    if not speakers:
        raise CaseError("no statements: every line is blank or a # comment", name, None)
    return new_case(case_id, Context.model_validate(context), [Stakeholder(name=n, role=r, statements=s, details={}) for (n, r), s in speakers.items()])
