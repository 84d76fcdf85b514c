"""Text helpers: wrapping with a hanging indent, so continuation lines line up under the text."""

from __future__ import annotations

import textwrap
from typing import Iterable

from rich.table import Table
from textual.content import Content

Part = tuple[str, str]


def hanging(prefix: list[Part], text: str, style: str, width: int, indent: int) -> Content:
    """``prefix`` then ``text`` wrapped to ``width``, continuation lines indented by ``indent``."""
    lines = textwrap.wrap(text, max(width - indent, 10)) or [""]
    parts: list[Part | str] = [*prefix, (lines[0], style)]
    for line in lines[1:]:
        parts += ["\n" + " " * indent, (line, style)]
    return Content.assemble(*parts)


def aligned_rows(items: Iterable[tuple[str, str]], marker_style: str = "bold", text_style: str = "",
                 marker_width: int | None = None) -> Table:
    """A Rich grid of (marker, text) rows: a short marker (a key, a factor, a bullet) and text wrapping beside it."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=1)
    grid.add_column(no_wrap=True, style=marker_style, min_width=marker_width)
    grid.add_column(ratio=1, style=text_style)
    for marker, text in items:
        grid.add_row("", marker, text)
    return grid
