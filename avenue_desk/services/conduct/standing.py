"""Where one person stands with the code of conduct: pure rules over what they have signed.

Used by the acknowledgement service (what must this person acknowledge now?) and by the
register (everyone's status). The date is always passed in, never read from the clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from avenue_desk.policy import conduct as code
from avenue_desk.policy.settings_registry import CONDUCT_DUE_SOON_DAYS, CONDUCT_RENEWAL_MONTHS
from avenue_desk.services.conduct.records import (
    CHANGED,
    CURRENT,
    DUE_SOON,
    NEVER,
    OVERDUE,
    YES,
    ConductPeriods,
)

CODE_ROLES = ("staff", "volunteer", "governor")


@dataclass
class Signed:
    """One completed acknowledgement, reduced to what a status needs."""

    id: int
    scope: str  # "full" / "changes"
    signed_on: date
    completed_at: datetime
    on_paper: bool = False
    versions: dict[str, str] = field(default_factory=dict)  # item key -> version accepted
    answers: dict[str, str] = field(default_factory=dict)  # item key -> answer


@dataclass(frozen=True)
class Standing:
    status: str
    last_full: Signed | None
    renewal_due: date | None
    changed_keys: tuple[str, ...]  # items new or reworded since the last full acknowledgement
    failed_keys: tuple[str, ...]  # checks whose latest answer needs putting right
    renewal_near: bool = False  # within the "due soon" window (or past it)

    @property
    def scope(self) -> str:
        """What to acknowledge next: only the changed items, or (renewal) everything."""
        return "changes" if self.status == CHANGED and not self.renewal_near else "full"

    @property
    def required_keys(self) -> tuple[str, ...]:
        if self.scope == "changes":
            return self.changed_keys
        return tuple(i.key for i in code.conduct_items())


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))


def since_last_full(signed: Sequence[Signed]) -> list[Signed]:
    """The last full acknowledgement and every later one (oldest first), or []."""
    ordered = sorted(signed, key=lambda s: (s.signed_on, s.completed_at, s.id))
    fulls = [i for i, s in enumerate(ordered) if s.scope == "full"]
    return ordered[fulls[-1]:] if fulls else []


def standing(signed: Sequence[Signed], today: date, periods: ConductPeriods) -> Standing:
    recent = since_last_full(signed)
    versions: dict[str, str] = {}
    answers: dict[str, str] = {}
    for ack in recent:  # later acknowledgements override earlier ones
        versions.update(ack.versions)
        answers.update(ack.answers)
    items = code.conduct_items()
    changed = tuple(i.key for i in items if versions.get(i.key) != i.version)
    failed = tuple(i.key for i in items
                   if i.key in answers and i.is_failure(answers[i.key] == YES))
    if not recent:
        return Standing(NEVER, None, None, changed, ())
    last_full = recent[0]
    due = add_months(last_full.signed_on, periods.renewal_months)
    near = today >= due - timedelta(days=periods.due_soon_days)
    if today > due:
        status = OVERDUE
    elif changed:
        status = CHANGED
    elif near:
        status = DUE_SOON
    else:
        status = CURRENT
    return Standing(status, last_full, due, changed, failed, near)


def load_periods(settings) -> ConductPeriods:
    """The renewal period and "due soon" window from the school's settings."""
    found = settings.get_all((CONDUCT_RENEWAL_MONTHS, CONDUCT_DUE_SOON_DAYS))
    return ConductPeriods(found[CONDUCT_RENEWAL_MONTHS], found[CONDUCT_DUE_SOON_DAYS])


def save_periods(settings, periods: ConductPeriods, summary: str) -> ConductPeriods:
    """Both periods, checked by the registry and stored with one audit row (``summary``) in
    one transaction."""
    settings.change({CONDUCT_RENEWAL_MONTHS: periods.renewal_months,
                     CONDUCT_DUE_SOON_DAYS: periods.due_soon_days}, summary)
    return load_periods(settings)
