"""Text helpers: wrapping with a hanging indent, so continuation lines line up under the text."""

from __future__ import annotations

import textwrap

from textual.content import Content

Part = tuple[str, str]


def hanging(prefix: list[Part], text: str, style: str, width: int, indent: int) -> Content:
    """``prefix`` then ``text`` wrapped to ``width``, continuation lines indented by ``indent``."""
    lines = textwrap.wrap(text, max(width - indent, 10)) or [""]
    parts: list[Part | str] = [*prefix, (lines[0], style)]
    for line in lines[1:]:
        parts += ["\n" + " " * indent, (line, style)]
    return Content.assemble(*parts)
