"""One golden file per output format: a change to the output contract shows up as a reviewed diff.

The golden case runs on a tiny, stable knowledge base (tests/data/kb-mini), so the files
change only when the output format or the engine changes, not when knowledge grows.
Regenerate after a deliberate change with:  UPDATE_GOLDEN=1 pytest tests/test_golden_formats.py
"""

from __future__ import annotations

import os

import pytest

from support import ROOT

GOLDEN = ROOT / "tests" / "golden"
CASE = ROOT / "tests" / "data" / "golden-case.yaml"
KB = ROOT / "tests" / "data" / "kb-mini"


@pytest.mark.parametrize("fmt, ext", [("json", "json"), ("jsonl", "jsonl"), ("markdown", "md"), ("html", "html")])
def test_golden(cli, fmt, ext):
    result = cli("diagnose", str(CASE), "--kb", str(KB), "--format", fmt)
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / f"golden-acme.{ext}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.exists(), f"missing {golden}: run UPDATE_GOLDEN=1 pytest {__file__}"
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"{fmt} output differs from {golden.name}; if the change is intended, "
        f"run UPDATE_GOLDEN=1 pytest tests/test_golden_formats.py and review the diff"
    )


def test_summary_golden(cli):
    result = cli("diagnose", str(CASE), str(CASE), "--kb", str(KB), "--format", "markdown", "--summary")
    assert result.returncode == 0, result.stderr
    golden = GOLDEN / "summary.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")
