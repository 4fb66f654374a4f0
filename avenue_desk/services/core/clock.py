"""The time, passed in so that tests can say what day it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime


class SystemClock:
    def now(self) -> datetime:
        # Stored naive, in UTC: SQLite has no time zones and PostgreSQL must agree.
        return datetime.now(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return date.today()


@dataclass
class FixedClock:
    """A clock that stands still until told to move (for tests and screenshots)."""

    current: datetime = field(default_factory=lambda: datetime(2026, 11, 21, 9, 0))

    def now(self) -> datetime:
        return self.current

    def today(self) -> date:
        return self.current.date()

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current += timedelta(**delta)
