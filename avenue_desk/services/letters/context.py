"""What a letter is built from, read from the database in a few queries.

Turns the school's settings, an incident, its poster (with the poster's children), its
timeline and its evidence into the plain records of ``avenue_desk.reports.context``. Many
incidents load together (a batch of 500 letters is a handful of queries, not thousands).
Evidence files are hashed again here, when the document is made, never trusted from before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from avenue_desk.policy import IncidentFacts, Phase, get_role
from avenue_desk.reports.context import (
    ActionLine,
    EvidenceItem,
    IncidentDetails,
    PersonDetails,
)
from avenue_desk.services.core.errors import ServiceError
from avenue_desk.services.core.evidence_files import sha256_of
from avenue_desk.services.core.evidence_store import problem_of
from avenue_desk.services.core.school import (  # noqa: F401 - callers' names
    EMAIL_KEY,
    LOGO_KEY,
    PHONE_KEY,
    SchoolSettings,
    school_details,
)
from avenue_desk.services.letters.platform_reports import load_platform_reports
from avenue_desk.services.letters.police import NO_COURSE, Course, load_courses
from avenue_desk.store.models import (
    ACTION_CURRENT,
    Action,
    Evidence,
    Incident,
    IncidentCategory,
    IncidentPerson,
    Person,
    PersonLink,
)

# Settings kept in SchoolSettings.extra (the settings table has room for any key).

STAFF_ROLES = frozenset({"staff", "volunteer", "governor"})


@dataclass(frozen=True)
class LetterContext:
    """One incident, ready to become any of its letters."""

    incident: IncidentDetails
    facts: IncidentFacts
    poster: PersonDetails | None
    poster_role: str | None
    actions: tuple[ActionLine, ...]
    # (name, media type, sha256, captured on, stored path, note, captured at, web address,
    # captured by, account shown) of each file
    evidence: tuple[tuple[str, str, str, object, Path, str, object, str, str, str], ...]
    action_keys: tuple[tuple[str, object, str], ...]  # (step, taken_on, notes) of each action
    course: Course = NO_COURSE  # the poster's other incidents (police pack only: police.py)
    platform_reports: tuple = ()  # PlatformReportLine each (police pack only)


def _child(name: str, class_name: str, year_group: str) -> str:
    detail = class_name or year_group
    return f"{name} ({detail})" if detail else name


def person_details(person, children: Sequence[tuple[str, str, str, str]]) -> PersonDetails:
    """``children``: (name, class, year group, relationship label) of each linked pupil.

    "Dear …" is made from the recorded title, surname and salutation (people.name_parts
    filled them where the full name was unambiguous), never from a guess at print time.
    """
    pupils = tuple(_child(name, cls, year) for name, cls, year, _label in children)
    labels = {label.strip().lower() for *_x, label in children if label.strip()}
    label = next(iter(labels)) if len(labels) == 1 else ""
    if label and pupils:
        relationship = f"{label} of {', '.join(pupils)}"
    elif pupils:
        relationship = f"{get_role(person.role).label.lower()} of {', '.join(pupils)}"
    else:
        relationship = get_role(person.role).label.lower()
    return PersonDetails(
        name=person.full_name,
        address=person.address,
        role=person.role,
        relationship=relationship,
        title=person.title,
        family_name=person.surname,
        children=pupils,
        addressed_as=person.salutation,
        relationship_label=label if len(labels) == 1 else "",
    )


def _children_of(session: Session, adult_ids: Iterable[int]) -> dict[int, list[tuple]]:
    ids = sorted(set(adult_ids))
    found: dict[int, list[tuple]] = {}
    if not ids:
        return found
    stmt = (
        select(PersonLink.adult_id, Person.full_name, Person.class_name, Person.year_group,
               PersonLink.relationship_label)
        .join(Person, Person.id == PersonLink.pupil_id)
        .where(PersonLink.adult_id.in_(ids))
        .order_by(PersonLink.adult_id, Person.name_key)
    )
    for adult_id, *child in session.execute(stmt):
        found.setdefault(adult_id, []).append(tuple(child))
    return found


def _named_of(session: Session, incident_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    stmt = (
        select(IncidentPerson.incident_id, Person.full_name, Person.role)
        .join(Person, Person.id == IncidentPerson.person_id)
        .where(IncidentPerson.incident_id.in_(incident_ids))
        .order_by(IncidentPerson.incident_id, Person.name_key)
    )
    for incident_id, name, role in session.execute(stmt):
        found.setdefault(incident_id, []).append((name, role))
    return found


@dataclass(frozen=True)
class _Poster:
    id: int
    full_name: str
    role: str
    address: str
    title: str = ""  # the parts a letter is addressed by, as recorded
    surname: str = ""
    salutation: str = ""


def _grouped(session: Session, stmt) -> dict[int, list]:
    found: dict[int, list] = {}
    for row in session.execute(stmt):
        found.setdefault(row[0], []).append(row)
    return found


def load_contexts(session: Session, incident_ids: Sequence[int], evidence_dir: Path,
                  with_evidence: bool = True) -> dict[int, LetterContext]:
    """The context of each incident that exists (missing ids are simply absent).

    Plain column queries, six per 500 incidents: a batch of letters reads its data in a
    few milliseconds rather than building thousands of ORM objects. Only the police pack
    lists evidence; the others pass ``with_evidence=False`` and skip that query.
    """
    ids = sorted(set(incident_ids))
    contexts: dict[int, LetterContext] = {}
    for first in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[first:first + 500]
        poster = Person.__table__.alias("poster")
        incidents = session.execute(
            select(Incident.__table__, poster.c.full_name.label("poster_name"),
                   poster.c.role.label("poster_role"), poster.c.address.label("poster_address"),
                   poster.c.title.label("poster_title"),
                   poster.c.surname.label("poster_surname"),
                   poster.c.salutation.label("poster_salutation"))
            .outerjoin(poster, poster.c.id == Incident.poster_id)
            .where(Incident.id.in_(chunk))).all()
        categories = _grouped(session, select(IncidentCategory.incident_id,
                                              IncidentCategory.category)
                              .where(IncidentCategory.incident_id.in_(chunk))
                              .order_by(IncidentCategory.incident_id, IncidentCategory.category))
        actions = _grouped(session, select(Action.incident_id, Action.step, Action.taken_on,
                                           Action.taken_by, Action.outcome, Action.notes,
                                           Action.taken_at)
                           # Steps as they stand (not withdrawn, not a replaced
                           # version), in the order the timeline shows them.
                           .where(Action.incident_id.in_(chunk),
                                  Action.status == ACTION_CURRENT)
                           .order_by(Action.incident_id, Action.taken_on,
                                     func.coalesce(Action.version_of, Action.id)))
        evidence = _grouped(session, select(Evidence.incident_id, Evidence.original_name,
                                            Evidence.media_type, Evidence.sha256,
                                            Evidence.captured_on, Evidence.stored_name,
                                            Evidence.note, Evidence.captured_at,
                                            Evidence.url, Evidence.captured_by,
                                            Evidence.account_shown)
                            .where(Evidence.incident_id.in_(chunk))
                            .order_by(Evidence.id)) if with_evidence else {}
        poster_ids = {row.poster_id for row in incidents if row.poster_id}
        posters = {row.poster_id: _Poster(row.poster_id, row.poster_name, row.poster_role,
                                          row.poster_address, row.poster_title,
                                          row.poster_surname, row.poster_salutation)
                   for row in incidents if row.poster_id}
        named = _named_of(session, chunk)
        children = _children_of(session, poster_ids)
        courses = load_courses(session, incidents) if with_evidence else {}
        for row in incidents:
            contexts[row.id] = _context(
                row, [c.category for c in categories.get(row.id, [])],
                actions.get(row.id, []), evidence.get(row.id, []), posters.get(row.poster_id),
                named.get(row.id, []), children, evidence_dir, courses.get(row.id, NO_COURSE))
        if with_evidence:  # the police pack: the reports made to the platform as well
            for incident_id, lines in load_platform_reports(session, chunk).items():
                if incident_id in contexts:
                    contexts[incident_id] = replace(contexts[incident_id],
                                                    platform_reports=lines)
    return contexts


def _context(incident, categories: list[str], actions: list, evidence: list, poster,
             named: list[tuple[str, str]], children: dict, evidence_dir: Path,
             course: Course = NO_COURSE) -> LetterContext:
    categories = tuple(categories)
    details = IncidentDetails(
        id=incident.id,
        posted_on=incident.posted_on,
        platform=incident.platform,
        categories=categories,
        policy_edition=incident.policy_edition,
        seen_on=incident.seen_on,
        location=incident.location,
        excerpt=incident.excerpt,
        summary=incident.summary,
        on_school_forum=incident.on_school_forum,
        named_pupils=tuple(n for n, role in named if role == "pupil"),
        named_staff=tuple(n for n, role in named if role in STAFF_ROLES),
        reported_by=incident.reported_by,
        content_still_up=incident.content_still_up,
        posted_at=incident.posted_at,
        seen_at=incident.seen_at,
        poster_account=incident.poster_account,
        referral_reason=incident.referral_reason,
        offence_kind=incident.offence_kind,
    )
    facts = IncidentFacts(
        phase=Phase(incident.phase),
        categories=frozenset(categories),
        on_school_forum=incident.on_school_forum,
        content_still_up=incident.content_still_up,
        steps_taken=tuple(a.step for a in actions),  # in (taken_on, id) order, as the rules read
        phase_before_close=Phase(incident.phase_before_close)
        if incident.phase_before_close else None,
        platform=incident.platform,
    )
    return LetterContext(
        incident=details,
        facts=facts,
        poster=person_details(poster, children.get(poster.id, [])) if poster else None,
        poster_role=poster.role if poster else None,
        actions=tuple(
            ActionLine(a.taken_on, a.step, a.taken_by, a.outcome, a.notes, a.taken_at)
            for a in actions
        ),
        evidence=tuple(
            (e.original_name, e.media_type, e.sha256, e.captured_on,
             evidence_dir / e.stored_name, e.note, e.captured_at, e.url, e.captured_by,
             e.account_shown)
            for e in evidence
        ),
        action_keys=tuple((a.step, a.taken_on, a.notes) for a in actions),
        course=course,
    )


def verified_evidence(context: LetterContext, store=None) -> tuple[EvidenceItem, ...]:
    """Each evidence file hashed now: a file that changed or vanished says so in the pack.
    ``store``: where the files are kept (core/evidence_store.py), which opens a sealed file
    and gives a plain copy to draw; without one, plain files at the paths the context names."""
    items = []
    for (name, media_type, sha256, captured_on, path, note, captured_at, url, captured_by,
         account_shown) in context.evidence:
        if store is not None:
            stored_name = path.relative_to(store.evidence_dir).as_posix()
            problem = problem_of(store, stored_name, sha256)
            try:
                shown = None if problem == "missing" else store.local_file(stored_name)
            except ServiceError:  # a sealed file that no longer opens: nothing to draw
                shown = None
            verified = not problem
        elif not path.is_file():
            verified, problem, shown = False, "missing", None
        elif sha256_of(path) != sha256:
            verified, problem, shown = False, "changed", path
        else:
            verified, problem, shown = True, "", path
        items.append(EvidenceItem(name, media_type, sha256, captured_on, shown, verified,
                                  problem, note, captured_at, url, captured_by,
                                  account_shown))
    return tuple(items)
