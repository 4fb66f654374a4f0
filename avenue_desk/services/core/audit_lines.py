"""The audit trail as the Audit screen shows it: names where the rows keep numbers, and a
run of checklist saves as one line.

The rows never change (triggers refuse it and ``audit_chain`` would find it), and they name
people by number on purpose: a name written into a row that can never be deleted would
outlive the person's records (retention, subject access). So the names are looked up when
the trail is read: the person's name and the account's name as the school holds them now;
a record destroyed since reads "person 12 (no longer held)".

Before part 9 the checklist wrote a row at every step ("Code of conduct checklist progress
saved"), two thirds of a school's trail in its first week. It now writes one when a
checklist is started or taken up again later, and when it is signed. The rows already
written stay, every one of them, and are only shown folded: consecutive saves by the same
account on the same acknowledgement read "… (12 times, 09:02–09:14)". The CSV export keeps
every row as stored.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from avenue_desk.store.models import Person
from avenue_desk.store.models_accounts import AuditEntry, User

FOLDED_SUMMARY = "Code of conduct checklist progress saved"
FOLDED_ENTITY = "acknowledgement"
_PERSON = re.compile(r"\bperson (\d+)\b")
NO_LONGER_HELD = "no longer held"


def _folds(entry):
    return and_(entry.entity == FOLDED_ENTITY, entry.summary.like(FOLDED_SUMMARY + "%"))


def _carries_on(later, earlier, find_later: bool = False):
    """``later`` is a checklist save straight after ``earlier``, one of the same account on
    the same acknowledgement: the two read as one line.

    "Straight after" is the next id: rows are never deleted, so ids follow on (a gap, if a
    restore ever left one, only means two lines where one would do). A filter that leaves
    ``earlier`` out starts a new line at ``later``: ``conditions`` are applied to both.
    ``find_later``: the query looks ``later`` up from ``earlier`` (the id written so that
    the primary key finds it).
    """
    next_one = later.id == earlier.id + 1 if find_later else earlier.id == later.id - 1
    return and_(next_one, _folds(later), _folds(earlier),
                earlier.username == later.username, earlier.entity_id == later.entity_id)


def count_lines(session: Session, conditions) -> int:
    """How many lines the rows matching ``conditions(entry)`` make."""
    rows = session.scalar(select(func.count(AuditEntry.id)).where(*conditions(AuditEntry)))
    later, earlier = aliased(AuditEntry), aliased(AuditEntry)
    carried = session.scalar(
        select(func.count(later.id)).join(earlier, _carries_on(later, earlier))
        .where(*conditions(later), *conditions(earlier)))
    return rows - carried


def line_heads(session: Session, conditions, offset: int, limit: int
               ) -> list[tuple[int, int, datetime]]:
    """Newest first: each line's newest row id, how many rows it folds, its oldest time.

    A line ends at a row no matching row carries on from; the rows between two such ends
    are the later one's line, so one more end than the page shows says where it begins.
    """
    entry, successor = AuditEntry, aliased(AuditEntry)
    carried_on = exists(select(successor.id).where(_carries_on(successor, entry, True),
                                                   *conditions(successor)))
    ends = list(session.scalars(
        select(entry.id).where(*conditions(entry), ~carried_on)
        .order_by(entry.id.desc()).offset(offset).limit(limit + 1)))
    shown, beyond = ends[:limit], (ends[limit] if len(ends) > limit else None)
    if not shown:
        return []
    spanned = select(entry.id, entry.at).where(*conditions(entry), entry.id <= shown[0])
    if beyond is not None:
        spanned = spanned.where(entry.id > beyond)
    heads, lines = set(shown), {end: [0, None] for end in shown}
    current = None
    for row_id, at in session.execute(spanned.order_by(entry.id.desc())):
        if row_id in heads:
            current = lines[row_id]
        current[0] += 1
        current[1] = at  # ascending backwards: the last seen is the oldest
    return [(end, count, first) for end, (count, first) in lines.items()]


class Names:
    """The people and accounts a page of rows (``AuditRow``) mentions, read in two
    queries."""

    def __init__(self, session: Session, rows):
        people: set[int] = set()
        accounts = {row.user_id for row in rows if row.user_id is not None}
        for row in rows:
            people.update(int(n) for n in _PERSON.findall(row.summary))
            if row.entity_id and row.entity_id.isdigit():
                if row.entity == "person":
                    people.add(int(row.entity_id))
                elif row.entity == "user":
                    accounts.add(int(row.entity_id))
        self._people = dict(session.execute(
            select(Person.id, Person.full_name).where(Person.id.in_(people))).all()) \
            if people else {}
        self._accounts = dict(session.execute(
            select(User.id, User.display_name).where(User.id.in_(accounts))).all()) \
            if accounts else {}

    def person(self, person_id: int) -> str:
        name = self._people.get(person_id)
        return name if name else f"person {person_id} ({NO_LONGER_HELD})"

    def account(self, user_id: int | None) -> str:
        return self._accounts.get(user_id, "") if user_id is not None else ""

    def summary(self, text: str) -> str:
        return _PERSON.sub(lambda match: self.person(int(match.group(1))), text)

    def record(self, row) -> str:
        if not (row.entity_id and row.entity_id.isdigit()):
            return ""
        if row.entity == "person":
            return self.person(int(row.entity_id))
        if row.entity == "user":
            return self._accounts.get(int(row.entity_id), "")
        return ""
