"""The demo school: a realistic, entirely fictional school to try the desk on.

``fill_demo`` fills an empty database with people, three school years of incidents and a
few screenshots. It is fast enough for 100,000 incidents because it writes plain rows with
ids it assigns itself, in bulk, inside one transaction; the histories still obey the
policy's escalation rules (see demo_incidents.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import insert, select, text

from avenue_desk.demo.evidence import attach_screenshots, report_to_platform
from avenue_desk.demo.incidents import Batch, IncidentMaker, posting_days
from avenue_desk.demo.names import TOWN
from avenue_desk.demo.people import School, build_school
from avenue_desk.demo.social_accounts import add_social_accounts
from avenue_desk.policy.access import Operation
from avenue_desk.policy.settings_registry import (
    CHAIR_OF_GOVERNORS,
    COMPLAINTS_PROCEDURE,
    POLICY_EDITION,
    SCHOOL_EMAIL,
    SCHOOL_PHONE,
    SCHOOL_WEBSITE,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.school import SchoolSettings
from avenue_desk.services.core.validation import name_key
from avenue_desk.services.incidents import edition_for, index_many
from avenue_desk.store.models import (
    Action,
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    PersonLink,
    Setting,
)

SCHOOL_NAME = "Elm Grove Primary School (demo)"
SCHOOL_SHORT = "Elm Grove"
SCHOOL_ADDRESS = f"Linden Way\n{TOWN}\nAV4 2EG"
WEBSITE = "www.elmgrove.example.org"  # an example domain: nobody's real site
NOT_EMPTY = (
    "This database already holds records; the demo only fills an empty one. "
    "Use a new --data-dir."
)
CHUNK = 2_000  # incidents per bulk insert
SCREENSHOTS = 6  # recent incidents that get a mock screenshot
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoReport:
    school_name: str
    pupils: int
    adults: int  # parents, carers and relatives
    staff: int
    volunteers: int
    governors: int
    incidents: int
    actions: int
    evidence: int
    first_posted: date | None
    last_posted: date | None
    school_years: int

    def __str__(self) -> str:
        if self.incidents:
            years = _WORDS.get(self.school_years, str(self.school_years))
            plural = "s" if self.school_years != 1 else ""
            span = f"{_count(self.incidents, 'incident')} over {years} school year{plural}"
        else:
            span = "no incidents"
        return (
            f"Created the demo school '{self.school_name}': {self.pupils:,} pupils, "
            f"{self.adults:,} parents and carers, {self.staff:,} staff, "
            f"{_count(self.volunteers, 'volunteer')}, {_count(self.governors, 'governor')}, "
            f"{span}."
        )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def school_year_start(day: date) -> date:
    """1 September of the school year ``day`` falls in."""
    return date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def fill_demo(services, incidents: int = 300, seed: int = 2021,
              progress: Progress | None = None) -> DemoReport:
    """Fills an empty database with the demo school; the same seed and day give the same data.

    Needs the Headteacher signed in (``demo_accounts.make_demo`` makes the demo's accounts
    and signs in first, on a database that has none).

    Raises:
        ServiceError: if the database already holds any person or incident.
    """
    services.guard.require(Operation.DEMO)
    if incidents < 0:
        raise ServiceError("The number of demo incidents must be 0 or more.")
    _check_empty(services)
    now = services.clock.now()
    today = now.date()
    start = date(school_year_start(today).year - 2, 9, 1)
    school = build_school(random.Random(f"avenue-desk demo people {seed}"))
    chair = next((g for g in school.governors if g.title == "Chair of Governors"), None)
    settings = services.settings.save(SchoolSettings(
        school_name=SCHOOL_NAME, address=SCHOOL_ADDRESS, head_name=school.head.name.full,
        policy_edition="avenue-2021", is_demo=True, set_up=True,
        extra={  # how parents reach the demo school: a drama number, an example domain
            SCHOOL_PHONE.key: "01632 960000", SCHOOL_EMAIL.key: "office@elmgrove.example.org",
            SCHOOL_WEBSITE.key: WEBSITE,
            CHAIR_OF_GOVERNORS.key: chair.formal if chair else "",
            COMPLAINTS_PROCEDURE.key: "on the school website, or from the school office",
        },
    ))
    rng = random.Random(f"avenue-desk demo incidents {seed}")
    days = posting_days(start, today, rng, incidents)
    joined = datetime.combine(start, time(8))
    recent: list[dict] = []
    action_id = 1
    with services.db.begin() as session:
        editions: dict[date, str] = {}
        # Held so the session's (weak) identity map keeps it: edition_for then reads the
        # school's chosen edition from memory instead of querying once per posting day.
        chosen_edition = session.get(Setting, POLICY_EDITION.key)

        def edition_of(day: date) -> str:
            if day not in editions:
                editions[day] = edition_for(session, day)
            return editions[day]

        session.execute(insert(Person.__table__), _person_rows(school, min(joined, now), now))
        session.execute(insert(PersonLink.__table__), [
            {"adult_id": a, "pupil_id": p, "relationship_label": label}
            for a, p, label in school.links
        ])
        maker = IncidentMaker(rng, school, now, SCHOOL_SHORT, TOWN, settings.follow_up_days,
                              edition_of)
        for first in range(0, incidents, CHUNK):
            batch = Batch([], [], [], [], [])
            for offset, posted_on in enumerate(days[first : first + CHUNK]):
                action_id = maker.make(first + offset + 1, posted_on, action_id, batch)
            _insert(session, batch)
            recent = batch.incidents[-SCREENSHOTS:]
            if progress is not None:
                progress(first + len(batch.incidents), incidents)
        del chosen_edition
        # The busiest posters' own accounts (part 10), from a generator of their own.
        add_social_accounts(session, random.Random(f"avenue-desk demo accounts {seed}"), now)
        _advance_sequences(session)
    # The newest incidents' screenshots, with their context; one report to the platform.
    office = school.staff_titled("Office manager") or school.staff
    evidence = attach_screenshots(services, recent, seed, office[0].name.full, WEBSITE)
    report_to_platform(services, seed)
    # A realistic code-of-conduct register: some current, some due, some never signed.
    from avenue_desk.demo.conduct import fill_conduct_demo

    fill_conduct_demo(services, random.Random(f"avenue-desk demo conduct {seed}"))
    if progress is not None and not incidents:
        progress(0, 0)
    return DemoReport(
        school_name=SCHOOL_NAME, pupils=len(school.pupils), adults=len(school.adults),
        staff=len(school.staff), volunteers=len(school.volunteers),
        governors=len(school.governors), incidents=incidents, actions=action_id - 1,
        evidence=evidence, first_posted=days[0] if days else None,
        last_posted=days[-1] if days else None,
        school_years=school_year_start(today).year - start.year + 1,
    )


def _check_empty(services) -> None:
    with services.db.read() as session:
        for model in (Person, Incident):
            if session.scalar(select(model.id).limit(1)) is not None:
                raise ServiceError(NOT_EMPTY)


def _person_rows(school: School, joined: datetime, now: datetime) -> list[dict]:
    """Everyone as if the school's MIS had listed them today (so retention keeps them)."""
    return [
        {
            "id": p.id, "full_name": p.name.full, "name_key": name_key(p.name.full),
            # The demo knows which words are which: its letters address people by them
            # (as an MIS export gives a parent's title, forename and surname).
            "title": _title(p), "forenames": p.name.given, "surname": p.name.family,
            "role": p.role, "class_name": p.class_name, "year_group": p.year_group,
            "email": p.email, "phone": p.phone, "address": p.address, "mis_id": p.mis_id,
            "notes": p.title, "created_at": joined, "updated_at": now,
        }
        for p in school.everyone
    ]


def _title(person) -> str:
    if person.honorific or person.role == "pupil":
        return person.honorific
    return "Ms" if person.name.female else "Mr"


def _insert(session, batch: Batch) -> None:
    """Plain executemany inserts: no ORM objects, no flush, ids already assigned."""
    for table, rows in ((Incident.__table__, batch.incidents),
                        (IncidentCategory.__table__, batch.categories),
                        (IncidentPerson.__table__, batch.people),
                        (Action.__table__, batch.actions)):
        if rows:
            session.execute(insert(table), rows)
    index_many(session, batch.search)


def _advance_sequences(session) -> None:
    """PostgreSQL hands out ids from sequences that explicit ids do not move: move them past
    the demo's rows, or the next incident the office logs would collide. (SQLite needs
    nothing: it takes the next id from the table itself.)"""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ("people", "incidents", "actions", "social_accounts"):
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
        ))
