"""Shared fixtures: one loaded advisor per test session, and paths to the project's data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def advisor():
    from advisor import Advisor

    return Advisor.default()


@pytest.fixture(scope="session")
def kb(advisor):
    return advisor.knowledge


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m advisor`` as a user would, capturing stdout and stderr separately."""
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli
