"""Backup file names, and which backups to keep (grandfather-father-son).

Pure functions over dates: no files are touched here, so a whole year of backups can be
simulated in a test in a moment.

The rule (the same as restic's and borg's "keep the last of each period"): keep the newest
backup of each of the last 12 days that have one, of each of the last 10 weeks, and of each
of the last 9 months. A backup kept by one rule is kept; the rest may be deleted. So about a
year of history survives in at most 31 files, dense for recent weeks and sparse further back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

PREFIX = "avenue-desk-backup-"
SUFFIX = ".zip"
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^avenue-desk-backup-(\d{8}-\d{6})(?:-(\d+))?\.zip$")


@dataclass(frozen=True)
class Rotation:
    daily: int = 12
    weekly: int = 10
    monthly: int = 9


DEFAULT_ROTATION = Rotation()

def local_time(utc_naive: datetime) -> datetime:
    """The clock's naive UTC time as the office's wall-clock time (what file names show)."""
    return utc_naive.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def backup_name(local: datetime, serial: int = 1) -> str:
    """``avenue-desk-backup-20261121-093000.zip``; a second one in the same second gets -2."""
    extra = f"-{serial}" if serial > 1 else ""
    return f"{PREFIX}{local.strftime(STAMP)}{extra}{SUFFIX}"


def stamp_of(name: str) -> datetime | None:
    """The wall-clock time in a backup's file name, or None for any other file."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), STAMP)
    except ValueError:
        return None


def _day(when: datetime) -> Hashable:
    return when.date()


def _week(when: datetime) -> Hashable:
    year, week, _ = when.isocalendar()
    return year, week


def _month(when: datetime) -> Hashable:
    return when.year, when.month


def to_keep(stamps: Iterable[datetime], rotation: Rotation = DEFAULT_ROTATION) -> set[datetime]:
    """The backup times to keep; every other time in ``stamps`` may be deleted."""
    newest_first = sorted(set(stamps), reverse=True)
    keep: set[datetime] = set()
    rules: tuple[tuple[Callable[[datetime], Hashable], int], ...] = (
        (_day, rotation.daily), (_week, rotation.weekly), (_month, rotation.monthly),
    )
    for period_of, count in rules:
        periods: set[Hashable] = set()
        for stamp in newest_first:
            period = period_of(stamp)
            if period in periods:
                continue
            if len(periods) == count:
                break
            periods.add(period)
            keep.add(stamp)  # the newest backup of this period
    return keep


def to_delete(names: Iterable[str], rotation: Rotation = DEFAULT_ROTATION) -> list[str]:
    """Backup file names the rotation lets go; names that are not backups are never listed."""
    stamped = {name: stamp_of(name) for name in names}
    stamped = {name: stamp for name, stamp in stamped.items() if stamp is not None}
    kept = to_keep(stamped.values(), rotation)
    return sorted(name for name, stamp in stamped.items() if stamp not in kept)
