"""The register: everyone the code applies to, and where each stands, on a given day.

Statuses: never acknowledged; overdue (past the renewal date); changed items to
acknowledge (an item was reworded since they signed); due soon (within the "due soon"
window before renewal); current. The renewal period and the window are settings.
"""

from __future__ import annotations

import os
import unicodedata
from collections import Counter

from sqlalchemy import select

from avenue_desk.policy import conduct as code
from avenue_desk.policy.access import Operation
from avenue_desk.services.conduct.acknowledgements import IN_PROGRESS, signed_history
from avenue_desk.services.conduct.records import (
    CHANGED,
    DUE_SOON,
    NEVER,
    OVERDUE,
    STATUSES,
    ConductPeriods,
    ConductReminder,
    RegisterQuery,
    RegisterRow,
)
from avenue_desk.services.conduct.standing import (
    CODE_ROLES,
    load_periods,
    save_periods,
    standing,
)
from avenue_desk.services.core.csvfiles import atomic_csv_writer
from avenue_desk.services.core.database import Database
from avenue_desk.services.core.errors import ValidationError
from avenue_desk.services.core.validation import name_key
from avenue_desk.store.models import ConductAcknowledgement, Person

CSV_COLUMNS = (
    "person_id", "name", "role", "status", "last_signed_on", "renewal_due", "signed_on_paper",
    "in_progress", "items_to_acknowledge", "checks_to_put_right",
)


def _labels(keys) -> tuple[str, ...]:
    labels = []
    for key in keys:
        try:
            labels.append(code.get_item(key).label)
        except ValueError:
            labels.append(key)
    return tuple(labels)


def _plain(text: str) -> str:
    """Case and accents set aside, so Ó sorts with O and not after Z."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sorting_surname(person: Person) -> str:
    """The surname the register sorts by: the one recorded, else the last word of the full
    name. Only for putting the list in order, never for addressing anyone: "the last word"
    is often not a surname (names written family name first, or with a suffix), which
    does no harm to an order but would to a letter."""
    recorded = (person.surname or "").strip()
    if recorded:
        return recorded
    words = person.full_name.split()
    return words[-1] if words else ""


def register_order(person: Person) -> tuple[str, str, int]:
    return _plain(sorting_surname(person)), _plain(person.full_name), person.id


class ConductRegisterService:
    """The register names everyone the code applies to: the office and the Headteacher."""

    def __init__(self, db: Database, clock, settings, guard, audit):
        self._db = db
        self._clock = clock
        self._settings = settings
        self._guard = guard
        self._audit = audit

    # --- settings ------------------------------------------------------------------------

    def periods(self) -> ConductPeriods:
        return load_periods(self._settings)

    def set_periods(self, periods: ConductPeriods) -> ConductPeriods:
        return save_periods(self._settings, periods,
                            f"Code of conduct renewed every {periods.renewal_months} months, "
                            f"reminders {periods.due_soon_days} days before")

    # --- the register --------------------------------------------------------------------

    def rows(self, query: RegisterQuery | None = None) -> list[RegisterRow]:
        """Everyone matching the query, by surname, with their status today."""
        self._guard.require(Operation.CONDUCT_REGISTER_VIEW)
        query = query or RegisterQuery()
        bad = [s for s in query.statuses if s not in STATUSES]
        if bad:
            raise ValidationError({"statuses": f"Unknown status: {', '.join(bad)}."})
        roles = tuple(r for r in query.roles if r in CODE_ROLES) or CODE_ROLES
        today, periods = self._clock.today(), self.periods()
        with self._db.read() as session:
            stmt = select(Person).where(Person.role.in_(roles))
            key = name_key(query.text)
            if key:
                stmt = stmt.where(Person.name_key.like(f"%{key}%"))
            people = sorted(session.scalars(stmt), key=register_order)
            history = signed_history(session, [p.id for p in people])
            started = set(session.scalars(
                select(ConductAcknowledgement.person_id)
                .where(ConductAcknowledgement.status == IN_PROGRESS)
            ))
        rows = []
        for person in people:
            found = standing(history.get(person.id, []), today, periods)
            if query.statuses and found.status not in query.statuses:
                continue
            last = found.last_full
            changed = found.changed_keys if found.status == CHANGED else ()
            rows.append(RegisterRow(
                person_id=person.id, full_name=person.full_name, role=person.role,
                status=found.status, last_signed_on=last.signed_on if last else None,
                renewal_due=found.renewal_due, changed_items=_labels(changed),
                failed_checks=_labels(found.failed_keys), in_progress=person.id in started,
                on_paper=bool(last and last.on_paper),
            ))
        return rows

    def counts(self) -> Counter:
        """How many people have each status."""
        return Counter(row.status for row in self.rows())

    def reminder(self) -> ConductReminder:
        """For the home view: who needs chasing."""
        counts = self.counts()
        return ConductReminder(overdue=counts[OVERDUE], never=counts[NEVER],
                               changed=counts[CHANGED], due_soon=counts[DUE_SOON],
                               total=sum(counts.values()))

    def export_csv(self, path: str | os.PathLike, query: RegisterQuery | None = None) -> int:
        """Writes the register to a CSV file Excel opens (replaced only once complete)."""
        actor = self._guard.require(Operation.DATA_EXPORT)
        rows = self.rows(query)
        with atomic_csv_writer(path) as writer:
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow((
                    row.person_id, row.full_name, row.role, row.status_label,
                    row.last_signed_on.isoformat() if row.last_signed_on else "",
                    row.renewal_due.isoformat() if row.renewal_due else "",
                    "yes" if row.on_paper else "no", "yes" if row.in_progress else "no",
                    "; ".join(row.changed_items), "; ".join(row.failed_checks),
                ))
        self._audit.record_now(actor, "export", "conduct_register", None,
                               f"Code of conduct register ({len(rows)} people) exported to CSV")
        return len(rows)
