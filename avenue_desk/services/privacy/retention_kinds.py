"""Each kind of record the retention review covers: when its period starts, and removing it.

``candidates(session, until)`` gives, for every record of one kind counted from a date on or
before ``until``, a ``Candidate`` (the caller decides which are due; leaving the later ones
out in SQL spares reading 100,000 cases to list a few hundred); records with no date to
count from (a case still open, a breach with no outcome) are never listed, so they can
never be due. ``remove(session, ids)`` (a few hundred ids at a time)
deletes the records with what hangs off them and returns the evidence files
(``StoredFile``) to remove once the deletion is committed. Used only by
``services.retention``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from avenue_desk.policy.conduct import get_outcome
from avenue_desk.policy.retention import REGISTER_ROLES
from avenue_desk.services.core.validation import uk_date
from avenue_desk.services.incidents import reindex
from avenue_desk.store.models import (
    Action,
    ConductAcknowledgement,
    ConductBreach,
    ConductBreachEvidence,
    ConductBreachItem,
    ConductDesignation,
    ConductPermission,
    ContactException,
    Evidence,
    Incident,
    IncidentPerson,
    Person,
    PersonLink,
    SocialAccount,
)
from avenue_desk.store.models_accounts import User


@dataclass(frozen=True)
class Candidate:
    record_id: int
    counted_from: date
    reference: str  # what the review list shows; never written to the audit trail
    evidence_files: int = 0


@dataclass(frozen=True)
class StoredFile:
    """An evidence file of a removed record: its name under the evidence folder, and how its
    read-only viewing copies begin (``services.evidence.read_only_copy``)."""

    name: str
    viewing_prefix: str


# --- parents' incidents --------------------------------------------------------------------


def incident_candidates(session: Session, until: date) -> list[Candidate]:
    """Closed cases, counted from their last recorded step (closing is a step, and a closed
    case takes no other); a closed case with no steps at all (imported) from its last change."""
    counted_from = func.coalesce(func.max(Action.taken_on), func.date(Incident.updated_at))
    rows = session.execute(
        select(Incident.id, Incident.posted_on, Incident.updated_at, func.max(Action.taken_on))
        .outerjoin(Action, Action.incident_id == Incident.id)
        .where(Incident.phase == "closed")
        .group_by(Incident.id, Incident.posted_on, Incident.updated_at)
        .having(counted_from <= until)
    ).all()
    files = _counts(session, Evidence.incident_id)
    return [Candidate(i, last or changed.date(), f"Incident {i}, posted {uk_date(posted)}",
                      files.get(i, 0)) for i, posted, changed, last in rows]


def remove_incidents(session: Session, ids: list[int]) -> list[StoredFile]:
    names = [StoredFile(name, f"{i}-") for i, name in session.execute(
        select(Evidence.id, Evidence.stored_name).where(Evidence.incident_id.in_(ids)))]
    for incident in session.scalars(select(Incident).where(Incident.id.in_(ids))):
        session.delete(incident)  # categories, people named, actions and evidence rows too
    session.flush()
    for incident_id in ids:
        reindex(session, incident_id)  # the search entry holds the post's words: gone too
    return names


# --- staff code of conduct breaches --------------------------------------------------------


def breach_candidates(session: Session, until: date) -> list[Candidate]:
    rows = session.execute(
        select(ConductBreach.id, ConductBreach.outcome, ConductBreach.outcome_on)
        .where(ConductBreach.outcome.is_not(None), ConductBreach.outcome_on.is_not(None),
               ConductBreach.outcome_on <= until)
    ).all()
    files = _counts(session, ConductBreachEvidence.breach_id)
    return [Candidate(i, decided, f"Breach record {i} ({_outcome_label(outcome)})",
                      files.get(i, 0)) for i, outcome, decided in rows]


def remove_breaches(session: Session, ids: list[int]) -> list[StoredFile]:
    names = [StoredFile(name, f"breach-{i}-") for i, name in session.execute(
        select(ConductBreachEvidence.id, ConductBreachEvidence.stored_name)
        .where(ConductBreachEvidence.breach_id.in_(ids)))]
    for breach in session.scalars(select(ConductBreach).where(ConductBreach.id.in_(ids))):
        session.delete(breach)  # cited items, investigation steps and evidence rows too
    return names


def _outcome_label(key: str) -> str:
    try:
        return get_outcome(key).label
    except ValueError:
        return key


# --- signed code of conduct forms ----------------------------------------------------------


def form_candidates(session: Session, until: date) -> list[Candidate]:
    """Every form but those a breach record cites (kept as long as the breach is)."""
    cited = select(ConductBreachItem.acknowledgement_id).where(
        ConductBreachItem.acknowledgement_id.is_not(None))
    ack = ConductAcknowledgement
    rows = session.execute(
        select(ack.id, ack.signed_on, ack.updated_at, ack.edition)
        .where(ack.id.not_in(cited),
               func.coalesce(ack.signed_on, func.date(ack.updated_at)) <= until)
    ).all()
    found = []
    for i, signed, changed, edition in rows:
        what = f"signed {uk_date(signed)}" if signed else "never finished"
        found.append(Candidate(i, signed or changed.date(),
                               f"Code of conduct form {i} ({what}, edition {edition})"))
    return found


def remove_forms(session: Session, ids: list[int]) -> list[StoredFile]:
    for form in session.scalars(select(ConductAcknowledgement)
                                .where(ConductAcknowledgement.id.in_(ids))):
        session.delete(form)  # its answers too
    return []


# --- people on no kept record --------------------------------------------------------------


def kept_people(session: Session) -> set[int]:
    """Everyone on a record (incident, breach, form, authorisation, account), and anyone
    linked to one of them: a pupil's parents stay while the pupil's case is kept."""
    sources = (Incident.poster_id, IncidentPerson.person_id, ConductAcknowledgement.person_id,
               ConductBreach.person_id, ConductPermission.person_id,
               ConductDesignation.person_id, ContactException.person_id, User.person_id)
    on_record: set[int] = set()
    for column in sources:
        on_record.update(session.scalars(select(column).where(column.is_not(None)).distinct()))
    # Who posted a kept incident through a social media account linked to them.
    on_record.update(session.scalars(
        select(SocialAccount.person_id).join(Incident, Incident.account_id == SocialAccount.id)
        .where(SocialAccount.person_id.is_not(None)).distinct()))
    kept = set(on_record)
    for adult, pupil in session.execute(select(PersonLink.adult_id, PersonLink.pupil_id)):
        if adult in on_record or pupil in on_record:
            kept.update((adult, pupil))
    return kept


def person_candidates(session: Session, until: date) -> list[Candidate]:
    kept = kept_people(session)
    rows = session.execute(select(Person.id, Person.full_name, Person.role, Person.updated_at)
                           .where(Person.role.not_in(REGISTER_ROLES),
                                  func.date(Person.updated_at) <= until))
    return [Candidate(i, changed.date(), f"Person {i}: {name} ({role})")
            for i, name, role, changed in rows if i not in kept]


def unlink_accounts(session: Session, ids: list[int], now=None) -> list[tuple[int, int]]:
    """The social media accounts linked to people about to be destroyed become "not yet
    known" again (an account is a record of its own, kept while an incident names it; the
    link is the person's, and goes with them, as their links to pupils do). Returns the
    (account, person) pairs unlinked, for the audit trail."""
    pairs = [tuple(row) for row in session.execute(
        select(SocialAccount.id, SocialAccount.person_id)
        .where(SocialAccount.person_id.in_(ids)).order_by(SocialAccount.id))]
    if pairs:
        changed = {"person_id": None} | ({"updated_at": now} if now is not None else {})
        session.execute(update(SocialAccount).where(SocialAccount.person_id.in_(ids))
                        .values(**changed))
    return pairs


def remove_people(session: Session, ids: list[int]) -> list[StoredFile]:
    unlink_accounts(session, ids)  # (the service has already, and audited it: none left)
    session.execute(delete(PersonLink).where(or_(PersonLink.adult_id.in_(ids),
                                                 PersonLink.pupil_id.in_(ids))))
    session.execute(delete(Person).where(Person.id.in_(ids)))
    return []


CANDIDATES = {"incident": incident_candidates, "breach": breach_candidates,
              "form": form_candidates, "person": person_candidates}
REMOVE = {"incident": remove_incidents, "breach": remove_breaches, "form": remove_forms,
          "person": remove_people}
# How each kind is named in the audit trail's "record" column (as the other services do).
AUDIT_ENTITY = {"incident": "incident", "breach": "breach", "form": "acknowledgement",
                "person": "person"}


def _counts(session: Session, column) -> dict[int, int]:
    """How many rows each value of ``column`` has (evidence files per record)."""
    return dict(session.execute(select(column, func.count()).group_by(column)).all())
