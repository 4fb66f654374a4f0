"""Retention (UK GDPR): how long each kind of record is kept, which are past it, and
destroying them once the Headteacher has confirmed.

The periods are the school's (Settings, the Headteacher's), each defaulting to
``policy.retention``. ``review()`` lists the records past their period today (by the
injected clock); ``destroy()`` deletes the chosen ones, with everything that hangs off them,
in one transaction, after checking again that each is still due, and writes one audit row
per record naming only its kind, number and period: never a name or a summary. The evidence
files go from the data folder once the deletion is committed (copies inside backups go as
the backups are rotated out).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from avenue_desk.policy.access import Operation
from avenue_desk.policy.retention import (
    KINDS,
    RecordKind,
    add_months,
    due_on,
    get_kind,
    period_label,
    period_problem,
)
from avenue_desk.policy.settings_registry import setting
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ServiceError, ValidationError
from avenue_desk.services.core.evidence_store import evidence_store
from avenue_desk.services.core.settings import read_setting, write_setting
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.incidents import compact
from avenue_desk.services.privacy.retention_kinds import (
    AUDIT_ENTITY,
    CANDIDATES,
    REMOVE,
    StoredFile,
    unlink_accounts,
)

CHUNK = 500  # ids per DELETE (SQLite's limit on bound values is far above)
AUDIT_ACTION = "destroy"


@dataclass(frozen=True)
class RetentionPeriod:
    kind: str
    label: str
    months: int
    default_months: int
    counted_from: str
    source: str

    @property
    def period_label(self) -> str:
        return period_label(self.months)


@dataclass(frozen=True)
class DueRecord:
    kind: str
    record_id: int
    reference: str
    counted_from: date  # closed on, outcome on, signed on, last changed
    due_on: date  # the first day past its period
    evidence_files: int

    @property
    def key(self) -> str:
        """"incident:12": how the command line names it."""
        return record_key(self.kind, self.record_id)

    @property
    def kind_label(self) -> str:
        return get_kind(self.kind).short_label


@dataclass(frozen=True)
class DestructionResult:
    records: int
    evidence_files: int  # removed from the evidence folder
    files_left: tuple[str, ...] = ()  # could not be removed (open in another program)


def record_key(kind: str, record_id: int) -> str:
    return f"{kind}:{record_id}"


def parse_key(text: str) -> tuple[str, int]:
    """ "incident:12" -> ("incident", 12); a ServiceError in words otherwise."""
    kind, _, number = text.strip().partition(":")
    if kind not in CANDIDATES or not number.isdigit():
        raise ServiceError(f"“{text}” is not a record as the review lists it (like "
                           f"incident:12; the kinds are {', '.join(CANDIDATES)}).")
    return kind, int(number)


class RetentionService:
    def __init__(self, db: Database, clock, guard, audit):
        self._db = db
        self._clock = clock
        self._guard = guard
        self._audit = audit

    # --- the periods -------------------------------------------------------------------

    def periods(self) -> list[RetentionPeriod]:
        self._guard.require(Operation.RETENTION_REVIEW)
        return self._periods()

    def _periods(self) -> list[RetentionPeriod]:
        with self._db.read() as session:
            months = {k.key: _months(read_setting(session, setting(k.setting_key)), k)
                      for k in KINDS}
        return [RetentionPeriod(k.key, k.label, months[k.key], k.default_months,
                                k.counted_from, k.source) for k in KINDS]

    def save_periods(self, months: dict[str, int]) -> list[RetentionPeriod]:
        """The school's own periods (months, by kind); kinds not given keep theirs."""
        actor = self._guard.require(Operation.SETTINGS_EDIT)
        errors = {}
        for key, value in months.items():
            try:
                get_kind(key)
            except ValueError as error:
                errors[key] = str(error)
                continue
            if problem := period_problem(value):
                errors[key] = problem
        if errors:
            raise ValidationError(errors)
        before = {p.kind: p.months for p in self._periods()}
        changed = {k: v for k, v in months.items() if before[k] != v}
        if not changed:
            return self._periods()
        with self._db.begin() as session:
            for key, value in changed.items():
                write_setting(session, setting(get_kind(key).setting_key), value)
            words = "; ".join(f"{get_kind(k).noun.lower()}s {period_label(before[k])} -> "
                              f"{period_label(v)}" for k, v in changed.items())
            self._audit.record(session, actor, "settings", "setting", None,
                               f"Retention periods changed: {words}")
        return self._periods()

    # --- the review ---------------------------------------------------------------------

    def review(self) -> list[DueRecord]:
        """Every record past its period today, kind by kind, the longest overdue first."""
        self._guard.require(Operation.RETENTION_REVIEW)
        with self._db.read() as session:
            return self._due(session)

    def _due(self, session) -> list[DueRecord]:
        today = self._clock.today()
        found = []
        for period in self._periods():
            for c in CANDIDATES[period.kind](session, _counted_until(today, period.months)):
                due = due_on(c.counted_from, period.months)
                if due <= today:
                    found.append(DueRecord(period.kind, c.record_id, c.reference,
                                           c.counted_from, due, c.evidence_files))
        found.sort(key=lambda r: (_ORDER[r.kind], r.due_on, r.record_id))
        return found

    # --- destruction --------------------------------------------------------------------

    def destroy(self, keys: Iterable[tuple[str, int]]) -> DestructionResult:
        """Destroys the chosen records (``(kind, id)`` pairs from ``review()``), all or
        none: if any is no longer due (a case reopened, a period lengthened), nothing is."""
        actor = self._guard.require(Operation.RETENTION_DESTROY)
        chosen = list(dict.fromkeys((kind, int(i)) for kind, i in keys))
        if not chosen:
            return DestructionResult(0, 0)
        periods = {p.kind: p for p in self._periods()}
        with self._db.begin() as session:
            _secure_delete(session)
            due = {(r.kind, r.record_id): r for r in self._due(session)}
            missing = [record_key(*k) for k in chosen if k not in due]
            if missing:
                raise ServiceError(
                    f"Nothing was destroyed: {', '.join(missing[:10])}"
                    f"{' and others' if len(missing) > 10 else ''} "
                    f"{'is' if len(missing) == 1 else 'are'} not past the retention period "
                    "(or no longer exist). Review the list again.")
            self._unlink_accounts(session, actor, [i for k, i in chosen if k == "person"])
            files: list[StoredFile] = []
            for kind in CANDIDATES:
                ids = [i for k, i in chosen if k == kind]
                for start in range(0, len(ids), CHUNK):
                    files += REMOVE[kind](session, ids[start:start + CHUNK])
            # On a server the files' bytes go with the rows, in this transaction.
            evidence_store(self._db).forget(session, [f.name for f in files])
            for kind, record_id in chosen:
                self._audit.record(session, actor, AUDIT_ACTION, AUDIT_ENTITY[kind], record_id,
                                   audit_summary(get_kind(kind), record_id, periods[kind],
                                                 due[(kind, record_id)].counted_from))
        self._erase_traces()
        left = remove_files(self._db.paths, files)
        removed = sum(1 for f in files if f.name not in left)
        return DestructionResult(len(chosen), removed, tuple(left))

    def _unlink_accounts(self, session, actor, person_ids: list[int]) -> None:
        """A destroyed person's social media accounts are "not yet known" again, each on
        the trail as a link undone (by number: the trail keeps no destroyed name)."""
        now = self._clock.now()
        for start in range(0, len(person_ids), CHUNK):
            for account_id, person_id in unlink_accounts(
                    session, person_ids[start:start + CHUNK], now):
                self._audit.record(session, actor, "link", "social_account", account_id,
                                   f"Social media account {account_id} no longer linked to "
                                   f"person {person_id}, whose record was destroyed at the "
                                   "end of its retention period: not yet known")

    def _erase_traces(self) -> None:
        """Deleted rows stay readable in SQLite's free pages, its write-ahead log and the
        search index's segments: overwritten here (``secure_delete``, the index merged, the
        log folded back into the file and emptied)."""
        if not self._db.is_sqlite:
            return
        with self._db.begin() as session:
            _secure_delete(session)
            compact(session)
        with self._db.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _secure_delete(session) -> None:
    """Deleted content overwritten with zeros on this connection (SQLite only)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))


def audit_summary(kind: RecordKind, record_id: int, period: RetentionPeriod,
                  counted_from: date) -> str:
    """What the trail keeps of a destroyed record: its kind, number and period, no more."""
    return (f"{kind.noun} {record_id} destroyed at the end of its retention period "
            f"({kind.short_label.lower()}: {period.period_label} from "
            f"{uk_date(counted_from)})")


def remove_files(paths, files: list[StoredFile]) -> list[str]:
    """The evidence files of destroyed records, their read-only viewing copies, and folders
    left empty; returns the names that could not be removed (the check then lists them as
    files no record refers to)."""
    evidence_dir: Path = paths.evidence_dir
    viewing: Path = paths.data_dir / "viewing"
    left = []
    for stored in files:
        for copy in viewing.glob(f"{stored.viewing_prefix}*") if viewing.is_dir() else ():
            try:
                copy.chmod(0o600)
                copy.unlink()
            except OSError:
                left.append(copy.relative_to(paths.data_dir).as_posix())
        path = evidence_dir / stored.name
        try:
            path.unlink(missing_ok=True)
        except OSError:
            left.append(stored.name)
            continue
        try:
            if path.parent != evidence_dir and not any(path.parent.iterdir()):
                os.rmdir(path.parent)
        except OSError:
            pass  # not empty after all, or in use: harmless
    return left


_ORDER = {k.key: n for n, k in enumerate(KINDS)}


def _counted_until(today: date, months: int) -> date:
    """A date no record due today can be counted from after: the candidates' SQL leaves the
    later ones out, and ``_due`` decides exactly. The period ends on the same day of the
    month, or the month's last (``policy.retention.add_months``): a record counted from up
    to three days after ``today`` less the period can be due, so a week is allowed."""
    return add_months(today, -months) + timedelta(days=7)


def _months(stored: object, kind: RecordKind) -> int:
    """The stored period, or the default when what is stored is not a period allowed."""
    return stored if not period_problem(stored) else kind.default_months
