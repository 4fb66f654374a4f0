"""Course of conduct: the other incidents by the same person or the same account.

Harassment is a course of conduct (two or more linked incidents), so the pattern is the
evidence. "The same poster" is the same person on the record, or the same social media
account; an account linked to a person counts as that person, so an incident posted as
"@angrymum_av" and one logged against Gareth Smith are one course once the account is
linked to him. The incident editor shows the course, and the police pack lists it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from avenue_desk.store.models import Incident, SocialAccount

STAGE_LABELS = {"new": "New", "informal": "Informal stage", "meeting": "Meeting stage",
                "escalated": "Escalated", "closed": "Closed"}


def stage_label(phase: str) -> str:
    return STAGE_LABELS.get(phase, phase)


@dataclass(frozen=True)
class CourseLine:
    """One other incident in the course, as the incident editor lists it."""

    id: int
    posted_on: date
    platform: str
    phase: str
    summary: str
    by_person: bool  # the same person (on the record, or through a linked account)
    by_account: bool  # the same account

    @property
    def stage(self) -> str:
        return stage_label(self.phase)

    @property
    def why(self) -> str:
        if self.by_person and self.by_account:
            return "same person and account"
        return "same person" if self.by_person else "same account"


@dataclass(frozen=True)
class _Poster:
    id: int
    poster_id: int | None
    account_id: int | None
    account_person: int | None

    @property
    def person(self) -> int | None:
        """Who posted it: the poster on the record, else the person its account is."""
        return self.poster_id or self.account_person


def _posters(session: Session, condition) -> list[_Poster]:
    rows = session.execute(
        select(Incident.id, Incident.poster_id, Incident.account_id, SocialAccount.person_id)
        .outerjoin(SocialAccount, SocialAccount.id == Incident.account_id)
        .where(condition))
    return [_Poster(*row) for row in rows]


def course_ids(session: Session, incident_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    """For each incident, the other incidents in its course (by id, oldest id first)."""
    wanted = sorted(set(incident_ids))
    mine: list[_Poster] = []
    for first in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
        mine += _posters(session, Incident.id.in_(wanted[first:first + 500]))
    people = {p.person for p in mine if p.person}
    accounts = {p.account_id for p in mine if p.account_id}
    if people:
        accounts |= set(session.scalars(select(SocialAccount.id).where(
            SocialAccount.person_id.in_(people))))
    if not people and not accounts:
        return {i: () for i in wanted}
    found = _posters(session, or_(Incident.poster_id.in_(people),
                                  Incident.account_id.in_(accounts)))
    course = {}
    for p in mine:
        course[p.id] = tuple(sorted(
            other.id for other in found if other.id != p.id and _same_course(p, other)))
    return {i: course.get(i, ()) for i in wanted}


def _same_course(one: _Poster, other: _Poster) -> bool:
    by_person = one.person is not None and one.person in (other.poster_id, other.account_person)
    by_account = one.account_id is not None and one.account_id == other.account_id
    return by_person or by_account


def course_lines(session: Session, incident_id: int) -> tuple[CourseLine, ...]:
    """The other incidents in this one's course, oldest first."""
    ids = course_ids(session, [incident_id]).get(incident_id, ())
    if not ids:
        return ()
    mine = _posters(session, Incident.id == incident_id)[0]
    others = {p.id: p for p in _posters(session, Incident.id.in_(ids))}
    rows = session.execute(
        select(Incident.id, Incident.posted_on, Incident.platform, Incident.phase,
               Incident.summary, Incident.excerpt)
        .where(Incident.id.in_(ids)).order_by(Incident.posted_on, Incident.id))
    lines = []
    for number, posted_on, platform, phase, summary, excerpt in rows:
        other = others[number]
        by_person = mine.person is not None and mine.person in (other.poster_id,
                                                                 other.account_person)
        by_account = mine.account_id is not None and mine.account_id == other.account_id
        lines.append(CourseLine(number, posted_on, platform, phase,
                                first_line(summary or excerpt), by_person, by_account))
    return tuple(lines)


def first_line(text: str, limit: int = 160) -> str:
    line = (text or "").strip().split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"
