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


class HealthService:
    """The integrity check on demand (``check``) and the weekly full check.

    ``safety/integrity.py`` does the checking, handed this service for what it reads: the
    ``db`` (and its ``paths``), ``guard``, ``audit`` and both kinds of evidence."""

    def __init__(self, db, clock, guard, audit, settings, evidence, breach_evidence):
        self.db = db
        self.paths = db.paths
        self.clock = clock
        self.guard = guard
        self.audit = audit
        self.settings = settings
        self.evidence = evidence
        self.breach_evidence = breach_evidence

    def check(self, progress: Callable[[int, int], None] | None = None) -> CheckReport:
        """The full check now, as ``avenue-desk check`` runs it (nothing remembered)."""
        return run_check(self, progress)

    def last_full_check(self) -> date | None:
        return self.settings.get(FULL_CHECK_ON)

    def full_check_due(self) -> bool:
        if self.db.read_only:
            return False  # already known to be damaged; the app has said so
        if not self.guard.allowed(Operation.CHECK):
            return False  # a governor's or staff account: the next office sign-in runs it
        last = self.last_full_check()
        return last is None or self.clock.today() - last >= EVERY

    def run_full_check(self, progress: Callable[[int, int], None] | None = None) -> CheckReport:
        """The full check, with today's date and the verdict remembered in the settings."""
        report = run_check(self, progress)
        self.settings.set_value(FULL_CHECK_ON.key, self.clock.today())
        self.settings.set_value(FULL_CHECK_RESULT.key, "passed" if report.ok else "failed")
        return report
