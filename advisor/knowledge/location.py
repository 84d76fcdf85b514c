"""Where the built-in knowledge lives (kept tiny: every run needs it, even one served from the cache)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "PMO_ADVISOR_KNOWLEDGE"


def default_knowledge_dir() -> Path:
    """The built-in knowledge: an override, the installed package data, or the checkout."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "_knowledge"
    if installed.is_dir():
        return installed
    return package_dir.parent / "knowledge"
