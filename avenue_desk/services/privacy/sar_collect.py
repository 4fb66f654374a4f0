"""Everything the records hold about one person, gathered for a subject access export.

Read in one transaction (a consistent snapshot) and turned into plain tables of text, with
every other person's name already replaced (``sar_redaction``). Nothing here writes.

Which incidents are the person's: those they posted, those naming them (the pupils and
staff a post is about), and those whose text mentions their full name. Incidents about
their children are the children's records, not theirs, and are not included: a parent who
asks for those is making a request on the child's behalf.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from avenue_desk.policy import get_category, get_platform, get_role
from avenue_desk.policy.access import LEGAL_STEPS
from avenue_desk.policy.settings_registry import HEAD_NAME
from avenue_desk.services.core.settings import read_setting
from avenue_desk.services.incidents import step_label
from avenue_desk.services.letters import KINDS, LABELS, TO_PARENT
from avenue_desk.services.privacy.sar_accounts import (
    accounts_table,
    linked_accounts,
    posted_through,
)
from avenue_desk.services.privacy.sar_conduct import conduct_tables
from avenue_desk.services.privacy.sar_redaction import TITLES, Redactor, fold_name
from avenue_desk.services.privacy.sar_tables import (  # noqa: F401 - the export's names
    EVIDENCE_HEADERS,
    Collected,
    EvidenceCopy,
    SarTable,
    day_text,
    evidence_row,
    label_of,
    moment_text,
    yes_no,
)
from avenue_desk.store.models import (
    Action,
    Evidence,
    Incident,
    IncidentPerson,
    Person,
    PersonLink,
)
from avenue_desk.store.models_accounts import AuditEntry, User

LEGAL_CHECK = ("Legal advice or the Police: may be exempt from disclosure; ask the data "
               "protection officer before sending")
BATCH = 2000


def build_redactor(session: Session, subject: Person) -> Redactor:
    """A redactor knowing everyone but the subject: the People list, every account's name,
    and the Headteacher named in Settings."""
    redactor = Redactor(subject.full_name)
    rows = session.execute(select(Person.id, Person.full_name, Person.role)
                           .where(Person.id != subject.id))
    redactor.add_people((f"person:{pid}", name, f"{label_of(get_role, role)} on the People "
                         f"list (no. {pid})") for pid, name, role in rows)
    users = session.execute(select(User.id, User.display_name, User.username, User.person_id))
    for uid, name, username, pid in users:
        if pid is not None and pid != subject.id:
            redactor.alias(f"user:{uid}", f"person:{pid}")
        elif pid is None:
            redactor.add_people([(f"user:{uid}", name, f"Avenue Desk account “{username}”")])
    redactor.add_class_names(session.scalars(select(Person.class_name).distinct()))
    head = read_setting(session, HEAD_NAME)
    if head.strip():
        redactor.add_people([("settings:head", head, "The Headteacher (Settings)")])
    return redactor


def linked_incidents(session: Session, subject: Person,
                     accounts=()) -> dict[int, list[str]]:
    """Incident id -> how it concerns the person (posted, through one of their ``accounts``
    too; named; mentioned)."""
    how: dict[int, list[str]] = defaultdict(list)
    for (iid,) in session.execute(select(Incident.id).where(Incident.poster_id == subject.id)):
        how[iid].append("posted it")
    for iid, account in posted_through(session, list(accounts)).items():
        if iid not in how:
            how[iid].append(f"posted it, as {account}")
    for (iid,) in session.execute(select(IncidentPerson.incident_id)
                                  .where(IncidentPerson.person_id == subject.id)):
        how[iid].append("named in it")
    for iid in _mentioning(session, subject.full_name):
        if iid not in how:
            how[iid].append("full name in its text")
    return dict(sorted(how.items()))


def _mentioning(session: Session, full_name: str) -> set[int]:
    """Incidents whose text (post, summary, steps, evidence notes) holds the full name."""
    words = tuple(w for w in fold_name(full_name) if w not in TITLES)
    if not words:
        return set()
    hints = {words[-1], full_name.split()[-1].casefold()}

    def mentions(*texts: str) -> bool:
        for text in texts:
            if text and any(h in text.casefold() for h in hints):
                found = [w[:-2] if w.endswith("'s") and len(w) > 3 else w
                         for w in fold_name(text)]
                if any(tuple(found[i:i + len(words)]) == words
                       for i in range(len(found) - len(words) + 1)):
                    return True
        return False

    found: set[int] = set()
    queries = (
        select(Incident.id, Incident.excerpt, Incident.summary, Incident.location,
               Incident.reported_by),
        select(Action.incident_id, Action.notes, Action.outcome, Action.taken_by),
        select(Evidence.incident_id, Evidence.note, Evidence.original_name),
    )
    for query in queries:
        for row in session.execute(query.execution_options(yield_per=BATCH)):
            if row[0] not in found and mentions(*row[1:]):
                found.add(row[0])
    return found


def collect(session: Session, subject: Person, redactor: Redactor, evidence_dir: Path,
            received: str) -> Collected:
    own_users = list(session.scalars(select(User).where(User.person_id == subject.id)))
    result = Collected(subject.full_name, label_of(get_role, subject.role), [], [])
    result.tables.append(_person_table(session, subject, redactor, received))
    if own_users:
        result.tables.append(SarTable(
            "records/account.csv", "Their Avenue Desk sign-in account (never the password)",
            ("Username", "Name shown", "Kind of account", "Created", "Last signed in",
             "Disabled"),
            [(u.username, redactor.redact(u.display_name), u.role, moment_text(u.created_at),
              moment_text(u.last_sign_in), yes_no(u.disabled)) for u in own_users]))
    accounts = linked_accounts(session, subject)
    result.tables.append(accounts_table(session, accounts, redactor))
    how = linked_incidents(session, subject, accounts)
    _incident_tables(session, subject, redactor, how, evidence_dir, result)
    conduct_tables(session, subject, redactor, evidence_dir, result)
    result.tables.append(_audit_table(session, subject, own_users, redactor,
                                      [a.id for a in accounts]))
    result.tables = [t for t in result.tables if t.rows]
    return result


def _person_table(session: Session, subject: Person, redactor: Redactor,
                  received: str) -> SarTable:
    r = redactor.redact
    rows = [
        ("Person no.", str(subject.id)), ("Name", subject.full_name),
        ("Role", label_of(get_role, subject.role)), ("Class", subject.class_name),
        ("Year group", subject.year_group), ("Email", subject.email),
        ("Phone", subject.phone), ("Address", r(subject.address)),
        ("MIS id", subject.mis_id), ("Notes", r(subject.notes)),
        ("Added to Avenue Desk", moment_text(subject.created_at)),
        ("Last changed", moment_text(subject.updated_at)), ("Request received", received),
    ]
    links = session.execute(
        select(PersonLink.adult_id, PersonLink.pupil_id, PersonLink.relationship_label,
               Person.id, Person.full_name)
        .join(Person, or_(Person.id == PersonLink.adult_id, Person.id == PersonLink.pupil_id))
        .where(or_(PersonLink.adult_id == subject.id, PersonLink.pupil_id == subject.id),
               Person.id != subject.id))
    for adult_id, _pupil_id, relationship, other_id, other_name in links:
        field_name = "Linked pupil" if adult_id == subject.id else "Linked parent or carer"
        shown = redactor.person(f"person:{other_id}", other_name)
        rows.append((field_name, shown + (f" ({relationship})" if relationship else "")))
    return SarTable("records/person.csv", "The person's own record: name, role, contact "
                    "details, notes and links", ("Field", "Value"), rows)


def _incident_tables(session, subject, redactor, how, evidence_dir, result) -> None:
    r = redactor.redact
    incidents = SarTable("records/incidents.csv", "Incidents they posted, are named in, or "
                         "whose text has their full name", (
                             "Incident no.", "How it concerns them", "Posted on", "Seen on",
                             "Platform", "Where", "Categories", "Reported by", "Posted by",
                             "People named in it", "Words of the post", "Summary",
                             "Still up", "On the school forum", "Policy edition", "Status",
                             "Recorded on", "Last changed"))
    actions = SarTable("records/actions.csv", "Every step taken on those incidents, with "
                       "its notes", ("Incident no.", "Step", "Date", "Taken by", "Outcome",
                                     "Notes", "Follow-up due", "Follow-up done",
                                     "Removal confirmed", "Check before sending"))
    letters = SarTable("records/letters.csv", "Letters and requests recorded as made "
                       "(saved or printed) on those incidents", (
                           "Incident no.", "Date", "Letter", "To", "As recorded"))
    evidence = SarTable("records/evidence.csv", "The evidence files of those incidents, "
                        "with their fingerprints", EVIDENCE_HEADERS)
    ids = list(how)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = session.scalars(select(Incident).where(Incident.id.in_(chunk))
                               .order_by(Incident.id))
        named = defaultdict(list)
        for iid, pid, name in session.execute(
                select(IncidentPerson.incident_id, Person.id, Person.full_name)
                .join(Person, Person.id == IncidentPerson.person_id)
                .where(IncidentPerson.incident_id.in_(chunk)).order_by(Person.name_key)):
            named[iid].append(redactor.person(f"person:{pid}", name))
        for inc in rows:
            poster = inc.poster
            posted_by = redactor.person(f"person:{poster.id}", poster.full_name) \
                if poster else ""
            incidents.rows.append((
                inc.id, "; ".join(how[inc.id]), day_text(inc.posted_on), day_text(inc.seen_on),
                label_of(get_platform, inc.platform), r(inc.location),
                "; ".join(label_of(get_category, c.category) for c in inc.categories),
                r(inc.reported_by, name_field=True), posted_by, "; ".join(named[inc.id]),
                r(inc.excerpt), r(inc.summary), yes_no(inc.content_still_up),
                yes_no(inc.on_school_forum), inc.policy_edition,
                "Closed" if inc.phase == "closed" else "Open", moment_text(inc.created_at),
                moment_text(inc.updated_at)))
            for act in inc.actions:
                legal = act.step in LEGAL_STEPS
                result.legal_notes += legal and bool(act.notes or act.outcome)
                actions.rows.append((
                    inc.id, step_label(act.step), day_text(act.taken_on),
                    r(act.taken_by, name_field=True), r(act.outcome), r(act.notes),
                    day_text(act.follow_up_due), yes_no(act.follow_up_done),
                    yes_no(act.removal_confirmed), LEGAL_CHECK if legal else ""))
                letter = _letter(act.notes)
                if letter:
                    to = (posted_by or "the poster") if letter in TO_PARENT else \
                        "The Police" if letter == "police-referral" else \
                        f"{label_of(get_platform, inc.platform)} (the platform)"
                    letters.rows.append((inc.id, day_text(act.taken_on), LABELS[letter], to,
                                         r(act.notes)))
            for item in inc.evidence:
                target = f"evidence/incident-{inc.id}/evidence-{item.id}" \
                         f"{Path(item.stored_name).suffix}"
                result.evidence.append(EvidenceCopy(item.stored_name, target,
                                                    item.sha256, f"Incident {inc.id}"))
                evidence.rows.append(evidence_row(f"Incident {inc.id}", target, item, r))
    result.tables += [incidents, actions, letters, evidence]


def _letter(notes: str) -> str | None:
    for kind in KINDS:
        if notes.startswith(f"{LABELS[kind]}:"):
            return kind
    return None


def _audit_table(session, subject, own_users, redactor, account_ids=()) -> SarTable:
    """Audit rows about the person's record and their social media accounts, and
    everything their own account did."""
    table = SarTable("records/audit-trail.csv", "The audit trail's entries about their "
                     "record, and of their own account's activity",
                     ("When (UTC)", "Account", "Action", "Record", "Record no.", "Summary"))
    own = {u.id for u in own_users}
    condition = (AuditEntry.entity == "person") & (AuditEntry.entity_id == str(subject.id))
    if own:
        condition = condition | AuditEntry.user_id.in_(own)
    if account_ids:
        condition = condition | ((AuditEntry.entity == "social_account")
                                 & AuditEntry.entity_id.in_([str(i) for i in account_ids]))
    from avenue_desk.services.core.audit import action_label

    query = select(AuditEntry).where(condition).order_by(AuditEntry.id)
    for entry in session.scalars(query.execution_options(yield_per=BATCH)):
        if entry.user_id in own or entry.user_id is None:
            account = entry.username
        else:
            key = f"user:{entry.user_id}"
            redactor.know(key, entry.username, f"Avenue Desk account “{entry.username}”")
            account = redactor.placeholder(key)
        table.rows.append((moment_text(entry.at), account, action_label(entry.action),
                           entry.entity, entry.entity_id or "", redactor.redact(entry.summary)))
    return table
