"""Shared fixtures: a fresh data folder with a real SQLite file for every test."""

from __future__ import annotations

import os
from datetime import datetime

import pytest

# Qt must never try to open a real display in tests (with no DISPLAY it would abort).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from avenue_desk.paths import AppPaths  # noqa: E402
from avenue_desk.services.clock import FixedClock  # noqa: E402
from avenue_desk.services.container import Services, open_services  # noqa: E402


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths(tmp_path / "Avenue Desk")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 21, 9, 30))


@pytest.fixture
def services(paths, clock) -> Services:
    opened = open_services(paths, clock)
    yield opened
    opened.close()
