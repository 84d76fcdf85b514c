"""The small parts: bars, symptom search, settled wording, key labels, the differential's deltas."""

from __future__ import annotations

import subprocess
import sys

from tui.screens.help import key_label
from tui.widgets import CauseRow, Differential, SymptomIndex, bar
from tui.widgets.question import settled_text


def test_bar_fills_in_eighths():
    assert bar(0.0, 4) == "    "
    assert bar(1.0, 4) == "████"
    assert bar(0.5, 4) == "██  "
    assert bar(1 / 32, 4) == "▏   "
    assert len(bar(0.37, 13)) == 13


def test_symptom_search_finds_names_words_and_typos(kb):
    index = SymptomIndex(kb)
    assert len(index.search("")) == len(kb.symptoms)
    for query in ("deadline", "missed deadlines", "budegt overun", "scope creep"):
        first = kb.symptoms[index.search(query)[0]].name.lower()
        assert any(word[:5] in first for word in query.replace("budegt", "budget").replace("overun", "overrun").split()), (query, first)
    assert index.search("zzzzqqq") == []
    heard = {"deadlines_missed": 1.0} if "deadlines_missed" in kb.symptoms else {}
    if heard:
        assert index.search("a completely different phrasing", heard=heard)[0] == "deadlines_missed"


def test_settled_wording():
    assert settled_text("settled: x leads clearly") == "✓ Diagnosis settled: x leads clearly."
    assert settled_text("question budget of 15 reached").startswith("✓ Enough questions")


def test_key_labels():
    assert key_label("f1,question_mark") == "F1 / ?"
    assert key_label("ctrl+n") == "Ctrl+N"
    assert key_label("a,enter") == "a / Enter"


def test_differential_shows_how_far_each_cause_moved():
    widget = Differential()
    widget.rows = (CauseRow("a", "A", 0.5), CauseRow("b", "B", 0.4))
    widget.watch_rows(widget.rows, (CauseRow("a", "A", 0.7), CauseRow("b", "B", 0.3)))
    assert str(widget._delta(CauseRow("a", "A", 0.7))).strip() == "▲20"
    assert str(widget._delta(CauseRow("b", "B", 0.3))).strip() == "▼10"


def test_the_library_and_the_batch_command_never_import_textual():
    code = "import advisor, advisor.batch, advisor.cli, sys; assert 'textual' not in sys.modules and 'tui' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
