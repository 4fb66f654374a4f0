"""Turning rows into the frozen records the UI and command line see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from avenue_desk.policy import get_step
from avenue_desk.policy.access import LEGAL_STEPS
from avenue_desk.services.incidents.records import ActionRecord, EvidenceRecord, IncidentRecord
from avenue_desk.services.people import to_record as person_record
from avenue_desk.store.models import ACTION_CORRECTED, Action, Evidence, Incident, Person


def step_label(key: str) -> str:
    try:
        return get_step(key).label
    except ValueError:
        return key


def action_record(action: Action, earlier: tuple[ActionRecord, ...] = ()) -> ActionRecord:
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
        status=action.status,
        first_id=action.version_of or action.id,
        recorded_by=action.recorded_by,
        created_at=action.created_at,
        correction_note=action.correction_note,
        withdrawn_at=action.withdrawn_at,
        withdrawn_by=action.withdrawn_by,
        withdrawn_reason=action.withdrawn_reason,
        letter=action.letter,
        follow_up_note=action.follow_up_note,
        follow_up_closed_at=action.follow_up_closed_at,
        follow_up_closed_by=action.follow_up_closed_by,
        follow_up_superseded=action.follow_up_superseded_by is not None,
        earlier=earlier,
    )


def timeline(actions: Iterable[Action]) -> tuple[ActionRecord, ...]:
    """The steps as the timeline shows them: each current or withdrawn step once, with the
    versions a correction replaced inside it (``earlier``), oldest first."""
    actions = list(actions)
    replaced: dict[int, list[Action]] = {}
    for action in actions:
        if action.status == ACTION_CORRECTED:
            replaced.setdefault(action.version_of or action.id, []).append(action)
    return tuple(
        action_record(a, tuple(action_record(e) for e in sorted(
            replaced.get(a.version_of or a.id, ()), key=lambda e: e.id)))
        for a in sorted(actions, key=lambda a: (a.taken_on, a.version_of or a.id))
        if a.status != ACTION_CORRECTED)


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
        captured_at=item.captured_at,
        url=item.url,
        captured_by=item.captured_by,
        account_shown=item.account_shown,
        row_version=item.row_version or 1,
        stored_name=item.stored_name,
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
        actions=timeline(incident.actions),
        evidence=tuple(evidence_record(e, evidence_dir) for e in incident.evidence),
        posted_at=incident.posted_at,
        seen_at=incident.seen_at,
        poster_account=incident.poster_account,
        referral_reason=incident.referral_reason,
        offence_kind=incident.offence_kind,
        row_version=incident.row_version,
    )


def withhold_legal_notes(record: IncidentRecord) -> IncidentRecord:
    """The record with the notes and outcome of legal steps (legal advice, legal action, the
    Police) blanked, for accounts that may not read them; the step and its date stay. What
    the Headteacher wrote when correcting or withdrawing one is blanked with them, and so
    are the Headteacher's police referral details (the reason and the kind of offence)."""
    if record.referral_reason or record.offence_kind:
        record = replace(record, referral_reason="", offence_kind="")
    if not any(a.step in LEGAL_STEPS for a in record.actions):
        return record
    actions = tuple(_withheld(a) if a.step in LEGAL_STEPS else a for a in record.actions)
    return replace(record, actions=actions)


def _withheld(action: ActionRecord) -> ActionRecord:
    return replace(action, notes="", outcome="", withheld=True, correction_note="",
                   withdrawn_reason="", follow_up_note="",
                   earlier=tuple(_withheld(e) for e in action.earlier))
