"""Turning rows into the frozen records the UI and command line see."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from avenue_desk.policy import get_step
from avenue_desk.policy.access import LEGAL_STEPS
from avenue_desk.services.incidents.records import ActionRecord, EvidenceRecord, IncidentRecord
from avenue_desk.services.people import to_record as person_record
from avenue_desk.store.models import Action, Evidence, Incident, Person


def step_label(key: str) -> str:
    try:
        return get_step(key).label
    except ValueError:
        return key


def action_record(action: Action) -> ActionRecord:
    return ActionRecord(
        id=action.id,
        incident_id=action.incident_id,
        step=action.step,
        step_label=step_label(action.step),
        taken_on=action.taken_on,
        taken_by=action.taken_by,
        outcome=action.outcome,
        notes=action.notes,
        follow_up_due=action.follow_up_due,
        follow_up_done=action.follow_up_done,
        removal_confirmed=action.removal_confirmed,
    )


def evidence_record(item: Evidence, evidence_dir: Path) -> EvidenceRecord:
    return EvidenceRecord(
        id=item.id,
        incident_id=item.incident_id,
        original_name=item.original_name,
        media_type=item.media_type,
        size_bytes=item.size_bytes,
        sha256=item.sha256,
        captured_on=item.captured_on,
        added_at=item.added_at,
        note=item.note,
        path=str(evidence_dir / item.stored_name),
    )


def incident_record(
    incident: Incident, named: list[Person], evidence_dir: Path
) -> IncidentRecord:
    return IncidentRecord(
        id=incident.id,
        posted_on=incident.posted_on,
        seen_on=incident.seen_on,
        reported_by=incident.reported_by,
        platform=incident.platform,
        location=incident.location,
        poster=person_record(incident.poster) if incident.poster else None,
        named_people=tuple(person_record(p) for p in named),
        categories=tuple(c.category for c in incident.categories),
        excerpt=incident.excerpt,
        summary=incident.summary,
        content_still_up=incident.content_still_up,
        on_school_forum=incident.on_school_forum,
        policy_edition=incident.policy_edition,
        phase=incident.phase,
        phase_before_close=incident.phase_before_close,
        next_follow_up=incident.next_follow_up,
        created_at=incident.created_at,
        updated_at=incident.updated_at,
        actions=tuple(action_record(a) for a in incident.actions),
        evidence=tuple(evidence_record(e, evidence_dir) for e in incident.evidence),
    )


def withhold_legal_notes(record: IncidentRecord) -> IncidentRecord:
    """The record with the notes and outcome of legal steps (legal advice, legal action, the
    Police) blanked, for accounts that may not read them; the step and its date stay."""
    if not any(a.step in LEGAL_STEPS for a in record.actions):
        return record
    actions = tuple(
        replace(a, notes="", outcome="", withheld=True) if a.step in LEGAL_STEPS else a
        for a in record.actions)
    return replace(record, actions=actions)
