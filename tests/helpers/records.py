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
        ActionInput(step="informal_discussion", taken_on=taken, follow_up_due=due),
    )


def close(services, incident_id: int):
    return services.escalation.record(
        incident_id, ActionInput(step="close", taken_on=services.clock.today())
    )
