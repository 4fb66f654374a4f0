"""Incidents, people and escalation steps made through the services, as the window makes them."""

from __future__ import annotations

from datetime import date, timedelta

from avenue_desk.services.incidents.records import ActionInput, IncidentInput
from avenue_desk.services.people.records import PersonInput


def incident_input(**changes) -> IncidentInput:
    """A complaint about the school trip on Facebook, with where it was and who reported it."""
    values = dict(
        posted_on=date(2026, 11, 1),
        platform="facebook",
        categories=("complaint",),
        summary="Complaint about the school trip posted in the Year 4 parents' group.",
        excerpt="This school never listens, the trip was a shambles.",
        location="Elm Grove Parents (Facebook group)",
        reported_by="Mrs Patel (class teacher)",
    )
    values.update(changes)
    return IncidentInput(**values)


def incident(services, **changes):
    """The same complaint saved, with no location or reporter (what the window tests show)."""
    return services.incidents.create(
        incident_input(**{"location": "", "reported_by": "", **changes}))


def person(services, name="Jo Bloggs", role="parent", **more):
    return services.people.create(PersonInput(full_name=name, role=role, **more))


def follow_up(services, incident_id: int, due: date):
    """An informal discussion with a follow-up due on ``due``."""
    taken = min(due, services.clock.today()) - timedelta(days=3)
    return services.escalation.record(
        incident_id,
        ActionInput(step="informal_discussion", taken_on=taken, taken_by="Mrs Shah",
                    outcome="Parent agreed to think about it", follow_up_due=due),
    )


def close(services, incident_id: int):
    """Closes the case (saying who and why, as a step that moves the stage must)."""
    return services.escalation.record(
        incident_id, ActionInput(step="close", taken_on=services.clock.today(),
                                 taken_by="Mrs Shah", outcome="Post taken down; resolved")
    )


def step(services, incident_id: int, key: str, taken_on: date | None = None, **more):
    """Records step ``key`` (today unless ``taken_on``), saying who took it and what came
    of it unless told otherwise, as a step that moves the stage must."""
    more.setdefault("taken_by", "Mrs Shah")
    more.setdefault("outcome", "Spoke to the parent")
    return services.escalation.record(
        incident_id, ActionInput(key, taken_on or services.clock.today(), **more))


def input_of(record) -> IncidentInput:
    """What the editor would submit for ``record`` unchanged (``replace`` it to edit)."""
    return IncidentInput(
        posted_on=record.posted_on, platform=record.platform, categories=record.categories,
        seen_on=record.seen_on, reported_by=record.reported_by, location=record.location,
        poster_id=record.poster.id if record.poster else None,
        named_person_ids=tuple(p.id for p in record.named_people), excerpt=record.excerpt,
        summary=record.summary, content_still_up=record.content_still_up,
        on_school_forum=record.on_school_forum, policy_edition=record.policy_edition,
        posted_at=record.posted_at, seen_at=record.seen_at,
        poster_account=record.poster_account)
