"""Shared fixtures: one loaded advisor per test session, and the command line runner."""

from __future__ import annotations

import pytest

from support import run_cli


@pytest.fixture(scope="session")
def advisor():
    from advisor import Advisor

    return Advisor.default()


@pytest.fixture(scope="session")
def kb(advisor):
    return advisor.knowledge


@pytest.fixture
def cli():
    return run_cli
