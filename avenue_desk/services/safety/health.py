"""The weekly full health check the app runs by itself (``avenue-desk check`` runs it on demand).

SQLite's quick check runs at every start (``services/core/database.py``); the full check (the
integrity check, every link between records, the search index and every evidence file's
hash: ``services/safety/integrity.py``) reads everything, so the app runs it once a week, in the
background, and only speaks up when something is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from avenue_desk.policy.access import Operation
from avenue_desk.policy.settings_registry import FULL_CHECK_ON, FULL_CHECK_RESULT
from avenue_desk.services.safety.integrity import CheckReport, run_check

EVERY = timedelta(days=7)


def last_full_check(services) -> date | None:
    return services.settings.get(FULL_CHECK_ON)


def full_check_due(services) -> bool:
    if services.db.read_only:
        return False  # already known to be damaged; the app has said so
    if not services.guard.allowed(Operation.CHECK):
        return False  # a governor's or staff account: the next office sign-in runs it
    last = last_full_check(services)
    return last is None or services.clock.today() - last >= EVERY


def run_full_check(services, progress: Callable[[int, int], None] | None = None) -> CheckReport:
    """The full check, with today's date and the verdict remembered in the settings."""
    report = run_check(services, progress)
    services.settings.set_value(FULL_CHECK_ON.key, services.clock.today())
    services.settings.set_value(FULL_CHECK_RESULT.key, "passed" if report.ok else "failed")
    return report
