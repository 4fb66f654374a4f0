"""A chronology for every person: everything the records hold about them, in date order.

"What has this parent done before?" is the question an office is asked most; school
safeguarding systems answer it with a chronology per person. Here it holds every incident
the person posted (as the poster on the record, or through a social media account linked
to them), was named in, or reported (the "reported by" line read as their name, in any
case); every step and letter recorded on those incidents; and, for staff, their code of
conduct acknowledgements and breach records. Each line says which record it opens.

What an account may not see stays out: the notes of legal steps without the Headteacher's
legal access, breach records without the breach access, acknowledgements without the
register's. Reading a chronology is written to the audit trail, as opening a record is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from avenue_desk.policy.access import LEGAL_STEPS, Operation
from avenue_desk.services.incidents.course import first_line, stage_label
from avenue_desk.services.incidents.from_rows import step_label
from avenue_desk.services.incidents.social_accounts import describe
from avenue_desk.services.people import PersonRecord, to_record
from avenue_desk.store.models import (
    ACTION_CORRECTED,
    ACTION_WITHDRAWN,
    Action,
    ConductAcknowledgement,
    ConductBreach,
    ConductBreachStep,
    Incident,
    IncidentPerson,
    Person,
    SocialAccount,
)

# What a line opens: an incident, a code of conduct acknowledgement or a breach record.
OPENS_INCIDENT, OPENS_ACKNOWLEDGEMENT, OPENS_BREACH = "incident", "acknowledgement", "breach"
_ROLE_ORDER = {"posted": 0, "named": 1, "reported": 2}


@dataclass(frozen=True)
class ChronologyLine:
    day: date
    at: time | None
    kind: str  # "Posted", "Named in", "Reported", "Step", "Letter", "Code of conduct"...
    text: str
    opens: str  # OPENS_INCIDENT / OPENS_ACKNOWLEDGEMENT / OPENS_BREACH
    record_id: int
    incident_id: int | None = None
    stage: str = ""  # the incident's stage now, on an incident's own line
    platform: str = ""

    @property
    def reference(self) -> str:
        """"Incident 4012", "Breach 3": the record the line belongs to, in words."""
        return {OPENS_INCIDENT: "Incident", OPENS_ACKNOWLEDGEMENT: "Acknowledgement",
                OPENS_BREACH: "Breach"}[self.opens] + f" {self.record_id}"


@dataclass(frozen=True)
class Chronology:
    person: PersonRecord
    lines: tuple[ChronologyLine, ...]
    incidents_posted: int
    incidents_named: int
    incidents_reported: int
    accounts: tuple[str, ...]  # the accounts linked to the person ("@name (Facebook)")
    left_out: tuple[str, ...] = ()  # what this account may not see, in words


def _reporter_forms(name: str) -> set[str]:
    """The person's name as a "reported by" line may hold it once lowered by the database
    (SQLite lowers ASCII letters only)."""
    base = " ".join(name.split())
    return {base.lower(), "".join(c.lower() if c.isascii() else c for c in base)}


def _incident_roles(session: Session, person: Person) -> dict[int, set[str]]:
    roles: dict[int, set[str]] = {}
    linked = select(SocialAccount.id).where(SocialAccount.person_id == person.id)
    posted = select(Incident.id).where(or_(Incident.poster_id == person.id,
                                           Incident.account_id.in_(linked)))
    named = select(IncidentPerson.incident_id).where(IncidentPerson.person_id == person.id)
    reported = select(Incident.id).where(
        func.lower(func.trim(Incident.reported_by)).in_(_reporter_forms(person.full_name)))
    for role, stmt in (("posted", posted), ("named", named), ("reported", reported)):
        for incident_id in session.scalars(stmt):
            roles.setdefault(incident_id, set()).add(role)
    return roles


def _incident_lines(session: Session, roles: dict[int, set[str]], legal: bool
                    ) -> list[ChronologyLine]:
    ids = sorted(roles)
    lines: list[ChronologyLine] = []
    for first in range(0, len(ids), 500):
        chunk = ids[first:first + 500]
        for row in session.execute(
                select(Incident.id, Incident.posted_on, Incident.posted_at, Incident.platform,
                       Incident.phase, Incident.summary, Incident.excerpt,
                       Incident.poster_account).where(Incident.id.in_(chunk))):
            said = first_line(row.summary or row.excerpt)
            for role in sorted(roles[row.id], key=_ROLE_ORDER.get):
                kind = {"posted": "Posted", "named": "Named in", "reported": "Reported"}[role]
                text = said
                if role == "posted" and row.poster_account:
                    text = f"As {row.poster_account}: {said}"
                lines.append(ChronologyLine(row.posted_on, row.posted_at, kind, text,
                                            OPENS_INCIDENT, row.id, row.id,
                                            stage_label(row.phase), row.platform))
        for action in session.scalars(
                select(Action).where(Action.incident_id.in_(chunk),
                                     Action.status != ACTION_CORRECTED)):
            lines.append(_step_line(action, legal))
    return lines


def _step_line(action: Action, legal: bool) -> ChronologyLine:
    label = step_label(action.step)
    if action.letter:
        kind, text = "Letter", f"{action.letter.replace('-', ' ').capitalize()} ({label})"
    else:
        kind, text = "Step", label
    if action.step in LEGAL_STEPS and not legal:
        detail = ""  # legal notes are the Headteacher's (see from_rows.withhold_legal_notes)
    else:
        detail = first_line(action.outcome or action.notes, 200)
    if detail:
        text += f": {detail}"
    if action.taken_by:
        text += f" — {action.taken_by}"
    if action.status == ACTION_WITHDRAWN:
        text = f"Withdrawn: {text}"
    return ChronologyLine(action.taken_on, action.taken_at, kind, text, OPENS_INCIDENT,
                          action.incident_id, action.incident_id)


def _conduct_lines(session: Session, person_id: int, register: bool, breaches: bool
                   ) -> list[ChronologyLine]:
    lines: list[ChronologyLine] = []
    if register:
        for ack in session.scalars(select(ConductAcknowledgement).where(
                ConductAcknowledgement.person_id == person_id)):
            if ack.status == "complete":
                day = ack.signed_on or ack.completed_at.date()
                how = " on paper" if ack.on_paper else ""
                scope = "changed items" if ack.scope == "changes" else "the whole code"
                text = f"Acknowledged {scope}{how} ({ack.edition})"
            else:
                day, text = ack.started_at.date(), "Started the checklist (not finished)"
            lines.append(ChronologyLine(day, None, "Code of conduct", text,
                                        OPENS_ACKNOWLEDGEMENT, ack.id))
    if breaches:
        for breach in session.scalars(select(ConductBreach).where(
                ConductBreach.person_id == person_id)):
            lines.append(ChronologyLine(breach.reported_on, None, "Breach reported",
                                        first_line(breach.what, 200), OPENS_BREACH, breach.id))
            if breach.outcome and breach.outcome_on:
                from avenue_desk.policy.conduct_breaches import get_outcome

                try:
                    outcome = get_outcome(breach.outcome).label
                except ValueError:
                    outcome = breach.outcome
                lines.append(ChronologyLine(breach.outcome_on, None, "Breach outcome", outcome,
                                            OPENS_BREACH, breach.id))
        for step in session.scalars(select(ConductBreachStep).join(ConductBreach).where(
                ConductBreach.person_id == person_id)):
            text = first_line(step.description, 200) + (f" — {step.taken_by}"
                                                        if step.taken_by else "")
            lines.append(ChronologyLine(step.taken_on, None, "Breach step", text, OPENS_BREACH,
                                        step.breach_id))
    return lines


def _order(line: ChronologyLine):
    # Date, then time where known, then the incident's own line before its steps.
    return (line.day, line.at or time(0), line.opens, line.record_id,
            line.kind not in ("Posted", "Named in", "Reported"))


def build_chronology(session: Session, person_id: int, guard) -> Chronology:
    from avenue_desk.services.core.errors import NotFound

    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    roles = _incident_roles(session, person)
    legal = guard.allowed(Operation.LEGAL_NOTES_VIEW)
    register = guard.allowed(Operation.CONDUCT_REGISTER_VIEW)
    breaches = guard.allowed(Operation.CONDUCT_BREACHES)
    lines = _incident_lines(session, roles, legal)
    lines += _conduct_lines(session, person_id, register, breaches)
    accounts = tuple(describe(a) for a in session.scalars(
        select(SocialAccount).where(SocialAccount.person_id == person_id)
        .order_by(SocialAccount.platform, SocialAccount.handle_key)))
    left_out = []
    if not legal:
        left_out.append("the notes of legal steps (the Headteacher's)")
    if not breaches:
        left_out.append("code of conduct breach records (the Headteacher's)")
    return Chronology(
        to_record(person), tuple(sorted(lines, key=_order)),
        sum("posted" in r for r in roles.values()), sum("named" in r for r in roles.values()),
        sum("reported" in r for r in roles.values()), accounts, tuple(left_out))
