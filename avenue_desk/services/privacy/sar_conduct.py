"""The code of conduct's records for a subject access export: the forms the person signed
(with the exact words they accepted), the permissions and designations they were given,
and any breach records with their investigation and evidence."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from avenue_desk.policy import conduct as code
from avenue_desk.services.conduct import DESIGNATION_PURPOSES, PERMISSION_USES
from avenue_desk.services.privacy.sar_tables import (
    EVIDENCE_HEADERS,
    EvidenceCopy,
    SarTable,
    day_text,
    evidence_row,
    label_of,
    moment_text,
    yes_no,
)
from avenue_desk.store.models import (
    ConductAcknowledgement,
    ConductBreach,
    ConductDesignation,
    ConductPermission,
    ContactException,
)


def conduct_tables(session: Session, subject, redactor, evidence_dir: Path, result) -> None:
    r = redactor.redact
    forms = SarTable("records/conduct-forms.csv", "Code of conduct forms: each item's words "
                     "as they accepted them, and their answers", (
                         "Form no.", "Policy edition", "Scope", "Status", "Started",
                         "Completed", "Signed as", "Signed on", "On paper", "Typed in by",
                         "Item", "Item version", "Words accepted", "Answer", "Note"))
    acks = session.scalars(select(ConductAcknowledgement)
                           .where(ConductAcknowledgement.person_id == subject.id)
                           .order_by(ConductAcknowledgement.id))
    for ack in acks:
        head = (ack.id, ack.edition, ack.scope, ack.status.replace("_", " "),
                moment_text(ack.started_at), moment_text(ack.completed_at),
                r(ack.signed_name, name_field=True), day_text(ack.signed_on), yes_no(ack.on_paper),
                r(ack.recorded_by, name_field=True))
        for item in ack.items or [None]:
            forms.rows.append(head + (
                (item.item_key, item.item_version, r(item.item_text),
                 _answer_text(item.item_key, item.answer), r(item.note))
                if item else ("", "", "", "", "")))
    result.tables.append(forms)
    result.tables.append(_authorisations(session, subject, r))
    _breaches(session, subject, r, evidence_dir, result)


def _answer_text(key: str, stored: str) -> str:
    """A check's answer with the question it answers as asked now ("No, to “Can you
    confirm …?”"), since a bare "yes" once meant a problem and now means none."""
    try:
        item = code.get_item(key)
    except ValueError:
        return stored
    answer = item.asked_answer(stored)
    if not item.is_check or answer not in ("yes", "no"):
        return answer
    return f"{answer.capitalize()}, to “{item.question}”"


def _authorisations(session: Session, subject, r) -> SarTable:
    table = SarTable("records/conduct-permissions.csv", "Written permissions, designations "
                     "and contact-detail exceptions agreed by the Headteacher", (
                         "Kind", "No.", "What", "Where or to whom", "Uses or purpose",
                         "From", "Until", "Agreed by", "Agreed on", "Notes"))
    kinds = ((ConductPermission, "Permission"), (ConductDesignation, "Designation"),
             (ContactException, "Contact-detail exception"))
    for model, kind in kinds:
        for row in session.scalars(select(model).where(model.person_id == subject.id)
                                   .order_by(model.id)):
            if model is ConductPermission:
                uses = "; ".join(PERMISSION_USES.get(u, u) for u in row.uses.split(",") if u)
            elif model is ConductDesignation:
                uses = DESIGNATION_PURPOSES.get(row.purpose, row.purpose)
            else:
                uses = ""
            table.rows.append((kind, row.id, r(row.what), r(row.place), uses,
                               day_text(row.valid_from), day_text(row.valid_until),
                               r(row.agreed_by, name_field=True), day_text(row.agreed_on),
                               r(row.notes)))
    return table


def _breaches(session: Session, subject, r, evidence_dir: Path, result) -> None:
    breaches = SarTable("records/conduct-breaches.csv", "Potential breaches of the code: "
                        "what, the items concerned, and the outcome", (
                            "Breach no.", "What happened", "Occurred on", "Reported on",
                            "Reported by", "Code items concerned", "Outcome", "Outcome on",
                            "Outcome notes", "Recorded on"))
    steps = SarTable("records/conduct-breach-steps.csv", "The steps of each breach "
                     "investigation", ("Breach no.", "Date", "Taken by", "What was done"))
    evidence = SarTable("records/conduct-breach-evidence.csv", "The evidence files of "
                        "those breach records, with their fingerprints", EVIDENCE_HEADERS)
    rows = session.scalars(select(ConductBreach).where(ConductBreach.person_id == subject.id)
                           .order_by(ConductBreach.id))
    for breach in rows:
        items = "; ".join(
            f"{item.item_key} (version {item.item_version}"
            + (f", acknowledged {day_text(item.acknowledged_on)})" if item.acknowledged_on
               else ", not acknowledged before)")
            for item in breach.items)
        outcome = label_of(code.get_outcome, breach.outcome) if breach.outcome else "Open"
        breaches.rows.append((breach.id, r(breach.what), day_text(breach.occurred_on),
                              day_text(breach.reported_on), r(breach.reported_by, name_field=True),
                              items, outcome, day_text(breach.outcome_on), r(breach.outcome_notes),
                              moment_text(breach.created_at)))
        for step in breach.steps:
            steps.rows.append((breach.id, day_text(step.taken_on),
                               r(step.taken_by, name_field=True), r(step.description)))
        for item in breach.evidence:
            target = (f"evidence/breach-{breach.id}/evidence-{item.id}"
                      f"{Path(item.stored_name).suffix}")
            belongs = f"Breach record {breach.id}"
            result.evidence.append(EvidenceCopy(item.stored_name, target,
                                                item.sha256, belongs))
            evidence.rows.append(evidence_row(belongs, target, item, r))
    result.tables += [breaches, steps, evidence]
